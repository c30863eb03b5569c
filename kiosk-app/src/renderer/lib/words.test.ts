import { describe, expect, it } from 'vitest';
import { estimateWords, peopleAheadWords, problemOfError, queueLineWords, waitWords } from './words.js';
import { clockDate, clockTime } from './format.js';

describe('words', () => {
  it('says how many wait and how long', () => {
    expect(queueLineWords(5, 12)).toEqual({ vi: 'Đang chờ: 5 · khoảng 12 phút', en: 'Waiting: 5 · about 12 min' });
    expect(queueLineWords(0, null).vi).toBe('Đang chờ: 0 · chưa có quầy mở');
    expect(peopleAheadWords(4).vi).toBe('Còn 4 người trước bạn');
    expect(peopleAheadWords(1).en).toBe('1 person ahead of you');
    expect(peopleAheadWords(0).vi).toBe('Không có ai trước bạn');
    expect(estimateWords(1).vi).toBe('dưới 1 phút');
    expect(waitWords(12).vi).toBe('Thời gian chờ khoảng 12 phút');
  });
  it('maps error codes to screens', () => {
    expect(problemOfError('RATE_LIMITED')).toBe('rateLimited');
    expect(problemOfError('SERVICE_CLOSED')).toBe('serviceClosed');
    expect(problemOfError('TIMEOUT')).toBe('offline');
    expect(problemOfError('INTERNAL')).toBe('failed');
  });
  it('formats the clock in the centre time zone', () => {
    const at = Date.UTC(2026, 2, 10, 2, 5); // 09:05 in Hà Nội, a Tuesday
    expect(clockTime(at, 'Asia/Ho_Chi_Minh')).toBe('09:05');
    expect(clockDate(at, 'Asia/Ho_Chi_Minh', 'vi')).toBe('Thứ Ba, 10/03/2026');
    expect(clockDate(at, 'Asia/Ho_Chi_Minh', 'en')).toBe('Tuesday, 10/03/2026');
  });
});

import { describe, expect, it } from 'vitest';
import { formatNumber, peopleAheadWords } from './labels.js';

describe('formatNumber', () => {
  it('writes numbers the Vietnamese way (and the English way)', () => {
    expect(formatNumber(1.9, 'vi')).toBe('1,9');
    expect(formatNumber(1.9, 'en')).toBe('1.9');
    expect(formatNumber(12, 'vi')).toBe('12');
    expect(formatNumber(1234.56, 'vi')).toBe('1.234,6');
    expect(formatNumber(1234.56, 'en')).toBe('1,234.6');
    expect(formatNumber(2.04, 'vi')).toBe('2');
    expect(formatNumber(-0.04, 'vi')).toBe('0');
    expect(formatNumber(1_000_000, 'vi')).toBe('1.000.000');
  });
});

describe('peopleAheadWords', () => {
  it('has one wording for nobody ahead and UX.md’s for the rest', () => {
    expect(peopleAheadWords(0).vi).toBe('Không có ai trước bạn');
    expect(peopleAheadWords(1)).toEqual({ vi: 'Còn 1 người trước bạn', en: '1 person ahead of you' });
    expect(peopleAheadWords(1200).vi).toBe('Còn 1.200 người trước bạn');
  });
});

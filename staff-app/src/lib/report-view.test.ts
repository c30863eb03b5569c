import { describe, expect, it } from 'vitest';
import { formatCount, formatMin, formatShare, groupLabel, parseCount, parseMin } from './report-view.js';
import { counter, service } from '../../test/fixtures.js';

const names = {
  services: [service('ho-tich', { nameVi: 'Hộ tịch – Chứng thực', nameEn: 'Civil status' })],
  counters: [counter('quay-1', []), counter('quay-7', [], { number: 7, name: 'Quầy tiếp nhận 7' })],
};

describe('report figures on the page', () => {
  it('labels groups in the chosen language', () => {
    expect(groupLabel('service', { key: 'ho-tich', label: 'Hộ tịch – Chứng thực' }, names, 'en')).toBe('Civil status');
    expect(groupLabel('service', { key: 'gone', label: 'Đã xoá' }, names, 'en')).toBe('Đã xoá');
    expect(groupLabel('service', { key: '', label: '(không rõ dịch vụ)' }, names, 'en')).toBe('(unknown service)');
    expect(groupLabel('counter', { key: 'quay-1', label: 'Quầy quay-1' }, names, 'vi')).toBe('Quầy 1 · Quầy quay-1');
    expect(groupLabel('counter', { key: 'quay-7', label: '' }, names, 'en')).toBe('Counter 7 · Quầy tiếp nhận 7');
    expect(groupLabel('counter', { key: '', label: '' }, names, 'vi')).toBe('(chưa gọi đến quầy)');
    expect(groupLabel('hour', { key: '8', label: '08:00–09:00' }, names, 'vi')).toBe('08:00–09:00');
    expect(groupLabel('officer', { key: 'u-canbo1', label: 'Nguyễn Thị Lan' }, names, 'en')).toBe('Nguyễn Thị Lan');
  });

  it('writes numbers the Vietnamese and the English way, and reads them back', () => {
    expect(formatCount(12345, 'vi')).toBe('12.345');
    expect(formatCount(12345, 'en')).toBe('12,345');
    expect(formatMin(12.25, 'vi')).toMatch(/^12,[23]$/);
    expect(formatMin(5, 'vi')).toBe('5,0');
    expect(formatMin(1234.5, 'en')).toBe('1,234.5');
    expect(formatMin(null, 'vi')).toBe('—');
    expect(formatShare(0.956, 'vi')).toBe('96 %');
    expect(formatShare(0.956, 'en')).toBe('96%');
    expect(formatShare(null, 'en')).toBe('—');
    expect(parseCount('12.345')).toBe(12345);
    expect(parseMin('1.234,5', 'vi')).toBe(1234.5);
    expect(parseMin('1,234.5', 'en')).toBe(1234.5);
    expect(parseMin('—', 'vi')).toBeNull();
  });
});

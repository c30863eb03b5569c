import { describe, expect, it } from 'vitest';
import { applyTone, initialKeyboard, pressKey, tonePosition, type KeyPress } from './vi-keyboard.js';

const type = (keys: (string | KeyPress)[]) =>
  keys.reduce((s, k) => pressKey(s, typeof k === 'string' ? (k === ' ' ? { type: 'space' } : { type: 'char', ch: k }) : k), initialKeyboard()).text;

describe('the tablet keyboard puts the tone where Vietnamese writes it', () => {
  it.each([
    ['hoa', 'sac', 'hóa'],
    ['toan', 'sac', 'toán'],
    ['cua', 'hoi', 'của'],
    ['mua', 'huyen', 'mùa'],
    ['quy', 'sac', 'quý'],
    ['gia', 'sac', 'giá'],
    ['gi', 'huyen', 'gì'],
    ['ngươi', 'huyen', 'người'],
    ['chơ', 'huyen', 'chờ'],
    ['Thai', 'sac', 'Thái'],
    ['đô', 'nang', 'độ'],
    ['tôt', 'sac', 'tốt'],
    ['lâu', 'none', 'lâu'],
  ] as const)('%s + %s → %s', (word, tone, expected) => {
    expect(applyTone(word, tone)).toBe(expected);
  });

  it('replaces a tone, removes it, and leaves a word without vowels alone', () => {
    expect(applyTone('hóa', 'huyen')).toBe('hòa');
    expect(applyTone('hóa', 'none')).toBe('hoa');
    expect(applyTone('xyz tr', 'sac')).toBe('xyz tr');
    expect(applyTone('chờ lâu', 'sac')).toBe('chờ lấu');
    expect(applyTone('tôt.', 'sac')).toBe('tốt.');
    expect(tonePosition('nguoi')).toBe(3);
  });

  it('types "Chờ quá lâu." by touch: a capital first, the marks from their keys', () => {
    const tone = (t: 'sac' | 'huyen'): KeyPress => ({ type: 'tone', tone: t });
    expect(type(['c', 'h', 'ơ', tone('huyen'), ' ', 'q', 'u', 'a', tone('sac'), ' ', 'l', 'â', 'u', '.'])).toBe('Chờ quá lâu.');
    expect(type(['a', { type: 'erase' }, 'b'])).toBe('B');
    expect(type([' ', 'a', ' ', ' ', 'b'])).toBe('A b');
  });
});

import { describe, expect, it } from 'vitest';
import { codeEntryReducer, initialCodeEntry, type CodeAction, type CodeEntry } from '@layso/shared';
import { keyAction, PAD_KEYS, padFocusAfter } from './entry.js';

function run(s: CodeEntry, ...actions: CodeAction[]): CodeEntry {
  return actions.reduce(codeEntryReducer, s);
}
const typed = (code: string): CodeAction[] => [...code].map((k) => keyAction(k)!);
const answer = (problem: 'wrongCode' | 'tooMany' | 'offline'): CodeAction => ({ type: 'answer', outcome: { kind: 'problem', problem } });

describe('display pairing: code entry', () => {
  it('sends the code on the sixth digit, once, and locks the pad meanwhile', () => {
    const six = run(initialCodeEntry, ...typed('12345'), ...typed('6'));
    expect(six).toMatchObject({ digits: '123456', sending: true, attempt: 1 });
    expect(run(six, ...typed('7'), keyAction('Backspace')!, keyAction('Escape')!, keyAction('Enter')!)).toBe(six);
  });

  it('a wrong code empties the boxes and says so until a new code is typed; offline keeps the digits', () => {
    const wrong = run(initialCodeEntry, ...typed('000000'), answer('wrongCode'));
    expect(wrong).toMatchObject({ digits: '', problem: 'wrongCode', sending: false });
    expect(run(wrong, ...typed('4'))).toMatchObject({ digits: '4', problem: null });
    expect(run(initialCodeEntry, ...typed('111111'), answer('tooMany'))).toMatchObject({ digits: '', problem: 'tooMany' });
    const away = run(initialCodeEntry, ...typed('222222'), answer('offline'));
    expect(away).toMatchObject({ digits: '222222', problem: 'offline' });
    expect(run(away, keyAction('Enter')!)).toMatchObject({ sending: true, attempt: 2 });
  });

  it('pairs and then ignores everything', () => {
    const paired = run(initialCodeEntry, ...typed('424242'), { type: 'answer', outcome: { kind: 'paired', deviceToken: 't', name: 'Màn hình sảnh' } });
    expect(paired).toMatchObject({ paired: true, sending: false });
    expect(run(paired, ...typed('1'), answer('wrongCode'))).toBe(paired);
  });

  it('erases, clears, and submits only six digits', () => {
    expect(run(initialCodeEntry, ...typed('123'), keyAction('Backspace')!)).toMatchObject({ digits: '12' });
    expect(run(initialCodeEntry, ...typed('123'), keyAction('Delete')!)).toMatchObject({ digits: '12' });
    expect(run(initialCodeEntry, ...typed('123'), keyAction('Escape')!)).toMatchObject({ digits: '' });
    expect(run(initialCodeEntry, ...typed('123'), keyAction('Enter')!)).toMatchObject({ sending: false, attempt: 0 });
    expect(run(initialCodeEntry, { type: 'digit', digit: 'x' })).toBe(initialCodeEntry);
  });
});

describe('display pairing: keys of a keyboard or a remote', () => {
  it('maps digits, Backspace, Escape and Enter; ignores the rest', () => {
    expect(keyAction('7')).toEqual({ type: 'digit', digit: '7' });
    expect(keyAction('Backspace')).toEqual({ type: 'erase' });
    expect(keyAction('Enter')).toEqual({ type: 'submit' });
    expect(keyAction('Escape')).toEqual({ type: 'clear' });
    for (const k of ['a', 'F5', 'Tab', 'ArrowUp', ' ', '10']) expect(keyAction(k)).toBeNull();
  });

  it('walks the 3×4 pad with the arrows, starting in the middle and stopping at the edges', () => {
    const at = (k: (typeof PAD_KEYS)[number]) => PAD_KEYS.indexOf(k);
    expect(padFocusAfter(null, 'ArrowDown')).toBe(at('5'));
    expect(padFocusAfter(at('5'), 'ArrowDown')).toBe(at('8'));
    expect(padFocusAfter(at('8'), 'ArrowDown')).toBe(at('0'));
    expect(padFocusAfter(at('0'), 'ArrowDown')).toBe(at('0'));
    expect(padFocusAfter(at('0'), 'ArrowRight')).toBe(at('pair'));
    expect(padFocusAfter(at('pair'), 'ArrowRight')).toBe(at('pair'));
    expect(padFocusAfter(at('1'), 'ArrowUp')).toBe(at('1'));
    expect(padFocusAfter(at('1'), 'ArrowLeft')).toBe(at('1'));
    expect(padFocusAfter(at('erase'), 'ArrowUp')).toBe(at('7'));
    expect(padFocusAfter(at('5'), 'Enter')).toBeNull();
  });
});

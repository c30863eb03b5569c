import { describe, expect, it } from 'vitest';
import { BROWSER_KEYS, CONSOLE_ACTIONS, KEY_OF, type KeyPress, actionForKey, isTextField } from './keymap.js';

const press = (code: string, over: Partial<KeyPress> = {}): KeyPress => ({
  code,
  repeat: false,
  ctrlKey: false,
  altKey: false,
  metaKey: false,
  shiftKey: false,
  inTextField: false,
  ...over,
});

describe('console keymap', () => {
  it('gives every action but closing its own key, in button order 1…9, 0', () => {
    const keys = CONSOLE_ACTIONS.map((a) => KEY_OF[a]).filter((k) => k !== null);
    expect(keys).toEqual(['1', '2', '3', '4', '5', '6', '7', '8', '9', '0']);
    expect(new Set(keys).size).toBe(keys.length);
    expect(KEY_OF.close).toBeNull();
  });

  it('binds no key a browser uses', () => {
    for (const a of CONSOLE_ACTIONS) {
      const k = KEY_OF[a];
      if (k === null) continue;
      expect(BROWSER_KEYS).not.toContain(k);
      expect(BROWSER_KEYS).not.toContain(`Digit${k}`);
    }
    for (const code of BROWSER_KEYS) expect(actionForKey(press(code))).toBeNull();
  });

  it('answers the top-row digit and the keypad digit alike', () => {
    expect(actionForKey(press('Digit1'))).toBe('callNext');
    expect(actionForKey(press('Numpad1'))).toBe('callNext');
    expect(actionForKey(press('Digit2'))).toBe('doneAndCallNext');
    expect(actionForKey(press('Numpad6'))).toBe('noShow');
    expect(actionForKey(press('Digit0'))).toBe('pauseResume');
    expect(actionForKey(press('KeyA'))).toBeNull();
  });

  it('leaves Ctrl/Alt/Meta/Shift + digit to the browser, ignores auto-repeat and typing', () => {
    expect(actionForKey(press('Digit1', { ctrlKey: true }))).toBeNull();
    expect(actionForKey(press('Digit1', { altKey: true }))).toBeNull();
    expect(actionForKey(press('Digit1', { metaKey: true }))).toBeNull();
    expect(actionForKey(press('Digit1', { shiftKey: true }))).toBeNull();
    expect(actionForKey(press('Digit1', { repeat: true }))).toBeNull();
    expect(actionForKey(press('Digit1', { inTextField: true }))).toBeNull();
  });

  it('knows which elements take typed text', () => {
    expect(isTextField({ tagName: 'INPUT', type: 'text' })).toBe(true);
    expect(isTextField({ tagName: 'input' })).toBe(true);
    expect(isTextField({ tagName: 'TEXTAREA' })).toBe(true);
    expect(isTextField({ tagName: 'DIV', isContentEditable: true })).toBe(true);
    expect(isTextField({ tagName: 'INPUT', type: 'radio' })).toBe(false);
    expect(isTextField({ tagName: 'BUTTON' })).toBe(false);
    expect(isTextField(null)).toBe(false);
  });
});

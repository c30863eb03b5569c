/**
 * The officer console's keyboard map: one key per action, printed on its button.
 *
 * Why digits and not F1–F8: browsers own most function keys (F1 help, F3 find, F5 reload, F6
 * address bar, F7 caret browsing, F10 menu, F11 full screen, F12 developer tools) and some cannot
 * be taken from them at all. Plain digits without modifiers mean nothing to any browser, sit both
 * on the top row of a laptop and on a numeric keypad (one hand, no looking), and are matched by
 * physical key (`code`), so a Vietnamese input method (Unikey/EVKey, Telex or VNI) does not get
 * in the way. Ctrl/Alt/Meta + digit (switch tab) is left to the browser.
 */

/** The console's actions, in the fixed order the buttons appear. */
export const CONSOLE_ACTIONS = [
  'callNext',
  'doneAndCallNext',
  'recall',
  'start',
  'done',
  'noShow',
  'transfer',
  'callNumber',
  'note',
  'pauseResume',
  'close',
] as const;
export type ConsoleAction = (typeof CONSOLE_ACTIONS)[number];

/** The key printed on each button; `null`: mouse only (closing the counter asks to confirm). */
export const KEY_OF: Record<ConsoleAction, string | null> = {
  callNext: '1',
  doneAndCallNext: '2',
  recall: '3',
  start: '4',
  done: '5',
  noShow: '6',
  transfer: '7',
  callNumber: '8',
  note: '9',
  pauseResume: '0',
  close: null,
};

/** Keys a browser or the operating system uses: never bind these. */
export const BROWSER_KEYS: readonly string[] = [
  'F1', 'F2', 'F3', 'F4', 'F5', 'F6', 'F7', 'F8', 'F9', 'F10', 'F11', 'F12',
  'Tab', 'Escape', 'Backspace', 'Space', 'Enter', 'ArrowUp', 'ArrowDown', 'ArrowLeft', 'ArrowRight',
  'PageUp', 'PageDown', 'Home', 'End', 'ContextMenu',
];

/** The parts of a KeyboardEvent the map looks at (so it runs without a DOM). */
export interface KeyPress {
  code: string;
  repeat: boolean;
  ctrlKey: boolean;
  altKey: boolean;
  metaKey: boolean;
  shiftKey: boolean;
  /** The focus is in a text field (input, textarea, select, contenteditable). */
  inTextField: boolean;
}

const BY_CODE: ReadonlyMap<string, ConsoleAction> = new Map(
  CONSOLE_ACTIONS.flatMap((a): [string, ConsoleAction][] => {
    const k = KEY_OF[a];
    return k === null ? [] : [[`Digit${k}`, a], [`Numpad${k}`, a]];
  }),
);

/**
 * The action a key press asks for, or null. A held key (auto-repeat) does not act again, and
 * typing in a field (a note, a number to call) never triggers an action.
 */
export function actionForKey(k: KeyPress): ConsoleAction | null {
  if (k.repeat || k.inTextField) return null;
  if (k.ctrlKey || k.altKey || k.metaKey || k.shiftKey) return null;
  return BY_CODE.get(k.code) ?? null;
}

/** Whether an element takes typed text (so digits belong to it, not to the shortcuts). */
export function isTextField(el: { tagName?: string; isContentEditable?: boolean; type?: string } | null): boolean {
  if (!el) return false;
  if (el.isContentEditable) return true;
  const tag = (el.tagName ?? '').toUpperCase();
  if (tag === 'TEXTAREA' || tag === 'SELECT') return true;
  if (tag !== 'INPUT') return false;
  const type = (el.type ?? 'text').toLowerCase();
  return !['button', 'submit', 'reset', 'checkbox', 'radio', 'range', 'color', 'file'].includes(type);
}

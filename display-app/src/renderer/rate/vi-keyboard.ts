// The rating tablet's on-screen Vietnamese keyboard, as pure functions. Letters with their own
// marks (ă â đ ê ô ơ ư) are keys of their own; the five tones are a row of keys that put the
// tone on the right vowel of the word being typed (as Telex and VNI do after the word), so a
// citizen types "hoa" then "sắc" and gets "hóa", or "nguoi", "ư", … without knowing any rule.
// Pure: no DOM.

export type Tone = 'sac' | 'huyen' | 'hoi' | 'nga' | 'nang' | 'none';

/** The combining mark of each tone (NFD). */
const TONE_MARK: Record<Exclude<Tone, 'none'>, string> = {
  sac: '\u0301',
  huyen: '\u0300',
  hoi: '\u0309',
  nga: '\u0303',
  nang: '\u0323',
};
const ANY_TONE = /[\u0300\u0301\u0303\u0309\u0323]/gu;

/** The tone keys, each shown on an "a" with its Vietnamese name. */
export const TONE_KEYS: { tone: Tone; face: string; vi: string; en: string }[] = [
  { tone: 'sac', face: 'á', vi: 'Dấu sắc', en: 'Acute' },
  { tone: 'huyen', face: 'à', vi: 'Dấu huyền', en: 'Grave' },
  { tone: 'hoi', face: 'ả', vi: 'Dấu hỏi', en: 'Hook' },
  { tone: 'nga', face: 'ã', vi: 'Dấu ngã', en: 'Tilde' },
  { tone: 'nang', face: 'ạ', vi: 'Dấu nặng', en: 'Dot below' },
  { tone: 'none', face: 'a', vi: 'Bỏ dấu', en: 'No tone' },
];

/** The letter rows: the Latin letters in keyboard order, then the Vietnamese ones. */
export const LETTER_ROWS: string[][] = [
  ['q', 'w', 'e', 'r', 't', 'y', 'u', 'i', 'o', 'p'],
  ['a', 's', 'd', 'f', 'g', 'h', 'j', 'k', 'l', 'đ'],
  ['z', 'x', 'c', 'v', 'b', 'n', 'm', ',', '.', '?'],
  ['ă', 'â', 'ê', 'ô', 'ơ', 'ư'],
];

const VOWELS = new Set([...'aăâeêioôơuưy']);
const MARKED = new Set([...'ăâêôơư']);

/** The letter without its tone (ế → ê, Ạ → A); other characters as they are. */
export function withoutTone(ch: string): string {
  return ch.normalize('NFD').replace(ANY_TONE, '').normalize('NFC');
}

function isVowel(ch: string): boolean {
  return VOWELS.has(withoutTone(ch).toLowerCase());
}

/**
 * Which letter of a word carries the tone: a vowel with its own mark (the last: ươ → ơ); else a
 * lone vowel; else the last vowel when a consonant ends the word (toán, hoàng); else the middle of
 * three (người → ươi has ơ) or the first of two (hóa, của, mùa). "qu" and "gi" before a vowel are
 * consonants. -1: no vowel.
 */
export function tonePosition(word: string): number {
  const chars = [...word].map((c) => withoutTone(c).toLowerCase());
  let start = 0;
  if ((chars[0] === 'q' && chars[1] === 'u') || (chars[0] === 'g' && chars[1] === 'i' && chars.length > 2 && isVowel(chars[2] ?? ''))) start = 2;
  // The nucleus: the last run of vowels.
  let end = -1;
  for (let i = chars.length - 1; i >= start; i--) {
    if (VOWELS.has(chars[i] ?? '')) {
      end = i;
      break;
    }
  }
  if (end < 0) {
    // "gi" alone (gì) or "qu" alone: the i or u is the vowel after all.
    return start === 2 && VOWELS.has(chars[1] ?? '') ? 1 : -1;
  }
  let begin = end;
  while (begin - 1 >= start && VOWELS.has(chars[begin - 1] ?? '')) begin--;
  const run = chars.slice(begin, end + 1);
  for (let i = run.length - 1; i >= 0; i--) if (MARKED.has(run[i] ?? '')) return begin + i;
  if (run.length === 1) return begin;
  if (end < chars.length - 1) return end;
  return run.length >= 3 ? begin + 1 : begin;
}

/** Put `tone` on the last word of `text` (replacing the tone it had); unchanged without a vowel. */
export function applyTone(text: string, tone: Tone): string {
  const cut = Math.max(text.lastIndexOf(' '), text.lastIndexOf('\n')) + 1;
  const head = text.slice(0, cut);
  // Punctuation typed after the word stays after it.
  const match = /^(.*?)([,.?!]*)$/u.exec(text.slice(cut));
  const word = match?.[1] ?? '';
  const tail = match?.[2] ?? '';
  const at = tonePosition(word);
  if (at < 0) return text;
  const chars = [...word].map(withoutTone);
  if (tone !== 'none') chars[at] = ((chars[at] ?? '').normalize('NFD') + TONE_MARK[tone]).normalize('NFC');
  return head + chars.join('') + tail;
}

/** What a key press does to the text: a letter, a space, an erase, or a tone. */
export type KeyPress = { type: 'char'; ch: string } | { type: 'space' } | { type: 'erase' } | { type: 'tone'; tone: Tone } | { type: 'shift' };

/** The free text's longest length (the server keeps 500 characters). */
export const COMMENT_MAX = 500;

export interface KeyboardState {
  text: string;
  /** The next letter is a capital (once), as at the start of the text. */
  shift: boolean;
}

export function initialKeyboard(text = ''): KeyboardState {
  return { text, shift: text.trim() === '' };
}

export function pressKey(s: KeyboardState, k: KeyPress): KeyboardState {
  switch (k.type) {
    case 'char': {
      if ([...s.text].length >= COMMENT_MAX) return s;
      const ch = s.shift ? k.ch.toUpperCase() : k.ch;
      const text = s.text + ch;
      // After a full stop or a question mark, the next word starts with a capital.
      return { text, shift: k.ch === '.' || k.ch === '?' };
    }
    case 'space':
      if (s.text === '' || s.text.endsWith(' ') || [...s.text].length >= COMMENT_MAX) return s;
      return { ...s, text: s.text + ' ' };
    case 'erase': {
      const chars = [...s.text];
      chars.pop();
      const text = chars.join('');
      return { text, shift: text.trim() === '' };
    }
    case 'tone':
      return { ...s, text: applyTone(s.text, k.tone) };
    case 'shift':
      return { ...s, shift: !s.shift };
  }
}

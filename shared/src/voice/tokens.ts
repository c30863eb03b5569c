// The vocabulary of the Vietnamese voice pack: one recorded clip per token. The default pack
// (scripts/voice-pack.mjs) and a centre's own recordings both cover exactly this list.

import { NUMBER_WORDS_VI } from './number-words.js';

/** The clip that opens a call: "mời số" (calling number …). */
export const CALL_OPENING_VI = 'mời số';

/** The clip between the ticket number and the counter number: "đến quầy số" (to counter …). */
export const CALL_TO_COUNTER_VI = 'đến quầy số';

/**
 * How a ticket prefix letter is read aloud: its name in the Vietnamese alphabet as taught in
 * school (B "bê", L "e-lờ", Y "i dài"), and F, J, W, Z, which Vietnamese lacks, by their common
 * loan names. Each name is one clip, even when it has two syllables.
 */
export const LETTER_NAMES_VI = {
  A: 'a',
  B: 'bê',
  C: 'xê',
  D: 'dê',
  Đ: 'đê',
  E: 'e',
  F: 'ép',
  G: 'giê',
  H: 'hát',
  I: 'i',
  J: 'gi',
  K: 'ca',
  L: 'e-lờ',
  M: 'em-mờ',
  N: 'en-nờ',
  O: 'o',
  P: 'pê',
  Q: 'quy',
  R: 'e-rờ',
  S: 'ét-sì',
  T: 'tê',
  U: 'u',
  V: 'vê',
  W: 'vê kép',
  X: 'ích-xì',
  Y: 'i dài',
  Z: 'dét',
} as const;

/** A letter that may appear in a ticket prefix. */
export type PrefixLetter = keyof typeof LETTER_NAMES_VI;

/** The spoken name of a prefix letter, one clip. */
export type LetterNameVi = (typeof LETTER_NAMES_VI)[PrefixLetter];

const LETTER_TOKENS = Object.values(LETTER_NAMES_VI) as LetterNameVi[];

/**
 * Every clip a Vietnamese voice pack must hold: the call phrases, "quầy" and "số" on their own
 * (for shorter announcements), every number word and every letter name.
 */
export const VOICE_TOKENS_VI: readonly VoiceTokenVi[] = [
  CALL_OPENING_VI,
  CALL_TO_COUNTER_VI,
  'quầy',
  'số',
  ...NUMBER_WORDS_VI,
  ...LETTER_TOKENS,
];

/** One clip of the Vietnamese voice pack. */
export type VoiceTokenVi =
  | typeof CALL_OPENING_VI
  | typeof CALL_TO_COUNTER_VI
  | 'quầy'
  | 'số'
  | (typeof NUMBER_WORDS_VI)[number]
  | LetterNameVi;

const TONE_LETTERS: Readonly<Record<string, string>> = {
  '\u0301': 's', // sắc
  '\u0300': 'f', // huyền
  '\u0309': 'r', // hỏi
  '\u0303': 'x', // ngã
  '\u0323': 'j', // nặng
};

/**
 * The ASCII file name stem of a token's clip, spelled in Telex, the usual way Vietnamese is
 * typed on a plain keyboard: â ê ô double the vowel, ă ơ ư add "w", đ is "dd", and the tone is
 * one letter at the end of its syllable (s sắc, f huyền, r hỏi, x ngã, j nặng); syllables are
 * joined by "-". So "một" is "mootj", "mốt" is "moots", "mời số" is "mowif-soos". Unlike
 * stripping diacritics, this keeps every token of the pack apart.
 */
export function voiceClipSlug(token: string): string {
  let out = '';
  let tone = '';
  let lastBase = '';
  const endSyllable = (): void => {
    out += tone;
    tone = '';
  };
  for (const ch of token.toLowerCase().normalize('NFD')) {
    const toneLetter = TONE_LETTERS[ch];
    if (toneLetter !== undefined) {
      tone = toneLetter;
    } else if (ch === '\u0302') {
      // Circumflex: canonical order may put a dot below first, so repeat the last letter seen.
      out += lastBase;
    } else if (ch === '\u0306' || ch === '\u031B') {
      out += 'w'; // breve (ă) and horn (ơ, ư)
    } else if (ch === 'đ') {
      out += 'dd';
      lastBase = 'd';
    } else if (/^[a-z0-9]$/.test(ch)) {
      out += ch;
      lastBase = ch;
    } else if (ch === ' ' || ch === '-') {
      endSyllable();
      out += '-';
    } else {
      throw new RangeError(`cannot spell ${JSON.stringify(token)} in ASCII: ${JSON.stringify(ch)}`);
    }
  }
  endSyllable();
  return out;
}

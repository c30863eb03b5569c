// The phrase a display speaks when a ticket is called.
//
// A prefixed ticket number ("A023") is read as the letter's Vietnamese name followed by the
// digits as one number: "a hai mươi ba", not digit by digit. Leading zeros are only padding on
// the printed ticket, and a number read as a number is what people expect to hear
// ("AB105" → "a bê một trăm linh năm").

import { numberTokensVi } from './number-words.js';
import {
  CALL_OPENING_VI,
  CALL_TO_COUNTER_VI,
  LETTER_NAMES_VI,
  type PrefixLetter,
  type VoiceTokenVi,
} from './tokens.js';

const DISPLAY_NUMBER = /^(\p{L}*)(\d+)$/u;

function isPrefixLetter(letter: string): letter is PrefixLetter {
  return Object.hasOwn(LETTER_NAMES_VI, letter);
}

/**
 * The tokens of a ticket's display number: letter names for its prefix, then its digits read
 * as one number. Throws a RangeError for anything but letters followed by at most 7 digits.
 */
export function displayNumberTokensVi(displayNumber: string): VoiceTokenVi[] {
  const match = DISPLAY_NUMBER.exec(displayNumber.trim());
  const letters = match?.[1];
  const digits = match?.[2];
  if (letters === undefined || digits === undefined) {
    throw new RangeError(`cannot read ticket number ${JSON.stringify(displayNumber)} aloud`);
  }
  const tokens: VoiceTokenVi[] = [];
  for (const letter of letters.toUpperCase()) {
    if (!isPrefixLetter(letter)) {
      throw new RangeError(`no Vietnamese name for prefix letter ${JSON.stringify(letter)}`);
    }
    tokens.push(LETTER_NAMES_VI[letter]);
  }
  tokens.push(...numberTokensVi(Number(digits)));
  return tokens;
}

/**
 * The Vietnamese call as voice-pack clips, one per token:
 * `callTokensVi("1023", 5)` is `["mời số", "một", "nghìn", "không", "trăm", "hai", "mươi", "ba",
 * "đến quầy số", "năm"]`. Throws a RangeError for an unreadable number.
 */
export function callTokensVi(displayNumber: string, counterNumber: number): VoiceTokenVi[] {
  return [
    CALL_OPENING_VI,
    ...displayNumberTokensVi(displayNumber),
    CALL_TO_COUNTER_VI,
    ...numberTokensVi(counterNumber),
  ];
}

/**
 * The Vietnamese call as one sentence, for speech synthesis and captions:
 * `callPhraseVi("1023", 5)` is "Mời số một nghìn không trăm hai mươi ba đến quầy số năm".
 * Exactly the clips of `callTokensVi` joined by spaces, capitalised.
 */
export function callPhraseVi(displayNumber: string, counterNumber: number): string {
  const sentence = callTokensVi(displayNumber, counterNumber).join(' ');
  return sentence.charAt(0).toUpperCase() + sentence.slice(1);
}

/**
 * The English call: `callPhraseEn("A023", 5)` is "Number A023 to counter 5". The number is left
 * as printed; an English voice reads it well enough. Throws a RangeError for the same inputs as
 * the Vietnamese call, so both languages accept the same tickets.
 */
export function callPhraseEn(displayNumber: string, counterNumber: number): string {
  displayNumberTokensVi(displayNumber);
  numberTokensVi(counterNumber);
  return `Number ${displayNumber.trim()} to counter ${counterNumber}`;
}

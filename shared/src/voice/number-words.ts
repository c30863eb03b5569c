// Vietnamese cardinal numbers as spoken when calling a ticket.
//
// Zero groups: an all-zero group below the highest is skipped entirely (1 000 500 → "một triệu
// năm trăm"), but a non-zero group after a higher group is always read with its hundreds, so
// a zero hundreds digit becomes "không trăm" (1 023 → "một nghìn không trăm hai mươi ba",
// 1 001 000 → "một triệu không trăm linh một nghìn"), the way amounts are read out at a bank.

/** The largest number `readNumberVi` reads: the voice pack has no word above "triệu". */
export const MAX_SPOKEN_NUMBER = 9_999_999;

const DIGITS = ['không', 'một', 'hai', 'ba', 'bốn', 'năm', 'sáu', 'bảy', 'tám', 'chín'] as const;

/**
 * Every word `numberTokensVi` can produce, in digit order then scale order. The voice pack
 * records one clip per entry.
 */
export const NUMBER_WORDS_VI = [
  ...DIGITS,
  'mốt',
  'tư',
  'lăm',
  'linh',
  'mười',
  'mươi',
  'trăm',
  'nghìn',
  'triệu',
] as const;

/** One word of a spoken Vietnamese number. */
export type NumberWordVi = (typeof NUMBER_WORDS_VI)[number];

function digit(d: number): NumberWordVi {
  const word = DIGITS[d];
  if (word === undefined) throw new RangeError(`not a digit: ${d}`);
  return word;
}

/** The units digit after a tens digit: 1, 4 and 5 change their sound there. */
function unitAfterTens(tens: number, unit: number): NumberWordVi {
  if (unit === 1 && tens >= 2) return 'mốt';
  if (unit === 4 && tens >= 2) return 'tư';
  if (unit === 5 && tens >= 1) return 'lăm';
  return digit(unit);
}

/**
 * A group of three digits (0..999). `withHundreds` forces the hundreds to be read even when
 * that digit is zero, which is how a group following a higher group is spoken.
 */
function groupTokens(group: number, withHundreds: boolean): NumberWordVi[] {
  const hundreds = Math.floor(group / 100);
  const tens = Math.floor(group / 10) % 10;
  const unit = group % 10;
  const words: NumberWordVi[] = [];
  const hasHundreds = hundreds > 0 || withHundreds;
  if (hasHundreds) words.push(digit(hundreds), 'trăm');
  if (tens === 0) {
    if (unit > 0) {
      if (hasHundreds) words.push('linh');
      words.push(digit(unit));
    }
  } else {
    words.push(tens === 1 ? 'mười' : digit(tens));
    if (tens >= 2) words.push('mươi');
    if (unit > 0) words.push(unitAfterTens(tens, unit));
  }
  return words;
}

const SCALES = [
  { size: 1_000_000, word: 'triệu' },
  { size: 1_000, word: 'nghìn' },
  { size: 1, word: null },
] as const;

/**
 * The Vietnamese reading of an integer 0..9,999,999 as word tokens, one per voice clip:
 * `numberTokensVi(1023)` is `["một", "nghìn", "không", "trăm", "hai", "mươi", "ba"]`.
 * Throws a RangeError for anything else.
 */
export function numberTokensVi(n: number): NumberWordVi[] {
  if (!Number.isInteger(n) || n < 0 || n > MAX_SPOKEN_NUMBER) {
    throw new RangeError(`cannot read ${n} aloud: expected an integer 0..${MAX_SPOKEN_NUMBER}`);
  }
  if (n === 0) return ['không'];
  const words: NumberWordVi[] = [];
  let rest = n;
  for (const scale of SCALES) {
    const group = Math.floor(rest / scale.size);
    rest %= scale.size;
    if (group === 0) continue;
    words.push(...groupTokens(group, words.length > 0));
    if (scale.word !== null) words.push(scale.word);
  }
  return words;
}

/**
 * The Vietnamese reading of an integer 0..9,999,999: lower case, full diacritics, single
 * spaces (`readNumberVi(21)` is "hai mươi mốt"). Throws a RangeError for anything else.
 */
export function readNumberVi(n: number): string {
  return numberTokensVi(n).join(' ');
}

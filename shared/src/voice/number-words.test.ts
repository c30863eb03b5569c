import { describe, expect, it } from 'vitest';
import {
  MAX_SPOKEN_NUMBER,
  NUMBER_WORDS_VI,
  numberTokensVi,
  readNumberVi,
} from './number-words.js';

// Hand-checked readings, as a clerk would call them.
const READINGS: ReadonlyArray<readonly [number, string]> = [
  [0, 'không'],
  [1, 'một'],
  [2, 'hai'],
  [3, 'ba'],
  [4, 'bốn'],
  [5, 'năm'],
  [6, 'sáu'],
  [7, 'bảy'],
  [8, 'tám'],
  [9, 'chín'],
  [10, 'mười'],
  [11, 'mười một'],
  [14, 'mười bốn'],
  [15, 'mười lăm'],
  [19, 'mười chín'],
  [20, 'hai mươi'],
  [21, 'hai mươi mốt'],
  [24, 'hai mươi tư'],
  [25, 'hai mươi lăm'],
  [30, 'ba mươi'],
  [31, 'ba mươi mốt'],
  [44, 'bốn mươi tư'],
  [55, 'năm mươi lăm'],
  [71, 'bảy mươi mốt'],
  [99, 'chín mươi chín'],
  [100, 'một trăm'],
  [101, 'một trăm linh một'],
  [104, 'một trăm linh bốn'],
  [105, 'một trăm linh năm'],
  [110, 'một trăm mười'],
  [111, 'một trăm mười một'],
  [114, 'một trăm mười bốn'],
  [115, 'một trăm mười lăm'],
  [121, 'một trăm hai mươi mốt'],
  [124, 'một trăm hai mươi tư'],
  [125, 'một trăm hai mươi lăm'],
  [200, 'hai trăm'],
  [305, 'ba trăm linh năm'],
  [450, 'bốn trăm năm mươi'],
  [999, 'chín trăm chín mươi chín'],
  [1000, 'một nghìn'],
  [1001, 'một nghìn không trăm linh một'],
  [1005, 'một nghìn không trăm linh năm'],
  [1010, 'một nghìn không trăm mười'],
  [1015, 'một nghìn không trăm mười lăm'],
  [1021, 'một nghìn không trăm hai mươi mốt'],
  [1023, 'một nghìn không trăm hai mươi ba'],
  [1024, 'một nghìn không trăm hai mươi tư'],
  [1100, 'một nghìn một trăm'],
  [1105, 'một nghìn một trăm linh năm'],
  [1999, 'một nghìn chín trăm chín mươi chín'],
  [2000, 'hai nghìn'],
  [2005, 'hai nghìn không trăm linh năm'],
  [5555, 'năm nghìn năm trăm năm mươi lăm'],
  [10000, 'mười nghìn'],
  [10001, 'mười nghìn không trăm linh một'],
  [10500, 'mười nghìn năm trăm'],
  [11000, 'mười một nghìn'],
  [12345, 'mười hai nghìn ba trăm bốn mươi lăm'],
  [15000, 'mười lăm nghìn'],
  [21000, 'hai mươi mốt nghìn'],
  [24024, 'hai mươi tư nghìn không trăm hai mươi tư'],
  [100000, 'một trăm nghìn'],
  [100005, 'một trăm nghìn không trăm linh năm'],
  [101000, 'một trăm linh một nghìn'],
  [250000, 'hai trăm năm mươi nghìn'],
  [999999, 'chín trăm chín mươi chín nghìn chín trăm chín mươi chín'],
  [1000000, 'một triệu'],
  [1000001, 'một triệu không trăm linh một'],
  [1000023, 'một triệu không trăm hai mươi ba'],
  [1000500, 'một triệu năm trăm'],
  [1001000, 'một triệu không trăm linh một nghìn'],
  [1010101, 'một triệu không trăm mười nghìn một trăm linh một'],
  [1500000, 'một triệu năm trăm nghìn'],
  [2024000, 'hai triệu không trăm hai mươi tư nghìn'],
  [5000005, 'năm triệu không trăm linh năm'],
  [7654321, 'bảy triệu sáu trăm năm mươi tư nghìn ba trăm hai mươi mốt'],
  [9999999, 'chín triệu chín trăm chín mươi chín nghìn chín trăm chín mươi chín'],
];

describe('readNumberVi', () => {
  it.each(READINGS)('reads %i as "%s"', (n, words) => {
    expect(readNumberVi(n)).toBe(words);
  });

  it('covers at least 60 hand-checked numbers', () => {
    expect(new Set(READINGS.map(([n]) => n)).size).toBeGreaterThanOrEqual(60);
  });

  it.each([-1, MAX_SPOKEN_NUMBER + 1, 1.5, Number.NaN, Number.POSITIVE_INFINITY])(
    'throws a RangeError for %d',
    (n) => {
      expect(() => readNumberVi(n)).toThrow(RangeError);
      expect(() => numberTokensVi(n)).toThrow(RangeError);
    },
  );

  it('uses nghìn, never ngàn, and single spaces', () => {
    const odd: string[] = [];
    for (let n = 0; n <= 30_000; n += 7) {
      const words = readNumberVi(n);
      if (/ngàn|\s{2}|^\s|\s$/.test(words)) odd.push(words);
    }
    expect(odd).toEqual([]);
  });
});

describe('numberTokensVi', () => {
  it('splits 1023 into one token per clip', () => {
    expect(numberTokensVi(1023)).toEqual(['một', 'nghìn', 'không', 'trăm', 'hai', 'mươi', 'ba']);
  });

  it.each(READINGS)('joins %i back into its reading', (n, words) => {
    expect(numberTokensVi(n).join(' ')).toBe(words);
  });

  it('only ever produces words of NUMBER_WORDS_VI, and all of them', () => {
    const known = new Set<string>(NUMBER_WORDS_VI);
    const seen = new Set<string>();
    const sample = [...Array.from({ length: 2001 }, (_, i) => i), ...READINGS.map(([n]) => n)];
    for (let n = 0; n <= MAX_SPOKEN_NUMBER; n += 9_973) sample.push(n);
    for (const n of sample) {
      for (const token of numberTokensVi(n)) seen.add(token);
    }
    expect([...seen].sort()).toEqual([...known].sort());
  });
});

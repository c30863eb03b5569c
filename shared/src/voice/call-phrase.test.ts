import { describe, expect, it } from 'vitest';
import {
  callPhraseEn,
  callPhraseVi,
  callTokensVi,
  displayNumberTokensVi,
  LETTER_NAMES_VI,
  VOICE_TOKENS_VI,
  voiceClipSlug,
} from './index.js';

describe('callPhraseVi', () => {
  it.each([
    ['1023', 5, 'Mời số một nghìn không trăm hai mươi ba đến quầy số năm'],
    ['1', 1, 'Mời số một đến quầy số một'],
    ['21', 21, 'Mời số hai mươi mốt đến quầy số hai mươi mốt'],
    ['0105', 14, 'Mời số một trăm linh năm đến quầy số mười bốn'],
    ['A023', 5, 'Mời số a hai mươi ba đến quầy số năm'],
    ['A001', 2, 'Mời số a một đến quầy số hai'],
    ['B115', 3, 'Mời số bê một trăm mười lăm đến quầy số ba'],
    ['L024', 4, 'Mời số e-lờ hai mươi tư đến quầy số bốn'],
    ['Y100', 10, 'Mời số i dài một trăm đến quầy số mười'],
    ['AB105', 12, 'Mời số a bê một trăm linh năm đến quầy số mười hai'],
    ['W7', 25, 'Mời số vê kép bảy đến quầy số hai mươi lăm'],
    ['Đ5', 1, 'Mời số đê năm đến quầy số một'],
    ['c000', 6, 'Mời số xê không đến quầy số sáu'],
  ] as const)('calls %s to counter %i as "%s"', (displayNumber, counter, phrase) => {
    expect(callPhraseVi(displayNumber, counter)).toBe(phrase);
  });

  it('is the clips of callTokensVi joined by spaces, capitalised', () => {
    for (const [displayNumber, counter] of [
      ['1023', 5],
      ['A023', 11],
      ['XY9999999', 9999999],
    ] as const) {
      const joined = callTokensVi(displayNumber, counter).join(' ');
      const capitalised = joined.charAt(0).toUpperCase() + joined.slice(1);
      expect(callPhraseVi(displayNumber, counter)).toBe(capitalised);
    }
  });

  it.each(['', 'A', '12A', 'A-12', '1.5', '-3', 'Ă12', '12345678', 'A 1'])(
    'throws a RangeError for the ticket number %j',
    (displayNumber) => {
      expect(() => callPhraseVi(displayNumber, 1)).toThrow(RangeError);
      expect(() => callPhraseEn(displayNumber, 1)).toThrow(RangeError);
    },
  );

  it.each([0.5, -1, 10_000_000])('throws a RangeError for the counter %d', (counter) => {
    expect(() => callPhraseVi('A001', counter)).toThrow(RangeError);
    expect(() => callPhraseEn('A001', counter)).toThrow(RangeError);
  });
});

describe('callTokensVi', () => {
  it('keeps the call phrases as single clips', () => {
    expect(callTokensVi('1023', 5)).toEqual([
      'mời số',
      'một',
      'nghìn',
      'không',
      'trăm',
      'hai',
      'mươi',
      'ba',
      'đến quầy số',
      'năm',
    ]);
    expect(callTokensVi('A023', 15)).toEqual([
      'mời số',
      'a',
      'hai',
      'mươi',
      'ba',
      'đến quầy số',
      'mười',
      'lăm',
    ]);
  });

  it('only uses clips of VOICE_TOKENS_VI', () => {
    const pack = new Set<string>(VOICE_TOKENS_VI);
    const numbers = [
      ...Array.from({ length: 2001 }, (_, i) => String(i)),
      '10001',
      '10500',
      '12345',
      '100005',
      '999999',
      '1000001',
      '1001000',
      '2024000',
      '9999999',
      ...Object.keys(LETTER_NAMES_VI).map((letter) => `${letter}024`),
    ];
    const missing = new Set<string>();
    for (const displayNumber of numbers) {
      const counter = Number(displayNumber.replace(/\D/g, '')) % 100;
      for (const token of callTokensVi(displayNumber, counter)) {
        if (!pack.has(token)) missing.add(token);
      }
    }
    expect([...missing]).toEqual([]);
  });
});

describe('displayNumberTokensVi', () => {
  it('names every prefix letter with one clip', () => {
    for (const [letter, name] of Object.entries(LETTER_NAMES_VI)) {
      expect(displayNumberTokensVi(`${letter}1`)).toEqual([name, 'một']);
    }
  });
});

describe('callPhraseEn', () => {
  it.each([
    ['1023', 5, 'Number 1023 to counter 5'],
    ['A023', 12, 'Number A023 to counter 12'],
  ] as const)('calls %s to counter %i as "%s"', (displayNumber, counter, phrase) => {
    expect(callPhraseEn(displayNumber, counter)).toBe(phrase);
  });
});

describe('VOICE_TOKENS_VI', () => {
  it('lists each clip once', () => {
    expect(new Set(VOICE_TOKENS_VI).size).toBe(VOICE_TOKENS_VI.length);
  });

  it('gives each clip its own ASCII file name', () => {
    const slugs = VOICE_TOKENS_VI.map(voiceClipSlug);
    expect(new Set(slugs).size).toBe(slugs.length);
    for (const slug of slugs) expect(slug).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
  });
});

describe('voiceClipSlug', () => {
  it.each([
    ['mời số', 'mowif-soos'],
    ['đến quầy số', 'ddeens-quaayf-soos'],
    ['một', 'mootj'],
    ['mốt', 'moots'],
    ['mười', 'muwowif'],
    ['mươi', 'muwowi'],
    ['tư', 'tuw'],
    ['năm', 'nawm'],
    ['lăm', 'lawm'],
    ['bảy', 'bayr'],
    ['nghìn', 'nghinf'],
    ['triệu', 'trieeuj'],
    ['e-lờ', 'e-lowf'],
    ['i dài', 'i-daif'],
    ['dê', 'dee'],
    ['đê', 'ddee'],
  ])('spells %s as %s', (token, slug) => {
    expect(voiceClipSlug(token)).toBe(slug);
  });
});

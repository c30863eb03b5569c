import { existsSync, readFileSync } from 'node:fs';
import { LETTER_NAMES_VI } from '@layso/shared';
import { describe, expect, it } from 'vitest';
import { allClips, announcementClips, callClips, MissingClipError, parseManifest } from './clips.js';

const voiceDir = new URL('../../../public/voice/', import.meta.url);
const manifest = parseManifest(JSON.parse(readFileSync(new URL('vi/manifest.json', voiceDir), 'utf8')));

describe('announcementClips', () => {
  it('plays the chime, then "mời số", the number, "đến quầy số" and the counter', () => {
    expect(announcementClips('1023', 5, manifest)).toEqual([
      'chime.wav',
      'vi/mowif-soos.wav',
      'vi/mootj.wav',
      'vi/nghinf.wav',
      'vi/khoong.wav',
      'vi/trawm.wav',
      'vi/hai.wav',
      'vi/muwowi.wav',
      'vi/ba.wav',
      'vi/ddeens-quaayf-soos.wav',
      'vi/nawm.wav',
    ]);
  });

  it('maps every token of every call to a file that the default pack ships', () => {
    const numbers = [
      ...Array.from({ length: 7000 }, (_, i) => String(i)),
      '9999999',
      '1000001',
      ...Object.keys(LETTER_NAMES_VI).map((letter) => `${letter}024`),
      'AB105',
    ];
    const used = new Set<string>();
    for (const [i, displayNumber] of numbers.entries()) {
      for (const clip of announcementClips(displayNumber, (i % 120) + 1, manifest)) used.add(clip);
    }
    expect([...used].filter((clip) => !existsSync(new URL(clip, voiceDir)))).toEqual([]);
  });

  it('names every token a pack lacks', () => {
    const partial = { ...manifest };
    delete (partial as Record<string, string>)['nghìn'];
    delete (partial as Record<string, string>)['lăm'];
    expect(() => callClips('1015', 5, partial)).toThrow(MissingClipError);
    try {
      callClips('1015', 15, partial);
    } catch (e) {
      expect((e as MissingClipError).tokens).toEqual(['nghìn', 'lăm']);
    }
  });

  it('throws a RangeError for a number that cannot be read aloud', () => {
    expect(() => callClips('12-A', 5, manifest)).toThrow(RangeError);
  });
});

describe('parseManifest', () => {
  it('keeps plain .wav names and drops anything that could leave the folder', () => {
    expect(parseManifest({ một: 'mootj.wav', hai: '../secret.wav', ba: 'ba.mp3', bốn: 7 })).toEqual({ một: 'mootj.wav' });
    expect(() => parseManifest(['mootj.wav'])).toThrow();
  });

  it('lists each clip once for preloading', () => {
    const clips = allClips(manifest);
    expect(clips[0]).toBe('chime.wav');
    expect(new Set(clips).size).toBe(clips.length);
    expect(clips.length).toBe(Object.keys(manifest).length + 1);
  });
});

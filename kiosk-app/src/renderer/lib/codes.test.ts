import { describe, expect, it } from 'vitest';
import { ageOn, cardBirthDate, centreDate, classifyCode } from './codes.js';
import { ScanDetector } from './scanner.js';

const CARD = (birth: string): string => `001088012345|123456789|Nguyễn Văn An|${birth}|Nam|Số 1 Tràng Tiền, Hoàn Kiếm, Hà Nội|01072021`;
const CTX = { today: '2026-03-10', elderlyAge: 60 };

describe('codes', () => {
  it('tells a booking, a dossier, a card and anything else apart', () => {
    expect(classifyCode(' 482913 ', CTX)).toEqual({ kind: 'booking', code: '482913' });
    expect(classifyCode('000.00.12.h29-240315-0012', CTX)).toEqual({ kind: 'dossier', code: '000.00.12.H29-240315-0012' });
    expect(classifyCode(CARD('10031966'), CTX)).toEqual({ kind: 'card', category: 'elderly' });
    expect(classifyCode(CARD('11031966'), CTX)).toEqual({ kind: 'card', category: null });
    expect(classifyCode('a|b|c', CTX)).toEqual({ kind: 'unknown' });
    expect(classifyCode('12', CTX)).toEqual({ kind: 'unknown' });
  });

  it('reads the card QR with an empty old ID and a garbled name, and refuses what is not one', () => {
    expect(cardBirthDate('001088012345||Nguy?n V?n An|29021964|Nam|?|01072021')).toEqual({ y: 1964, m: 2, d: 29 });
    expect(cardBirthDate('00108801234|123456789|A|01011950|Nam|x|01072021')).toBeNull();
    expect(cardBirthDate('001088012345|123456789|A|1950-01-01|Nam|x|01072021')).toBeNull();
    expect(cardBirthDate('001088012345|123456789|A|01131950|Nam|x|01072021')).toBeNull();
  });

  it('counts the age on the centre date: the birthday itself counts', () => {
    expect(ageOn({ y: 1966, m: 3, d: 10 }, '2026-03-10')).toBe(60);
    expect(ageOn({ y: 1966, m: 3, d: 11 }, '2026-03-10')).toBe(59);
    expect(classifyCode(CARD('10031971'), { today: '2026-03-10', elderlyAge: 55 })).toEqual({ kind: 'card', category: 'elderly' });
  });

  it("takes the date where the centre is, not the kiosk PC's zone", () => {
    // 2026-03-09 18:30 UTC is already 2026-03-10 01:30 in Hà Nội.
    expect(centreDate(Date.UTC(2026, 2, 9, 18, 30), 'Asia/Ho_Chi_Minh')).toBe('2026-03-10');
    expect(centreDate(Date.UTC(2026, 2, 9, 18, 30), 'UTC')).toBe('2026-03-09');
  });
});

describe('scanner', () => {
  const feed = (d: ScanDetector, text: string, start: number, gap: number): string | null => {
    let out: string | null = null;
    [...text].forEach((k, i) => (out = d.key(k, start + i * gap) ?? out));
    return d.key('Enter', start + text.length * gap) ?? out;
  };

  it('takes a fast burst ending with Enter as a scan', () => {
    expect(feed(new ScanDetector(), '482913', 1000, 8)).toBe('482913');
  });

  it('does not take a person typing for a scan, slow or quick (keys 200 or 90 ms apart)', () => {
    expect(feed(new ScanDetector(), '482913', 1000, 200)).toBeNull();
    expect(feed(new ScanDetector(), '482913', 1000, 90)).toBeNull();
  });

  it('a busy PC holding one key of a scan back does not break it', () => {
    const d = new ScanDetector();
    const at = [0, 90, 100, 110, 120, 130];
    [...'482913'].forEach((k, i) => d.key(k, at[i]!));
    expect(d.key('Enter', 140)).toBe('482913');
  });

  it('a slow key before a burst does not join it; modifier keys do not break it', () => {
    const d = new ScanDetector();
    d.key('9', 0);
    expect(d.key('Shift', 500)).toBeNull();
    expect(feed(d, 'H29-240315', 1000, 5)).toBe('H29-240315');
  });

  it('an Enter long after the burst is not a scan', () => {
    const d = new ScanDetector();
    [...'482913'].forEach((k, i) => d.key(k, i * 5));
    expect(d.key('Enter', 2000)).toBeNull();
  });
});

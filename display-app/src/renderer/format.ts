// Clock and sizes for the wall. Pure.

export interface ClockText {
  /** "09:05" */
  time: string;
  /** "Thứ Ba, 10/03/2026" */
  dateVi: string;
  /** "Tuesday, 10 March 2026" */
  dateEn: string;
}

const formatters = new Map<string, { time: Intl.DateTimeFormat; vi: Intl.DateTimeFormat; en: Intl.DateTimeFormat }>();

function formattersFor(timeZone: string) {
  let f = formatters.get(timeZone);
  if (!f) {
    let tz: string | undefined = timeZone;
    try {
      new Intl.DateTimeFormat('en', { timeZone: tz });
    } catch {
      tz = undefined; // an unknown zone: the machine's own
    }
    f = {
      time: new Intl.DateTimeFormat('en-GB', { timeZone: tz, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }),
      vi: new Intl.DateTimeFormat('vi-VN', { timeZone: tz, weekday: 'long', day: '2-digit', month: '2-digit', year: 'numeric' }),
      en: new Intl.DateTimeFormat('en-GB', { timeZone: tz, weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' }),
    };
    formatters.set(timeZone, f);
  }
  return f;
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

export function clockText(epochMs: number, timeZone: string): ClockText {
  const f = formattersFor(timeZone);
  const d = new Date(epochMs);
  return { time: f.time.format(d), dateVi: capitalise(f.vi.format(d)), dateEn: f.en.format(d) };
}

/**
 * A font size that fits `text` of bold digits into `widthPx`, never above `maxPx`: a seven-digit
 * number must not break out of its panel, a four-digit one stays as big as allowed.
 */
export function fitFontPx(text: string, widthPx: number, maxPx: number, minPx = 0): number {
  // Bold tabular digits of the display face are about 0.62 em wide; letters a little wider.
  const ems = [...text].reduce((sum, ch) => sum + (/\d/.test(ch) ? 0.62 : 0.72), 0);
  if (ems === 0) return maxPx;
  return Math.max(minPx, Math.min(maxPx, Math.floor(widthPx / ems)));
}

/** Durations and clock times, as the console and the board show them. */
import { fill, type Lang } from '../i18n/words.js';

/** `mm:ss`, or `h:mm:ss` past an hour; negative durations (clock skew) show as 00:00. */
export function formatDuration(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const mm = String(m).padStart(2, '0');
  const ss = String(s).padStart(2, '0');
  return h > 0 ? `${h}:${mm}:${ss}` : `${mm}:${ss}`;
}

/** Whole minutes, rounded down: "12 phút" / "12 min"; under a minute "< 1 phút". */
export function formatMinutes(ms: number, lang: Lang): string {
  const m = Math.floor(Math.max(0, ms) / 60_000);
  if (m < 1) return lang === 'vi' ? '< 1 phút' : '< 1 min';
  if (m >= 60) {
    const h = Math.floor(m / 60);
    const rest = m % 60;
    return lang === 'vi' ? `${h} giờ ${rest} phút` : `${h} h ${rest} min`;
  }
  return fill(lang === 'vi' ? '{n} phút' : '{n} min', { n: m });
}

/** `HH:MM` (or `HH:MM:SS`) in the centre's time zone. */
export function formatClock(epochMs: number, timeZone: string, seconds = false): string {
  try {
    return new Intl.DateTimeFormat('vi-VN', {
      timeZone,
      hour: '2-digit',
      minute: '2-digit',
      ...(seconds ? { second: '2-digit' } : {}),
      hour12: false,
    }).format(epochMs);
  } catch {
    return new Date(epochMs).toISOString().slice(11, seconds ? 19 : 16);
  }
}

/** `07/12/2026 14:30` in the centre's time zone. */
export function formatDateTime(epochMs: number, timeZone: string): string {
  try {
    return new Intl.DateTimeFormat('vi-VN', { timeZone, day: '2-digit', month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit', hour12: false }).format(epochMs);
  } catch {
    return new Date(epochMs).toISOString().slice(0, 16).replace('T', ' ');
  }
}

/** `1,2 MB`, `340 KB` (decimal comma in Vietnamese). */
export function formatBytes(bytes: number, lang: Lang): string {
  const [n, unit] = bytes >= 1_000_000 ? [bytes / 1_000_000, 'MB'] : bytes >= 1000 ? [bytes / 1000, 'KB'] : [bytes, 'B'];
  const text = unit === 'B' ? String(n) : n.toFixed(n >= 100 ? 0 : 1);
  return `${lang === 'vi' ? text.replace('.', ',') : text} ${unit}`;
}

/** The words for priority categories, as UX.md fixes them. */
import { KIOSK_BUTTON_NAME_MAX, type PriorityCategory, type Service } from './model.js';

/** Vietnamese and English names of each priority category. */
export const PRIORITY_LABELS: Readonly<Record<PriorityCategory, { vi: string; en: string }>> = {
  elderly: { vi: 'Người cao tuổi', en: 'Elderly' },
  disabled: { vi: 'Người khuyết tật', en: 'Disabled' },
  pregnant_or_child: { vi: 'Phụ nữ mang thai hoặc có con nhỏ', en: 'Pregnant or with a small child' },
  veteran: { vi: 'Người có công với cách mạng', en: 'Veteran' },
};

/** "ƯU TIÊN – Người cao tuổi", the mark on a printed priority ticket. */
export function priorityMarkVi(p: PriorityCategory): string {
  return `ƯU TIÊN – ${PRIORITY_LABELS[p].vi}`;
}

/**
 * People ahead of a waiting ticket, in one wording for every place a citizen reads it (kiosk,
 * printed ticket, phone page): "Còn 4 người trước bạn" (UX.md), and for none "Không có ai trước
 * bạn" rather than "Còn 0 người trước bạn".
 */
export function peopleAheadWords(n: number): { vi: string; en: string } {
  if (n <= 0) return { vi: 'Không có ai trước bạn', en: 'Nobody is ahead of you' };
  return { vi: `Còn ${formatNumber(n, 'vi')} người trước bạn`, en: `${formatNumber(n, 'en')} ${n === 1 ? 'person' : 'people'} ahead of you` };
}

/**
 * A number as a person reads it: Vietnamese "1.234,5" (dot groups thousands, comma before the
 * decimals), English "1,234.5". At most `maxDecimals` decimals (default 1), no trailing zeros.
 * Written out rather than through Intl so the kiosk, the server and a smart TV agree.
 */
export function formatNumber(n: number, lang: 'vi' | 'en', maxDecimals = 1): string {
  if (!Number.isFinite(n)) return '—';
  const factor = 10 ** maxDecimals;
  const rounded = Math.round(Math.abs(n) * factor) / factor;
  const [whole = '0', frac = ''] = rounded.toFixed(maxDecimals).split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, lang === 'vi' ? '.' : ',');
  const decimals = frac.replace(/0+$/, '');
  const sign = n < 0 && rounded !== 0 ? '-' : '';
  return `${sign}${grouped}${decimals ? (lang === 'vi' ? ',' : '.') + decimals : ''}`;
}

/** "khoảng 12 phút" / "about 12 min"; a minute or less is "dưới 1 phút" (kiosk, ticket, phone). */
export function estimateWords(minutes: number): { vi: string; en: string } {
  if (minutes <= 1) return { vi: 'dưới 1 phút', en: 'under a minute' };
  return { vi: `khoảng ${formatNumber(minutes, 'vi')} phút`, en: `about ${formatNumber(minutes, 'en')} min` };
}

/** The name a kiosk button shows: the short kiosk name when the admin set one, else the official. */
export function kioskNameOf(s: Pick<Service, 'nameVi' | 'kioskNameVi'>): string {
  return s.kioskNameVi?.trim() || s.nameVi;
}

/** Whether a service's official name is too long for a kiosk button without a short kiosk name. */
export function needsKioskName(s: Pick<Service, 'nameVi' | 'kioskNameVi'>): boolean {
  return s.nameVi.trim().length > KIOSK_BUTTON_NAME_MAX && !s.kioskNameVi?.trim();
}

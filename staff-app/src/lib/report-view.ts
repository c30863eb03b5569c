/**
 * How a report reads on the page: group labels in the chosen language (the server labels in
 * Vietnamese), and numbers, minutes and shares written the Vietnamese or English way.
 */
import type { CounterView, ReportDimension, ReportRow, Service } from '@layso/shared';
import type { Lang } from '../i18n/words.js';

const NO_KEY: Record<Exclude<ReportDimension, 'hour'>, { vi: string; en: string }> = {
  service: { vi: '(không rõ dịch vụ)', en: '(unknown service)' },
  counter: { vi: '(chưa gọi đến quầy)', en: '(never called to a counter)' },
  officer: { vi: '(không có cán bộ)', en: '(no officer)' },
};

export interface Names {
  services: readonly Pick<Service, 'id' | 'nameVi' | 'nameEn'>[];
  counters: readonly Pick<CounterView, 'id' | 'number' | 'name'>[];
}

/** The label of a report group: a service by its name in `lang`, a counter by number, an hour as 08:00–09:00. */
export function groupLabel(by: ReportDimension, row: Pick<ReportRow, 'key' | 'label'>, names: Names, lang: Lang): string {
  if (by === 'hour') {
    const h = Number(row.key);
    return `${String(h).padStart(2, '0')}:00–${String(h + 1).padStart(2, '0')}:00`;
  }
  if (row.key === '') return NO_KEY[by][lang];
  if (by === 'service') {
    const s = names.services.find((x) => x.id === row.key);
    return s ? (lang === 'vi' ? s.nameVi : s.nameEn) : row.label;
  }
  if (by === 'counter') {
    const c = names.counters.find((x) => x.id === row.key);
    return c ? `${lang === 'vi' ? 'Quầy' : 'Counter'} ${c.number}${c.name && c.name !== `Quầy ${c.number}` ? ` · ${c.name}` : ''}` : row.label;
  }
  return row.label;
}

function locale(lang: Lang): string {
  return lang === 'vi' ? 'vi-VN' : 'en-GB';
}

/** A count: 1.234 (vi) / 1,234 (en). */
export function formatCount(n: number, lang: Lang): string {
  return new Intl.NumberFormat(locale(lang), { maximumFractionDigits: 0 }).format(n);
}

/** Minutes with one decimal: 12,5 (vi) / 12.5 (en); null is "—". */
export function formatMin(m: number | null, lang: Lang): string {
  if (m === null) return '—';
  return new Intl.NumberFormat(locale(lang), { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(m);
}

/** A share 0–1 as a whole percentage: 87 %; null is "—". */
export function formatShare(x: number | null, lang: Lang): string {
  if (x === null) return '—';
  const pct = Math.round(x * 100);
  return lang === 'vi' ? `${pct} %` : `${pct}%`;
}

/** A count read back from the page (1.234 vi / 1,234 en). For tests and for sorting. */
export function parseCount(text: string): number {
  return Number(text.replace(/[^\d-]/g, ''));
}

/** Minutes read back from the page (12,5 vi / 12.5 en); "—" is null. */
export function parseMin(text: string, lang: Lang): number | null {
  const t = text.trim();
  if (t === '—' || t === '') return null;
  return Number(lang === 'vi' ? t.replace(/\./g, '').replace(',', '.') : t.replace(/,/g, ''));
}


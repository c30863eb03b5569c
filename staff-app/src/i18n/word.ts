/**
 * What a word is (Vietnamese first, English second) and how placeholders are filled. A leaf
 * module: the word tables (words.ts, admin-words.ts, report-words.ts, errors.ts) all import it,
 * and it imports none of them, so the tables do not form a cycle.
 */
import { formatNumber } from '@layso/shared';

export type Lang = 'vi' | 'en';

export interface Word {
  vi: string;
  en: string;
}

/**
 * `{name}` placeholders filled in; an unknown name stays as written. With a language, a number
 * with decimals is written that language's way ("1,9" in Vietnamese); whole numbers stay as they
 * are (they are often counter or ticket numbers, never grouped).
 */
export function fill(text: string, vars: Record<string, string | number>, lang?: Lang): string {
  return text.replace(/\{(\w+)\}/g, (m, name: string) => {
    if (!(name in vars)) return m;
    const v = vars[name]!;
    return typeof v === 'number' && lang && !Number.isInteger(v) ? formatNumber(v, lang) : String(v);
  });
}

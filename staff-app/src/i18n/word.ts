/**
 * What a word is (Vietnamese first, English second) and how placeholders are filled. A leaf
 * module: the word tables (words.ts, admin-words.ts, report-words.ts, errors.ts) all import it,
 * and it imports none of them, so the tables do not form a cycle.
 */
export type Lang = 'vi' | 'en';

export interface Word {
  vi: string;
  en: string;
}

/** `{name}` placeholders filled from `vars`; an unknown name stays as written. */
export function fill(text: string, vars: Record<string, string | number>): string {
  return text.replace(/\{(\w+)\}/g, (m, name: string) => (name in vars ? String(vars[name]) : m));
}

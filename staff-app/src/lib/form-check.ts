/**
 * Form validation with the shared zod schemas (the ones the server parses with), with each
 * problem said in words beside its field. The schema is taken structurally, so the app needs no
 * zod import of its own.
 */
import { fill, type Lang, type Word } from '../i18n/words.js';

/** The parts of a zod 4 issue the words are made from. */
export interface Issue {
  code: string;
  path: readonly PropertyKey[];
  message: string;
  origin?: string;
  minimum?: number | bigint;
  maximum?: number | bigint;
  inclusive?: boolean;
  expected?: string;
  received?: string;
  format?: string;
}

export interface Parser<T> {
  safeParse(value: unknown): { success: true; data: T } | { success: false; error: { issues: readonly Issue[] } };
}

/** Field path (`numbering.prefix`) → words. The first problem of a field wins. */
export type FieldErrors = Record<string, string>;

/** Words for a field whose text has the wrong shape (a regex), by field path. */
export type FormatHints = Record<string, Word>;

export type Checked<T> = { ok: true; data: T } | { ok: false; errors: FieldErrors };

const W = {
  required: { vi: 'Không được để trống.', en: 'Required.' },
  minChars: { vi: 'Cần ít nhất {n} ký tự.', en: 'At least {n} characters.' },
  maxChars: { vi: 'Tối đa {n} ký tự.', en: 'At most {n} characters.' },
  minNumber: { vi: 'Nhỏ nhất là {n}.', en: 'At least {n}.' },
  maxNumber: { vi: 'Lớn nhất là {n}.', en: 'At most {n}.' },
  greaterThan: { vi: 'Phải lớn hơn {n}.', en: 'Must be more than {n}.' },
  number: { vi: 'Hãy nhập một số.', en: 'Enter a number.' },
  integer: { vi: 'Hãy nhập số nguyên.', en: 'Enter a whole number.' },
  choose: { vi: 'Hãy chọn một giá trị trong danh sách.', en: 'Choose one of the options.' },
  format: { vi: 'Sai định dạng.', en: 'Wrong format.' },
  maxItems: { vi: 'Tối đa {n} mục.', en: 'At most {n} items.' },
  invalid: { vi: 'Giá trị không hợp lệ.', en: 'Not a valid value.' },
} as const satisfies Record<string, Word>;

export function pathKey(path: readonly PropertyKey[]): string {
  return path.map((p) => String(p)).join('.');
}

/** One issue in words. */
export function issueWords(issue: Issue, lang: Lang, hints: FormatHints = {}): string {
  const say = (w: Word, vars: Record<string, string | number> = {}): string => fill(w[lang], vars, lang);
  const hint = hints[pathKey(issue.path)];
  switch (issue.code) {
    case 'too_small': {
      const n = Number(issue.minimum);
      if (issue.origin === 'string') return n <= 1 ? say(W.required) : say(W.minChars, { n });
      if (issue.origin === 'number') return issue.inclusive === false ? say(W.greaterThan, { n }) : say(W.minNumber, { n });
      if (issue.origin === 'array') return say(W.required);
      return say(W.invalid);
    }
    case 'too_big': {
      const n = Number(issue.maximum);
      if (issue.origin === 'string') return say(W.maxChars, { n });
      if (issue.origin === 'number') return say(W.maxNumber, { n });
      if (issue.origin === 'array') return say(W.maxItems, { n });
      return say(W.invalid);
    }
    case 'invalid_type':
      if (issue.expected === 'int') return say(W.integer);
      if (issue.expected === 'number') return say(W.number);
      if (issue.received === 'undefined' && hint) return say(hint);
      return issue.received === 'undefined' ? say(W.required) : say(W.invalid);
    case 'invalid_format':
      return hint ? say(hint) : say(W.format);
    case 'invalid_value':
    case 'invalid_union':
      return hint ? say(hint) : say(W.choose);
    default:
      return hint ? say(hint) : issue.message;
  }
}

/** Parse a form's value with a schema; problems come back in words, by field. */
export function checkForm<T>(schema: Parser<T>, value: unknown, lang: Lang, hints: FormatHints = {}): Checked<T> {
  const r = schema.safeParse(value);
  if (r.success) return { ok: true, data: r.data };
  const errors: FieldErrors = {};
  for (const issue of r.error.issues) {
    const key = pathKey(issue.path);
    if (!(key in errors)) errors[key] = issueWords(issue, lang, hints);
  }
  return { ok: false, errors };
}

/** A number field's text as a number: empty is NaN, so the schema says "enter a number". */
export function numberOf(text: string): number {
  const t = text.trim().replace(',', '.');
  return t === '' ? Number.NaN : Number(t);
}

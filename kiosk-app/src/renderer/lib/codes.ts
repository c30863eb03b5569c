/**
 * What a scanned or typed code is: a booking's six digits, a dossier code from a results receipt,
 * or the QR of a citizen ID card (CCCD / thẻ căn cước). The card is read here, in the kiosk's
 * browser, and only the priority category it implies leaves this module: its text is never kept,
 * logged or sent (Nghị định 13/2023).
 */
import { DossierCode, type PriorityCategory } from '@layso/shared';

export type ScannedCode =
  | { kind: 'booking'; code: string }
  | { kind: 'dossier'; code: string }
  /** A citizen ID card: only what it implies (the age on the centre's date decides). */
  | { kind: 'card'; category: PriorityCategory | null }
  | { kind: 'unknown' };

/**
 * The card's QR: `IDnumber|oldID|Name|DDMMYYYY(birth)|Sex|Address|DDMMYYYY(issue)`, the ID number
 * twelve digits, the old nine-digit ID often empty. Returns the date of birth, or null when the
 * text is not a card's QR. Scanners that cannot type Vietnamese letters garble the name and
 * address; the ID number, the dates and the separators are digits and `|`, and come through.
 */
export function cardBirthDate(text: string): { y: number; m: number; d: number } | null {
  const f = text.trim().split('|');
  if (f.length < 7 || !/^\d{12}$/.test(f[0] ?? '')) return null;
  const birth = /^(\d{2})(\d{2})(\d{4})$/.exec(f[3] ?? '');
  if (!birth) return null;
  const [d, m, y] = [Number(birth[1]), Number(birth[2]), Number(birth[3])];
  if (m < 1 || m > 12 || d < 1 || d > 31 || y < 1880) return null;
  return { y, m, d };
}

/** Whole years from a birth date to a calendar date `YYYY-MM-DD`. */
export function ageOn(birth: { y: number; m: number; d: number }, date: string): number {
  const [y, m, d] = date.split('-').map(Number);
  const hadBirthday = m! > birth.m || (m === birth.m && d! >= birth.d);
  return y! - birth.y - (hadBirthday ? 0 : 1);
}

/** Today's calendar date where the centre is (its time zone), by the server's clock. */
export function centreDate(now: number, timeZone: string): string {
  const p = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(now);
  const get = (t: string): string => p.find((x) => x.type === t)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')}`;
}

/** What a code is; a card gives "Người cao tuổi" from `elderlyAge` on the centre's date. */
export function classifyCode(text: string, ctx: { today: string; elderlyAge: number }): ScannedCode {
  const t = text.trim();
  if (/^\d{6}$/.test(t)) return { kind: 'booking', code: t };
  const birth = cardBirthDate(t);
  if (birth) return { kind: 'card', category: ageOn(birth, ctx.today) >= ctx.elderlyAge ? 'elderly' : null };
  if (t.includes('|')) return { kind: 'unknown' };
  const dossier = DossierCode.safeParse(t);
  return dossier.success ? { kind: 'dossier', code: dossier.data } : { kind: 'unknown' };
}

/**
 * The administration forms as plain data: what a form holds (text as typed), how it becomes the
 * body the server parses (checked first with the same shared schema), and the list edits
 * (reordering services and a counter's services). Pure, so it is unit-tested.
 */
import {
  DEFAULT_ELDERLY_AGE,
  appointmentPolicyOf,
  type CounterView,
  type DevicePrinterConfig,
  type Numbering,
  PRIORITY_CATEGORIES,
  type PriorityCategory,
  type Service,
  type Settings,
  numberingConflict,
} from '@layso/shared';
import type { Word } from '../i18n/words.js';
import { type FieldErrors, type FormatHints, numberOf } from './form-check.js';

// ------------------------------------------------------------------ services

export interface ServiceDraft {
  nameVi: string;
  nameEn: string;
  /** The short name for kiosk buttons ('' for none). */
  kioskNameVi: string;
  numberingKind: 'range' | 'prefix';
  rangeFrom: string;
  rangeTo: string;
  prefix: string;
  digits: string;
  /** The first number of each day for a prefix (H100 starts at 100). */
  prefixStart: string;
  open: string;
  close: string;
  enabled: boolean;
  allowPriority: boolean;
  waitThresholdMin: string;
}

/** The next free block of a thousand numbers after the services' ranges: 7001–7999 after 6999. */
export function suggestRange(services: readonly Service[]): { from: number; to: number } {
  const top = Math.max(0, ...services.map((s) => (s.numbering.kind === 'range' ? s.numbering.to : 0)));
  const base = Math.floor(top / 1000) + 1;
  return { from: base * 1000 + 1, to: base * 1000 + 999 };
}

export function serviceDraftOf(s: Service | null, others: readonly Service[] = []): ServiceDraft {
  const range = s?.numbering.kind === 'range' ? s.numbering : { ...suggestRange(others), kind: 'range' as const };
  const prefix = s?.numbering.kind === 'prefix' ? s.numbering : { prefix: '', digits: 3, start: 1 };
  return {
    nameVi: s?.nameVi ?? '',
    nameEn: s?.nameEn ?? '',
    kioskNameVi: s?.kioskNameVi ?? '',
    numberingKind: s?.numbering.kind ?? 'range',
    rangeFrom: String(range.from),
    rangeTo: String(range.to),
    prefix: prefix.prefix,
    digits: String(prefix.digits),
    prefixStart: String(prefix.start ?? 1),
    open: s?.hours.open ?? '07:30',
    close: s?.hours.close ?? '17:00',
    enabled: s?.enabled ?? true,
    allowPriority: s?.allowPriority ?? true,
    waitThresholdMin: String(s?.waitThresholdMin ?? 30),
  };
}

export function numberingOf(d: ServiceDraft): unknown {
  return d.numberingKind === 'range'
    ? { kind: 'range', from: numberOf(d.rangeFrom), to: numberOf(d.rangeTo) }
    : { kind: 'prefix', prefix: d.prefix.trim().toUpperCase(), digits: numberOf(d.digits), start: numberOf(d.prefixStart) };
}

/** The body of `POST /api/admin/services` (and of a PATCH: the same fields, all given). */
export function serviceBodyOf(d: ServiceDraft): Record<string, unknown> {
  return {
    nameVi: d.nameVi,
    nameEn: d.nameEn,
    kioskNameVi: d.kioskNameVi.trim() === '' ? null : d.kioskNameVi.trim(),
    numbering: numberingOf(d),
    hours: { open: d.open.trim(), close: d.close.trim() },
    enabled: d.enabled,
    allowPriority: d.allowPriority,
    waitThresholdMin: numberOf(d.waitThresholdMin),
  };
}

export const SERVICE_HINTS: FormatHints = {
  'numbering.prefix': { vi: 'Một hoặc hai chữ cái in hoa, ví dụ A hoặc HT.', en: 'One or two capital letters, e.g. A or HT.' },
  'hours.open': { vi: 'Giờ dạng HH:MM, ví dụ 07:30.', en: 'A time as HH:MM, e.g. 07:30.' },
  'hours.close': { vi: 'Giờ dạng HH:MM, ví dụ 17:00.', en: 'A time as HH:MM, e.g. 17:00.' },
};

const CLASH_WORDS = {
  rangeBackwards: { vi: 'Số cuối phải lớn hơn hoặc bằng số đầu.', en: 'The last number must not be below the first.' },
  hoursBackwards: { vi: 'Giờ đóng phải sau giờ mở.', en: 'Closing must come after opening.' },
  clash: { vi: 'Trùng dải số với dịch vụ “{name}”.', en: 'The numbers overlap those of “{name}”.' },
} as const satisfies Record<string, Word>;

/**
 * Checks the schema cannot make: a range that runs backwards, hours that close before they open,
 * and numbers another service gives (the server refuses all three too).
 */
export function serviceClashes(
  numbering: Numbering,
  hours: { open: string; close: string },
  selfId: string | null,
  services: readonly Service[],
  lang: 'vi' | 'en',
): FieldErrors {
  const errors: FieldErrors = {};
  if (numbering.kind === 'range' && numbering.from > numbering.to) errors['numbering.to'] = CLASH_WORDS.rangeBackwards[lang];
  if (hours.open >= hours.close) errors['hours.close'] = CLASH_WORDS.hoursBackwards[lang];
  const other = services.find((s) => s.id !== selfId && numberingConflict(s.numbering, numbering));
  if (other && !errors['numbering.to']) {
    errors[numbering.kind === 'range' ? 'numbering.from' : 'numbering.prefix'] = CLASH_WORDS.clash[lang].replace(
      '{name}',
      lang === 'vi' ? other.nameVi : other.nameEn,
    );
  }
  return errors;
}

/** `1001–1999` or `A001…`. */
export function numberingText(n: Numbering): string {
  return n.kind === 'range' ? `${n.from}–${n.to}` : `${n.prefix}${'0'.repeat(Math.max(0, n.digits - 1))}1…`;
}

/**
 * Move a service one place up or down the kiosk order: the new order numbered 1, 2, 3 …, and only
 * the services whose number changes (each becomes one PATCH).
 */
export function reorderServices(services: readonly Service[], id: string, delta: -1 | 1): { id: string; sortOrder: number }[] {
  const sorted = [...services].sort((a, b) => a.sortOrder - b.sortOrder || a.id.localeCompare(b.id));
  const i = sorted.findIndex((s) => s.id === id);
  const j = i + delta;
  if (i < 0 || j < 0 || j >= sorted.length) return [];
  const moved = moveItem(sorted, i, delta);
  return moved.flatMap((s, k) => (s.sortOrder === k + 1 ? [] : [{ id: s.id, sortOrder: k + 1 }]));
}

/** A copy of `list` with item `i` moved by `delta` places (unchanged at either end). */
export function moveItem<T>(list: readonly T[], i: number, delta: number): T[] {
  const j = i + delta;
  const out = [...list];
  if (i < 0 || i >= out.length || j < 0 || j >= out.length) return out;
  const [item] = out.splice(i, 1);
  out.splice(j, 0, item as T);
  return out;
}

// ------------------------------------------------------------------ counters

export interface CounterDraft {
  number: string;
  name: string;
  serviceIds: string[];
}

export function counterDraftOf(c: CounterView | null, counters: readonly CounterView[] = []): CounterDraft {
  if (c) return { number: String(c.number), name: c.name, serviceIds: [...c.serviceIds] };
  const next = Math.max(0, ...counters.map((x) => x.number)) + 1;
  return { number: String(next), name: `Quầy ${next}`, serviceIds: [] };
}

export function counterBodyOf(d: CounterDraft): Record<string, unknown> {
  return { number: numberOf(d.number), name: d.name, serviceIds: d.serviceIds };
}

/** A counter number another counter has already (the server refuses it with CONFLICT). */
export function counterNumberTaken(number: number, selfId: string | null, counters: readonly CounterView[]): CounterView | null {
  return counters.find((c) => c.id !== selfId && c.number === number) ?? null;
}

// ------------------------------------------------------------------ users

export interface UserDraft {
  username: string;
  displayName: string;
  role: 'officer' | 'manager' | 'admin';
  password: string;
}

export const USER_HINTS: FormatHints = {
  username: {
    vi: 'Từ 2 ký tự: chữ thường không dấu, số, dấu chấm, gạch ngang, gạch dưới.',
    en: 'At least 2 characters: lower-case letters, digits, dot, dash, underscore.',
  },
  role: { vi: 'Hãy chọn vai trò.', en: 'Choose a role.' },
};

// ------------------------------------------------------------------ devices

export interface PrinterDraft {
  kind: 'none' | 'tcp';
  host: string;
  port: string;
  paperWidth: '58' | '80';
}

export function printerDraftOf(config: Record<string, unknown>): PrinterDraft {
  const p = config.printer as Partial<DevicePrinterConfig> | undefined;
  if (p && p.kind === 'tcp') {
    return { kind: 'tcp', host: p.host ?? '', port: String(p.port ?? 9100), paperWidth: p.paperWidth === 58 ? '58' : '80' };
  }
  return { kind: 'none', host: '', port: '9100', paperWidth: '80' };
}

/** The device's whole configuration with the printer replaced (other keys are kept). */
export function deviceConfigOf(config: Record<string, unknown>, d: PrinterDraft): Record<string, unknown> {
  const printer =
    d.kind === 'none' ? { kind: 'none' } : { kind: 'tcp', host: d.host.trim(), port: numberOf(d.port), paperWidth: Number(d.paperWidth) };
  return { ...config, printer };
}

// ------------------------------------------------------------------ settings

export interface SettingsDraft {
  centreNameVi: string;
  centreNameEn: string;
  timeZone: string;
  dayStartsAt: string;
  endOfDay: 'expire' | 'carryOver';
  priority: 'strict' | 'alternate' | 'aging';
  alternateMaxInRow: string;
  priorityWeights: Record<PriorityCategory, string>;
  crossService: 'preference' | 'oldestFirst';
  noShowReturn: 'original' | 'placesDown';
  noShowPlaces: string;
  ticketHeader: string;
  ticketFooter: string;
  displayNotice: string;
  kioskRateLimitPerMin: string;
  demo: boolean;
  /** Booked visits and results pickup (issue 14). */
  apptEnabled: boolean;
  slotMin: string;
  capacityPerSlot: string;
  bookingDays: string;
  earlyMin: string;
  lateMin: string;
  askName: boolean;
  askPhone: boolean;
  retentionDays: string;
  appointmentMaxInRow: string;
  elderlyAge: string;
  /** '' = no results pickup. */
  resultsServiceId: string;
  /** Citizens' ratings: three levels or five stars, and the reasons a low score offers (in order). */
  ratingScale: 'three' | 'five';
  ratingReasons: string[];
  /** The settings as loaded: what this form does not edit is saved unchanged. */
  base: Settings;
}

export function settingsDraftOf(s: Settings): SettingsDraft {
  const q = s.queue;
  return {
    centreNameVi: s.centreNameVi,
    centreNameEn: s.centreNameEn,
    timeZone: s.timeZone,
    dayStartsAt: s.dayStartsAt,
    endOfDay: s.endOfDay,
    priority: q.priority,
    alternateMaxInRow: String(q.alternateMaxInRow),
    priorityWeights: Object.fromEntries(PRIORITY_CATEGORIES.map((c) => [c, String(q.priorityWeights[c] ?? 1)])) as Record<PriorityCategory, string>,
    crossService: q.crossService,
    noShowReturn: q.noShowReturn.kind,
    noShowPlaces: String(q.noShowReturn.kind === 'placesDown' ? q.noShowReturn.places : 3),
    ticketHeader: s.ticketHeader,
    ticketFooter: s.ticketFooter,
    displayNotice: s.displayNotice,
    kioskRateLimitPerMin: String(s.kioskRateLimitPerMin),
    demo: s.demo,
    ...appointmentDraftOf(s),
    ratingScale: s.rating.scale,
    ratingReasons: [...s.rating.reasons],
    base: s,
  };
}

function appointmentDraftOf(s: Settings): Pick<
  SettingsDraft,
  'apptEnabled' | 'slotMin' | 'capacityPerSlot' | 'bookingDays' | 'earlyMin' | 'lateMin' | 'askName' | 'askPhone' | 'retentionDays' | 'appointmentMaxInRow' | 'elderlyAge' | 'resultsServiceId'
> {
  const a = appointmentPolicyOf(s);
  return {
    apptEnabled: a.enabled,
    slotMin: String(a.slotMin),
    capacityPerSlot: String(a.capacityPerSlot),
    bookingDays: String(a.bookingDays),
    earlyMin: String(a.earlyMin),
    lateMin: String(a.lateMin),
    askName: a.askName,
    askPhone: a.askPhone,
    retentionDays: String(a.retentionDays),
    appointmentMaxInRow: String(s.queue.appointmentMaxInRow ?? 2),
    elderlyAge: String(s.elderlyAge ?? DEFAULT_ELDERLY_AGE),
    resultsServiceId: s.resultsServiceId ?? '',
  };
}

/** The body of `PUT /api/admin/settings`: the whole settings (the centre id stays the server's). */
export function settingsBodyOf(d: SettingsDraft): Record<string, unknown> {
  const { centreId: _centreId, ...kept } = d.base;
  return {
    ...kept,
    centreNameVi: d.centreNameVi,
    centreNameEn: d.centreNameEn,
    timeZone: d.timeZone.trim(),
    dayStartsAt: d.dayStartsAt.trim(),
    endOfDay: d.endOfDay,
    queue: {
      ...d.base.queue,
      priority: d.priority,
      alternateMaxInRow: numberOf(d.alternateMaxInRow),
      priorityWeights: Object.fromEntries(PRIORITY_CATEGORIES.map((c) => [c, numberOf(d.priorityWeights[c])])),
      crossService: d.crossService,
      noShowReturn: d.noShowReturn === 'original' ? { kind: 'original' } : { kind: 'placesDown', places: numberOf(d.noShowPlaces) },
      appointmentMaxInRow: numberOf(d.appointmentMaxInRow),
    },
    appointments: {
      ...appointmentPolicyOf(d.base),
      enabled: d.apptEnabled,
      slotMin: numberOf(d.slotMin),
      capacityPerSlot: numberOf(d.capacityPerSlot),
      bookingDays: numberOf(d.bookingDays),
      earlyMin: numberOf(d.earlyMin),
      lateMin: numberOf(d.lateMin),
      askName: d.askName,
      askPhone: d.askPhone,
      retentionDays: numberOf(d.retentionDays),
    },
    elderlyAge: numberOf(d.elderlyAge),
    resultsServiceId: d.resultsServiceId === '' ? null : d.resultsServiceId,
    ticketHeader: d.ticketHeader,
    ticketFooter: d.ticketFooter,
    displayNotice: d.displayNotice,
    kioskRateLimitPerMin: numberOf(d.kioskRateLimitPerMin),
    demo: d.demo,
    rating: { scale: d.ratingScale, reasons: d.ratingReasons.map((r) => r.trim()) },
  };
}

/** The reasons list after moving reason `i` by `by` places (up: -1, down: +1); unchanged at an end. */
export function movedReason(reasons: readonly string[], i: number, by: -1 | 1): string[] {
  const j = i + by;
  if (i < 0 || i >= reasons.length || j < 0 || j >= reasons.length) return [...reasons];
  const out = [...reasons];
  [out[i], out[j]] = [out[j]!, out[i]!];
  return out;
}

export const SETTINGS_HINTS: FormatHints = {
  dayStartsAt: { vi: 'Giờ dạng HH:MM, ví dụ 00:00.', en: 'A time as HH:MM, e.g. 00:00.' },
  'rating.reasons': { vi: 'Mỗi lý do chỉ ghi một lần.', en: 'List each reason once.' },
};

/** Whether a time zone name is one this browser knows (`Asia/Ho_Chi_Minh`). */
export function isKnownTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

/** JSON with object keys sorted, so two equal values compare equal whatever their key order. */
export function canonical(v: unknown): string {
  return JSON.stringify(v, (_k, x: unknown) =>
    x && typeof x === 'object' && !Array.isArray(x)
      ? Object.fromEntries(Object.entries(x as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b)))
      : x,
  );
}

/**
 * The fields of `body` that differ from `current`: a PATCH sends only these, so an unchanged
 * numbering is never sent (the server refuses any numbering change once numbers were given today).
 */
export function changedFields<T extends Record<string, unknown>>(body: T, current: Record<string, unknown>): Partial<T> {
  return Object.fromEntries(Object.entries(body).filter(([k, v]) => canonical(v) !== canonical(current[k]))) as Partial<T>;
}

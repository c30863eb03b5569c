/** How an audit-log entry reads: what changed, in a few words, from the event's data. */
import { AUDIT_EVENT_TYPES, type AuditEntry, type AuditEventType } from '@layso/shared';
import type { Lang, WordKey } from '../i18n/words.js';

export function isAuditType(type: string): type is AuditEventType {
  return (AUDIT_EVENT_TYPES as readonly string[]).includes(type);
}

/** The words of each kind of change. */
export const AUDIT_WORD: Record<AuditEventType, WordKey> = {
  'settings.updated': 'audit_settings_updated',
  'service.saved': 'audit_service_saved',
  'service.deleted': 'audit_service_deleted',
  'counter.saved': 'audit_counter_saved',
  'counter.deleted': 'audit_counter_deleted',
  'user.created': 'audit_user_created',
  'user.updated': 'audit_user_updated',
  'user.password_reset': 'audit_user_password_reset',
  'user.disabled': 'audit_user_disabled',
  'user.enabled': 'audit_user_enabled',
  'device.pairing_code_created': 'audit_device_pairing_code_created',
  'device.paired': 'audit_device_paired',
  'device.updated': 'audit_device_updated',
  'device.revoked': 'audit_device_revoked',
  'storage.backup_taken': 'audit_storage_backup_taken',
  'settings.api_key_created': 'audit_api_key_created',
  'settings.api_key_revoked': 'audit_api_key_revoked',
  'settings.webhook_created': 'audit_webhook_created',
  'settings.webhook_updated': 'audit_webhook_updated',
  'settings.webhook_deleted': 'audit_webhook_deleted',
};

function str(v: unknown): string | null {
  return typeof v === 'string' ? v : typeof v === 'number' ? String(v) : null;
}

const KIND: Record<string, { vi: string; en: string }> = {
  kiosk: { vi: 'ki-ốt', en: 'kiosk' },
  display: { vi: 'màn hình', en: 'display' },
  rating: { vi: 'máy đánh giá', en: 'rating tablet' },
};
const ROLE: Record<string, { vi: string; en: string }> = {
  officer: { vi: 'cán bộ', en: 'officer' },
  manager: { vi: 'quản lý', en: 'manager' },
  admin: { vi: 'quản trị viên', en: 'administrator' },
};

const SETTING_LABELS: Record<string, { vi: string; en: string }> = {
  centreNameVi: { vi: 'tên trung tâm (tiếng Việt)', en: 'centre name (Vietnamese)' },
  centreNameEn: { vi: 'tên trung tâm (tiếng Anh)', en: 'centre name (English)' },
  timeZone: { vi: 'múi giờ', en: 'time zone' },
  dayStartsAt: { vi: 'giờ bắt đầu ngày', en: 'day start' },
  endOfDay: { vi: 'số còn chờ cuối ngày', en: 'end of day' },
  'queue.priority': { vi: 'cách gọi số ưu tiên', en: 'priority policy' },
  'queue.alternateMaxInRow': { vi: 'K xen kẽ', en: 'alternate K' },
  'queue.priorityWeights': { vi: 'trọng số ưu tiên', en: 'priority weights' },
  'queue.crossService': { vi: 'thứ tự giữa các dịch vụ', en: 'across services' },
  'queue.noShowReturn': { vi: 'số vắng mặt gọi lại', en: 'no-show return' },
  ticketHeader: { vi: 'dòng đầu vé', en: 'ticket header' },
  ticketFooter: { vi: 'dòng cuối vé', en: 'ticket footer' },
  displayNotice: { vi: 'dòng thông báo', en: 'display notice' },
  kioskRateLimitPerMin: { vi: 'giới hạn ki-ốt', en: 'kiosk rate limit' },
  demo: { vi: 'chế độ trình diễn', en: 'demo mode' },
  rating: { vi: 'đánh giá của người dân (mức, lý do)', en: 'citizens’ ratings (scale, reasons)' },
};

/** The settings that differ between two `settings.updated` entries, in words (`queue.priority` …). */
export function settingsChanges(prev: unknown, next: unknown, lang: Lang): string[] {
  const p = (prev ?? {}) as Record<string, unknown>;
  const n = (next ?? {}) as Record<string, unknown>;
  const pq = (p.queue ?? {}) as Record<string, unknown>;
  const nq = (n.queue ?? {}) as Record<string, unknown>;
  const differ = (a: unknown, b: unknown): boolean => JSON.stringify(a) !== JSON.stringify(b);
  return Object.entries(SETTING_LABELS)
    .filter(([key]) => (key.startsWith('queue.') ? differ(pq[key.slice(6)], nq[key.slice(6)]) : differ(p[key], n[key])))
    .map(([, w]) => w[lang]);
}

export interface AuditContext {
  /** A paired device's name by id (events about a device may name only its id). */
  deviceName?: (id: string) => string | null;
  /** The settings before a `settings.updated` entry (the previous such entry's data). */
  previousSettings?: unknown;
}

/** The entry's object and its main change, e.g. `Quầy 7 — Quầy 7 · 2 dịch vụ`, `canbo7 (cán bộ)`. */
export function auditSummary(e: Pick<AuditEntry, 'type' | 'data' | 'serviceId' | 'counterId'>, lang: Lang, ctx: AuditContext = {}): string {
  const d = (e.data && typeof e.data === 'object' ? e.data : {}) as Record<string, unknown>;
  const vi = lang === 'vi';
  switch (e.type) {
    case 'service.saved':
    case 'service.deleted': {
      const name = str(vi ? d.nameVi : (d.nameEn ?? d.nameVi)) ?? e.serviceId ?? '';
      const n = d.numbering as { kind?: string; from?: number; to?: number; prefix?: string } | undefined;
      const numbering = n?.kind === 'range' ? ` · ${n.from}–${n.to}` : n?.kind === 'prefix' ? ` · ${n.prefix}…` : '';
      const enabled = typeof d.enabled === 'boolean' ? ` · ${d.enabled ? (vi ? 'bật' : 'enabled') : vi ? 'tắt' : 'disabled'}` : '';
      return `${name}${numbering}${enabled}`;
    }
    case 'counter.saved':
    case 'counter.deleted': {
      const number = str(d.number);
      const ids = Array.isArray(d.serviceIds) ? d.serviceIds.length : null;
      const head = `${vi ? 'Quầy' : 'Counter'} ${number ?? e.counterId ?? ''}`;
      const name = str(d.name);
      return `${head}${name && name !== `Quầy ${number}` ? ` (${name})` : ''}${ids !== null ? ` · ${ids} ${vi ? 'dịch vụ' : ids === 1 ? 'service' : 'services'}` : ''}`;
    }
    case 'user.created':
    case 'user.updated':
    case 'user.password_reset':
    case 'user.disabled':
    case 'user.enabled': {
      const who = str(d.username) ?? str(d.userId) ?? '';
      const role = str(d.role);
      const name = str(d.displayName);
      const parts = [name, role ? (ROLE[role]?.[lang] ?? role) : null].filter((x): x is string => !!x);
      return parts.length > 0 ? `${who} (${parts.join(', ')})` : who;
    }
    case 'device.pairing_code_created':
    case 'device.paired':
    case 'device.updated':
    case 'device.revoked': {
      const kind = str(d.kind);
      const id = str(d.deviceId);
      const name = str(d.name) ?? (id ? (ctx.deviceName?.(id) ?? id) : '');
      const printer = (d.config as { printer?: { kind?: string; host?: string; port?: number; paperWidth?: number } } | undefined)?.printer;
      const printerText =
        printer?.kind === 'tcp'
          ? ` · ${vi ? 'máy in' : 'printer'} ${printer.host}:${printer.port ?? 9100}, ${printer.paperWidth ?? 80} mm`
          : printer?.kind === 'none'
            ? ` · ${vi ? 'không in qua máy chủ' : 'no server printing'}`
            : '';
      return `${kind ? `${KIND[kind]?.[lang] ?? kind} ` : ''}“${name}”${printerText}`;
    }
    case 'settings.api_key_created':
    case 'settings.api_key_revoked': {
      const scopes = Array.isArray(d.scopes) ? ` · ${d.scopes.join(', ')}` : '';
      return `“${str(d.name) ?? str(d.keyId) ?? ''}”${str(d.prefix) ? ` (${str(d.prefix)}…)` : ''}${scopes}`;
    }
    case 'settings.webhook_created':
    case 'settings.webhook_updated':
    case 'settings.webhook_deleted':
      return `“${str(d.name) ?? str(d.endpointId) ?? ''}”${str(d.url) ? ` · ${str(d.url)}` : ''}`;
    case 'settings.updated': {
      if (ctx.previousSettings !== undefined) {
        const changed = settingsChanges(ctx.previousSettings, e.data, lang);
        if (changed.length > 0) return `${vi ? 'Đổi' : 'Changed'}: ${changed.join(', ')}`;
      }
      return str(vi ? d.centreNameVi : d.centreNameEn) ?? '';
    }
    default:
      return '';
  }
}

const FIELD_LABELS: Record<string, { vi: string; en: string }> = {
  nameVi: { vi: 'tên', en: 'name (vi)' },
  nameEn: { vi: 'tên tiếng Anh', en: 'name (en)' },
  numbering: { vi: 'dải số', en: 'numbering' },
  hours: { vi: 'giờ cấp số', en: 'hours' },
  enabled: { vi: 'bật', en: 'enabled' },
  allowPriority: { vi: 'nhận ưu tiên', en: 'priority allowed' },
  waitThresholdMin: { vi: 'ngưỡng chờ (phút)', en: 'wait threshold (min)' },
  sortOrder: { vi: 'thứ tự', en: 'order' },
  number: { vi: 'số quầy', en: 'number' },
  name: { vi: 'tên', en: 'name' },
  serviceIds: { vi: 'dịch vụ', en: 'services' },
  displayName: { vi: 'họ tên', en: 'full name' },
  role: { vi: 'vai trò', en: 'role' },
  disabled: { vi: 'khoá', en: 'disabled' },
  config: { vi: 'cấu hình', en: 'configuration' },
  url: { vi: 'địa chỉ', en: 'address' },
  events: { vi: 'sự kiện', en: 'events' },
};

function shortValue(v: unknown, lang: Lang): string {
  if (v === null || v === undefined || v === '') return '—';
  if (typeof v === 'boolean') return lang === 'vi' ? (v ? 'có' : 'không') : v ? 'yes' : 'no';
  if (Array.isArray(v)) return v.map((x) => shortValue(x, lang)).join(', ');
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    if (o.kind === 'range') return `${String(o.from)}–${String(o.to)}`;
    if (o.kind === 'prefix') return `${String(o.prefix)}${'0'.repeat(Math.max(0, Number(o.digits) - 1))}${o.start !== undefined ? ` (${String(o.start)})` : ''}`;
    if (typeof o.open === 'string' && typeof o.close === 'string') return `${o.open}–${o.close}`;
    return JSON.stringify(v);
  }
  return String(v);
}

/**
 * What an entry changed, before → after, for entries that carry `before` (settings, services,
 * counters, accounts, devices): `dải số: 7001–7999 → 8001–8999`.
 */
export function auditDiff(e: Pick<AuditEntry, 'type' | 'data'>, lang: Lang): string[] {
  const d = (e.data && typeof e.data === 'object' ? e.data : {}) as Record<string, unknown>;
  const before = d.before;
  if (!before || typeof before !== 'object') return [];
  const b = before as Record<string, unknown>;
  const differ = (x: unknown, y: unknown): boolean => JSON.stringify(x) !== JSON.stringify(y);
  if (e.type === 'settings.updated') {
    const bq = (b.queue ?? {}) as Record<string, unknown>;
    const nq = (d.queue ?? {}) as Record<string, unknown>;
    return Object.entries(SETTING_LABELS)
      .map(([key, w]) => {
        const [x, y] = key.startsWith('queue.') ? [bq[key.slice(6)], nq[key.slice(6)]] : [b[key], d[key]];
        return differ(x, y) ? `${w[lang]}: ${shortValue(x, lang)} → ${shortValue(y, lang)}` : null;
      })
      .filter((x): x is string => x !== null);
  }
  if (e.type.endsWith('.deleted')) return [];
  return Object.entries(FIELD_LABELS)
    .filter(([key]) => key in b && key in d && differ(b[key], d[key]))
    .map(([key, w]) => `${w[lang]}: ${shortValue(b[key], lang)} → ${shortValue(d[key], lang)}`);
}

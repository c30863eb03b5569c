/**
 * The centre's catalog as the admin edits it: services, counters and settings. It names new ids
 * and fills defaults; the rules (numbering, ids never reused, what may be deleted) are the
 * rulebook's (shared/src/domain/rules/catalog.ts), and every change goes through the engine, so it
 * reaches every client at once and is in the audit log.
 */
import {
  type Actor,
  type Counter,
  type CounterCreateBody,
  type CounterId,
  type CounterUpdateBody,
  KIOSK_BUTTON_NAME_MAX,
  LaysoError,
  needsKioskName,
  Service,
  type ServiceCreateBody,
  type ServiceId,
  type ServiceUpdateBody,
  type Settings,
  type SettingsBody,
} from '@layso/shared';
import type { QueueEngine } from './engine.js';
import type { AdminRepo } from '../store/admin-repo.js';

/** `Hộ tịch – Chứng thực` → `ho-tich-chung-thuc`. */
export function slugOf(text: string): string {
  const slug = text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40)
    .replace(/-+$/, '');
  return slug || 'x';
}

export class Catalog {
  constructor(
    private readonly engine: QueueEngine,
    private readonly repo: AdminRepo,
  ) {}

  /** A fresh id from a name: the slug, or the slug with a number when taken (deleted ones too). */
  private freshId(table: 'services' | 'counters', base: string): string {
    for (let i = 1; ; i++) {
      const id = i === 1 ? base : `${base}-${i}`;
      if (!this.repo.idTaken(table, id)) return id;
    }
  }

  createService(b: ServiceCreateBody, actor: Actor): Service {
    const id = b.id ?? this.freshId('services', slugOf(b.nameVi));
    const last = Math.max(0, ...this.engine.listServices().map((s) => s.sortOrder));
    return this.engine.putService(fitsKiosk(Service.parse({ ...b, id, sortOrder: b.sortOrder ?? last + 1 })), actor, true);
  }

  updateService(id: ServiceId, b: ServiceUpdateBody, actor: Actor): Service {
    const current = this.engine.getService(id);
    if (!current) throw new LaysoError('SERVICE_NOT_FOUND', `no service ${id}`);
    return this.engine.putService(fitsKiosk(Service.parse({ ...current, ...b })), actor, false);
  }

  deleteService(id: ServiceId, actor: Actor): void {
    this.engine.deleteService(id, actor);
  }

  createCounter(b: CounterCreateBody, actor: Actor): Counter {
    const id = (b.id ?? this.freshId('counters', `quay-${b.number}`)) as CounterId;
    const counter: Counter = { id, number: b.number, name: b.name, serviceIds: b.serviceIds, state: 'closed', officerId: null, pauseReason: null, priorityStreak: 0 };
    return this.engine.putCounterConfig(counter, actor, true);
  }

  updateCounter(id: CounterId, b: CounterUpdateBody, actor: Actor): Counter {
    const current = this.engine.getCounter(id);
    if (!current) throw new LaysoError('COUNTER_NOT_FOUND', `no counter ${id}`);
    return this.engine.putCounterConfig({ ...current, ...b }, actor, false);
  }

  deleteCounter(id: CounterId, actor: Actor): void {
    this.engine.deleteCounter(id, actor);
  }

  updateSettings(b: SettingsBody, actor: Actor): Settings {
    return this.engine.updateSettings({ ...b, centreId: b.centreId ?? this.engine.getSettings().centreId }, actor);
  }
}

/** A name too long for a kiosk button needs a short kiosk name (issue 11): refused in words. */
function fitsKiosk(s: Service): Service {
  if (needsKioskName(s)) {
    throw new LaysoError('VALIDATION', `nameVi: tên dài hơn ${KIOSK_BUTTON_NAME_MAX} ký tự không vừa nút ki-ốt — hãy đặt tên ngắn cho ki-ốt (kioskNameVi)`);
  }
  return s;
}

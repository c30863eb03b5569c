/** Settings, services and counters: the centre's configuration. */
import {
  Counter,
  CounterId,
  Numbering,
  Service,
  ServiceId,
  Settings,
  UserId,
} from '@layso/shared';
import type { Db } from './open-db.js';

interface ServiceRow {
  id: string;
  name_vi: string;
  name_en: string;
  numbering_json: string;
  open_time: string;
  close_time: string;
  enabled: number;
  allow_priority: number;
  avg_service_sec: number;
  wait_threshold_min: number;
  sort_order: number;
  kiosk_name_vi: string | null;
}

interface CounterRow {
  id: string;
  number: number;
  name: string;
  service_ids_json: string;
  state: string;
  officer_id: string | null;
  pause_reason: string | null;
  priority_streak: number;
}

function serviceFromRow(r: ServiceRow): Service {
  return Service.parse({
    id: r.id,
    nameVi: r.name_vi,
    nameEn: r.name_en,
    numbering: Numbering.parse(JSON.parse(r.numbering_json)),
    hours: { open: r.open_time, close: r.close_time },
    enabled: r.enabled === 1,
    allowPriority: r.allow_priority === 1,
    avgServiceSec: r.avg_service_sec,
    waitThresholdMin: r.wait_threshold_min,
    sortOrder: r.sort_order,
    ...(r.kiosk_name_vi ? { kioskNameVi: r.kiosk_name_vi } : {}),
  });
}

function counterFromRow(r: CounterRow): Counter {
  return Counter.parse({
    id: r.id,
    number: r.number,
    name: r.name,
    serviceIds: JSON.parse(r.service_ids_json),
    state: r.state,
    officerId: r.officer_id,
    pauseReason: r.pause_reason,
    priorityStreak: r.priority_streak,
  });
}

export class CatalogRepo {
  private readonly stmts;

  constructor(private readonly db: Db) {
    this.stmts = {
      getSettings: db.prepare<[], { json: string }>('SELECT json FROM settings WHERE id = 1'),
      putSettings: db.prepare<[string]>(
        'INSERT INTO settings (id, json) VALUES (1, ?) ON CONFLICT (id) DO UPDATE SET json = excluded.json',
      ),
      services: db.prepare<[], ServiceRow>(
        'SELECT * FROM services WHERE deleted_at IS NULL ORDER BY sort_order, id',
      ),
      putService: db.prepare(`
        INSERT INTO services (id, centre_id, name_vi, name_en, numbering_json, open_time, close_time,
          enabled, allow_priority, avg_service_sec, wait_threshold_min, sort_order, kiosk_name_vi)
        VALUES (@id, @centreId, @nameVi, @nameEn, @numbering, @open, @close, @enabled,
          @allowPriority, @avgServiceSec, @waitThresholdMin, @sortOrder, @kioskNameVi)
        ON CONFLICT (id) DO UPDATE SET name_vi = excluded.name_vi, name_en = excluded.name_en,
          numbering_json = excluded.numbering_json, open_time = excluded.open_time,
          close_time = excluded.close_time, enabled = excluded.enabled,
          allow_priority = excluded.allow_priority, avg_service_sec = excluded.avg_service_sec,
          wait_threshold_min = excluded.wait_threshold_min, sort_order = excluded.sort_order,
          kiosk_name_vi = excluded.kiosk_name_vi,
          deleted_at = NULL`),
      deleteService: db.prepare<[number, string]>('UPDATE services SET deleted_at = ? WHERE id = ?'),
      setAvg: db.prepare<[number, string]>('UPDATE services SET avg_service_sec = ? WHERE id = ?'),
      counters: db.prepare<[], CounterRow>(
        'SELECT * FROM counters WHERE deleted_at IS NULL ORDER BY number',
      ),
      putCounter: db.prepare(`
        INSERT INTO counters (id, centre_id, number, name, service_ids_json, state, officer_id,
          pause_reason, priority_streak)
        VALUES (@id, @centreId, @number, @name, @serviceIds, @state, @officerId, @pauseReason,
          @priorityStreak)
        ON CONFLICT (id) DO UPDATE SET number = excluded.number, name = excluded.name,
          service_ids_json = excluded.service_ids_json, state = excluded.state,
          officer_id = excluded.officer_id, pause_reason = excluded.pause_reason,
          priority_streak = excluded.priority_streak, deleted_at = NULL`),
      deleteCounter: db.prepare<[number, string]>('UPDATE counters SET deleted_at = ? WHERE id = ?'),
    };
  }

  settings(): Settings | null {
    const row = this.stmts.getSettings.get();
    return row ? Settings.parse(JSON.parse(row.json)) : null;
  }

  putSettings(s: Settings): void {
    this.stmts.putSettings.run(JSON.stringify(s));
  }

  services(): Service[] {
    return this.stmts.services.all().map(serviceFromRow);
  }

  putService(centreId: string, s: Service): void {
    this.stmts.putService.run({
      id: s.id,
      centreId,
      nameVi: s.nameVi,
      nameEn: s.nameEn,
      numbering: JSON.stringify(s.numbering),
      open: s.hours.open,
      close: s.hours.close,
      enabled: s.enabled ? 1 : 0,
      allowPriority: s.allowPriority ? 1 : 0,
      avgServiceSec: s.avgServiceSec,
      waitThresholdMin: s.waitThresholdMin,
      sortOrder: s.sortOrder,
      kioskNameVi: s.kioskNameVi ?? null,
    });
  }

  deleteService(id: ServiceId, at: number): void {
    this.stmts.deleteService.run(at, id);
  }

  setServiceAverage(id: ServiceId, avgSec: number): void {
    this.stmts.setAvg.run(avgSec, id);
  }

  counters(): Counter[] {
    return this.stmts.counters.all().map(counterFromRow);
  }

  putCounter(centreId: string, c: Counter): void {
    this.stmts.putCounter.run({
      id: c.id,
      centreId,
      number: c.number,
      name: c.name,
      serviceIds: JSON.stringify(c.serviceIds),
      state: c.state,
      officerId: c.officerId,
      pauseReason: c.pauseReason,
      priorityStreak: c.priorityStreak,
    });
  }

  deleteCounter(id: CounterId, at: number): void {
    this.stmts.deleteCounter.run(at, id);
  }
}

export type { UserId };

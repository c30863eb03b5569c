/**
 * A stored setting the server cannot work with (a time zone that does not exist, a value from an
 * older version) must not keep the centre shut: each bad field is replaced by its default, the
 * rest is kept, and the caller alerts the manager with the names of the replaced fields.
 */
import { Settings } from '@layso/shared';
import { baseSettings } from '../seed.js';

export interface Repaired {
  settings: Settings;
  /** The fields that were replaced by their default. */
  replaced: string[];
}

export function repairSettings(raw: unknown): Repaired {
  const whole = Settings.safeParse(raw);
  if (whole.success) return { settings: whole.data, replaced: [] };
  const obj = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
  const centreId = typeof obj.centreId === 'string' && obj.centreId ? obj.centreId : 'centre-unknown';
  const defaults: Record<string, unknown> = baseSettings(centreId, 'Trung tâm', 'Centre', false);
  const out: Record<string, unknown> = {};
  const replaced: string[] = [];
  for (const [key, schema] of Object.entries(Settings.shape)) {
    const field = schema.safeParse(obj[key]);
    if (field.success) out[key] = field.data;
    else {
      out[key] = defaults[key];
      replaced.push(key);
    }
  }
  return { settings: Settings.parse(out), replaced };
}

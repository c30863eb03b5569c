/**
 * Administration over REST (`/api/admin/*`, `/api/board/*`, `/api/devices/pair`): the bodies the
 * server parses and the views it answers with. Writes need the admin role; managers may read.
 */
import { z } from 'zod';
import {
  KIOSK_NAME_MAX,
  CentreId,
  DeviceId,
  EpochMs,
  Numbering,
  OpeningHours,
  ServiceId,
  Settings,
} from '../domain/model.js';
import { DeviceConfig } from './devices.js';
import { StaffUser } from './views.js';

/** Ids an admin may choose: lower-case letters, digits and dashes (`ho-tich`, `quay-7`). */
const Slug = z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'lower-case letters, digits and dashes');

/** Create a service. `id` defaults to a new random one; `avgServiceSec` seeds the learned average. */
export const ServiceCreateBody = z.object({
  id: Slug.optional(),
  nameVi: z.string().trim().min(1).max(200),
  nameEn: z.string().trim().min(1).max(200),
  numbering: Numbering,
  hours: OpeningHours.default({ open: '07:30', close: '17:00' }),
  enabled: z.boolean().default(true),
  allowPriority: z.boolean().default(true),
  avgServiceSec: z.number().positive().max(86_400).default(300),
  waitThresholdMin: z.number().int().positive().max(1440).default(30),
  /** Absent: after the last service. */
  sortOrder: z.number().int().optional(),
  kioskNameVi: z.string().trim().max(KIOSK_NAME_MAX).nullable().optional(),
});
export type ServiceCreateBody = z.infer<typeof ServiceCreateBody>;

/** Change a service: only the fields given change. The learned average is kept unless given. */
export const ServiceUpdateBody = z
  .object({
    nameVi: z.string().trim().min(1).max(200),
    nameEn: z.string().trim().min(1).max(200),
    numbering: Numbering,
    hours: OpeningHours,
    enabled: z.boolean(),
    allowPriority: z.boolean(),
    avgServiceSec: z.number().positive().max(86_400),
    waitThresholdMin: z.number().int().positive().max(1440),
    sortOrder: z.number().int(),
    kioskNameVi: z.string().trim().max(KIOSK_NAME_MAX).nullable(),
  })
  .partial();
export type ServiceUpdateBody = z.infer<typeof ServiceUpdateBody>;

/** Create a counter; its state starts closed. */
export const CounterCreateBody = z.object({
  id: Slug.optional(),
  number: z.number().int().min(1).max(9999),
  name: z.string().trim().min(1).max(100),
  /** The services it serves, most preferred first. */
  serviceIds: z.array(ServiceId).max(100).default([]),
});
export type CounterCreateBody = z.infer<typeof CounterCreateBody>;

/** Change a counter's configuration (never its live state: open, officer, pause). */
export const CounterUpdateBody = z
  .object({
    number: z.number().int().min(1).max(9999),
    name: z.string().trim().min(1).max(100),
    serviceIds: z.array(ServiceId).max(100),
  })
  .partial();
export type CounterUpdateBody = z.infer<typeof CounterUpdateBody>;

export const ROLES = ['officer', 'manager', 'admin'] as const;
export const Password = z.string().min(8, 'at least 8 characters').max(200);

export const UserCreateBody = z.object({
  username: z
    .string()
    .trim()
    .toLowerCase()
    .regex(/^[a-z0-9._-]{2,64}$/, 'letters, digits, dot, dash, underscore'),
  displayName: z.string().trim().min(1).max(100),
  role: z.enum(ROLES),
  password: Password,
});
export type UserCreateBody = z.infer<typeof UserCreateBody>;

/** A new password or `disabled: true` also ends every session of the user and drops its sockets. */
export const UserUpdateBody = z
  .object({
    displayName: z.string().trim().min(1).max(100),
    role: z.enum(ROLES),
    password: Password,
    disabled: z.boolean(),
  })
  .partial();
export type UserUpdateBody = z.infer<typeof UserUpdateBody>;

/** A staff account as the admin sees it (never its password hash). */
export const AdminUser = StaffUser.extend({
  disabled: z.boolean(),
  /** Locked after wrong passwords until this time; null when not locked. */
  lockedUntil: EpochMs.nullable(),
});
export type AdminUser = z.infer<typeof AdminUser>;

/**
 * The whole settings. `centreId` may be left out; when given it must be the centre's own (it is
 * immutable: every event row names it).
 */
export const SettingsBody = Settings.extend({ centreId: CentreId.optional() });
export type SettingsBody = z.infer<typeof SettingsBody>;

export const DeviceKind = z.enum(['kiosk', 'display', 'rating']);
export type DeviceKind = z.infer<typeof DeviceKind>;

/** Ask for a one-time pairing code for a new kiosk or display. */
export const PairingCodeBody = z.object({ kind: DeviceKind, name: z.string().trim().min(1).max(100) });
export type PairingCodeBody = z.infer<typeof PairingCodeBody>;

/** The code is shown once to the admin; only its hash is stored. Valid 10 minutes, once. */
export const PairingCode = z.object({
  code: z.string().regex(/^\d{6}$/),
  kind: DeviceKind,
  name: z.string(),
  expiresAt: EpochMs,
});
export type PairingCode = z.infer<typeof PairingCode>;

/** Public: a device trades a pairing code for its token. */
export const PairBody = z.object({ code: z.string().trim().regex(/^\d{6}$/, 'six digits'), kind: DeviceKind });
export type PairBody = z.infer<typeof PairBody>;

/** The device keeps `deviceToken` and connects with `auth: { deviceToken }`. */
export const PairResult = z.object({ deviceId: DeviceId, deviceToken: z.string(), name: z.string(), kind: DeviceKind });
export type PairResult = z.infer<typeof PairResult>;

/** Rename a device or change its configuration (e.g. the network printer of a browser kiosk). */
export const DeviceUpdateBody = z.object({ name: z.string().trim().min(1).max(100), config: DeviceConfig }).partial();
export type DeviceUpdateBody = z.infer<typeof DeviceUpdateBody>;

/** A device as the admin and the manager's board see it, with its live connection. */
export const DeviceView = z.object({
  id: z.string(),
  kind: DeviceKind,
  name: z.string(),
  /** False for the demo centre's unpaired browser kiosks and displays on the server's machine. */
  paired: z.boolean(),
  config: z.record(z.string(), z.unknown()),
  createdAt: EpochMs.nullable(),
  revokedAt: EpochMs.nullable(),
  lastSeenAt: EpochMs.nullable(),
  connected: z.boolean(),
  /** Since when its oldest open connection is up; null when not connected. */
  connectedSince: EpochMs.nullable(),
  connections: z.number().int().nonnegative(),
  address: z.string().nullable(),
  /** The device's last reported fault (printer paper out …) until it reports recovery. */
  lastError: z.object({ code: z.string().nullable(), message: z.string().nullable(), at: EpochMs }).nullable(),
});
export type DeviceView = z.infer<typeof DeviceView>;

/** `GET /api/admin/audit?limit&before`: newest first; page with `before` = the last `seq` seen. */
export const AuditQuery = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(100),
  before: z.coerce.number().int().positive().optional(),
});
export type AuditQuery = z.infer<typeof AuditQuery>;

/** The event types the audit log lists: every administrative change. */
export const AUDIT_EVENT_TYPES = [
  'settings.updated',
  'service.saved',
  'service.deleted',
  'counter.saved',
  'counter.deleted',
  'user.created',
  'user.updated',
  'user.password_reset',
  'user.disabled',
  'user.enabled',
  'device.pairing_code_created',
  'device.paired',
  'device.updated',
  'device.revoked',
  'storage.backup_taken',
  // Integrations (issue 14): named `settings.*` so that the audit index (types d*, s*, u*) holds them.
  'settings.api_key_created',
  'settings.api_key_revoked',
  'settings.webhook_created',
  'settings.webhook_updated',
  'settings.webhook_deleted',
] as const;
export type AuditEventType = (typeof AUDIT_EVENT_TYPES)[number];

/** One administrative change: who (`actor` key and name), when, what. */
export const AuditEntry = z.object({
  seq: z.number().int().positive(),
  at: EpochMs,
  type: z.string(),
  /** `user:<id>`, `device:<id>` or `system`. */
  actor: z.string().nullable(),
  actorName: z.string().nullable(),
  serviceId: z.string().nullable(),
  counterId: z.string().nullable(),
  data: z.unknown(),
});
export type AuditEntry = z.infer<typeof AuditEntry>;

export const AuditPage = z.object({
  entries: z.array(AuditEntry),
  /** Pass as `before` for the next page; null at the end. */
  nextBefore: z.number().int().nullable(),
});
export type AuditPage = z.infer<typeof AuditPage>;

/**
 * `/api/admin/*`: the centre's configuration, staff accounts, paired devices and the audit log;
 * `/api/board/devices` for the manager's board; `POST /api/devices/pair` for a new device.
 *
 * Rights: the admin changes everything; a manager reads (services, counters, users, settings,
 * devices, audit) but changes nothing, because a manager runs the floor, not the system; an
 * officer gets FORBIDDEN. Configuration changes go through the engine, so they reach every
 * client as a delta at once; every change is an event row (the audit log), written in the same
 * transaction as the change.
 */
import { randomBytes, randomInt } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Server } from 'socket.io';
import type { Logger } from 'pino';
import { z } from 'zod';
import {
  type AdminUser,
  type AuditPage,
  AuditQuery,
  CounterCreateBody,
  type CounterId,
  CounterUpdateBody,
  type DeviceView,
  DeviceUpdateBody,
  LaysoError,
  type PairingCode,
  PairingCodeBody,
  PairBody,
  type PairResult,
  type DeviceId,
  ServiceCreateBody,
  type ServiceId,
  ServiceUpdateBody,
  SettingsBody,
  type StaffUser,
  UserCreateBody,
  type UserId,
  UserUpdateBody,
} from '@layso/shared';
import type { QueueEngine } from '../engine/engine.js';
import type { Accounts } from '../auth/accounts.js';
import { hashPassword, newToken, tokenHash } from '../auth/passwords.js';
import type { Db } from '../store/open-db.js';
import { AccountRepo, type DeviceRecord, type UserRecord } from '../store/account-repo.js';
import { AdminRepo } from '../store/admin-repo.js';
import { RateLimiter, type DeviceIdentity } from '../handlers/devices.js';
import { jsonRoute, requireRole } from './http.js';
import { Connections } from './connections.js';
import { guarded } from '../store/faults.js';
import { Catalog } from '../engine/catalog.js';
import { staffActor } from '../engine/access.js';

export const PAIRING_CODE_TTL_MS = 10 * 60_000;
/** Guesses of a pairing code per address and minute. */
export const PAIRING_GUESSES_PER_MIN = 10;

export interface AdminDeps {
  engine: QueueEngine;
  accounts: Accounts;
  db: Db;
  io: Server;
  log: Logger;
  now: () => number;
  /** Device faults the kiosks report (printer paper out …), by device id. */
  deviceProblems: Map<string, { device: DeviceIdentity; code?: string; message?: string; at: number }>;
}

class CodeTaken extends Error {}

const IdParam = z.object({ id: z.string().min(1).max(64) });

const actorOf = staffActor;

function adminUser(u: UserRecord): AdminUser {
  return {
    id: u.id as UserId,
    username: u.username,
    displayName: u.displayName,
    role: u.role,
    disabled: u.disabled,
    lockedUntil: u.lockedUntil,
  };
}

export { slugOf } from '../engine/catalog.js';

export function registerAdminRoutes(http: FastifyInstance, deps: AdminDeps): Connections {
  const { engine, accounts, db, log, now } = deps;
  const users = new AccountRepo(db);
  const repo = new AdminRepo(db);
  // A device's last-seen time is a nicety: a full or locked disk must not throw out of a listener.
  const connections = new Connections(deps.io, now, (id, at) => guarded(log, 'device seen', () => users.deviceSeen(id, at)));
  const pairingGuesses = new RateLimiter();
  const catalog = new Catalog(engine, repo);

  const admin = (req: FastifyRequest): StaffUser => requireRole(accounts, req, 'admin');
  const manager = (req: FastifyRequest): StaffUser => requireRole(accounts, req, 'manager');
  const idOf = (req: FastifyRequest): string => IdParam.parse(req.params).id;

  // ------------------------------------------------------------ services

  http.get('/api/admin/services', jsonRoute(log, (req) => {
    manager(req);
    return { services: engine.listServices(), stats: engine.allStats(), seq: engine.lastSeq };
  }));

  // Who asks is checked before what they sent: a stranger learns nothing from validation.
  http.post('/api/admin/services', jsonRoute(log, (req) => {
    const user = admin(req);
    return catalog.createService(ServiceCreateBody.parse(req.body), actorOf(user));
  }));

  http.patch('/api/admin/services/:id', jsonRoute(log, (req) => {
    const user = admin(req);
    return catalog.updateService(idOf(req) as ServiceId, ServiceUpdateBody.parse(req.body ?? {}), actorOf(user));
  }));

  http.delete('/api/admin/services/:id', jsonRoute(log, (req) => {
    catalog.deleteService(idOf(req) as ServiceId, actorOf(admin(req)));
    return null;
  }));

  // ------------------------------------------------------------ counters

  http.get('/api/admin/counters', jsonRoute(log, (req) => {
    manager(req);
    return { counters: engine.counterViews(), seq: engine.lastSeq };
  }));

  http.post('/api/admin/counters', jsonRoute(log, (req) => {
    const user = admin(req);
    return engine.counterView(catalog.createCounter(CounterCreateBody.parse(req.body), actorOf(user)));
  }));

  http.patch('/api/admin/counters/:id', jsonRoute(log, (req) => {
    const user = admin(req);
    return engine.counterView(catalog.updateCounter(idOf(req) as CounterId, CounterUpdateBody.parse(req.body ?? {}), actorOf(user)));
  }));

  http.delete('/api/admin/counters/:id', jsonRoute(log, (req) => {
    catalog.deleteCounter(idOf(req) as CounterId, actorOf(admin(req)));
    return null;
  }));

  // ------------------------------------------------------------ settings

  http.get('/api/admin/settings', jsonRoute(log, (req) => {
    manager(req);
    return engine.getSettings();
  }));

  http.put('/api/admin/settings', jsonRoute(log, (req) => {
    const user = admin(req);
    const b = SettingsBody.parse(req.body);
    // The results pickup service must be one of the centre's services (the kiosk issues in it).
    if (b.resultsServiceId && !engine.live.service(b.resultsServiceId)) {
      throw new LaysoError('SERVICE_NOT_FOUND', `no service ${b.resultsServiceId} for results pickup`);
    }
    const wasDemo = engine.getSettings().demo;
    const saved = catalog.updateSettings(b, actorOf(user));
    // Leaving demo mode: the unpaired browsers it let in go now, not at their next reconnection.
    if (wasDemo && !saved.demo) {
      for (const d of connections.unpaired()) connections.disconnectDevice(d.id);
    }
    return saved;
  }));

  // ------------------------------------------------------------ users

  http.get('/api/admin/users', jsonRoute(log, (req) => {
    manager(req);
    return users.users().map(adminUser);
  }));

  http.post('/api/admin/users', jsonRoute(log, async (req) => {
    const user = admin(req);
    const b = UserCreateBody.parse(req.body);
    if (users.userByUsername(b.username)) throw new LaysoError('CONFLICT', `user ${b.username} exists`);
    const passwordHash = await hashPassword(b.password);
    const id = `u-${b.username}`;
    // The hash took time: check again, inside the transaction, that nobody took the name meanwhile.
    engine.adminChange(
      'user.created',
      actorOf(user),
      () => {
        if (users.userByUsername(b.username) || users.userById(id)) throw new LaysoError('CONFLICT', `user ${b.username} exists`);
        users.insertUser({ id, username: b.username, displayName: b.displayName, role: b.role, passwordHash }, now());
      },
      () => ({ userId: id, username: b.username, displayName: b.displayName, role: b.role }),
    );
    return adminUser(users.userById(id)!);
  }));

  const updateUser = async (req: FastifyRequest, body: UserUpdateBody): Promise<AdminUser> => {
    const user = admin(req);
    const id = idOf(req);
    const current = users.userById(id);
    if (!current) throw new LaysoError('USER_NOT_FOUND', `no user ${id}`);
    const passwordHash = body.password !== undefined ? await hashPassword(body.password) : current.passwordHash;
    const next: UserRecord = {
      ...current,
      displayName: body.displayName ?? current.displayName,
      role: body.role ?? current.role,
      disabled: body.disabled ?? current.disabled,
      passwordHash,
    };
    const wasAdmin = current.role === 'admin' && !current.disabled;
    const staysAdmin = next.role === 'admin' && !next.disabled;
    if (wasAdmin && !staysAdmin && !users.users().some((u) => u.id !== id && u.role === 'admin' && !u.disabled)) {
      throw new LaysoError('CONFLICT', 'this is the last admin: make another admin first');
    }
    const changed = {
      ...(next.displayName !== current.displayName ? { displayName: next.displayName } : {}),
      ...(next.role !== current.role ? { role: next.role } : {}),
      ...(next.disabled !== current.disabled ? { disabled: next.disabled } : {}),
      ...(body.password !== undefined ? { passwordReset: true } : {}),
    };
    const type =
      'disabled' in changed ? (next.disabled ? 'user.disabled' : 'user.enabled')
      : Object.keys(changed).length === 1 && 'passwordReset' in changed ? 'user.password_reset'
      : 'user.updated';
    // A new password or a disabled account ends its sessions; a new role takes effect on its
    // next connection.
    const endSessions = body.password !== undefined || (next.disabled && !current.disabled);
    if (Object.keys(changed).length > 0) {
      engine.adminChange(
        type,
        actorOf(user),
        () => {
          users.updateUser(next);
          if (body.password !== undefined) users.recordLoginSuccess(id);
          if (endSessions) users.deleteUserSessions(id);
        },
        () => ({
          userId: id,
          username: current.username,
          ...changed,
          before: {
            ...('displayName' in changed ? { displayName: current.displayName } : {}),
            ...('role' in changed ? { role: current.role } : {}),
            ...('disabled' in changed ? { disabled: current.disabled } : {}),
          },
        }),
      );
      accounts.forgetName(id);
      if (endSessions || 'role' in changed) connections.disconnectUser(id);
    }
    return adminUser(users.userById(id)!);
  };

  http.patch('/api/admin/users/:id', jsonRoute(log, (req) => updateUser(req, UserUpdateBody.parse(req.body ?? {}))));

  /** Accounts are never erased (their id stays in the history): deleting one disables it. */
  http.delete('/api/admin/users/:id', jsonRoute(log, (req) => updateUser(req, { disabled: true })));

  // ------------------------------------------------------------ devices

  const problemOf = (id: string): DeviceView['lastError'] => {
    const p = deps.deviceProblems.get(id);
    return p ? { code: p.code ?? null, message: p.message ?? null, at: p.at } : null;
  };

  const liveOf = (id: string): Pick<DeviceView, 'connected' | 'connectedSince' | 'connections' | 'address'> => {
    const live = connections.of(id);
    return {
      connected: live.length > 0,
      connectedSince: live[0]?.since ?? null,
      connections: live.length,
      address: live[0]?.address ?? null,
    };
  };

  const deviceView = (d: DeviceRecord): DeviceView => ({
    id: d.id,
    kind: d.kind,
    name: d.name,
    paired: true,
    config: d.config,
    createdAt: d.createdAt,
    revokedAt: d.revokedAt,
    lastSeenAt: d.lastSeenAt,
    ...liveOf(d.id),
    lastError: problemOf(d.id),
  });

  const deviceViews = (): DeviceView[] => [
    ...users.devices().map(deviceView),
    ...connections.unpaired().map((d): DeviceView => ({
      id: d.id,
      kind: d.kind,
      name: d.name,
      paired: false,
      config: d.config,
      createdAt: null,
      revokedAt: null,
      lastSeenAt: null,
      ...liveOf(d.id),
      lastError: problemOf(d.id),
    })),
  ];

  http.get('/api/admin/devices', jsonRoute(log, (req) => {
    manager(req);
    return deviceViews();
  }));

  /** The same list for the manager's board: what is connected, since when, and what is wrong. */
  http.get('/api/board/devices', jsonRoute(log, (req) => {
    manager(req);
    return deviceViews();
  }));

  http.post('/api/admin/pairing-codes', jsonRoute(log, (req): PairingCode => {
    const user = admin(req);
    const b = PairingCodeBody.parse(req.body);
    const expiresAt = now() + PAIRING_CODE_TTL_MS;
    for (let attempt = 0; attempt < 50; attempt++) {
      const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
      try {
        engine.adminChange(
          'device.pairing_code_created',
          actorOf(user),
          () => {
            const codeHash = tokenHash(code);
            if (!repo.insertPairingCode({ codeHash, kind: b.kind, name: b.name, createdBy: user.id, expiresAt }, now())) {
              throw new CodeTaken();
            }
          },
          () => ({ kind: b.kind, name: b.name, expiresAt }),
        );
        return { code, kind: b.kind, name: b.name, expiresAt };
      } catch (e) {
        // Another live code has the same digits: the transaction rolled back; draw again.
        if (!(e instanceof CodeTaken)) throw e;
      }
    }
    throw new LaysoError('INTERNAL', 'could not draw a free pairing code');
  }));

  http.post('/api/devices/pair', jsonRoute(log, (req): PairResult => {
    if (!pairingGuesses.allow(req.ip, now(), PAIRING_GUESSES_PER_MIN)) {
      throw new LaysoError('RATE_LIMITED', 'too many pairing attempts from this address; wait a minute');
    }
    const b = PairBody.parse(req.body);
    const hash = tokenHash(b.code);
    const claim = repo.pairingCode(hash, b.kind, now());
    if (!claim) throw new LaysoError('PAIRING_CODE_INVALID', 'wrong, used or expired pairing code: ask the admin for a new one');
    const deviceId = `${b.kind}-${randomBytes(9).toString('base64url')}`;
    const deviceToken = newToken();
    engine.adminChange(
      'device.paired',
      { kind: 'staff', userId: claim.createdBy as UserId, role: 'admin' },
      () => {
        if (!repo.usePairingCode(hash, now())) throw new LaysoError('PAIRING_CODE_INVALID', 'this pairing code was just used');
        users.insertDevice({ id: deviceId, kind: b.kind, name: claim.name, tokenHash: tokenHash(deviceToken), config: {} }, now());
      },
      () => ({ deviceId, kind: b.kind, name: claim.name, address: req.ip }),
    );
    return { deviceId: deviceId as DeviceId, deviceToken, name: claim.name, kind: b.kind };
  }));

  http.patch('/api/admin/devices/:id', jsonRoute(log, (req) => {
    const user = admin(req);
    const id = idOf(req);
    const b = DeviceUpdateBody.parse(req.body ?? {});
    const before = users.deviceById(id);
    if (!before) throw new LaysoError('DEVICE_NOT_FOUND', `no device ${id}`);
    for (const serviceId of b.config?.serviceIds ?? []) {
      if (!engine.getService(serviceId)) throw new LaysoError('SERVICE_NOT_FOUND', `a kiosk's area names no service ${serviceId}`);
    }
    const counterId = b.config?.counterId;
    if (counterId && !engine.getCounter(counterId)) throw new LaysoError('COUNTER_NOT_FOUND', `no counter ${counterId}`);
    engine.adminChange(
      'device.updated',
      actorOf(user),
      () => {
        if (b.name !== undefined) repo.renameDevice(id, b.name);
        if (b.config !== undefined) users.setDeviceConfig(id, b.config);
      },
      () => ({
        deviceId: id,
        ...b,
        before: { ...(b.name !== undefined ? { name: before.name } : {}), ...(b.config !== undefined ? { config: before.config } : {}) },
      }),
    );
    const after = users.deviceById(id)!;
    if (b.config !== undefined) connections.reconfigureDevice(id, after.config);
    return deviceView(after);
  }));

  http.post('/api/admin/devices/:id/revoke', jsonRoute(log, (req) => {
    const user = admin(req);
    const id = idOf(req);
    const device = users.deviceById(id);
    if (!device) throw new LaysoError('DEVICE_NOT_FOUND', `no device ${id}`);
    if (device.revokedAt === null) {
      engine.adminChange('device.revoked', actorOf(user), () => users.revokeDevice(id, now()), () => ({ deviceId: id, kind: device.kind, name: device.name }));
    }
    // Its token is refused from now on; its open sockets go now, not at their next reconnection.
    connections.disconnectDevice(id);
    deps.deviceProblems.delete(id);
    return deviceView(users.deviceById(id)!);
  }));

  // ------------------------------------------------------------ audit

  http.get('/api/admin/audit', jsonRoute(log, (req): AuditPage => {
    manager(req);
    const q = AuditQuery.parse(req.query);
    const rows = repo.audit(q.limit, q.before);
    const names = new Map<string, string | null>();
    const nameOf = (actor: string | null): string | null => {
      if (!actor) return null;
      let n = names.get(actor);
      if (n === undefined) {
        const [kind, ...rest] = actor.split(':');
        const id = rest.join(':');
        n = kind === 'user' ? accounts.displayName(id)
          : kind === 'kiosk' || kind === 'device' ? (users.deviceById(id)?.name ?? null)
          : null;
        names.set(actor, n);
      }
      return n;
    };
    return {
      entries: rows.map((r) => ({ ...r, actorName: nameOf(r.actor) })),
      nextBefore: rows.length === q.limit ? rows[rows.length - 1]!.seq : null,
    };
  }));

  return connections;
}

/**
 * Integrations' REST (issue 14):
 *
 *   the admin        GET/POST /api/admin/api-keys, POST /api/admin/api-keys/:id/revoke
 *                    GET/POST /api/admin/webhooks, PATCH/DELETE /api/admin/webhooks/:id
 *                    GET /api/admin/webhooks/deliveries, POST /api/admin/webhooks/deliveries/:id/retry
 *   integrations     GET /api/v1/slots, POST /api/v1/appointments, GET /api/v1/appointments/:id,
 *                    POST /api/v1/appointments/:id/cancel  (API key, scope appointments:write)
 *   staff            POST /api/staff/appointments (a booking on a citizen's behalf),
 *                    POST /api/staff/appointments/:id/cancel, GET /api/staff/appointments/upcoming
 *
 * Managers read the keys and webhooks (never a key or a secret), the admin changes them; each
 * change is an audit event (`settings.api_key_*`, `settings.webhook_*`) with what it was before.
 */
import { randomBytes } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Logger } from 'pino';
import { z } from 'zod';
import {
  ApiBookBody,
  ApiKeyCreateBody,
  DossierCodeBody,
  DossierReadyBody,
  type DossierResult,
  type ApiKeyCreated,
  type ApiKeyView,
  type BookingView,
  DeliveryQuery,
  type DeliveryView,
  LaysoError,
  type SlotList,
  SlotsQuery,
  StaffBookBody,
  type StaffUser,
  type UpcomingList,
  WebhookCreateBody,
  type WebhookCreated,
  WebhookUpdateBody,
  type WebhookView,
  appointmentPolicyOf,
} from '@layso/shared';
import type { QueueEngine } from '../engine/engine.js';
import type { Accounts } from '../auth/accounts.js';
import type { Db } from '../store/open-db.js';
import { bearer, jsonRoute, requireRole } from '../admin/http.js';
import { staffActor } from '../engine/access.js';
import { book, bookingView, cancelBooking, slotList, type BookingDeps } from '../booking/routes.js';
import { ApiKeyAuth, keyView, newApiKey } from './api-keys.js';
import { Webhooks, type WebhookOptions } from './webhooks.js';

export interface IntegrationDeps {
  engine: QueueEngine;
  accounts: Accounts;
  db: Db;
  log: Logger;
  now: () => number;
  webhooks?: Partial<Pick<WebhookOptions, 'pollMs' | 'minBackoffMs' | 'maxBackoffMs' | 'maxAttempts' | 'timeoutMs'>>;
  /** Requests per API key and minute. */
  apiKeyRatePerMin?: number;
}

const IdParam = z.object({ id: z.string().min(1).max(64) });
const DeliveryIdParam = z.object({ id: z.coerce.number().int().positive() });

export function registerIntegrations(http: FastifyInstance, deps: IntegrationDeps): Webhooks {
  const { engine, accounts, log, now } = deps;
  const webhooks = new Webhooks({ ...deps.webhooks, db: deps.db, engine, log, now });
  const repo = webhooks.repo;
  const keys = new ApiKeyAuth(repo, now, deps.apiKeyRatePerMin);
  const booking: BookingDeps = { engine, db: deps.db, log, now };

  const admin = (req: FastifyRequest): StaffUser => requireRole(accounts, req, 'admin');
  const manager = (req: FastifyRequest): StaffUser => requireRole(accounts, req, 'manager');
  const signedIn = (req: FastifyRequest): StaffUser => {
    const user = accounts.userOfToken(bearer(req.headers.authorization));
    if (!user) throw new LaysoError('UNAUTHENTICATED', 'sign in first');
    return user;
  };
  const idOf = (req: FastifyRequest): string => IdParam.parse(req.params).id;

  // ------------------------------------------------------------ API keys

  http.get('/api/admin/api-keys', jsonRoute(log, (req): ApiKeyView[] => {
    manager(req);
    return repo.keys().map(keyView);
  }));

  http.post('/api/admin/api-keys', jsonRoute(log, (req): ApiKeyCreated => {
    const user = admin(req);
    const b = ApiKeyCreateBody.parse(req.body);
    const k = newApiKey();
    engine.adminChange(
      'settings.api_key_created',
      staffActor(user),
      () => repo.insertKey({ id: k.id, name: b.name, prefix: k.prefix, keyHash: k.hash, scopes: b.scopes, createdAt: now(), createdBy: `user:${user.id}` }),
      () => ({ keyId: k.id, name: b.name, prefix: k.prefix, scopes: b.scopes, before: null }),
    );
    return { ...keyView(repo.keyById(k.id)!), key: k.key };
  }));

  http.post('/api/admin/api-keys/:id/revoke', jsonRoute(log, (req): ApiKeyView => {
    const user = admin(req);
    const id = idOf(req);
    const k = repo.keyById(id);
    if (!k) throw new LaysoError('NOT_FOUND', `no API key ${id}`);
    if (k.revokedAt === null) {
      const at = now();
      engine.adminChange('settings.api_key_revoked', staffActor(user), () => repo.revokeKey(id, at), () => ({
        keyId: id,
        name: k.name,
        revokedAt: at,
        before: { revokedAt: null },
      }));
    }
    return keyView(repo.keyById(id)!);
  }));

  // ------------------------------------------------------------ webhooks

  http.get('/api/admin/webhooks', jsonRoute(log, (req): WebhookView[] => {
    manager(req);
    return repo.endpointViews();
  }));

  const viewOf = (id: string): WebhookView => {
    const v = repo.endpointViews().find((e) => e.id === id);
    if (!v) throw new LaysoError('NOT_FOUND', `no webhook ${id}`);
    return v;
  };

  http.post('/api/admin/webhooks', jsonRoute(log, (req): WebhookCreated => {
    const user = admin(req);
    const b = WebhookCreateBody.parse(req.body);
    const id = `wh-${randomBytes(6).toString('base64url')}`;
    const secret = b.secret ?? `whsec_${randomBytes(32).toString('base64url')}`;
    engine.adminChange(
      'settings.webhook_created',
      staffActor(user),
      // Events from now on: nothing logged before the endpoint existed is sent to it.
      () => repo.insertEndpoint({ id, name: b.name, url: b.url, secret, events: b.events, enabled: b.enabled, createdAt: now(), fromSeq: engine.lastSeq }),
      () => ({ endpointId: id, name: b.name, url: b.url, events: b.events, enabled: b.enabled, before: null }),
    );
    return { ...viewOf(id), secret };
  }));

  http.patch('/api/admin/webhooks/:id', jsonRoute(log, (req): WebhookView => {
    const user = admin(req);
    const id = idOf(req);
    const b = WebhookUpdateBody.parse(req.body ?? {});
    const current = repo.endpointById(id);
    if (!current) throw new LaysoError('NOT_FOUND', `no webhook ${id}`);
    const next = { id, name: b.name ?? current.name, url: b.url ?? current.url, events: b.events ?? current.events, enabled: b.enabled ?? current.enabled };
    const changed: Record<string, unknown> = {};
    const before: Record<string, unknown> = {};
    for (const k of ['name', 'url', 'events', 'enabled'] as const) {
      if (JSON.stringify(next[k]) !== JSON.stringify(current[k])) {
        changed[k] = next[k];
        before[k] = current[k];
      }
    }
    if (Object.keys(changed).length > 0) {
      engine.adminChange('settings.webhook_updated', staffActor(user), () => repo.updateEndpoint(next), () => ({ endpointId: id, name: current.name, ...changed, before }));
      webhooks.kick();
    }
    return viewOf(id);
  }));

  http.delete('/api/admin/webhooks/:id', jsonRoute(log, (req) => {
    const user = admin(req);
    const id = idOf(req);
    const current = repo.endpointById(id);
    if (!current) throw new LaysoError('NOT_FOUND', `no webhook ${id}`);
    engine.adminChange('settings.webhook_deleted', staffActor(user), () => repo.deleteEndpoint(id, now()), () => ({
      endpointId: id,
      name: current.name,
      before: { url: current.url, events: current.events, enabled: current.enabled },
    }));
    return null;
  }));

  http.get('/api/admin/webhooks/deliveries', jsonRoute(log, (req): { deliveries: DeliveryView[]; nextBefore: number | null } => {
    manager(req);
    const q = DeliveryQuery.parse(req.query);
    const deliveries = repo.deliveries(q);
    return { deliveries, nextBefore: deliveries.length === q.limit ? deliveries[deliveries.length - 1]!.id : null };
  }));

  /** Send a given-up delivery again now (the receiver was down for longer than the retries). */
  http.post('/api/admin/webhooks/deliveries/:id/retry', jsonRoute(log, (req): DeliveryView => {
    admin(req);
    const { id } = DeliveryIdParam.parse(req.params);
    const d = repo.delivery(id);
    if (!d) throw new LaysoError('NOT_FOUND', `no delivery ${id}`);
    if (d.state !== 'failed') throw new LaysoError('INVALID_STATE', `this delivery is ${d.state}`);
    if (!repo.endpointById(d.endpointId)) throw new LaysoError('INVALID_STATE', 'its webhook was deleted');
    repo.retry(id, now());
    webhooks.kick();
    return repo.delivery(id)!;
  }));

  // ------------------------------------------------------------ the REST API for integrations

  http.get('/api/v1/slots', jsonRoute(log, (req): SlotList => {
    keys.require(req, 'appointments:write');
    return slotList(booking, SlotsQuery.parse(req.query));
  }));

  http.post('/api/v1/appointments', jsonRoute(log, (req): BookingView => {
    const key = keys.require(req, 'appointments:write');
    return bookingView(engine, book(booking, ApiBookBody.parse(req.body), `apikey:${key.id}`));
  }));

  http.get('/api/v1/appointments/:id', jsonRoute(log, (req): BookingView => {
    keys.require(req, 'appointments:write');
    const a = engine.appointments.byId(idOf(req));
    if (!a) throw new LaysoError('APPOINTMENT_NOT_FOUND', 'no such booking');
    return bookingView(engine, a);
  }));

  http.post('/api/v1/appointments/:id/cancel', jsonRoute(log, (req): BookingView => {
    const key = keys.require(req, 'appointments:write');
    return bookingView(engine, cancelBooking(booking, idOf(req), `apikey:${key.id}`));
  }));

  // ------------------------------------------------------------ results ready for pickup

  /** The one-stop software says a dossier's result is ready: the kiosk then gives a results ticket. */
  http.post('/api/v1/dossiers/ready', jsonRoute(log, (req): DossierResult => {
    const key = keys.require(req, 'dossiers:write');
    const b = DossierReadyBody.parse(req.body);
    if (b.serviceId && !engine.getService(b.serviceId)) throw new LaysoError('SERVICE_NOT_FOUND', `no service ${b.serviceId}`);
    const by = `apikey:${key.id}`;
    return engine.sideChange(by, () => engine.results.markReady(b.code, { serviceId: b.serviceId ?? null, at: b.readyAt ?? now(), by }), (r) => [
      { type: 'dossier.ready', serviceId: r.serviceId, data: { code: r.code, readyAt: r.readyAt } },
    ]);
  }));

  /** Where a dossier's result stands: reported ready, picked up (its ticket), or NOT_FOUND. */
  http.get('/api/v1/dossiers/status', jsonRoute(log, (req): DossierResult => {
    keys.require(req, 'dossiers:write');
    const { code } = DossierCodeBody.parse(req.query);
    const r = engine.results.lookup(code);
    if (!r) throw new LaysoError('NOT_FOUND', `no result reported ready for ${code}`);
    return r;
  }));

  /** Withdraw a report made by mistake (before the citizen came for it). */
  http.post('/api/v1/dossiers/withdraw', jsonRoute(log, (req): null => {
    const key = keys.require(req, 'dossiers:write');
    const { code } = DossierCodeBody.parse(req.body);
    const r = engine.results.lookup(code);
    if (!r) throw new LaysoError('NOT_FOUND', `no result reported ready for ${code}`);
    if (r.pickedUpTicketId !== null) throw new LaysoError('INVALID_STATE', 'the citizen already took a ticket for this result');
    engine.sideChange(`apikey:${key.id}`, () => engine.results.remove(code), () => [{ type: 'dossier.withdrawn', serviceId: r.serviceId, data: { code: r.code } }]);
    return null;
  }));

  // ------------------------------------------------------------ staff on a citizen's behalf

  http.post('/api/staff/appointments', jsonRoute(log, (req): BookingView => {
    const user = signedIn(req);
    return bookingView(engine, book(booking, StaffBookBody.parse(req.body), `user:${user.id}`));
  }));

  http.post('/api/staff/appointments/:id/cancel', jsonRoute(log, (req): BookingView => {
    const user = signedIn(req);
    return bookingView(engine, cancelBooking(booking, idOf(req), `user:${user.id}`));
  }));

  /** Today's bookings still to come (up to the end of their check-in window), by slot. */
  http.get('/api/staff/appointments/upcoming', jsonRoute(log, (req): UpcomingList => {
    signedIn(req);
    const policy = appointmentPolicyOf(engine.getSettings());
    const list = engine.appointments.upcoming(engine.businessDate, now() - policy.lateMin * 60_000);
    return {
      businessDate: engine.businessDate,
      appointments: list.slice(0, 200).map((a) => ({ id: a.id, code: a.code, serviceId: a.serviceId, slotAt: a.slotAt, state: a.state })),
    };
  }));

  return webhooks;
}

/**
 * API keys, webhook endpoints and the webhook outbox (see migration 007). Keys are found by the
 * SHA-256 of the key; the key itself is never stored.
 */
import { type ApiKeyView, type ApiScope, type DeliveryState, type DeliveryView, type WebhookEvent, type WebhookView, ApiScope as ApiScopeSchema, WebhookEvent as WebhookEventSchema } from '@layso/shared';
import { z } from 'zod';
import type { Db } from './open-db.js';

interface KeyRow {
  id: string;
  name: string;
  prefix: string;
  key_hash: string;
  scopes_json: string;
  created_at: number;
  created_by: string | null;
  revoked_at: number | null;
  last_used_at: number | null;
}

export interface ApiKeyRecord extends ApiKeyView {
  keyHash: string;
}

function keyOf(r: KeyRow): ApiKeyRecord {
  return {
    id: r.id,
    name: r.name,
    prefix: r.prefix,
    keyHash: r.key_hash,
    scopes: z.array(ApiScopeSchema).catch([]).parse(JSON.parse(r.scopes_json)),
    createdAt: r.created_at,
    createdBy: r.created_by,
    revokedAt: r.revoked_at,
    lastUsedAt: r.last_used_at,
  };
}

interface EndpointRow {
  id: string;
  name: string;
  url: string;
  secret: string;
  events_json: string;
  enabled: number;
  created_at: number;
  from_seq: number;
  deleted_at: number | null;
}

export interface EndpointRecord {
  id: string;
  name: string;
  url: string;
  secret: string;
  events: WebhookEvent[];
  enabled: boolean;
  createdAt: number;
  fromSeq: number;
}

function endpointOf(r: EndpointRow): EndpointRecord {
  return {
    id: r.id,
    name: r.name,
    url: r.url,
    secret: r.secret,
    events: z.array(WebhookEventSchema).catch([]).parse(JSON.parse(r.events_json)),
    enabled: r.enabled === 1,
    createdAt: r.created_at,
    fromSeq: r.from_seq,
  };
}

interface DeliveryRow {
  id: number;
  endpoint_id: string;
  endpoint_name: string | null;
  event_seq: number;
  event_type: string;
  state: string;
  attempts: number;
  next_attempt_at: number | null;
  last_status: number | null;
  last_error: string | null;
  created_at: number;
  delivered_at: number | null;
}

/** A delivery the worker sends: where, what, and how many tries so far. */
export interface DueDelivery {
  id: number;
  endpointId: string;
  url: string;
  secret: string;
  eventType: string;
  payload: string;
  attempts: number;
  nextAttemptAt: number | null;
}

export class IntegrationRepo {
  private readonly s;

  constructor(private readonly db: Db) {
    this.s = {
      insertKey: db.prepare(`INSERT INTO api_keys (id, name, prefix, key_hash, scopes_json, created_at, created_by)
        VALUES (@id, @name, @prefix, @keyHash, @scopes, @createdAt, @createdBy)`),
      keys: db.prepare<[], KeyRow>('SELECT * FROM api_keys ORDER BY created_at DESC, id'),
      keyById: db.prepare<[string], KeyRow>('SELECT * FROM api_keys WHERE id = ?'),
      keyByHash: db.prepare<[string], KeyRow>('SELECT * FROM api_keys WHERE key_hash = ?'),
      revokeKey: db.prepare<[number, string]>('UPDATE api_keys SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL'),
      keyUsed: db.prepare<[number, string]>('UPDATE api_keys SET last_used_at = ? WHERE id = ?'),
      insertEndpoint: db.prepare(`INSERT INTO webhook_endpoints (id, name, url, secret, events_json, enabled, created_at, from_seq)
        VALUES (@id, @name, @url, @secret, @events, @enabled, @createdAt, @fromSeq)`),
      updateEndpoint: db.prepare('UPDATE webhook_endpoints SET name = @name, url = @url, events_json = @events, enabled = @enabled WHERE id = @id'),
      deleteEndpoint: db.prepare<[number, string]>('UPDATE webhook_endpoints SET deleted_at = ?, enabled = 0 WHERE id = ?'),
      dropPending: db.prepare<[string]>("UPDATE webhook_deliveries SET state = 'failed', next_attempt_at = NULL, last_error = 'endpoint deleted' WHERE endpoint_id = ? AND state = 'pending'"),
      endpoints: db.prepare<[], EndpointRow>('SELECT * FROM webhook_endpoints WHERE deleted_at IS NULL ORDER BY created_at, id'),
      endpointById: db.prepare<[string], EndpointRow>('SELECT * FROM webhook_endpoints WHERE id = ? AND deleted_at IS NULL'),
      counts: db.prepare<[], { endpoint_id: string; state: string; n: number; last: number | null }>(
        'SELECT endpoint_id, state, COUNT(*) AS n, MAX(delivered_at) AS last FROM webhook_deliveries GROUP BY endpoint_id, state',
      ),
      cursor: db.prepare<[], { seq: number }>('SELECT seq FROM webhook_cursor WHERE id = 1'),
      setCursor: db.prepare<[number]>('UPDATE webhook_cursor SET seq = ? WHERE id = 1'),
      insertDelivery: db.prepare(`INSERT OR IGNORE INTO webhook_deliveries
        (endpoint_id, event_seq, event_type, payload, state, attempts, next_attempt_at, created_at)
        VALUES (@endpointId, @seq, @type, @payload, 'pending', 0, @at, @at)`),
      // An endpoint's oldest pending delivery first: while it is not due, none after it goes.
      dueFor: db.prepare<[string, number], DueDelivery>(`
        SELECT d.id, d.endpoint_id AS endpointId, e.url, e.secret, d.event_type AS eventType, d.payload, d.attempts, d.next_attempt_at AS nextAttemptAt
        FROM webhook_deliveries d JOIN webhook_endpoints e ON e.id = d.endpoint_id
        WHERE d.endpoint_id = ? AND d.state = 'pending'
        ORDER BY d.id LIMIT ?`),
      delivered: db.prepare<[number, number, number]>(
        "UPDATE webhook_deliveries SET state = 'delivered', attempts = attempts + 1, last_status = ?, last_error = NULL, delivered_at = ?, next_attempt_at = NULL WHERE id = ?",
      ),
      attemptFailed: db.prepare(
        'UPDATE webhook_deliveries SET state = @state, attempts = attempts + 1, last_status = @status, last_error = @error, next_attempt_at = @next WHERE id = @id',
      ),
      retry: db.prepare<[number, number]>("UPDATE webhook_deliveries SET state = 'pending', next_attempt_at = ? WHERE id = ? AND state = 'failed'"),
      deliveryById: db.prepare<[number], DeliveryRow>(`SELECT d.*, e.name AS endpoint_name FROM webhook_deliveries d
        LEFT JOIN webhook_endpoints e ON e.id = d.endpoint_id WHERE d.id = ?`),
      prune: db.prepare<[number]>("DELETE FROM webhook_deliveries WHERE state = 'delivered' AND delivered_at < ?"),
    };
  }

  // ---------------------------------------------------------------- keys

  insertKey(k: { id: string; name: string; prefix: string; keyHash: string; scopes: ApiScope[]; createdAt: number; createdBy: string | null }): void {
    this.s.insertKey.run({ ...k, scopes: JSON.stringify(k.scopes) });
  }

  keys(): ApiKeyRecord[] {
    return this.s.keys.all().map(keyOf);
  }

  keyById(id: string): ApiKeyRecord | null {
    const r = this.s.keyById.get(id);
    return r ? keyOf(r) : null;
  }

  keyByHash(hash: string): ApiKeyRecord | null {
    const r = this.s.keyByHash.get(hash);
    return r ? keyOf(r) : null;
  }

  revokeKey(id: string, at: number): boolean {
    return this.s.revokeKey.run(at, id).changes > 0;
  }

  keyUsed(id: string, at: number): void {
    this.s.keyUsed.run(at, id);
  }

  // ---------------------------------------------------------------- endpoints

  insertEndpoint(e: EndpointRecord): void {
    this.s.insertEndpoint.run({ ...e, events: JSON.stringify(e.events), enabled: e.enabled ? 1 : 0 });
  }

  updateEndpoint(e: Pick<EndpointRecord, 'id' | 'name' | 'url' | 'events' | 'enabled'>): void {
    this.s.updateEndpoint.run({ id: e.id, name: e.name, url: e.url, events: JSON.stringify(e.events), enabled: e.enabled ? 1 : 0 });
  }

  /** An endpoint is kept (its deliveries name it) but gone from the list; its pending deliveries stop. */
  deleteEndpoint(id: string, at: number): void {
    this.s.deleteEndpoint.run(at, id);
    this.s.dropPending.run(id);
  }

  endpoints(): EndpointRecord[] {
    return this.s.endpoints.all().map(endpointOf);
  }

  endpointById(id: string): EndpointRecord | null {
    const r = this.s.endpointById.get(id);
    return r ? endpointOf(r) : null;
  }

  endpointViews(): WebhookView[] {
    const counts = this.s.counts.all();
    return this.endpoints().map((e) => {
      const of = (state: string): number => counts.find((c) => c.endpoint_id === e.id && c.state === state)?.n ?? 0;
      return {
        id: e.id,
        name: e.name,
        url: e.url,
        events: e.events,
        enabled: e.enabled,
        createdAt: e.createdAt,
        pending: of('pending'),
        failed: of('failed'),
        delivered: of('delivered'),
        lastDeliveredAt: counts.find((c) => c.endpoint_id === e.id && c.state === 'delivered')?.last ?? null,
      };
    });
  }

  // ---------------------------------------------------------------- the outbox

  cursor(): number {
    return this.s.cursor.get()?.seq ?? 0;
  }

  setCursor(seq: number): void {
    this.s.setCursor.run(seq);
  }

  enqueue(d: { endpointId: string; seq: number; type: string; payload: string; at: number }): void {
    this.s.insertDelivery.run(d);
  }

  /**
   * An endpoint's pending deliveries in order, up to the first that is not due yet: deliveries
   * reach a receiver in the order of the events.
   */
  dueFor(endpointId: string, now: number, limit: number): DueDelivery[] {
    const out: DueDelivery[] = [];
    for (const d of this.s.dueFor.all(endpointId, limit)) {
      if ((d.nextAttemptAt ?? 0) > now) break;
      out.push(d);
    }
    return out;
  }

  delivered(id: number, status: number, at: number): void {
    this.s.delivered.run(status, at, id);
  }

  /** A failed try: due again at `next`, or given up (`failed`) when `next` is null. */
  attemptFailed(id: number, status: number | null, error: string, next: number | null): void {
    this.s.attemptFailed.run({ id, state: next === null ? 'failed' : 'pending', status, error: error.slice(0, 300), next });
  }

  /** Send a given-up delivery again now; false when it is not a failed one. */
  retry(id: number, now: number): boolean {
    return this.s.retry.run(now, id).changes > 0;
  }

  delivery(id: number): DeliveryView | null {
    const r = this.s.deliveryById.get(id);
    return r ? deliveryOf(r) : null;
  }

  deliveries(q: { endpointId?: string | undefined; state?: DeliveryState | undefined; limit: number; before?: number | undefined }): DeliveryView[] {
    const where = ['d.id < @before'];
    if (q.endpointId) where.push('d.endpoint_id = @endpointId');
    if (q.state) where.push('d.state = @state');
    const rows = this.db
      .prepare<{ before: number; endpointId: string | null; state: string | null; limit: number }, DeliveryRow>(
        `SELECT d.*, e.name AS endpoint_name FROM webhook_deliveries d LEFT JOIN webhook_endpoints e ON e.id = d.endpoint_id
         WHERE ${where.join(' AND ')} ORDER BY d.id DESC LIMIT @limit`,
      )
      .all({ before: q.before ?? Number.MAX_SAFE_INTEGER, endpointId: q.endpointId ?? null, state: q.state ?? null, limit: q.limit });
    return rows.map(deliveryOf);
  }

  /** Delivered rows older than `before` go (the log keeps failures until retried). */
  prune(before: number): number {
    return this.s.prune.run(before).changes;
  }
}

function deliveryOf(r: DeliveryRow): DeliveryView {
  return {
    id: r.id,
    endpointId: r.endpoint_id,
    endpointName: r.endpoint_name,
    event: WebhookEventSchema.parse(r.event_type),
    eventSeq: r.event_seq,
    state: r.state as DeliveryState,
    attempts: r.attempts,
    nextAttemptAt: r.next_attempt_at,
    lastStatus: r.last_status,
    lastError: r.last_error,
    createdAt: r.created_at,
    deliveredAt: r.delivered_at,
  };
}

/**
 * API keys of integrations (the one-stop software). A key is `lk_` and 43 random characters;
 * only its SHA-256 is stored, with its first characters to tell keys apart in the admin. A request
 * sends it as `Authorization: Bearer lk_…`. Unknown key: UNAUTHENTICATED; revoked:
 * API_KEY_REVOKED; lacking the route's scope: API_SCOPE_MISSING; over its rate: RATE_LIMITED.
 */
import { randomBytes } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { type ApiKeyView, type ApiScope, LaysoError } from '@layso/shared';
import { tokenHash } from '../auth/passwords.js';
import { bearer } from '../admin/http.js';
import { RateLimiter } from '../handlers/devices.js';
import type { ApiKeyRecord, IntegrationRepo } from '../store/integration-repo.js';

export const API_KEY_PREFIX = 'lk_';
/** Requests per key and minute (a one-stop system books a few a minute at its busiest). */
export const API_KEY_REQUESTS_PER_MIN = 120;
/** `last_used_at` is written at most this often per key. */
const LAST_USED_EVERY_MS = 60_000;

export function newApiKey(): { key: string; id: string; prefix: string; hash: string } {
  const key = API_KEY_PREFIX + randomBytes(32).toString('base64url');
  return { key, id: `key-${randomBytes(6).toString('base64url')}`, prefix: key.slice(0, 10), hash: tokenHash(key) };
}

export function keyView(k: ApiKeyRecord): ApiKeyView {
  return { id: k.id, name: k.name, prefix: k.prefix, scopes: k.scopes, createdAt: k.createdAt, createdBy: k.createdBy, revokedAt: k.revokedAt, lastUsedAt: k.lastUsedAt };
}

export class ApiKeyAuth {
  private readonly limiter = new RateLimiter();
  private readonly lastWritten = new Map<string, number>();

  constructor(
    private readonly repo: IntegrationRepo,
    private readonly now: () => number,
    private readonly perMinute = API_KEY_REQUESTS_PER_MIN,
  ) {}

  /** The key of a request, allowed `scope`; throws the stable code otherwise (nothing is written then). */
  require(req: FastifyRequest, scope: ApiScope): ApiKeyRecord {
    const token = bearer(req.headers.authorization);
    if (!token || !token.startsWith(API_KEY_PREFIX) || token.length > 100) {
      throw new LaysoError('UNAUTHENTICATED', 'send an API key: Authorization: Bearer lk_…');
    }
    const key = this.repo.keyByHash(tokenHash(token));
    if (!key) throw new LaysoError('UNAUTHENTICATED', 'unknown API key');
    if (key.revokedAt !== null) throw new LaysoError('API_KEY_REVOKED', 'this API key was revoked: ask the centre admin for a new one');
    if (!key.scopes.includes(scope)) throw new LaysoError('API_SCOPE_MISSING', `this API key lacks the scope ${scope}`);
    const at = this.now();
    if (!this.limiter.allow(key.id, at, this.perMinute)) throw new LaysoError('RATE_LIMITED', `more than ${this.perMinute} requests a minute with this key; slow down`);
    if (at - (this.lastWritten.get(key.id) ?? 0) >= LAST_USED_EVERY_MS) {
      this.lastWritten.set(key.id, at);
      this.repo.keyUsed(key.id, at);
    }
    return key;
  }
}

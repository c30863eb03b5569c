/** The REST plumbing of the admin and report routes: who asks, with what role, and the answer. */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Logger } from 'pino';
import { type Ack, LaysoError, type Role, type StaffUser, httpStatusOf, ok } from '@layso/shared';
import type { Accounts } from '../auth/accounts.js';
import { toFailure } from '../handlers/wrap.js';

const RANK: Record<Role, number> = { officer: 0, manager: 1, admin: 2 };

export function bearer(header: string | undefined): string | undefined {
  return header?.startsWith('Bearer ') ? header.slice(7) : undefined;
}

/** The signed-in user of a request, with at least role `need`; throws UNAUTHENTICATED or FORBIDDEN. */
export function requireRole(accounts: Accounts, req: FastifyRequest, need: 'manager' | 'admin'): StaffUser {
  const user = accounts.userOfToken(bearer(req.headers.authorization));
  if (!user) throw new LaysoError('UNAUTHENTICATED', 'sign in first');
  if (RANK[user.role] < RANK[need]) throw new LaysoError('FORBIDDEN', `this needs the ${need} role`);
  return user;
}

export function sendAck<T>(reply: FastifyReply, ack: Ack<T>): FastifyReply {
  return reply.status(ack.ok ? 200 : httpStatusOf(ack.error.code)).send(ack);
}

/**
 * A JSON route: run `fn`, answer `{ ok: true, data }`, or the stable error with its HTTP status.
 * Schemas throw ZodError, which becomes VALIDATION.
 */
export function jsonRoute<T>(log: Logger, fn: (req: FastifyRequest, reply: FastifyReply) => T | Promise<T>) {
  return async (req: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> => {
    try {
      return sendAck(reply, ok(await fn(req, reply)));
    } catch (e) {
      return sendAck(reply, toFailure(e, log));
    }
  };
}

/** The one place where socket payloads are parsed and errors become stable acks. */
import { type Ack, LaysoError, fail, ok } from '@layso/shared';
import { z } from 'zod';
import type { Logger } from 'pino';
import { storageCodeOf, storageFaultsOf, storageMessage } from '../store/faults.js';

export function toFailure(e: unknown, log: Logger): Ack<never> {
  if (e instanceof LaysoError) return fail(e.code, e.message);
  if (e instanceof z.ZodError) return fail('VALIDATION', z.prettifyError(e));
  const storage = storageCodeOf(e);
  if (storage) {
    const faults = storageFaultsOf(log);
    if (faults) faults.report(storage, e);
    else log.error({ code: storage }, 'storage fault');
    return fail(storage, storageMessage(storage));
  }
  log.error({ err: e }, 'command failed');
  return fail('INTERNAL', 'internal error; see the server log');
}

type AckFn = (a: Ack<unknown>) => void;

/**
 * Wrap a socket command: parse the payload with its schema, run it, ack with the result or a
 * stable error. A client that sent no ack callback gets nothing back, but its command still runs
 * only if it parses.
 */
export function command<S extends z.ZodType, R>(
  schema: S,
  run: (payload: z.infer<S>) => R | Promise<R>,
  log: Logger,
): (payload: unknown, ack?: unknown) => Promise<void> {
  return async (payload, ack) => {
    const reply: AckFn = typeof ack === 'function' ? (ack as AckFn) : () => {};
    const parsed = schema.safeParse(payload);
    if (!parsed.success) {
      reply(fail('VALIDATION', z.prettifyError(parsed.error)));
      return;
    }
    try {
      reply(ok(await run(parsed.data)));
    } catch (e) {
      reply(toFailure(e, log));
    }
  };
}

export const Empty = z.object({}).passthrough().optional().transform(() => ({}));

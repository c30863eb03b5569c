/**
 * The one place where socket payloads are parsed and errors become stable acks. Handlers are
 * registered through `handlersFor(socket, TABLE, log)`: the event name picks its schema from the
 * protocol's table and fixes the type the handler must answer, so neither can be mismatched.
 */
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

/** A socket as far as registering handlers goes. */
interface Listens {
  on(event: string, listener: (payload: unknown, ack?: unknown) => void): unknown;
}

/**
 * Register handlers for one namespace's events: `on('counter:open', (payload) => answer)`. The
 * payload is parsed with the event's schema first (a bad one is answered `VALIDATION` and runs
 * nothing); the answer must be the event's ack type. A client that sent no ack callback gets
 * nothing back, but its command still runs if it parses.
 */
export function handlersFor<S extends Record<string, z.ZodType>, A extends { [K in keyof S]: unknown }>(
  socket: object,
  schemas: S,
  log: Logger,
): <K extends keyof S & string>(event: K, run: (payload: z.output<S[K]>) => A[K] | Promise<A[K]>) => void {
  // Socket.IO's typed `on` can't be called with a generic event name; the table types it instead.
  const target = socket as Listens;
  return (event, run) => {
    const schema = schemas[event]!;
    target.on(event, async (payload: unknown, ack?: unknown) => {
      const reply: AckFn = typeof ack === 'function' ? (ack as AckFn) : () => {};
      const parsed = schema.safeParse(payload);
      if (!parsed.success) {
        reply(fail('VALIDATION', z.prettifyError(parsed.error)));
        return;
      }
      try {
        reply(ok(await run(parsed.data as z.output<S[typeof event]>)));
      } catch (e) {
        reply(toFailure(e, log));
      }
    });
  };
}

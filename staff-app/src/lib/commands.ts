/**
 * Officer commands with one rule: a press acts once.
 *
 * - Each action (a key such as `callNext` or `requeue:<ticketId>`) has at most one command in
 *   flight; a second press while it is pending is ignored.
 * - Every command carries a fresh request id, except a retry after a timeout: pressing the same
 *   action with the same payload again reuses the id, so the server (idempotent on the id)
 *   returns the first result instead of acting twice.
 * - Any definite answer ends the retry window of that action; a success ends all of them, since
 *   the world has moved on and an old id would replay an old result.
 *
 * Pure: the socket's emit and the id source are passed in, so vitest runs it without a server.
 */
import type { Ack } from '@layso/shared';
import type { AnyErrorCode } from '../i18n/errors.js';

/** Send one command and resolve with its ack; reject when no ack came in time. */
export type Emit = (event: string, payload: Record<string, unknown>, timeoutMs: number) => Promise<Ack<unknown>>;

export type RunResult<T = unknown> =
  | { kind: 'ok'; data: T }
  | { kind: 'error'; code: AnyErrorCode | string; message: string }
  | { kind: 'ignored' };

interface InFlight {
  event: string;
  requestId: string;
  startedAt: number;
}

export const COMMAND_TIMEOUT_MS = 8000;

export class CommandRunner {
  private readonly inFlight = new Map<string, InFlight>();
  /** Actions whose last attempt timed out: the id to reuse for the same payload. */
  private readonly retry = new Map<string, { requestId: string; signature: string }>();
  private readonly listeners = new Set<() => void>();

  constructor(
    private readonly emit: Emit,
    private readonly newId: () => string,
    private readonly now: () => number = () => Date.now(),
    private readonly timeoutMs = COMMAND_TIMEOUT_MS,
  ) {}

  /** Whether an action has a command in flight. */
  isPending(key: string): boolean {
    return this.inFlight.has(key);
  }

  /** Keys of the actions in flight (for rendering). */
  pendingKeys(): ReadonlySet<string> {
    return new Set(this.inFlight.keys());
  }

  /** Whether the next press of this action (with this payload) would retry a timed-out one. */
  willRetry(key: string, event: string, payload: Record<string, unknown>): boolean {
    return this.retry.get(key)?.signature === signatureOf(event, payload);
  }

  subscribe(fn: () => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  /** Run an action's command; `payload` is without `requestId`, which this adds. */
  async run<T = unknown>(key: string, event: string, payload: Record<string, unknown>): Promise<RunResult<T>> {
    if (this.inFlight.has(key)) return { kind: 'ignored' };
    const signature = signatureOf(event, payload);
    const earlier = this.retry.get(key);
    const requestId = earlier && earlier.signature === signature ? earlier.requestId : this.newId();
    this.inFlight.set(key, { event, requestId, startedAt: this.now() });
    this.changed();
    let result: RunResult<T>;
    try {
      const ack = await this.emit(event, { ...payload, requestId }, this.timeoutMs);
      if (ack.ok) {
        this.retry.clear();
        result = { kind: 'ok', data: ack.data as T };
      } else {
        this.retry.delete(key);
        result = { kind: 'error', code: ack.error.code, message: ack.error.message };
      }
    } catch (e) {
      // No answer: the command may or may not have run. Keep the id so a retry is safe.
      this.retry.set(key, { requestId, signature });
      result = { kind: 'error', code: 'TIMEOUT', message: e instanceof Error ? e.message : String(e) };
    } finally {
      this.inFlight.delete(key);
      this.changed();
    }
    return result;
  }

  private changed(): void {
    for (const fn of this.listeners) fn();
  }
}

/** A stable text of what a command asks, so "the same press again" can be recognised. */
export function signatureOf(event: string, payload: Record<string, unknown>): string {
  return `${event} ${stableJson(payload)}`;
}

function stableJson(v: unknown): string {
  if (v === null || typeof v !== 'object') return JSON.stringify(v) ?? 'undefined';
  if (Array.isArray(v)) return `[${v.map(stableJson).join(',')}]`;
  const o = v as Record<string, unknown>;
  return `{${Object.keys(o)
    .filter((k) => o[k] !== undefined)
    .sort()
    .map((k) => `${JSON.stringify(k)}:${stableJson(o[k])}`)
    .join(',')}}`;
}

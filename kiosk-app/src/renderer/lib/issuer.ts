/**
 * Sending `ticket:issue` so that one tap can never make two tickets: one request in flight at a
 * time (a second call while one is out is refused on the spot, whatever the screen shows), and
 * a retry after a timeout reuses the same request id, so the server answers with the ticket it
 * may already have committed instead of issuing another.
 */
import { IssuedTicket, type ErrorCode, type IssueTicketCmd } from '@layso/shared';

/** The raw answer of the server, or a rejection when no answer came in time. */
export type SendIssue<C = IssueTicketCmd> = (cmd: C, timeoutMs: number) => Promise<unknown>;

export type IssueOutcome =
  /** `data`: the whole answer, for what a check-in adds to the ticket. */
  | { kind: 'issued'; issued: IssuedTicket; data: unknown }
  | { kind: 'refused'; code: ErrorCode | 'INTERNAL'; message: string }
  /** No answer (timed out or not connected): the ticket may or may not exist. */
  | { kind: 'unanswered' }
  /** Another request is in flight: this call did nothing. */
  | { kind: 'busy' };

export interface IssuerOptions<C = IssueTicketCmd> {
  send: SendIssue<C>;
  /** Whether the connection is up; a request is only sent on a live connection. */
  connected: () => boolean;
  /** Wait until connected or the time is up; resolves to whether it is connected. */
  waitConnected: (ms: number) => Promise<boolean>;
  /** How long to wait for a lost connection to come back before giving up. */
  reconnectWaitMs?: number;
  /**
   * Per attempt. The same with or without printing: the server answers once the ticket is on
   * disk and sends how its printing ended as its own message, so no time-out waits on a printer.
   */
  timeoutMs?: number;
  attempts?: number;
}

export class Issuer<C extends { requestId: string } = IssueTicketCmd> {
  private inFlight = false;

  constructor(private readonly o: IssuerOptions<C>) {}

  get busy(): boolean {
    return this.inFlight;
  }

  async issue(cmd: C): Promise<IssueOutcome> {
    if (this.inFlight) return { kind: 'busy' };
    this.inFlight = true;
    try {
      return await this.attempt(cmd);
    } finally {
      this.inFlight = false;
    }
  }

  private async attempt(cmd: C): Promise<IssueOutcome> {
    const attempts = this.o.attempts ?? 2;
    const timeoutMs = this.o.timeoutMs ?? 8_000;
    for (let i = 0; i < attempts; i++) {
      if (!this.o.connected() && !(await this.o.waitConnected(this.o.reconnectWaitMs ?? 4_000))) break;
      let answer: unknown;
      try {
        answer = await this.o.send(cmd, timeoutMs);
      } catch {
        continue; // no answer: try again with the same request id
      }
      return readAnswer(answer);
    }
    return { kind: 'unanswered' };
  }
}

/** Read an ack: only a well-formed successful answer counts as a ticket. */
export function readAnswer(answer: unknown): IssueOutcome {
  if (typeof answer !== 'object' || answer === null) return refusedInternal('no answer body');
  const a = answer as { ok?: unknown; data?: unknown; error?: { code?: unknown; message?: unknown } };
  if (a.ok === true) {
    const parsed = IssuedTicket.safeParse(a.data);
    return parsed.success ? { kind: 'issued', issued: parsed.data, data: a.data } : refusedInternal('malformed ticket');
  }
  if (a.ok === false && a.error && typeof a.error.code === 'string') {
    return {
      kind: 'refused',
      code: a.error.code as ErrorCode,
      message: typeof a.error.message === 'string' ? a.error.message : '',
    };
  }
  return refusedInternal('malformed answer');
}

function refusedInternal(message: string): IssueOutcome {
  return { kind: 'refused', code: 'INTERNAL', message };
}

import { describe, expect, it } from 'vitest';
import type { IssueTicketCmd, RequestId, ServiceId } from '@layso/shared';
import { Issuer, readAnswer, type SendIssue } from './issuer.js';
import { issued } from './fixtures.test-support.js';

const cmd: IssueTicketCmd = { requestId: 'req-123456' as RequestId, serviceId: 'ho-tich' as ServiceId, priority: null, print: false, language: 'vi' };

function issuer(send: SendIssue, connected = true) {
  return new Issuer({ send, connected: () => connected, waitConnected: async () => connected, attempts: 3 });
}

describe('issuing a ticket', () => {
  it('returns the ticket of a successful answer', async () => {
    const out = await issuer(async () => ({ ok: true, data: issued(1023) })).issue(cmd);
    expect(out).toMatchObject({ kind: 'issued', issued: { ticket: { displayNumber: '1023' } } });
  });

  it('retries a timed-out request with the same request id', async () => {
    const seen: string[] = [];
    let n = 0;
    const out = await issuer(async (c) => {
      seen.push(c.requestId);
      if (n++ < 2) throw new Error('operation has timed out');
      return { ok: true, data: { ...issued(1024), replayed: true } };
    }).issue(cmd);
    expect(seen).toEqual([cmd.requestId, cmd.requestId, cmd.requestId]);
    expect(out).toMatchObject({ kind: 'issued', issued: { replayed: true } });
  });

  it('gives up as unanswered, never as a ticket', async () => {
    const out = await issuer(async () => {
      throw new Error('timeout');
    }).issue(cmd);
    expect(out).toEqual({ kind: 'unanswered' });
  });

  it('does not send while disconnected', async () => {
    let sent = 0;
    const out = await issuer(async () => {
      sent++;
      return { ok: true, data: issued() };
    }, false).issue(cmd);
    expect(sent).toBe(0);
    expect(out).toEqual({ kind: 'unanswered' });
  });

  it('refuses a second issue while one is in flight', async () => {
    let release: (v: unknown) => void = () => undefined;
    let sent = 0;
    const i = issuer(() => {
      sent++;
      return new Promise((r) => (release = r));
    });
    const first = i.issue(cmd);
    expect(i.busy).toBe(true);
    expect(await i.issue({ ...cmd, requestId: 'other-12345' as RequestId })).toEqual({ kind: 'busy' });
    release({ ok: true, data: issued() });
    expect((await first).kind).toBe('issued');
    expect(sent).toBe(1);
    expect(i.busy).toBe(false);
  });

  it('passes a refusal on with its code', () => {
    expect(readAnswer({ ok: false, error: { code: 'RATE_LIMITED', message: 'wait' } })).toEqual({ kind: 'refused', code: 'RATE_LIMITED', message: 'wait' });
  });

  it('does not take a malformed answer for a ticket', () => {
    expect(readAnswer({ ok: true, data: { ticket: { displayNumber: '1' } } })).toMatchObject({ kind: 'refused', code: 'INTERNAL' });
    expect(readAnswer(null)).toMatchObject({ kind: 'refused', code: 'INTERNAL' });
  });
});

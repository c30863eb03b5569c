import { describe, expect, it } from 'vitest';
import type { Ack } from '@layso/shared';
import { CommandRunner, signatureOf, type Emit } from './commands.js';

/** An emit whose answers the test releases by hand, recording what was sent. */
function manualEmit() {
  const sent: { event: string; payload: Record<string, unknown> }[] = [];
  const waiting: { resolve: (a: Ack<unknown>) => void; reject: (e: Error) => void }[] = [];
  const emit: Emit = (event, payload) => {
    sent.push({ event, payload });
    return new Promise((resolve, reject) => waiting.push({ resolve, reject }));
  };
  return {
    emit,
    sent,
    answer: (a: Ack<unknown>) => waiting.shift()!.resolve(a),
    timeout: () => waiting.shift()!.reject(new Error('operation has timed out')),
  };
}

function ids() {
  let n = 0;
  return () => `req-000${++n}`;
}

describe('CommandRunner', () => {
  it('ignores a second press while the first is in flight, and shows it pending', async () => {
    const e = manualEmit();
    const r = new CommandRunner(e.emit, ids());
    const first = r.run('q1:callNext', 'counter:callNext', { counterId: 'q1' });
    expect(r.isPending('q1:callNext')).toBe(true);
    expect(await r.run('q1:callNext', 'counter:callNext', { counterId: 'q1' })).toEqual({ kind: 'ignored' });
    expect(e.sent).toHaveLength(1);
    e.answer({ ok: true, data: { n: 1 } });
    expect(await first).toEqual({ kind: 'ok', data: { n: 1 } });
    expect(r.isPending('q1:callNext')).toBe(false);
  });

  it('lets different actions run side by side', async () => {
    const e = manualEmit();
    const r = new CommandRunner(e.emit, ids());
    void r.run('q1:recall', 'ticket:recall', { counterId: 'q1' });
    void r.run('q1:note', 'ticket:note', { ticketId: 't', note: 'x' });
    expect(e.sent).toHaveLength(2);
    expect(r.pendingKeys()).toEqual(new Set(['q1:recall', 'q1:note']));
  });

  it('sends a fresh request id for each new press', async () => {
    const e = manualEmit();
    const r = new CommandRunner(e.emit, ids());
    const a = r.run('k', 'counter:callNext', { counterId: 'q1' });
    e.answer({ ok: true, data: null });
    await a;
    const b = r.run('k', 'counter:callNext', { counterId: 'q1' });
    e.answer({ ok: false, error: { code: 'QUEUE_EMPTY', message: '' } });
    expect(await b).toEqual({ kind: 'error', code: 'QUEUE_EMPTY', message: '' });
    const c = r.run('k', 'counter:callNext', { counterId: 'q1' });
    e.answer({ ok: true, data: null });
    await c;
    expect(e.sent.map((s) => s.payload.requestId)).toEqual(['req-0001', 'req-0002', 'req-0003']);
  });

  it('reuses the request id when the same press is retried after a timeout', async () => {
    const e = manualEmit();
    const r = new CommandRunner(e.emit, ids());
    const a = r.run('k', 'counter:callNext', { counterId: 'q1' });
    e.timeout();
    expect(await a).toMatchObject({ kind: 'error', code: 'TIMEOUT' });
    expect(r.willRetry('k', 'counter:callNext', { counterId: 'q1' })).toBe(true);
    const b = r.run('k', 'counter:callNext', { counterId: 'q1' });
    e.answer({ ok: true, data: null });
    await b;
    expect(e.sent[1]!.payload.requestId).toBe(e.sent[0]!.payload.requestId);
    // After the definite answer, the next press is a new command.
    const c = r.run('k', 'counter:callNext', { counterId: 'q1' });
    e.answer({ ok: true, data: null });
    await c;
    expect(e.sent[2]!.payload.requestId).not.toBe(e.sent[0]!.payload.requestId);
  });

  it('does not reuse a timed-out id for a different payload', async () => {
    const e = manualEmit();
    const r = new CommandRunner(e.emit, ids());
    const a = r.run('k', 'ticket:transfer', { counterId: 'q1', target: { kind: 'service', serviceId: 'a' } });
    e.timeout();
    await a;
    const b = r.run('k', 'ticket:transfer', { counterId: 'q1', target: { kind: 'service', serviceId: 'b' } });
    e.answer({ ok: true, data: null });
    await b;
    expect(e.sent[1]!.payload.requestId).not.toBe(e.sent[0]!.payload.requestId);
  });

  it('forgets every timed-out id once any command succeeds (an old id would replay an old result)', async () => {
    const e = manualEmit();
    const r = new CommandRunner(e.emit, ids());
    const a = r.run('q1:callNext', 'counter:callNext', { counterId: 'q1' });
    e.timeout();
    await a;
    const done = r.run('q1:done', 'ticket:done', { counterId: 'q1' });
    e.answer({ ok: true, data: null });
    await done;
    expect(r.willRetry('q1:callNext', 'counter:callNext', { counterId: 'q1' })).toBe(false);
  });

  it('notifies its subscribers when an action starts and ends', async () => {
    const e = manualEmit();
    const r = new CommandRunner(e.emit, ids());
    let calls = 0;
    r.subscribe(() => calls++);
    const a = r.run('k', 'x', {});
    expect(calls).toBe(1);
    e.answer({ ok: true, data: null });
    await a;
    expect(calls).toBe(2);
  });
});

describe('request signatures', () => {
  it('signatures ignore key order and undefined fields', () => {
    expect(signatureOf('e', { a: 1, b: { c: 2, d: 3 } })).toBe(signatureOf('e', { b: { d: 3, c: 2 }, a: 1, z: undefined }));
    expect(signatureOf('e', { a: 1 })).not.toBe(signatureOf('f', { a: 1 }));
  });
});

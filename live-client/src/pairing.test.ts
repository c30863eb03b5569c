import { describe, expect, it } from 'vitest';
import { codeEntryReducer, initialCodeEntry, pairOutcomeOf, type CodeAction, type CodeEntry } from '@layso/shared';
import { PairingSession, pairDevice } from './pairing.js';

function run(s: CodeEntry, ...actions: CodeAction[]): CodeEntry {
  return actions.reduce(codeEntryReducer, s);
}
const digits = (code: string): CodeAction[] => [...code].map((digit) => ({ type: 'digit', digit }));
const wrong = { type: 'answer', outcome: { kind: 'problem', problem: 'wrongCode' } } as const;

describe('pairing code entry', () => {
  it('takes six digits and sends the code on the sixth, once', () => {
    const five = run(initialCodeEntry, ...digits('12345'));
    expect(five).toMatchObject({ digits: '12345', sending: false, attempt: 0 });
    const six = run(five, ...digits('6'));
    expect(six).toMatchObject({ digits: '123456', sending: true, attempt: 1 });
    // Locked while the server answers: more digits, erasing, a second submit change nothing.
    expect(run(six, ...digits('7'), { type: 'erase' }, { type: 'clear' }, { type: 'submit' })).toBe(six);
  });

  it('ignores what is not a digit, and erases and clears', () => {
    expect(run(initialCodeEntry, ...digits('1a'), { type: 'digit', digit: '12' })).toMatchObject({ digits: '1' });
    expect(run(initialCodeEntry, ...digits('123'), { type: 'erase' })).toMatchObject({ digits: '12' });
    expect(run(initialCodeEntry, { type: 'erase' })).toBe(initialCodeEntry);
    expect(run(initialCodeEntry, ...digits('123'), { type: 'clear' })).toMatchObject({ digits: '' });
    // Submit needs all six.
    expect(run(initialCodeEntry, ...digits('123'), { type: 'submit' })).toMatchObject({ sending: false, attempt: 0 });
  });

  it('a wrong code empties the boxes and says so until a new code is typed', () => {
    const s = run(initialCodeEntry, ...digits('000000'), wrong);
    expect(s).toMatchObject({ digits: '', sending: false, problem: 'wrongCode', paired: false });
    expect(run(s, ...digits('1'))).toMatchObject({ digits: '1', problem: null });
    const again = run(s, ...digits('111111'));
    expect(again).toMatchObject({ sending: true, attempt: 2, problem: null });
    expect(run(again, { type: 'answer', outcome: { kind: 'problem', problem: 'tooMany' } })).toMatchObject({ problem: 'tooMany', digits: '' });
  });

  it('keeps the digits when the server could not be reached, so the same code can be sent again', () => {
    const s = run(initialCodeEntry, ...digits('424242'), { type: 'answer', outcome: { kind: 'problem', problem: 'offline' } });
    expect(s).toMatchObject({ digits: '424242', sending: false, problem: 'offline' });
    expect(run(s, { type: 'submit' })).toMatchObject({ sending: true, attempt: 2, problem: null });
  });

  it('pairs, then takes no more input; a stray answer changes nothing', () => {
    const paired = run(initialCodeEntry, ...digits('424242'), { type: 'answer', outcome: { kind: 'paired', deviceToken: 't', name: 'Kiosk 1' } });
    expect(paired).toMatchObject({ paired: true, sending: false });
    expect(run(paired, ...digits('1'), { type: 'submit' }, wrong)).toBe(paired);
    expect(run(initialCodeEntry, wrong)).toBe(initialCodeEntry);
  });
});

describe('pairing answers', () => {
  it('reads the server’s answer', () => {
    expect(pairOutcomeOf({ ok: true, data: { deviceId: 'kiosk-1', deviceToken: 'tok', name: 'Sảnh A', kind: 'kiosk' } })).toEqual({
      kind: 'paired',
      deviceToken: 'tok',
      name: 'Sảnh A',
    });
    expect(pairOutcomeOf({ ok: false, error: { code: 'PAIRING_CODE_INVALID', message: '' } })).toEqual({ kind: 'problem', problem: 'wrongCode' });
    expect(pairOutcomeOf({ ok: false, error: { code: 'VALIDATION', message: '' } })).toEqual({ kind: 'problem', problem: 'wrongCode' });
    expect(pairOutcomeOf({ ok: false, error: { code: 'RATE_LIMITED', message: '' } })).toEqual({ kind: 'problem', problem: 'tooMany' });
    expect(pairOutcomeOf({ ok: false, error: { code: 'INTERNAL', message: '' } })).toEqual({ kind: 'problem', problem: 'offline' });
    expect(pairOutcomeOf({ ok: true, data: { deviceToken: 42 } })).toEqual({ kind: 'problem', problem: 'offline' });
    expect(pairOutcomeOf('<html>')).toEqual({ kind: 'problem', problem: 'offline' });
  });

  it('posts the code and the kind, and never rejects', async () => {
    const calls: { url: string; body: unknown }[] = [];
    const ok = (async (url: string, init?: RequestInit) => {
      calls.push({ url, body: JSON.parse(String(init?.body)) });
      return new Response(JSON.stringify({ ok: true, data: { deviceId: 'kiosk-1', deviceToken: 'tok', name: 'A', kind: 'kiosk' } }));
    }) as typeof fetch;
    await expect(pairDevice(ok, 'http://10.0.0.2:8080', 'kiosk', '123456')).resolves.toMatchObject({ kind: 'paired', deviceToken: 'tok' });
    expect(calls).toEqual([{ url: 'http://10.0.0.2:8080/api/devices/pair', body: { code: '123456', kind: 'kiosk' } }]);
    const down = (async () => {
      throw new TypeError('Failed to fetch');
    }) as typeof fetch;
    await expect(pairDevice(down, 'http://10.0.0.2:8080', 'kiosk', '123456')).resolves.toEqual({ kind: 'problem', problem: 'offline' });
  });
});

describe('PairingSession', () => {
  it('sends each attempt once, shows the boxes and the message, and keeps the token it was given', async () => {
    const bodies: unknown[] = [];
    let answer: (body: unknown) => void = () => undefined;
    const fetchFn = (_url: string, init: { body: string }) => {
      bodies.push(JSON.parse(init.body));
      return Promise.resolve({ json: () => new Promise<unknown>((resolve) => (answer = resolve)) });
    };
    const tokens: string[] = [];
    const s = new PairingSession(fetchFn, 'http://10.0.0.2:8080', 'display', (t) => tokens.push(t));
    let changes = 0;
    s.subscribe(() => changes++);
    for (const digit of '12345') s.dispatch({ type: 'digit', digit });
    expect(s.view().boxes.map((b) => b.className)).toEqual(['box filled', 'box filled', 'box filled', 'box filled', 'box filled', 'box next']);
    s.dispatch({ type: 'digit', digit: '6' });
    s.dispatch({ type: 'submit' });
    s.dispatch({ type: 'digit', digit: '7' });
    expect(s.view()).toMatchObject({ state: 'sending', message: 'sending', locked: true, token: null });
    expect(tokens).toEqual([]);
    await Promise.resolve();
    expect(bodies).toEqual([{ code: '123456', kind: 'display' }]);
    answer({ ok: true, data: { deviceId: 'display-1', deviceToken: 'tok', name: 'Sảnh', kind: 'display' } });
    await new Promise((r) => setTimeout(r, 0));
    expect(s.view()).toMatchObject({ state: 'paired', message: 'paired', locked: true, token: 'tok' });
    expect(changes).toBe(7);
    expect(tokens).toEqual(['tok']);
  });
});

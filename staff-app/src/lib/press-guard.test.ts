import { describe, expect, it } from 'vitest';
import { PressGuard } from './press-guard.js';

function clock(): { now: () => number; advance: (ms: number) => void } {
  let t = 1_000;
  return { now: () => t, advance: (ms) => (t += ms) };
}

describe('PressGuard', () => {
  it('refuses any press while a command of the counter is in flight', () => {
    const g = new PressGuard(clock().now, 1000);
    expect(g.allows('doneAndCallNext', 'a', true)).toBe(false);
    expect(g.allows('recall', 'a', true)).toBe(false);
    expect(g.allows('doneAndCallNext', 'a', false)).toBe(true);
  });

  it('refuses the same key on the ticket it called a moment ago, then allows it', () => {
    const c = clock();
    const g = new PressGuard(c.now, 1000);
    g.pressed('doneAndCallNext', 'a');
    c.advance(40);
    g.answered('doneAndCallNext', 'b');
    c.advance(100);
    // The screen already shows b, or still shows a: either way the second press does nothing.
    expect(g.allows('doneAndCallNext', 'b', false)).toBe(false);
    expect(g.allows('doneAndCallNext', 'a', false)).toBe(false);
    // Another key may act on b at once (recall the number just called).
    expect(g.allows('recall', 'b', false)).toBe(true);
    c.advance(1000);
    expect(g.allows('doneAndCallNext', 'b', false)).toBe(true);
  });

  it('lets the same key act on a different ticket (another officer’s transfer in between)', () => {
    const c = clock();
    const g = new PressGuard(c.now, 1000);
    g.pressed('done', 'a');
    g.answered('done', null);
    c.advance(100);
    expect(g.allows('done', 'z', false)).toBe(true);
  });

  it('refuses call next on the ticket it just called, and lets it call once the counter is empty again', () => {
    const c = clock();
    const g = new PressGuard(c.now, 1000);
    g.pressed('callNext', null);
    g.answered('callNext', 'b');
    c.advance(50);
    expect(g.allows('callNext', 'b', false)).toBe(false);
    // b was transferred at once: the counter is empty and a call is what the officer wants.
    expect(g.allows('callNext', null, false)).toBe(true);
  });
});

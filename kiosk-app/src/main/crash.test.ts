import { describe, expect, it } from 'vitest';
import { CrashReloadPolicy, isCrash } from './crash.js';

describe('crash reload', () => {
  it('reloads at once, then with a pause when the page keeps crashing', () => {
    const p = new CrashReloadPolicy(60_000, 3, 10_000);
    expect([p.onCrash(0), p.onCrash(1000), p.onCrash(2000), p.onCrash(3000)]).toEqual([0, 0, 0, 10_000]);
    expect(p.onCrash(3000 + 60_000)).toBe(0);
    expect(isCrash('crashed')).toBe(true);
    expect(isCrash('oom')).toBe(true);
    expect(isCrash('clean-exit')).toBe(false);
  });
});

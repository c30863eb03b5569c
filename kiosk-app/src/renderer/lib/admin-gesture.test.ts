import { describe, expect, it } from 'vitest';
import { cornerTap, ADMIN_TAPS, ADMIN_WINDOW_MS } from './admin-gesture.js';

describe('admin gesture', () => {
  it('opens after five corner taps within three seconds', () => {
    let h: number[] = [];
    for (let i = 0; i < ADMIN_TAPS - 1; i++) {
      const r = cornerTap(h, i * 500);
      expect(r.open).toBe(false);
      h = r.history;
    }
    expect(cornerTap(h, 2000).open).toBe(true);
  });

  it('does not open for slow taps', () => {
    let h: number[] = [];
    let opened = false;
    for (let i = 0; i < 20; i++) {
      const r = cornerTap(h, i * (ADMIN_WINDOW_MS / (ADMIN_TAPS - 1) + 10));
      opened ||= r.open;
      h = r.history;
    }
    expect(opened).toBe(false);
  });
});

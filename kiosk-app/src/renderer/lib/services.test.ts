import { describe, expect, it } from 'vitest';
import { SERVICES_PER_SCREEN, homeLayout, morePages, serviceTiles } from './services.js';
import { service, stats } from './fixtures.test-support.js';

describe('service tiles', () => {
  it('shows enabled services in order with their figures, closed ones marked', () => {
    const tiles = serviceTiles(
      [service('b', { sortOrder: 2 }), service('a', { sortOrder: 1 }), service('off', { enabled: false })],
      { a: stats('a', { waiting: 5, estimateMinutes: 12 }), b: stats('b', { issuing: false }) },
    );
    expect(tiles.map((t) => [t.service.id, t.issuing, t.waiting, t.estimateMinutes])).toEqual([
      ['a', true, 5, 12],
      ['b', false, 0, 0],
    ]);
  });

  it('treats a service without figures as not issuing', () => {
    expect(serviceTiles([service('x')], {})[0]?.issuing).toBe(false);
  });

  it('puts at most eight on home, the rest behind "Dịch vụ khác" in pages of eight', () => {
    const make = (n: number) => serviceTiles(Array.from({ length: n }, (_, i) => service(`s${i}`, { sortOrder: i })), {});
    expect(homeLayout(make(8))).toMatchObject({ more: false });
    expect(homeLayout(make(8)).tiles).toHaveLength(8);
    expect(morePages(make(8))).toEqual([]);
    const twenty = make(20);
    const home = homeLayout(twenty);
    expect(home.more).toBe(true);
    expect(home.tiles.length + 1).toBe(SERVICES_PER_SCREEN);
    const pages = morePages(twenty);
    expect(pages.map((p) => p.length)).toEqual([8, 5]);
    expect([...home.tiles, ...pages.flat()].map((t) => t.service.id)).toEqual(twenty.map((t) => t.service.id));
  });
});

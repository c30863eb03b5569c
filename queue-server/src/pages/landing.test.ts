import { describe, expect, it } from 'vitest';
import type { CentreInfo } from '@layso/shared';
import { landingPage, reachableBaseUrl } from './landing.js';

describe('reachableBaseUrl', () => {
  it('names the one address a server bound to one address answers on', () => {
    expect(reachableBaseUrl('192.168.1.20', ['10.0.0.5', '192.168.1.20'], 8080)).toBe('http://192.168.1.20:8080');
    expect(reachableBaseUrl('127.0.0.1', ['10.0.0.5'], 8080)).toBe('http://127.0.0.1:8080');
    expect(reachableBaseUrl('fe80::1', [], 80)).toBe('http://[fe80::1]:80');
  });
  it('names the first LAN address when bound to all of them', () => {
    expect(reachableBaseUrl('0.0.0.0', ['10.0.0.5', '192.168.1.20'], 8080)).toBe('http://10.0.0.5:8080');
    expect(reachableBaseUrl(undefined, [], 8080)).toBe('http://localhost:8080');
  });
});

describe('landingPage', () => {
  const centre = { nameVi: 'Trung tâm', nameEn: 'Centre', businessDate: '2026-03-10', demo: true } as CentreInfo;
  it("links the demo's rating tablet to a counter, which a demo tablet can only get from its address", () => {
    expect(landingPage(centre, [])).toContain('href="/rate/?counter=1"');
    expect(landingPage({ ...centre, demo: false }, [])).toContain('href="/rate/"');
  });
});

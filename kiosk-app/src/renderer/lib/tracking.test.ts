import { describe, expect, it } from 'vitest';
import { isLoopbackHost, publicOrigin, trackingUrl } from './tracking.js';

describe('tracking link', () => {
  const page = (origin: string) => {
    const u = new URL(origin);
    return { protocol: u.protocol, hostname: u.hostname, port: u.port, origin: u.origin };
  };
  it('names the LAN address when the page was opened on loopback', () => {
    expect(publicOrigin(page('http://localhost:8080'), ['192.168.1.10'])).toBe('http://192.168.1.10:8080');
    expect(publicOrigin(page('http://127.0.0.1:8080'), ['10.0.0.2', '10.0.0.3'])).toBe('http://10.0.0.2:8080');
    expect(publicOrigin(page('http://[::1]'), ['10.0.0.2'])).toBe('http://10.0.0.2');
  });
  it("keeps the page's own origin otherwise", () => {
    expect(publicOrigin(page('http://192.168.1.10:8080'), ['10.9.9.9'])).toBe('http://192.168.1.10:8080');
    expect(publicOrigin(page('http://localhost:8080'), [])).toBe('http://localhost:8080');
  });
  it('joins origin and path', () => {
    expect(trackingUrl('http://10.0.0.2:8080/', '/t/abc')).toBe('http://10.0.0.2:8080/t/abc');
    expect(isLoopbackHost('127.1.2.3')).toBe(true);
    expect(isLoopbackHost('kiosk.local')).toBe(false);
  });
});

import { describe, expect, it } from 'vitest';
import { BROWSER_KIOSK_SWITCHES, browserKioskCommand } from './browser-kiosk.js';

describe('browser kiosk start', () => {
  it('allows sound without a gesture, full screen', () => {
    expect(BROWSER_KIOSK_SWITCHES).toContain('--autoplay-policy=no-user-gesture-required');
    expect(BROWSER_KIOSK_SWITCHES).toContain('--kiosk');
    expect(browserKioskCommand('http://192.168.1.10:8080/display/')).toBe(
      'chromium --kiosk --autoplay-policy=no-user-gesture-required --noerrdialogs --disable-session-crashed-bubble --disable-infobars http://192.168.1.10:8080/display/',
    );
  });
});

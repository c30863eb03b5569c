/**
 * How a display PC or box without the Electron shell starts a plain Chromium so that the wall
 * speaks on its own after a reboot or a reload, with nobody there to tap "Bấm để bật âm thanh":
 * full screen (kiosk mode) with the autoplay policy that needs no user gesture. Documented in
 * display-app/README.md; the browser tests start Chromium with exactly these switches.
 */

/** Chromium switches of an unattended wall display. */
export const BROWSER_KIOSK_SWITCHES: readonly string[] = [
  '--kiosk',
  '--autoplay-policy=no-user-gesture-required',
  '--noerrdialogs',
  '--disable-session-crashed-bubble',
  '--disable-infobars',
];

/** The command line for a display at `url` (e.g. `http://192.168.1.10:8080/display/`). */
export function browserKioskCommand(url: string, browser = 'chromium'): string {
  return [browser, ...BROWSER_KIOSK_SWITCHES, url].join(' ');
}

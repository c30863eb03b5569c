/** Debian's Chromium, installed by scripts/ensure-chromium.mjs when missing. */
export const CHROMIUM_PATH = '/usr/bin/chromium';

/** Headless in a container with no network but loopback: keep Chromium from reaching out. */
export const CHROMIUM_OFFLINE_ARGS: readonly string[] = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** What the tests and benchmarks use unless a test is about the browser's sound policy. */
export const CHROMIUM_ARGS: readonly string[] = [...CHROMIUM_OFFLINE_ARGS, '--autoplay-policy=no-user-gesture-required'];

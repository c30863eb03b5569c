/**
 * React pieces more than one app shows (kiosk, display, staff, the province board). Logic stays in
 * `@layso/shared` and `@layso/live-client`; what is here only renders it or ticks.
 */
export { PairingCodeBoxes } from './pairing-code-boxes.js';
export { useNow } from './use-now.js';

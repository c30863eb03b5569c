/**
 * `@layso/live-client`: what the browser apps (kiosk, display, staff) share to talk to the queue
 * server: the live-state client (snapshot, deltas, resync) and request ids. Browser-safe.
 */
export { LiveClient, REFUSED_RETRY_MS, RESTART_DELAYS_MS, type LiveClientOptions, type LiveStatus, type LiveTimers } from './live-client.js';
export { LiveSync, type DeltaOutcome } from './live-sync.js';
export { newRequestId } from './request-id.js';
export { PairingSession, pairDevice, type FetchLike, type PairingView } from './pairing.js';

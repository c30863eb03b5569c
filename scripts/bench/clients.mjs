// Socket.IO clients as the devices use them: one connection each, websocket only, no reconnect.
import { randomUUID } from 'node:crypto';
import { io } from 'socket.io-client';

const OPTIONS = { transports: ['websocket'], reconnection: false, forceNew: true, timeout: 10_000 };

/**
 * Connect to a namespace. Layso sends a snapshot first thing, so by default this waits for it
 * (the client is then fully set up); `waitFor: 'connect'` waits only for the handshake.
 */
export function connect(url, namespace, { auth = {}, waitFor = 'snapshot', timeoutMs = 15_000 } = {}) {
  const socket = io(`${url}${namespace}`, { ...OPTIONS, auth });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      socket.close();
      reject(new Error(`${namespace}: no ${waitFor} within ${timeoutMs} ms`));
    }, timeoutMs);
    socket.once('connect_error', (e) => {
      clearTimeout(timer);
      socket.close();
      reject(new Error(`${namespace}: ${e.message}`));
    });
    socket.once(waitFor, () => {
      clearTimeout(timer);
      resolve(socket);
    });
  });
}

/** Connect `n` clients, a few at a time (a burst of hundreds would measure the handshake). */
export async function connectMany(n, make, batch = 20) {
  const out = [];
  for (let i = 0; i < n; i += batch) {
    out.push(...(await Promise.all(Array.from({ length: Math.min(batch, n - i) }, (_, k) => make(i + k)))));
  }
  return out;
}

export function closeAll(sockets) {
  for (const s of sockets) s.close();
}

export function requestId() {
  return randomUUID();
}

/** Send a command and wait for its ack (`{ ok, data } | { ok: false, error }`). */
export function send(socket, event, payload, timeoutMs = 10_000) {
  return socket.timeout(timeoutMs).emitWithAck(event, payload);
}

/** Send a command that must succeed; returns its data. */
export async function must(socket, event, payload) {
  const a = await send(socket, event, payload);
  if (!a.ok) throw new Error(`${event}: ${a.error.code} ${a.error.message}`);
  return a.data;
}

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/**
 * The kiosk's link to the queue server: a `/kiosk` socket that keeps the live state (snapshot on
 * every connection, then deltas; a gap asks for a snapshot), reconnects by itself, and sends
 * commands. React reads it through `subscribe`/`view` (useSyncExternalStore).
 *
 * Outside the demo centre's own machine the server wants the device token a pairing gave. A
 * refused token (revoked by an admin) is dropped at once, so the pairing screen can take a new one.
 */
import { io, type Socket } from 'socket.io-client';
import {
  Delta,
  EMPTY_STATE,
  KioskSnapshot,
  applyDelta,
  fromSnapshot,
  type IssueTicketCmd,
  type KioskClientEvents,
  type KioskServerEvents,
  type LiveState,
} from '@layso/shared';

export type ConnectionStatus = 'connecting' | 'connected' | 'offline' | 'unpaired';

export interface KioskView {
  /** `unpaired`: the server refused this kiosk (UNAUTHENTICATED): the pairing screen. */
  status: ConnectionStatus;
  /** The server refused the token this kiosk had (an admin revoked it); until it pairs again. */
  revoked: boolean;
  live: LiveState;
  rateLimitPerMin: number;
  /** The server's LAN addresses (for QR links when this page is loopback). */
  lanAddresses: string[];
  /** The base URL the server prints in QR codes (null before it answers). */
  publicUrl: string | null;
  /** Server clock minus this machine's clock, ms (a kiosk PC's clock is often wrong). */
  serverOffset: number;
}

type KioskSocket = Socket<KioskServerEvents, KioskClientEvents>;

export class KioskConnection {
  private readonly socket: KioskSocket;
  private current: KioskView = { status: 'connecting', revoked: false, live: EMPTY_STATE, rateLimitPerMin: 0, lanAddresses: [], publicUrl: null, serverOffset: 0 };
  private readonly listeners = new Set<() => void>();
  private readonly connectWaiters = new Set<() => void>();
  private retry: ReturnType<typeof setTimeout> | null = null;

  /**
   * `deviceToken`: the stored token, or null. `onTokenRefused` runs when the server refuses it:
   * forget it wherever it is stored.
   */
  constructor(
    private readonly origin: string,
    private deviceToken: string | null,
    private readonly onTokenRefused: () => void = () => undefined,
  ) {
    this.socket = io(`${origin}/kiosk`, {
      transports: ['websocket'],
      reconnectionDelay: 500,
      reconnectionDelayMax: 3000,
      // Sent again on every reconnection, with the last seq seen.
      auth: (cb) => cb({ lastSeq: this.current.live.seq, ...(this.deviceToken ? { deviceToken: this.deviceToken } : {}) }),
    }) as KioskSocket;
    this.socket.on('connect', () => {
      this.update({ status: 'connected' });
      for (const w of this.connectWaiters) w();
      void this.fetchCentre();
    });
    this.socket.on('disconnect', (reason) => {
      this.update({ status: 'offline' });
      // A server that shut down closes its sockets itself; socket.io then waits for us to retry
      // (a failed retry falls back to socket.io's own back-off). An admin revoking this kiosk
      // closes it the same way: the next handshake says which, so it comes quickly.
      if (reason === 'io server disconnect') this.reconnectIn(250);
    });
    this.socket.on('connect_error', (err) => {
      const code = (err as Error & { data?: { code?: unknown } }).data?.code;
      if (code === 'UNAUTHENTICATED') {
        const revoked = this.deviceToken !== null;
        if (revoked) {
          this.deviceToken = null;
          this.onTokenRefused();
        }
        this.update({ status: 'unpaired', revoked: this.current.revoked || revoked });
      } else {
        this.update({ status: 'offline' });
      }
      // A refused handshake is not retried by socket.io; try again later (demo mode may come back).
      if (!this.socket.active) this.reconnectIn(5000);
    });
    this.socket.on('snapshot', (raw) => this.takeSnapshot(raw));
    this.socket.on('delta', (raw) => {
      const d = Delta.safeParse(raw);
      if (!d.success) return void this.resync();
      const next = applyDelta(this.current.live, d.data);
      if (next === 'resync') return void this.resync();
      if (next !== this.current.live) this.update({ live: next });
    });
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  view = (): KioskView => this.current;

  connected(): boolean {
    return this.socket.connected;
  }

  waitConnected(ms: number): Promise<boolean> {
    if (this.socket.connected) return Promise.resolve(true);
    return new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        this.connectWaiters.delete(done);
        resolve(this.socket.connected);
      };
      const timer = setTimeout(done, ms);
      this.connectWaiters.add(done);
    });
  }

  /** `ticket:issue`; resolves to the raw ack, rejects when no answer came in time. */
  sendIssue(cmd: IssueTicketCmd, timeoutMs: number): Promise<unknown> {
    return this.socket.timeout(timeoutMs).emitWithAck('ticket:issue', cmd);
  }

  /** Tell the manager's board the printer failed or recovered; best effort. */
  reportPrinter(status: { ok: boolean; code?: string; message?: string }): void {
    if (!this.socket.connected) return;
    this.socket
      .timeout(5000)
      .emitWithAck('kiosk:printerStatus', status)
      .catch(() => undefined);
  }

  /** A pairing gave this kiosk a token (already stored): connect with it now. */
  paired(deviceToken: string): void {
    this.deviceToken = deviceToken;
    this.update({ status: 'connecting', revoked: false });
    this.socket.disconnect();
    this.reconnectIn(0);
  }

  close(): void {
    if (this.retry) clearTimeout(this.retry);
    this.socket.close();
  }

  private reconnectIn(ms: number): void {
    if (this.retry) clearTimeout(this.retry);
    this.retry = setTimeout(() => {
      this.retry = null;
      if (!this.socket.connected && !this.socket.active) this.socket.connect();
    }, ms);
  }

  private takeSnapshot(raw: unknown): void {
    const s = KioskSnapshot.safeParse(raw);
    if (!s.success) {
      console.warn('kiosk: unreadable snapshot', s.error);
      return;
    }
    this.update({ live: fromSnapshot(s.data), rateLimitPerMin: s.data.rateLimitPerMin });
  }

  private async resync(): Promise<void> {
    try {
      const ack = (await this.socket.timeout(8000).emitWithAck('sync:snapshot', {})) as { ok: boolean; data?: unknown };
      if (ack.ok) this.takeSnapshot(ack.data);
    } catch {
      // the next connection brings a snapshot anyway
    }
  }

  private async fetchCentre(): Promise<void> {
    try {
      const res = await fetch(`${this.origin}/api/centre`);
      const body = (await res.json()) as { ok?: boolean; data?: { lanAddresses?: unknown; publicUrl?: unknown } };
      const lan = body.data?.lanAddresses;
      const publicUrl = typeof body.data?.publicUrl === 'string' ? body.data.publicUrl : null;
      if (body.ok && Array.isArray(lan)) this.update({ lanAddresses: lan.filter((a): a is string => typeof a === 'string'), publicUrl });
    } catch {
      // the QR code then names this page's own origin
    }
  }

  private update(patch: Partial<KioskView>): void {
    const offset = patch.live ? { serverOffset: patch.live.serverTime - Date.now() } : {};
    this.current = { ...this.current, ...patch, ...offset };
    for (const l of this.listeners) l();
  }
}

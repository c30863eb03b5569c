/**
 * The kiosk's link to the queue server: a `/kiosk` socket that keeps the live state (snapshot on
 * every connection, then deltas; a gap asks for a snapshot), reconnects by itself, and sends
 * commands. React reads it through `subscribe`/`view` (useSyncExternalStore).
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
  status: ConnectionStatus;
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

/** Where a paired kiosk keeps the device token an admin's pairing gave it. */
export const DEVICE_TOKEN_KEY = 'layso.kiosk.deviceToken';

export class KioskConnection {
  private readonly socket: KioskSocket;
  private current: KioskView = { status: 'connecting', live: EMPTY_STATE, rateLimitPerMin: 0, lanAddresses: [], publicUrl: null, serverOffset: 0 };
  private readonly listeners = new Set<() => void>();
  private readonly connectWaiters = new Set<() => void>();

  constructor(
    private readonly origin: string,
    deviceToken: string | null,
  ) {
    this.socket = io(`${origin}/kiosk`, {
      transports: ['websocket'],
      reconnectionDelay: 500,
      reconnectionDelayMax: 3000,
      // Sent again on every reconnection, with the last seq seen.
      auth: (cb) => cb({ lastSeq: this.current.live.seq, ...(deviceToken ? { deviceToken } : {}) }),
    }) as KioskSocket;
    this.socket.on('connect', () => {
      this.update({ status: 'connected' });
      for (const w of this.connectWaiters) w();
      void this.fetchCentre();
    });
    this.socket.on('disconnect', (reason) => {
      this.update({ status: 'offline' });
      // A server that shut down closes its sockets itself; socket.io then waits for us to retry.
      if (reason === 'io server disconnect') setTimeout(() => this.socket.connect(), 1000);
    });
    this.socket.on('connect_error', (err) => {
      const code = (err as Error & { data?: { code?: unknown } }).data?.code;
      this.update({ status: code === 'UNAUTHENTICATED' ? 'unpaired' : 'offline' });
      // A refused handshake is not retried by socket.io; try again later (the pairing may come).
      if (!this.socket.active) setTimeout(() => this.socket.connect(), 5000);
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

  close(): void {
    this.socket.close();
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

/**
 * The kiosk's link to the queue server: the `/kiosk` live client (@layso/live-client: snapshot,
 * deltas, resync, reconnection) plus the kiosk's commands and the centre's addresses. React reads
 * it through `subscribe`/`view` (useSyncExternalStore).
 *
 * Outside the demo centre's own machine the server wants the device token a pairing gave. A
 * refused token (revoked by an admin) is dropped at once, so the pairing screen can take a new one.
 */
import { LiveClient } from '@layso/live-client';
import {
  EMPTY_STATE,
  KioskSnapshot,
  TicketPrinted,
  type CheckInCmd,
  type IssueTicketCmd,
  type ResultsCheckInCmd,
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
  /**
   * The services this kiosk offers, as the server enforces them (its reception area: the device
   * configuration, or for a demo kiosk the address's `?services=`); null: every service.
   */
  area: readonly string[] | null;
  /** The server's LAN addresses (for QR links when this page is loopback). */
  lanAddresses: string[];
  /** The base URL the server prints in QR codes (null before it answers). */
  publicUrl: string | null;
  /** Server clock minus this machine's clock, ms (a kiosk PC's clock is often wrong). */
  serverOffset: number;
}

export class KioskConnection {
  private readonly client: LiveClient<KioskSnapshot, KioskServerEvents, KioskClientEvents>;
  private current: KioskView = { status: 'connecting', revoked: false, live: EMPTY_STATE, rateLimitPerMin: 0, area: null, lanAddresses: [], publicUrl: null, serverOffset: 0 };
  private readonly listeners = new Set<() => void>();
  private readonly connectWaiters = new Set<() => void>();
  /** How the server's printing of recent tickets ended, by ticket id. */
  private readonly printed = new Map<string, TicketPrinted>();
  private readonly printedListeners = new Set<(r: TicketPrinted) => void>();

  /**
   * `deviceToken`: the stored token, or null. `onTokenRefused` runs when the server refuses it:
   * forget it wherever it is stored. `area`: the reception area this page was opened for (a demo
   * kiosk's only way to name it; a paired kiosk's comes from its configuration on the server).
   */
  constructor(
    private readonly origin: string,
    private deviceToken: string | null,
    private readonly onTokenRefused: () => void = () => undefined,
    area: readonly string[] | null = null,
  ) {
    this.client = new LiveClient({
      url: `${origin}/kiosk`,
      snapshot: KioskSnapshot,
      auth: () => ({ ...(this.deviceToken ? { deviceToken: this.deviceToken } : {}), ...(area ? { services: [...area] } : {}) }),
      onRefused: () => {
        const revoked = this.deviceToken !== null;
        if (revoked) {
          this.deviceToken = null;
          this.onTokenRefused();
        }
        this.update({ revoked: this.current.revoked || revoked });
      },
    });
    this.client.subscribe(() => this.update({}));
    this.client.socket.on('ticket:printed', (raw) => {
      const r = TicketPrinted.safeParse(raw);
      if (!r.success) return;
      this.printed.set(r.data.ticketId, r.data);
      if (this.printed.size > 20) this.printed.delete(this.printed.keys().next().value!);
      for (const fn of this.printedListeners) fn(r.data);
    });
    this.client.socket.on('connect', () => {
      for (const w of this.connectWaiters) w();
      void this.fetchCentre();
    });
    this.client.start();
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  view = (): KioskView => this.current;

  connected(): boolean {
    return this.client.connected;
  }

  waitConnected(ms: number): Promise<boolean> {
    if (this.client.connected) return Promise.resolve(true);
    return new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        this.connectWaiters.delete(done);
        resolve(this.client.connected);
      };
      const timer = setTimeout(done, ms);
      this.connectWaiters.add(done);
    });
  }

  /** `ticket:issue`; resolves to the raw ack, rejects when no answer came in time. */
  sendIssue(cmd: IssueTicketCmd, timeoutMs: number): Promise<unknown> {
    return this.client.socket.timeout(timeoutMs).emitWithAck('ticket:issue', cmd);
  }

  /** `appointment:checkIn`; resolves to the raw ack, rejects when no answer came in time. */
  sendCheckIn(cmd: CheckInCmd, timeoutMs: number): Promise<unknown> {
    return this.client.socket.timeout(timeoutMs).emitWithAck('appointment:checkIn', cmd);
  }

  /** `results:checkIn`; resolves to the raw ack, rejects when no answer came in time. */
  sendResultsCheckIn(cmd: ResultsCheckInCmd, timeoutMs: number): Promise<unknown> {
    return this.client.socket.timeout(timeoutMs).emitWithAck('results:checkIn', cmd);
  }

  /** A booking's check-in window by its code (to tell an early citizen when); null when unknown. */
  async findAppointment(code: string): Promise<unknown> {
    try {
      const a = (await this.client.socket.timeout(5000).emitWithAck('appointment:find', { code })) as { ok?: boolean; data?: unknown };
      return a.ok ? a.data : null;
    } catch {
      return null;
    }
  }

  /** How the server's printing of a ticket ended, if that message came. */
  printedOf(ticketId: string): TicketPrinted | null {
    return this.printed.get(ticketId) ?? null;
  }

  /** Every `ticket:printed` from the server (checked); returns the unsubscribe. */
  onPrinted(fn: (r: TicketPrinted) => void): () => void {
    this.printedListeners.add(fn);
    return () => {
      this.printedListeners.delete(fn);
    };
  }

  /** Tell the manager's board the printer failed or recovered; best effort. */
  reportPrinter(status: { ok: boolean; code?: string; message?: string }): void {
    if (!this.client.connected) return;
    this.client.socket
      .timeout(5000)
      .emitWithAck('kiosk:printerStatus', status)
      .catch(() => undefined);
  }

  /** A pairing gave this kiosk a token (already stored): connect with it now. */
  paired(deviceToken: string): void {
    this.deviceToken = deviceToken;
    this.current = { ...this.current, revoked: false };
    this.client.reconnect();
  }

  close(): void {
    this.client.stop();
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

  /** The view from the live client's state and status, with `patch` (the kiosk's own fields). */
  private update(patch: Partial<KioskView>): void {
    const status = this.client.status;
    const live = this.client.state ?? EMPTY_STATE;
    this.current = {
      ...this.current,
      ...patch,
      status: status === 'live' ? 'connected' : status === 'refused' ? 'unpaired' : status,
      live,
      rateLimitPerMin: this.client.snapshot?.rateLimitPerMin ?? 0,
      area: this.client.snapshot?.area ?? null,
      serverOffset: this.client.clockOffset,
    };
    for (const l of this.listeners) l();
  }
}

// The rating tablet's connection: Socket.IO to `/rating` with the device token of its pairing.
// The server sends the whole `state` on connect and whenever the counter moves, so there is no
// delta to follow; what arrives is parsed before it is believed. A refused handshake means "not
// paired" (or revoked): the page shows the pairing screen.

import { io, type Socket } from 'socket.io-client';
import { RatingReceipt, RatingTabletState, type ErrorCode, type RatingClientEvents, type RatingServerEvents } from '@layso/shared';

export type TabletConnection = 'connecting' | 'connected' | 'lost' | 'unpaired';

export interface TabletView {
  connection: TabletConnection;
  /** True when the server refused a token this tablet had (revoked). */
  revoked: boolean;
  state: RatingTabletState | null;
  /** Server time minus this tablet's, ms (from the finished ticket's time is not enough: the clock). */
  serverOffsetMs: number;
}

export type RateOutcome = 'ok' | ErrorCode | 'offline';

export class TabletClient {
  private readonly socket: Socket<RatingServerEvents, RatingClientEvents>;
  private view: TabletView = { connection: 'connecting', revoked: false, state: null, serverOffsetMs: 0 };
  private readonly listeners = new Set<() => void>();

  constructor(
    private token: string | null,
    private readonly onRefused: (token: string) => void,
    /** A demo tablet (the demo centre's own machine, unpaired) names its counter: `/rate/?counter=1`. */
    private readonly demoCounterNumber: number | null = null,
  ) {
    this.socket = io('/rating', {
      autoConnect: false,
      transports: ['websocket'],
      reconnectionDelay: 500,
      reconnectionDelayMax: 5_000,
      auth: (cb) =>
        cb({ ...(this.token ? { deviceToken: this.token } : {}), ...(this.demoCounterNumber !== null ? { counterNumber: this.demoCounterNumber } : {}) }),
    });
    this.socket.on('state', (raw: unknown) => {
      const parsed = RatingTabletState.safeParse(raw);
      if (parsed.success) this.set({ state: parsed.data, connection: 'connected', revoked: false });
    });
    this.socket.on('disconnect', (reason) => {
      this.set({ connection: this.view.connection === 'unpaired' ? 'unpaired' : 'lost' });
      // Closed by the server (revoked, restarted): socket.io leaves reconnecting to us.
      if (reason === 'io server disconnect') setTimeout(() => this.socket.connect(), 1_000);
    });
    this.socket.on('connect_error', (err) => {
      const code = (err as Error & { data?: { code?: unknown } }).data?.code;
      if (code === 'UNAUTHENTICATED') {
        const had = this.token;
        if (had) this.onRefused(had);
        this.token = null;
        this.set({ connection: 'unpaired', revoked: had !== null || this.view.revoked, state: null });
        // Whoever pairs it or turns the demo on again is not in a hurry.
        setTimeout(() => this.socket.connect(), 5_000);
        return;
      }
      this.set({ connection: 'lost' });
    });
  }

  subscribe = (fn: () => void): (() => void) => {
    this.listeners.add(fn);
    return () => {
      this.listeners.delete(fn);
    };
  };

  getView = (): TabletView => this.view;

  start(): void {
    this.socket.connect();
  }

  /** A pairing gave a token: connect with it now. */
  paired(token: string): void {
    this.token = token;
    this.set({ connection: 'connecting', revoked: false });
    this.socket.disconnect();
    this.socket.connect();
  }

  async rate(ticketId: string, level: number, reasons: string[], comment: string | null): Promise<RateOutcome> {
    if (!this.socket.connected) return 'offline';
    try {
      const ack = await this.socket.timeout(8_000).emitWithAck('ticket:rate', { ticketId, level, reasons, comment });
      if (ack.ok) return RatingReceipt.safeParse(ack.data).success ? 'ok' : 'INTERNAL';
      return ack.error.code;
    } catch {
      return 'offline';
    }
  }

  private set(patch: Partial<TabletView>): void {
    this.view = { ...this.view, ...patch };
    for (const fn of this.listeners) fn();
  }
}

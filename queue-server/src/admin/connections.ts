/**
 * Who is connected now: kiosks and displays (for the manager's board and for revoking), and staff
 * (so a disabled account is dropped at once). Each socket joins a room named after its device or
 * user, so one call disconnects every socket of it.
 */
import type { Namespace, Server } from 'socket.io';
import type { DeviceIdentity } from '../handlers/devices.js';
import type { StaffUser } from '@layso/shared';

export interface LiveConnection {
  socketId: string;
  since: number;
  address: string;
  device: DeviceIdentity;
}

export const deviceRoom = (id: string): string => `device:${id}`;
export const userRoom = (id: string): string => `user:${id}`;

export class Connections {
  private readonly devices = new Map<string, Map<string, LiveConnection>>();
  private readonly kiosk: Namespace;
  private readonly display: Namespace;
  private readonly staff: Namespace;

  constructor(
    io: Server,
    private readonly now: () => number,
    private readonly onDeviceSeen: (deviceId: string, at: number) => void,
  ) {
    this.kiosk = io.of('/kiosk');
    this.display = io.of('/display');
    this.staff = io.of('/staff');
    for (const nsp of [this.kiosk, this.display]) {
      nsp.on('connection', (socket) => {
        const device = (socket.data as { device?: DeviceIdentity }).device;
        if (!device) return;
        void socket.join(deviceRoom(device.id));
        let sockets = this.devices.get(device.id);
        if (!sockets) this.devices.set(device.id, (sockets = new Map()));
        sockets.set(socket.id, { socketId: socket.id, since: this.now(), address: socket.handshake.address, device });
        this.onDeviceSeen(device.id, this.now());
        socket.on('disconnect', () => {
          sockets.delete(socket.id);
          if (sockets.size === 0 && this.devices.get(device.id) === sockets) this.devices.delete(device.id);
          this.onDeviceSeen(device.id, this.now());
        });
      });
    }
    this.staff.on('connection', (socket) => {
      const user = (socket.data as { user?: StaffUser }).user;
      if (user) void socket.join(userRoom(user.id));
    });
  }

  /** The open connections of a device, oldest first. */
  of(deviceId: string): LiveConnection[] {
    return [...(this.devices.get(deviceId)?.values() ?? [])].sort((a, b) => a.since - b.since);
  }

  /** Connected devices that are not paired (the demo centre's browsers on the server's machine). */
  unpaired(): DeviceIdentity[] {
    const out: DeviceIdentity[] = [];
    for (const sockets of this.devices.values()) {
      const first = sockets.values().next().value;
      if (first?.device.demo) out.push(first.device);
    }
    return out;
  }

  /** Drop every socket of a device now (revoked: it cannot come back, its token is refused). */
  disconnectDevice(deviceId: string): void {
    this.kiosk.in(deviceRoom(deviceId)).disconnectSockets(true);
    this.display.in(deviceRoom(deviceId)).disconnectSockets(true);
  }

  /**
   * A device's configuration changed (a kiosk's reception area, a tablet's counter): each of its
   * open connections takes the new one at once, without reconnecting.
   */
  reconfigureDevice(deviceId: string, config: Record<string, unknown>): void {
    for (const nsp of [this.kiosk, this.display]) {
      for (const socket of nsp.sockets.values()) {
        const data = socket.data as { device?: DeviceIdentity; reconfigure?: () => void };
        if (data.device?.id !== deviceId || data.device.demo) continue;
        data.device.config = config;
        data.reconfigure?.();
      }
    }
  }

  /** Drop every staff socket of a user (disabled, new password, new role: sign in again). */
  disconnectUser(userId: string): void {
    this.staff.in(userRoom(userId)).disconnectSockets(true);
  }
}

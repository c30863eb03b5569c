import { describe, expect, it } from 'vitest';
import { KIOSK_CHANNELS, type PrintResult } from '../contract/bridge.js';
import { ForbiddenSender, InvalidArguments, isTrustedSender, kioskPage, registerIpc, type ChannelHandlers, type SenderEvent } from './ipc.js';

function fakeIpcMain() {
  const handlers = new Map<string, (event: SenderEvent, ...args: unknown[]) => unknown>();
  return {
    handlers,
    handle(channel: string, listener: (event: SenderEvent, ...args: unknown[]) => unknown) {
      handlers.set(channel, listener);
    },
    invoke(channel: string, event: SenderEvent, ...args: unknown[]) {
      return Promise.resolve(handlers.get(channel)!(event, ...args));
    },
  };
}

const SERVER = 'http://10.0.0.2:8080';
const fromKiosk: SenderEvent = { sender: { id: 7 }, senderFrame: { url: `${SERVER}/kiosk/` } };
const sample = {
  centreName: 'Trung tâm',
  header: '',
  serviceNameVi: 'Hộ tịch',
  serviceNameEn: 'Civil status',
  displayNumber: '1023',
  priorityLabelVi: null,
  issuedAt: 1,
  timeZone: 'Asia/Ho_Chi_Minh',
  peopleAhead: 0,
  estimateMinutes: null,
  trackingUrl: `${SERVER}/t/abc`,
  footer: '',
};

function setup() {
  const ipc = fakeIpcMain();
  const printed: unknown[] = [];
  let token: string | null = null;
  const handlers: ChannelHandlers = {
    print: (data) => {
      printed.push(data);
      return { status: 'printed' } satisfies PrintResult;
    },
    getSettings: () => ({ serverUrl: SERVER, printer: { kind: 'none' }, paperWidth: 80 }),
    verifyPin: (pin) => pin === '1234',
    saveSettings: () => ({ ok: true }),
    changePin: () => ({ ok: true }),
    testPrint: () => ({ status: 'none' }),
    getDeviceToken: () => token,
    setDeviceToken: (t) => {
      token = t;
      return { ok: true };
    },
  };
  registerIpc(ipc, kioskPage(() => 7, () => SERVER), handlers);
  return { ipc, printed };
}

describe('kiosk IPC', () => {
  it('registers exactly the channels of the contract', () => {
    expect([...setup().ipc.handlers.keys()].sort()).toEqual(Object.values(KIOSK_CHANNELS).sort());
  });

  it('prints for the kiosk page', async () => {
    const { ipc, printed } = setup();
    await expect(ipc.invoke(KIOSK_CHANNELS.print, fromKiosk, sample)).resolves.toEqual({ status: 'printed' });
    expect(printed).toEqual([sample]);
  });

  it('drops calls from any other sender', async () => {
    const { ipc, printed } = setup();
    const others: SenderEvent[] = [
      { sender: { id: 8 }, senderFrame: { url: `${SERVER}/kiosk/` } },
      { sender: { id: 7 }, senderFrame: { url: 'http://evil.example/kiosk/' } },
      { sender: { id: 7 }, senderFrame: { url: `${SERVER}/kiosk/`, parent: {} } },
      { sender: { id: 7 }, senderFrame: null },
      { sender: { id: 7 }, senderFrame: { url: 'data:text/html,hi' } },
    ];
    for (const e of others) await expect(ipc.invoke(KIOSK_CHANNELS.print, e, sample)).rejects.toBeInstanceOf(ForbiddenSender);
    expect(printed).toEqual([]);
  });

  it('rejects arguments that do not match the contract', async () => {
    const { ipc, printed } = setup();
    await expect(ipc.invoke(KIOSK_CHANNELS.print, fromKiosk, { ...sample, displayNumber: '' })).rejects.toBeInstanceOf(InvalidArguments);
    await expect(ipc.invoke(KIOSK_CHANNELS.print, fromKiosk)).rejects.toBeInstanceOf(InvalidArguments);
    await expect(ipc.invoke(KIOSK_CHANNELS.saveSettings, fromKiosk, '1234', { serverUrl: 'file:///x', printer: { kind: 'none' }, paperWidth: 80 })).rejects.toThrow();
    await expect(ipc.invoke(KIOSK_CHANNELS.changePin, fromKiosk, '1234', '12')).rejects.toThrow();
    expect(printed).toEqual([]);
    await expect(ipc.invoke(KIOSK_CHANNELS.verifyPin, fromKiosk, '1234')).resolves.toBe(true);
  });

  it('keeps the device token the page was given, and nothing that is not one', async () => {
    const { ipc } = setup();
    await expect(ipc.invoke(KIOSK_CHANNELS.getDeviceToken, fromKiosk)).resolves.toBeNull();
    await expect(ipc.invoke(KIOSK_CHANNELS.setDeviceToken, fromKiosk, 'tok-1')).resolves.toEqual({ ok: true });
    await expect(ipc.invoke(KIOSK_CHANNELS.getDeviceToken, fromKiosk)).resolves.toBe('tok-1');
    await expect(ipc.invoke(KIOSK_CHANNELS.setDeviceToken, fromKiosk, '')).rejects.toBeInstanceOf(InvalidArguments);
    await expect(ipc.invoke(KIOSK_CHANNELS.setDeviceToken, fromKiosk, 'x'.repeat(201))).rejects.toBeInstanceOf(InvalidArguments);
    const other: SenderEvent = { sender: { id: 7 }, senderFrame: { url: 'http://evil.example/kiosk/' } };
    await expect(ipc.invoke(KIOSK_CHANNELS.setDeviceToken, other, 'stolen')).rejects.toBeInstanceOf(ForbiddenSender);
    await expect(ipc.invoke(KIOSK_CHANNELS.getDeviceToken, other)).rejects.toBeInstanceOf(ForbiddenSender);
    await expect(ipc.invoke(KIOSK_CHANNELS.setDeviceToken, fromKiosk, null)).resolves.toEqual({ ok: true });
    await expect(ipc.invoke(KIOSK_CHANNELS.getDeviceToken, fromKiosk)).resolves.toBeNull();
  });

  it('trusts nobody before the window exists', () => {
    expect(isTrustedSender(fromKiosk, kioskPage(() => null, () => SERVER))).toBe(false);
    expect(isTrustedSender({ sender: { id: 7 }, senderFrame: { url: `${SERVER}/staff/` } }, kioskPage(() => 7, () => SERVER))).toBe(false);
  });
});

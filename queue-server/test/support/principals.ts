/**
 * Everyone who can knock on a centre's server, for the role matrix and the fuzz: nobody, paired
 * kiosk and display, a revoked device, a signed-out session, officers, the manager and the admin.
 */
import type { Ack, PairResult, PairingCode } from '@layso/shared';
import { login } from './harness.js';

export type Principal =
  | 'nobody'
  | 'kiosk'
  | 'display'
  | 'revokedKiosk'
  | 'signedOut'
  | 'officer'
  | 'manager'
  | 'admin';

export const PRINCIPALS: readonly Principal[] = ['nobody', 'kiosk', 'display', 'revokedKiosk', 'signedOut', 'officer', 'manager', 'admin'];

export interface Credentials {
  /** Socket.IO `auth` for this principal. */
  auth: Record<string, string>;
  /** REST headers for this principal. */
  headers: Record<string, string>;
}

async function api<T>(url: string, method: string, path: string, token: string, body?: unknown): Promise<T> {
  const r = await fetch(url + path, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const a = (await r.json()) as Ack<T>;
  if (!a.ok) throw new Error(`${method} ${path}: ${a.error.code}`);
  return a.data;
}

async function pair(url: string, admin: string, kind: 'kiosk' | 'display', name: string): Promise<PairResult> {
  const code = await api<PairingCode>(url, 'POST', '/api/admin/pairing-codes', admin, { kind, name });
  const r = await fetch(`${url}/api/devices/pair`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code: code.code, kind }) });
  const a = (await r.json()) as Ack<PairResult>;
  if (!a.ok) throw new Error(`pair: ${a.error.code}`);
  return a.data;
}

/** Credentials for every principal on a running centre (the demo's accounts). */
export async function principals(url: string): Promise<Record<Principal, Credentials>> {
  const admin = await login(url, 'admin');
  const kiosk = await pair(url, admin, 'kiosk', 'Ki-ốt ma trận');
  const display = await pair(url, admin, 'display', 'Màn hình ma trận');
  const revoked = await pair(url, admin, 'kiosk', 'Ki-ốt bị thu hồi');
  await api(url, 'POST', `/api/admin/devices/${revoked.deviceId}/revoke`, admin, {});
  const signedOut = await login(url, 'canbo3');
  await fetch(`${url}/api/auth/logout`, { method: 'POST', headers: { authorization: `Bearer ${signedOut}` } });
  const officer = await login(url, 'canbo1');
  const manager = await login(url, 'quanly');
  const staff = (t: string): Credentials => ({ auth: { token: t }, headers: { authorization: `Bearer ${t}` } });
  const device = (t: string): Credentials => ({ auth: { deviceToken: t }, headers: { authorization: `Bearer ${t}` } });
  return {
    nobody: { auth: {}, headers: {} },
    kiosk: device(kiosk.deviceToken),
    display: device(display.deviceToken),
    revokedKiosk: device(revoked.deviceToken),
    signedOut: staff(signedOut),
    officer: staff(officer),
    manager: staff(manager),
    admin: staff(admin),
  };
}

/**
 * Results pickup data (issue 14): dossiers reported ready by their receipt's code, looked up as a
 * kiosk would (typed in any case, with spaces), a pickup recorded once; the demo centre has a
 * results service named in its settings.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_APPOINTMENT_POLICY, DossierCode, type AppointmentWindow, type ResultsTicket, type ServiceId, type TicketId } from '@layso/shared';
import { kiosk, login, MORNING, must, rid, send, startTestServer, type TestServer } from './support/harness.js';

let ts: TestServer | null = null;
afterEach(async () => {
  await ts?.close();
  ts = null;
});

describe('dossier results', () => {
  it('are reported ready, found by their code however it is typed, and picked up', async () => {
    ts = await startTestServer();
    const results = ts.server.engine.results;
    expect(results.lookup('000.00.12.H29-240315-0012')).toBeNull();
    const r = results.markReady('000.00.12.h29-240315-0012', { at: MORNING, by: 'key-1' });
    expect(r).toEqual({ code: '000.00.12.H29-240315-0012', serviceId: null, readyAt: MORNING, reportedBy: 'key-1', pickedUpTicketId: null, pickedUpAt: null });
    expect(results.lookup(' 000.00.12.H29-240315-0012 ')).toEqual(r);
    // Reported again with a service: the latest report wins.
    results.markReady('000.00.12.H29-240315-0012', { serviceId: 'ho-tich' as ServiceId, at: MORNING + 1000, by: 'key-2' });
    expect(results.lookup('000.00.12.H29-240315-0012')).toMatchObject({ serviceId: 'ho-tich', readyAt: MORNING + 1000, reportedBy: 'key-2' });
    const ticketId = 'x'.repeat(22) as TicketId;
    expect(results.markPickedUp('000.00.12.H29-240315-0012', ticketId, MORNING + 2000)).toBe(true);
    expect(results.markPickedUp('H29-NEVER-REPORTED', ticketId, MORNING + 2000)).toBe(false);
    expect(results.lookup('000.00.12.H29-240315-0012')).toMatchObject({ pickedUpTicketId: ticketId, pickedUpAt: MORNING + 2000 });
    expect(results.remove('000.00.12.H29-240315-0012')).toBe(true);
    expect(results.lookup('000.00.12.H29-240315-0012')).toBeNull();
  });

  it('refuse what is not a dossier code, and six digits (a booking code)', async () => {
    ts = await startTestServer();
    const results = ts.server.engine.results;
    expect(() => results.markReady('123456', { at: MORNING, by: 'x' })).toThrow();
    expect(() => results.markReady('H29 24', { at: MORNING, by: 'x' })).toThrow();
    expect(results.lookup('123456')).toBeNull();
    expect(results.lookup("'; DROP TABLE dossier_results; --")).toBeNull();
    expect(DossierCode.safeParse('H29.22-240315-0012').success).toBe(true);
    expect(DossierCode.safeParse('ab').success).toBe(false);
  });

  it('the demo centre names its results service, which exists', async () => {
    ts = await startTestServer();
    const id = ts.server.engine.getSettings().resultsServiceId;
    expect(id).toBe('tra-ket-qua');
    expect(ts.server.engine.live.service(id!)).toMatchObject({ nameVi: 'Trả kết quả', enabled: true });
  });
});

describe('results pickup at the kiosk', () => {
  it('a dossier code gives a results ticket, says whether it is ready, records the pickup once', async () => {
    ts = await startTestServer();
    const k = await kiosk(ts.url);
    try {
      ts.server.engine.results.markReady('H29.22-240315-0012', { at: MORNING - 3_600_000, by: 'key-1' });
      const requestId = rid();
      const ready = await must<ResultsTicket>(k, 'results:checkIn', { requestId, code: 'h29.22-240315-0012' });
      expect(ready).toMatchObject({ ready: true, readyAt: MORNING - 3_600_000, replayed: false });
      expect(ready.ticket).toMatchObject({ serviceId: 'tra-ket-qua', displayNumber: 'KQ001' });
      expect(ts.server.engine.results.lookup('H29.22-240315-0012')?.pickedUpTicketId).toBe(ready.ticket.id);
      // A retry (the answer was lost) gets the same ticket, not a second one.
      const again = await must<ResultsTicket>(k, 'results:checkIn', { requestId, code: 'H29.22-240315-0012' });
      expect(again).toMatchObject({ replayed: true, ticket: { id: ready.ticket.id } });
      // A code nobody reported ready still gets a ticket: the officer checks by hand.
      const unknown = await must<ResultsTicket>(k, 'results:checkIn', { requestId: rid(), code: '000.00.12.H29-240101-0001', priority: 'elderly' });
      expect(unknown).toMatchObject({ ready: false, readyAt: null, ticket: { serviceId: 'tra-ket-qua', displayNumber: 'KQ002', priority: 'elderly' } });
      // A result reported for another service gets a ticket there.
      ts.server.engine.results.markReady('H29-DAT-0001', { serviceId: 'dat-dai' as ServiceId, at: MORNING, by: 'key-1' });
      expect((await must<ResultsTicket>(k, 'results:checkIn', { requestId: rid(), code: 'H29-DAT-0001' })).ticket.serviceId).toBe('dat-dai');
      // Not a dossier code: refused, nothing issued.
      const bad = await send(k, 'results:checkIn', { requestId: rid(), code: '123456' });
      expect(bad.ok ? null : bad.error.code).toBe('VALIDATION');
      // Without a results service the kiosk is told so.
      ts.setSettings({ resultsServiceId: null });
      const none = await send(k, 'results:checkIn', { requestId: rid(), code: 'H29-NONE-0001' });
      expect(none.ok ? null : none.error.code).toBe('SERVICE_NOT_FOUND');
    } finally {
      k.close();
    }
  });

  it('tells when a booking can be checked in, by its code', async () => {
    ts = await startTestServer();
    const k = await kiosk(ts.url);
    try {
      const slot = MORNING + 2 * 3_600_000;
      const res = await fetch(`${ts.url}/api/book`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ serviceId: 'ho-tich', slotAt: slot }) });
      const booked = ((await res.json()) as { data: { code: string } }).data;
      const w = await must<AppointmentWindow>(k, 'appointment:find', { code: booked.code });
      expect(w).toEqual({ serviceId: 'ho-tich', businessDate: '2026-03-10', slotAt: slot, opensAt: slot - 15 * 60_000, closesAt: slot + 10 * 60_000 });
      const missing = await send(k, 'appointment:find', { code: booked.code === '000000' ? '000001' : '000000' });
      expect(missing.ok ? null : missing.error.code).toBe('APPOINTMENT_NOT_FOUND');
    } finally {
      k.close();
    }
  });
});

describe('appointment and results settings', () => {
  it('are saved by the admin and refused with a stable code when out of range or naming no service', async () => {
    ts = await startTestServer();
    const token = await login(ts.url, 'admin');
    const put = async (patch: Record<string, unknown>): Promise<{ ok: boolean; error?: { code: string } }> => {
      const { centreId: _c, ...current } = ts!.server.engine.getSettings();
      const res = await fetch(`${ts!.url}/api/admin/settings`, {
        method: 'PUT',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ ...current, ...patch }),
      });
      return (await res.json()) as { ok: boolean; error?: { code: string } };
    };
    const policy = { ...DEFAULT_APPOINTMENT_POLICY, slotMin: 20, capacityPerSlot: 3, askName: true };
    expect((await put({ appointments: policy, elderlyAge: 65, resultsServiceId: 'ho-tich' })).ok).toBe(true);
    expect(ts.server.engine.getSettings()).toMatchObject({ appointments: policy, elderlyAge: 65, resultsServiceId: 'ho-tich' });
    const before = JSON.stringify(ts.server.engine.getSettings());
    expect((await put({ resultsServiceId: 'khong-co' })).error?.code).toBe('SERVICE_NOT_FOUND');
    expect((await put({ elderlyAge: 30 })).error?.code).toBe('VALIDATION');
    expect((await put({ appointments: { ...policy, slotMin: 2 } })).error?.code).toBe('VALIDATION');
    expect((await put({ queue: { ...ts.server.engine.getSettings().queue, appointmentMaxInRow: 0 } })).error?.code).toBe('VALIDATION');
    expect(JSON.stringify(ts.server.engine.getSettings())).toBe(before);
  });
});

/**
 * Browser kiosks print through the server on a network printer: the bytes reach a real TCP
 * listener that answers DLE EOT like a printer, decode back to the ticket, and a printer fault is
 * reported to the manager without losing the ticket.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { decodeEscPos, type IssuedTicket, type Alert, type TicketPrinted } from '@layso/shared';
import { kiosk, must, record, rid, staff, startTestServer, until, type TestServer } from './support/harness.js';
import { startTestPrinter, type TestPrinter } from './support/test-printer.js';
import { TcpPrinter, renderTicketBitmap } from '@layso/node-shared';
import { ticketPrintData } from '../src/print/server-print.js';

let ts: TestServer;
let printer: TestPrinter;
afterEach(async () => {
  await ts?.close();
  await printer?.close();
});

const PUBLIC_URL = 'http://192.0.2.10:8080'; // printed in the QR code only; nothing is sent there

async function setup(): Promise<void> {
  printer = await startTestPrinter();
  ts = await startTestServer({
    demoPrinter: { printer: new TcpPrinter({ host: '127.0.0.1', port: printer.port }), paperWidth: 80 },
    publicUrl: PUBLIC_URL,
  });
}

/** The `ticket:printed` message for a ticket, once it came. */
async function printedOf(got: TicketPrinted[], ticketId: string, ms = 10_000): Promise<TicketPrinted> {
  await until(() => got.some((r) => r.ticketId === ticketId), ms, `ticket:printed for ${ticketId}`);
  return got.find((r) => r.ticketId === ticketId)!;
}

describe('server printing for browser kiosks', () => {
  it('prints the committed ticket: the decoded image is the ticket with its number', async () => {
    await setup();
    const k = await kiosk(ts.url);
    const printed = record<TicketPrinted>(k, 'ticket:printed');
    await must(k, 'ticket:issue', { requestId: rid(), serviceId: 'ho-tich' });
    const issued = await must<IssuedTicket>(k, 'ticket:issue', { requestId: rid(), serviceId: 'ho-tich', priority: 'elderly', print: true });
    expect(issued.print).toEqual({ status: 'printing' });
    expect(await printedOf(printed, issued.ticket.id)).toEqual({ ticketId: issued.ticket.id, status: 'printed' });
    k.disconnect();
    expect(printer.jobs).toHaveLength(1);
    const decoded = decodeEscPos(printer.jobs[0]!);
    expect(decoded.images).toHaveLength(1);
    expect(decoded.cuts).toBe(1);
    const data = ticketPrintData(ts.server.engine, issued.ticket, issued, `${PUBLIC_URL}/t/${issued.ticket.id}`);
    expect(data).toMatchObject({ displayNumber: '1002', priorityLabelVi: 'ƯU TIÊN – Người cao tuổi', peopleAhead: 0 });
    const expected = renderTicketBitmap(data, 80);
    const got = decoded.images[0]!;
    expect([got.width, got.height]).toEqual([expected.width, expected.height]);
    expect(Buffer.from(got.data).equals(Buffer.from(expected.data))).toBe(true);
    // …and a ticket with another number would have printed differently.
    const other = renderTicketBitmap({ ...data, displayNumber: '1003' }, 80);
    expect(Buffer.from(got.data).equals(Buffer.from(other.data))).toBe(false);
  });

  it('paper out: the ticket is still issued and shown, the manager is alerted, and recovery is announced', async () => {
    await setup();
    const manager = await staff(ts.url, 'quanly');
    const alerts: Alert[] = [];
    manager.on('alert', (a) => {
      if (a.kind === 'printer') alerts.push(a);
    });
    printer.setPaperOut(true);
    const k = await kiosk(ts.url);
    const printed = record<TicketPrinted>(k, 'ticket:printed');
    const issued = await must<IssuedTicket>(k, 'ticket:issue', { requestId: rid(), serviceId: 'cu-tru', print: true });
    expect(issued.print).toEqual({ status: 'printing' });
    expect(await printedOf(printed, issued.ticket.id)).toEqual({ ticketId: issued.ticket.id, status: 'failed', errorCode: 'PRINTER_PAPER_OUT' });
    expect(issued.ticket.displayNumber).toBe('5001');
    expect(ts.server.engine.liveTickets().map((t) => t.id)).toContain(issued.ticket.id);
    expect(printer.jobs).toHaveLength(0);
    await until(() => alerts.length > 0, 3000, 'printer alert');
    expect(alerts[0]).toMatchObject({ kind: 'printer', level: 'error', message: 'Máy in quầy lấy số (demo) hết giấy', endedAt: null });
    expect([...ts.server.app.deviceProblems.values()][0]).toMatchObject({ code: 'PRINTER_PAPER_OUT' });
    printer.setPaperOut(false);
    const again = await must<IssuedTicket>(k, 'ticket:issue', { requestId: rid(), serviceId: 'cu-tru', print: true });
    expect((await printedOf(printed, again.ticket.id)).status).toBe('printed');
    await until(() => alerts.length > 1, 3000, 'recovery alert');
    // The same alert, now ended.
    expect(alerts[1]).toMatchObject({ kind: 'printer', id: alerts[0]!.id, endedAt: expect.any(Number) });
    expect(ts.server.app.deviceProblems.size).toBe(0);
    k.disconnect();
    manager.disconnect();
  });

  it('a printer that drops the connection mid-job fails the print, not the ticket', async () => {
    await setup();
    printer.disconnectMidJob(true);
    const k = await kiosk(ts.url);
    const printed = record<TicketPrinted>(k, 'ticket:printed');
    const requestId = rid();
    const issued = await must<IssuedTicket>(k, 'ticket:issue', { requestId, serviceId: 'ho-tich', print: true });
    expect(await printedOf(printed, issued.ticket.id)).toMatchObject({ status: 'failed', errorCode: 'PRINTER_DISCONNECTED' });
    // A retry of the same tap (a kiosk that lost the answer) returns the same ticket, says how
    // its printing went, and prints nothing.
    printer.disconnectMidJob(false);
    const retry = await must<IssuedTicket>(k, 'ticket:issue', { requestId, serviceId: 'ho-tich', print: true });
    expect(retry).toMatchObject({ replayed: true, ticket: { id: issued.ticket.id }, print: { status: 'failed', errorCode: 'PRINTER_DISCONNECTED' } });
    expect(printer.jobs).toHaveLength(0);
    k.disconnect();
  });

  it('a kiosk without a printer hears at once that nothing prints', async () => {
    ts = await startTestServer({ demoPrinter: null });
    const k = await kiosk(ts.url);
    const printed = record<TicketPrinted>(k, 'ticket:printed');
    const issued = await must<IssuedTicket>(k, 'ticket:issue', { requestId: rid(), serviceId: 'ho-tich', print: true });
    expect(issued.print).toEqual({ status: 'printing' });
    expect(await printedOf(printed, issued.ticket.id)).toEqual({ ticketId: issued.ticket.id, status: 'none' });
    k.disconnect();
  });

  it('a slow printer: the answer comes before the printing ends, a retry meanwhile prints nothing more, and the outcome follows', async () => {
    await setup();
    // Each status reply after the job waits 1.5 s: the print takes longer than the kiosk waits
    // for an answer here (1 s), as a slow printer once took longer than the kiosk's 20 s.
    printer.setPrintTime(1_500);
    const k = await kiosk(ts.url);
    const printed = record<TicketPrinted>(k, 'ticket:printed');
    const requestId = rid();
    const cmd = { requestId, serviceId: 'ho-tich', print: true };
    const answer = (await k.timeout(1_000).emitWithAck('ticket:issue', cmd)) as { ok: true; data: IssuedTicket };
    expect(answer.data.print).toEqual({ status: 'printing' });
    // The kiosk retries the same tap (it may have lost the answer): same ticket, still printing.
    const retry = (await k.timeout(1_000).emitWithAck('ticket:issue', cmd)) as { ok: true; data: IssuedTicket };
    expect(retry.data).toMatchObject({ replayed: true, ticket: { id: answer.data.ticket.id }, print: { status: 'printing' } });
    expect(printed).toEqual([]);
    expect(await printedOf(printed, answer.data.ticket.id)).toEqual({ ticketId: answer.data.ticket.id, status: 'printed' });
    // Printed once, and a retry after the end says so (never "not printed").
    const late = await must<IssuedTicket>(k, 'ticket:issue', cmd);
    expect(late.print).toEqual({ status: 'printed' });
    expect(printer.jobs).toHaveLength(1);
    k.disconnect();
  });
});

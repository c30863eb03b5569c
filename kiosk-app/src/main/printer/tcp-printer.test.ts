/**
 * The kiosk shell's network printer speaks to a real TCP listener that answers like a printer
 * (the same test printer the server's tests use).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { decodeEscPos } from '@layso/shared';
import { startTestPrinter, type TestPrinter } from '../../../../queue-server/test/support/test-printer.js';
import { TcpPrinter } from './tcp-printer.js';
import { renderTicketBytes } from './render.js';

let printer: TestPrinter | null = null;
afterEach(async () => {
  await printer?.close();
  printer = null;
});

const data = {
  centreName: 'Trung tâm Phục vụ hành chính công xã Tân Phú',
  header: '',
  serviceNameVi: 'Hộ tịch – Chứng thực',
  serviceNameEn: 'Civil status – Certification',
  displayNumber: '1023',
  priorityLabelVi: null,
  issuedAt: Date.UTC(2026, 2, 10, 2, 0),
  timeZone: 'Asia/Ho_Chi_Minh',
  peopleAhead: 4,
  estimateMinutes: 12,
  trackingUrl: 'http://192.0.2.10:8080/t/AAAAAAAAAAAAAAAAAAAAAA',
  footer: 'Xin cảm ơn!',
};

describe('kiosk network printer', () => {
  it('prints a ticket the printer decodes back to an image, and reports paper out', async () => {
    printer = await startTestPrinter();
    const tcp = new TcpPrinter({ host: '127.0.0.1', port: printer.port });
    await tcp.print(renderTicketBytes(data, 58));
    expect(printer.jobs).toHaveLength(1);
    expect(decodeEscPos(printer.jobs[0]!).images[0]?.width).toBe(384);
    printer.setPaperOut(true);
    await expect(tcp.print(renderTicketBytes(data, 58))).rejects.toMatchObject({ code: 'PRINTER_PAPER_OUT' });
    expect(printer.jobs).toHaveLength(1);
  });
});

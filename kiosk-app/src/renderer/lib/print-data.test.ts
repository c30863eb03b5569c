import { describe, expect, it } from 'vitest';
import { ticketPrintData } from './print-data.js';
import { issued } from './fixtures.test-support.js';

describe('print data', () => {
  it('carries what the ticket prints, priority mark included', () => {
    const centre = { nameVi: 'Trung tâm', timeZone: 'Asia/Ho_Chi_Minh', ticketHeader: 'UBND xã Tân Phú', ticketFooter: 'Xin cảm ơn!' };
    const d = ticketPrintData(issued(1023, 'elderly'), { nameVi: 'Hộ tịch', nameEn: 'Civil status' }, centre, 'http://x/t/1');
    expect(d).toMatchObject({ displayNumber: '1023', priorityLabelVi: 'ƯU TIÊN – Người cao tuổi', peopleAhead: 4, estimateMinutes: 12, serviceNameVi: 'Hộ tịch', trackingUrl: 'http://x/t/1', header: 'UBND xã Tân Phú', footer: 'Xin cảm ơn!' });
  });

  it('prints a header equal to the centre name only once', () => {
    const centre = { nameVi: 'Trung tâm', timeZone: 'Asia/Ho_Chi_Minh', ticketHeader: 'Trung tâm', ticketFooter: '' };
    expect(ticketPrintData(issued(1, null), undefined, centre, 'http://x/t/1')).toMatchObject({ header: '', footer: '' });
  });
});

/**
 * What the Electron shell prints for a ticket: the same fields the server prints with. The
 * kiosk snapshot does not carry the centre's ticket header and footer settings, so the kiosk
 * prints no header and a fixed thank-you footer (see the report: the snapshot should carry them).
 */
import type { CentreInfo, IssuedTicket, Service, TicketPrintData } from '@layso/shared';
import { priorityTicketLabel } from './words.js';

export const DEFAULT_TICKET_FOOTER = 'Vui lòng giữ vé và theo dõi màn hình. Xin cảm ơn!';

export function ticketPrintData(
  issued: IssuedTicket,
  service: Pick<Service, 'nameVi' | 'nameEn'> | undefined,
  centre: Pick<CentreInfo, 'nameVi' | 'timeZone'> | null,
  trackingUrl: string,
): TicketPrintData {
  const t = issued.ticket;
  return {
    centreName: centre?.nameVi ?? '',
    header: '',
    serviceNameVi: service?.nameVi ?? '',
    serviceNameEn: service?.nameEn ?? '',
    displayNumber: t.displayNumber,
    priorityLabelVi: priorityTicketLabel(t.priority),
    issuedAt: t.issuedAt,
    timeZone: centre?.timeZone ?? 'Asia/Ho_Chi_Minh',
    peopleAhead: issued.peopleAhead,
    estimateMinutes: issued.estimateMinutes,
    trackingUrl,
    footer: DEFAULT_TICKET_FOOTER,
  };
}

/**
 * What the Electron shell prints for a ticket: the same fields the server prints with, the
 * header and footer from the centre's settings.
 */
import type { CentreInfo, IssuedTicket, Service, TicketPrintData } from '@layso/shared';
import { priorityTicketLabel } from './words.js';

export const DEFAULT_TICKET_FOOTER = 'Vui lòng giữ vé và theo dõi màn hình. Xin cảm ơn!';

export function ticketPrintData(
  issued: IssuedTicket,
  service: Pick<Service, 'nameVi' | 'nameEn'> | undefined,
  centre: Pick<CentreInfo, 'nameVi' | 'timeZone' | 'ticketHeader' | 'ticketFooter'> | null,
  trackingUrl: string,
): TicketPrintData {
  const t = issued.ticket;
  return {
    centreName: centre?.nameVi ?? '',
    // The header repeats nothing: a header equal to the centre's name is printed once.
    header: centre && centre.ticketHeader !== centre.nameVi ? centre.ticketHeader : '',
    serviceNameVi: service?.nameVi ?? '',
    serviceNameEn: service?.nameEn ?? '',
    displayNumber: t.displayNumber,
    priorityLabelVi: priorityTicketLabel(t.priority),
    issuedAt: t.issuedAt,
    timeZone: centre?.timeZone ?? 'Asia/Ho_Chi_Minh',
    peopleAhead: issued.peopleAhead,
    estimateMinutes: issued.estimateMinutes,
    trackingUrl,
    footer: centre ? centre.ticketFooter : DEFAULT_TICKET_FOOTER,
  };
}

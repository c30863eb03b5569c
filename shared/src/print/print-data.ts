/**
 * What a ticket prints, from the ticket and the centre's settings: the one mapping the server
 * (printing for browser kiosks) and the kiosk's Electron shell (printing on its own printer) use,
 * so both print the same ticket.
 */
import { priorityMarkVi } from '../domain/labels.js';
import type { Service, Ticket } from '../domain/model.js';
import type { TicketPrintData } from './types.js';

/** The footer when the centre's settings are not known yet (a kiosk before its first snapshot). */
export const DEFAULT_TICKET_FOOTER = 'Vui lòng giữ vé và theo dõi màn hình. Xin cảm ơn!';

export interface TicketPrintSource {
  ticket: Pick<Ticket, 'displayNumber' | 'priority' | 'issuedAt'>;
  service: Pick<Service, 'nameVi' | 'nameEn'> | undefined;
  /** The centre's name and ticket texts; null when not known yet. */
  centre: { nameVi: string; timeZone: string; ticketHeader: string; ticketFooter: string } | null;
  peopleAhead: number;
  estimateMinutes: number | null;
  trackingUrl: string;
}

export function ticketPrintData(s: TicketPrintSource): TicketPrintData {
  const { ticket, service, centre } = s;
  return {
    centreName: centre?.nameVi ?? '',
    // The header repeats nothing: a header equal to the centre's name is printed once.
    header: centre && centre.ticketHeader !== centre.nameVi ? centre.ticketHeader : '',
    serviceNameVi: service?.nameVi ?? '',
    serviceNameEn: service?.nameEn ?? '',
    displayNumber: ticket.displayNumber,
    priorityLabelVi: ticket.priority ? priorityMarkVi(ticket.priority) : null,
    issuedAt: ticket.issuedAt,
    timeZone: centre?.timeZone ?? 'Asia/Ho_Chi_Minh',
    peopleAhead: s.peopleAhead,
    estimateMinutes: s.estimateMinutes,
    trackingUrl: s.trackingUrl,
    footer: centre ? centre.ticketFooter : DEFAULT_TICKET_FOOTER,
  };
}

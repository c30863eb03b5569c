/** What the Electron shell prints for a ticket: shared's one mapping, from what the kiosk holds. */
import { ticketPrintData as printData, type CentreInfo, type IssuedTicket, type Service, type TicketPrintData } from '@layso/shared';

export function ticketPrintData(
  issued: IssuedTicket,
  service: Pick<Service, 'nameVi' | 'nameEn'> | undefined,
  centre: Pick<CentreInfo, 'nameVi' | 'timeZone' | 'ticketHeader' | 'ticketFooter'> | null,
  trackingUrl: string,
): TicketPrintData {
  return printData({ ticket: issued.ticket, service, centre, peopleAhead: issued.peopleAhead, estimateMinutes: issued.estimateMinutes, trackingUrl });
}

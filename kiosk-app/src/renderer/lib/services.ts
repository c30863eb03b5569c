/**
 * Which services the kiosk shows and where: at most eight buttons on the home screen, the rest
 * behind "Dịch vụ khác", pages of eight there. Disabled services are not shown at all; a service
 * outside its hours is shown greyed with its hours.
 */
import type { Service, ServiceStats } from '@layso/shared';

/** At most this many service buttons on one screen. */
export const SERVICES_PER_SCREEN = 8;

export interface ServiceTile {
  service: Service;
  issuing: boolean;
  waiting: number;
  estimateMinutes: number | null;
}

/**
 * The services a citizen may see, in the centre's order, with their live figures. The results
 * pickup service (`resultsServiceId`) has no tile: a dossier code scanned or typed gives its ticket.
 */
export function serviceTiles(
  services: readonly Service[],
  stats: Readonly<Record<string, ServiceStats>>,
  resultsServiceId: string | null = null,
): ServiceTile[] {
  return services
    .filter((s) => s.enabled && s.id !== resultsServiceId)
    .slice()
    .sort((a, b) => a.sortOrder - b.sortOrder || a.nameVi.localeCompare(b.nameVi, 'vi'))
    .map((service) => {
      const st = stats[service.id];
      return {
        service,
        issuing: st?.issuing ?? false,
        waiting: st?.waiting ?? 0,
        estimateMinutes: st?.estimateMinutes ?? null,
      };
    });
}

export interface HomeLayout {
  tiles: ServiceTile[];
  /** Whether a "Dịch vụ khác" button leads to the rest. */
  more: boolean;
}

/**
 * Eight services fit on the home screen; with more than eight, the first seven and the button
 * to the others (so the home screen still holds eight targets).
 */
export function homeLayout(all: readonly ServiceTile[]): HomeLayout {
  if (all.length <= SERVICES_PER_SCREEN) return { tiles: [...all], more: false };
  return { tiles: all.slice(0, SERVICES_PER_SCREEN - 1), more: true };
}

/** The services behind "Dịch vụ khác", in pages of at most eight. */
export function morePages(all: readonly ServiceTile[]): ServiceTile[][] {
  const rest = all.length <= SERVICES_PER_SCREEN ? [] : all.slice(SERVICES_PER_SCREEN - 1);
  const pages: ServiceTile[][] = [];
  for (let i = 0; i < rest.length; i += SERVICES_PER_SCREEN) pages.push(rest.slice(i, i + SERVICES_PER_SCREEN));
  return pages;
}

/**
 * The font size (in design px) of a service's name on its button: UX.md's 46 for a usual name,
 * smaller as the name grows, so a name up to the admin form's limit fits in three lines beside
 * the queue figures (longer official names carry a short kiosk name).
 */
export function tileNameSize(name: string): number {
  const n = name.trim().length;
  if (n <= 36) return 46;
  if (n <= 56) return 40;
  if (n <= 80) return 34;
  return 30;
}

/**
 * The address a ticket's QR code holds. A phone on the centre's wifi must be able to open it, so
 * a page opened as `localhost` (a kiosk browser on the server's own PC) names the server's LAN
 * address instead; any other page names its own origin, which the phone reaches as the kiosk did.
 */

/** Whether a host name is this machine only. */
export function isLoopbackHost(hostname: string): boolean {
  const h = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  return h === 'localhost' || h.endsWith('.localhost') || h === '::1' || /^127\./.test(h);
}

/** The origin phones should use: the page's own, or the server's first LAN address when the page is loopback. */
export function publicOrigin(
  page: { protocol: string; hostname: string; port: string; origin: string },
  lanAddresses: readonly string[],
  /** The server's own answer (LAYSO_PUBLIC_URL or its first LAN address), when it gives one. */
  serverPublicUrl: string | null = null,
): string {
  if (isLoopbackHost(page.hostname) && serverPublicUrl) return serverPublicUrl.replace(/\/+$/, '');
  const lan = lanAddresses[0];
  if (!isLoopbackHost(page.hostname) || !lan) return page.origin;
  const host = lan.includes(':') ? `[${lan}]` : lan;
  return `${page.protocol}//${host}${page.port ? `:${page.port}` : ''}`;
}

/** `http://<lan>:<port>/t/<id>` for a tracking path from the server (`/t/<id>`). */
export function trackingUrl(origin: string, trackingPath: string): string {
  return origin.replace(/\/+$/, '') + (trackingPath.startsWith('/') ? trackingPath : `/${trackingPath}`);
}

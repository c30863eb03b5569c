import { networkInterfaces } from 'node:os';
import type { CentreInfo } from '@layso/shared';
import { esc } from './html.js';

/** The server's IPv4 addresses on the LAN, for setting up other devices. */
export function lanAddresses(): string[] {
  const out: string[] = [];
  for (const list of Object.values(networkInterfaces())) {
    for (const a of list ?? []) if (a.family === 'IPv4' && !a.internal) out.push(a.address);
  }
  return out;
}

/**
 * The base URL phones are sent to (the ticket's QR code): an address the server answers on. A
 * server bound to one address (`LAYSO_HOST`) answers only there; one bound to every address
 * answers on the first LAN address, which phones on the centre's wifi reach.
 */
export function reachableBaseUrl(host: string | undefined, lan: readonly string[], port: number): string {
  const any = host === undefined || host === '' || host === '0.0.0.0' || host === '::';
  const name = any ? (lan[0] ?? 'localhost') : host;
  return `http://${name.includes(':') ? `[${name}]` : name}:${port}`;
}

/** A reception area: its own kiosk and wall display, offering and calling its services only. */
export interface ReceptionArea {
  nameVi: string;
  nameEn: string;
  serviceIds: readonly string[];
}

export function landingPage(centre: CentreInfo, addresses: string[], areas: readonly ReceptionArea[] = []): string {
  const item = ([href, vi, en]: readonly [string, string, string]): string => `<li><a href="${esc(href)}">${esc(vi)}</a> <small>${esc(en)}</small></li>`;
  const perArea = areas.flatMap((a) => {
    const q = `?services=${a.serviceIds.map(encodeURIComponent).join(',')}`;
    return [
      [`/kiosk/${q}`, `Máy lấy số · ${a.nameVi}`, `Kiosk · ${a.nameEn}`],
      [`/display/${q}`, `Màn hình gọi số · ${a.nameVi}`, `Wall display · ${a.nameEn}`],
    ] as const;
  });
  const links = [
    ...(perArea.length
      ? perArea
      : ([
          ['/kiosk/', 'Máy lấy số', 'Kiosk'],
          ['/display/', 'Màn hình gọi số', 'Wall display'],
        ] as const)),
    // A demo tablet names its counter in its address; a paired one has it from the admin.
    (centre.demo ? (['/rate/?counter=1', 'Máy đánh giá tại quầy 1', 'Rating tablet of counter 1'] as const) : (['/rate/', 'Máy đánh giá tại quầy', 'Counter rating tablet'] as const)),
    ['/staff/', 'Cán bộ, quản lý, quản trị', 'Staff console'] as const,
  ]
    .map(item)
    .join('');
  const lan = addresses.length
    ? addresses.map((a) => `<li><code>http://${esc(a)}:PORT/</code></li>`).join('')
    : '<li>Không tìm thấy địa chỉ mạng LAN / no LAN address found</li>';
  return `<!doctype html><html lang="vi"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1">
<title>Layso — ${esc(centre.nameVi)}</title>
<link rel="stylesheet" href="/static/landing.css">
</head><body>
<h1>${esc(centre.nameVi)}</h1><p><small>${esc(centre.nameEn)}</small></p>
<ul>${links}</ul>
<h2>Địa chỉ để cài đặt thiết bị khác <small>Addresses for other devices</small></h2>
<ul id="lan">${lan}</ul>
<script src="/static/landing.js"></script>
<p><small>Layso · ${esc(centre.businessDate)}${centre.demo ? ' · trung tâm mẫu (demo)' : ''}</small></p>
</body></html>`;
}

export const LANDING_CSS = `body{font:18px/1.5 system-ui,sans-serif;max-width:720px;margin:2rem auto;padding:0 1rem;color:#111}
h1{font-size:1.6rem}a{color:#0b57d0;font-weight:600}li{margin:.4rem 0}small{color:#555}code{background:#f1f3f4;padding:0 .3rem}
`;

export const LANDING_JS = `document.querySelectorAll('#lan code').forEach(function(c){c.textContent=c.textContent.replace('PORT',location.port||'80')});
`;

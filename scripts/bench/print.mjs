// Print: one ticket rendered to a 1-bit bitmap and encoded as ESC/POS raster, as the server does
// for a browser kiosk (queue-server/dist/print/render.js `renderTicketBytes`), on 80 mm paper.
// Time per ticket (after a warm-up that loads the font) and bytes per ticket.
import { performance } from 'node:perf_hooks';
import { randomBytes } from 'node:crypto';
import { summarize } from './stats.mjs';
import { measured, notMeasured } from './results.mjs';

export const IDS = ['print.time', 'print.bytes'];
const NAMES = ['print: render + encode p95 (80 mm)', 'print: bytes per ticket (80 mm)'];

const SERVICES = [
  ['Hộ tịch – Chứng thực', 'Civil status – Certification'],
  ['Đất đai – Xây dựng – Môi trường', 'Land – Construction – Environment'],
  ['Hướng dẫn dịch vụ công trực tuyến – VNeID', 'Online public services – VNeID help'],
];

function ticket(i) {
  const [vi, en] = SERVICES[i % SERVICES.length];
  return {
    centreName: 'Trung tâm Phục vụ hành chính công tỉnh Thừa Thiên Huế',
    header: 'ỦY BAN NHÂN DÂN TỈNH THỪA THIÊN HUẾ',
    serviceNameVi: vi,
    serviceNameEn: en,
    displayNumber: String(10_001 + i),
    priorityLabelVi: i % 5 === 0 ? 'ƯU TIÊN – Người cao tuổi' : null,
    issuedAt: Date.UTC(2026, 2, 10, 2, 0, 0) + i * 37_000,
    timeZone: 'Asia/Ho_Chi_Minh',
    peopleAhead: i % 40,
    estimateMinutes: i % 7 === 0 ? null : 3 * (i % 40),
    trackingUrl: `http://192.168.1.10:8080/t/${randomBytes(16).toString('base64url')}`,
    footer: 'Vui lòng giữ vé và theo dõi màn hình. Xin cảm ơn!',
  };
}

export async function run({ quick, log }) {
  let render;
  try {
    ({ renderTicketBytes: render } = await import('../../node-shared/dist/index.js'));
    if (typeof render !== 'function') throw new Error('it exports no renderTicketBytes');
  } catch (e) {
    const why = `node-shared/dist/index.js renderTicketBytes is not available (${e.message.split('\n')[0]})`;
    return [notMeasured(IDS[0], NAMES[0], 'ms', why, { target: { max: 30 } }), notMeasured(IDS[1], NAMES[1], 'KB', why, { target: { max: 48 } })];
  }
  const count = quick ? 10 : 200;
  log(`print: ${count} tickets`);
  for (let i = 0; i < 3; i++) render(ticket(i), 80);
  const times = [];
  let maxBytes = 0;
  let totalBytes = 0;
  for (let i = 0; i < count; i++) {
    const data = ticket(i);
    const t0 = performance.now();
    const bytes = render(data, 80);
    times.push(performance.now() - t0);
    maxBytes = Math.max(maxBytes, bytes.length);
    totalBytes += bytes.length;
  }
  const s = summarize(times);
  return [
    measured(IDS[0], NAMES[0], s.p95, 'ms', { target: { max: 30 }, detail: { tickets: count, p50: s.p50, mean: s.mean, max: s.max } }),
    measured(IDS[1], NAMES[1], maxBytes / 1024, 'KB', { target: { max: 48 }, detail: { meanKb: totalBytes / count / 1024, largestBytes: maxBytes } }),
  ];
}

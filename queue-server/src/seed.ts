/** The demo centre, and the empty real centre `layso init` creates. */
import { randomUUID } from 'node:crypto';
import {
  type CentreId,
  type Counter,
  type CounterId,
  DEFAULT_QUEUE_POLICY,
  DEFAULT_RATING_SETTINGS,
  type Service,
  type ServiceId,
  type Settings,
} from '@layso/shared';
import type { Db } from './store/open-db.js';
import { CatalogRepo } from './store/catalog-repo.js';
import type { Accounts } from './auth/accounts.js';

export const DEMO_PASSWORD = 'demo';

const DEMO_SERVICES: [id: string, vi: string, en: string][] = [
  ['ho-tich', 'Hộ tịch – Chứng thực', 'Civil status – Certification'],
  ['dat-dai', 'Đất đai – Xây dựng – Môi trường', 'Land – Construction – Environment'],
  ['lao-dong', 'Lao động – Chính sách xã hội', 'Labour – Social policy'],
  ['kinh-doanh', 'Kinh doanh – Đầu tư', 'Business – Investment'],
  ['cu-tru', 'Cư trú – Căn cước', 'Residence – Identity card'],
  ['vneid', 'Hướng dẫn dịch vụ công trực tuyến – VNeID', 'Online public services – VNeID help'],
];

/**
 * The demo centre's results pickup ("Trả kết quả", setting `resultsServiceId`): no tile of its
 * own on the kiosk, a dossier code scanned or typed there gives its ticket. Numbered KQ001, KQ002 … and
 * sorted first, so services an admin adds keep the numbers and places they had before it existed.
 */
const DEMO_RESULTS: [id: string, vi: string, en: string] = ['tra-ket-qua', 'Trả kết quả', 'Results pickup'];

/**
 * The demo centre's two reception areas, each with its own kiosk and wall display (issue 11):
 * civil status, residence and online help on the ground floor; land, labour and business upstairs.
 */
export const DEMO_AREAS: readonly { nameVi: string; nameEn: string; serviceIds: readonly string[] }[] = [
  { nameVi: 'Khu A – Tầng 1', nameEn: 'Area A – ground floor', serviceIds: ['ho-tich', 'cu-tru', 'vneid', 'tra-ket-qua'] },
  { nameVi: 'Khu B – Tầng 2', nameEn: 'Area B – first floor', serviceIds: ['dat-dai', 'lao-dong', 'kinh-doanh'] },
];

/** Counter → the services it serves, most preferred first (indexes into DEMO_SERVICES; 6: results). */
const DEMO_COUNTERS: number[][] = [[0], [0, 4], [1], [2, 0], [3, 1], [5, 4, 6]];

export function baseSettings(centreId: string, nameVi: string, nameEn: string, demo: boolean): Settings {
  return {
    centreId: centreId as CentreId,
    centreNameVi: nameVi,
    centreNameEn: nameEn,
    timeZone: 'Asia/Ho_Chi_Minh',
    dayStartsAt: '00:00',
    endOfDay: 'expire',
    queue: DEFAULT_QUEUE_POLICY,
    ticketHeader: nameVi,
    ticketFooter: 'Vui lòng giữ vé và theo dõi màn hình. Xin cảm ơn!',
    displayNotice: demo
      ? 'Trung tâm mẫu Layso — Công dân vui lòng lấy số thứ tự và chờ đến lượt. Demo centre.'
      : 'Công dân vui lòng lấy số thứ tự và chờ đến lượt.',
    kioskRateLimitPerMin: 20,
    demo,
    rating: DEFAULT_RATING_SETTINGS,
  };
}

export function isSeeded(db: Db): boolean {
  return new CatalogRepo(db).settings() !== null;
}

/**
 * A commune centre that looks real: six services with number ranges 1001–1999, 2001–2999 …,
 * six counters, officers canbo1…canbo6, a manager and an admin, all with the password `demo`.
 * It is open around the clock so that it can be tried at any hour.
 */
export async function seedDemo(db: Db, accounts: Accounts): Promise<void> {
  const catalog = new CatalogRepo(db);
  const centreId = 'demo-tan-phu';
  const settings = baseSettings(
    centreId,
    'Trung tâm Phục vụ hành chính công xã Tân Phú',
    'Tan Phu Commune Public Administrative Service Centre',
    true,
  );
  const services: Service[] = DEMO_SERVICES.map(([id, vi, en], i) => ({
    id: id as ServiceId,
    nameVi: vi,
    nameEn: en,
    numbering: { kind: 'range', from: (i + 1) * 1000 + 1, to: (i + 1) * 1000 + 999 },
    hours: { open: '00:00', close: '24:00' },
    enabled: true,
    allowPriority: true,
    avgServiceSec: [420, 600, 360, 540, 300, 240][i]!,
    waitThresholdMin: 30,
    sortOrder: i + 1,
  }));
  services.push({
    id: DEMO_RESULTS[0] as ServiceId,
    nameVi: DEMO_RESULTS[1],
    nameEn: DEMO_RESULTS[2],
    numbering: { kind: 'prefix', prefix: 'KQ', digits: 3 },
    hours: { open: '00:00', close: '24:00' },
    enabled: true,
    allowPriority: true,
    avgServiceSec: 180,
    waitThresholdMin: 30,
    sortOrder: 0,
  });
  settings.resultsServiceId = DEMO_RESULTS[0] as ServiceId;
  const counters: Counter[] = DEMO_COUNTERS.map((svc, i) => ({
    id: `quay-${i + 1}` as CounterId,
    number: i + 1,
    name: `Quầy ${i + 1}`,
    serviceIds: svc.map((k) => services[k]!.id),
    state: 'closed',
    officerId: null,
    pauseReason: null,
    priorityStreak: 0,
  }));
  db.transaction(() => {
    catalog.putSettings(settings);
    for (const s of services) catalog.putService(centreId, s);
    for (const c of counters) catalog.putCounter(centreId, c);
  })();
  const people: [string, string, 'officer' | 'manager' | 'admin'][] = [
    ['canbo1', 'Nguyễn Thị Lan', 'officer'],
    ['canbo2', 'Trần Văn Hùng', 'officer'],
    ['canbo3', 'Lê Thị Mai', 'officer'],
    ['canbo4', 'Phạm Minh Tuấn', 'officer'],
    ['canbo5', 'Hoàng Thị Hoa', 'officer'],
    ['canbo6', 'Vũ Đức Anh', 'officer'],
    ['quanly', 'Đặng Thị Thu (Quản lý)', 'manager'],
    ['admin', 'Quản trị hệ thống', 'admin'],
  ];
  for (const [username, displayName, role] of people) {
    await accounts.createUser({ id: `u-${username}`, username, displayName, role, password: DEMO_PASSWORD });
  }
}

/** A real centre: its settings and one admin; services and counters are added in the admin UI. */
export async function seedEmptyCentre(
  db: Db,
  accounts: Accounts,
  opts: { nameVi: string; nameEn: string; adminPassword: string },
): Promise<void> {
  const catalog = new CatalogRepo(db);
  const settings = baseSettings(`centre-${randomUUID()}`, opts.nameVi, opts.nameEn, false);
  catalog.putSettings(settings);
  await accounts.createUser({ id: 'u-admin', username: 'admin', displayName: 'Quản trị hệ thống', role: 'admin', password: opts.adminPassword });
}

/**
 * Administration end to end: the built staff app served by a real queue server (temporary SQLite,
 * test clock), driven in headless Chromium; the kiosk app open in a second page; devices paired
 * and connected with real sockets. What the pages show is checked against the server's state.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Locator, Page } from 'playwright-core';
import type { Ack, IssuedTicket, PairResult } from '@layso/shared';
import {
  type KioskSocket,
  type TestServer,
  kiosk,
  login,
  must,
  rid,
  send,
  startTestServer,
  until,
} from '../../queue-server/test/support/harness.js';
import { launchBrowser, lookAt } from '../../queue-server/test/support/browser.js';
import { axeSerious, describeFindings } from '../../queue-server/test/support/axe.js';
import { DEVICE_TOKEN_KEY } from '../../kiosk-app/src/renderer/lib/device-token.js';
import { Pages, WAIT, ensureBuilt, eventually, go, kioskRoot, shots, signIn, staffRoot, textOf } from './browser-support.js';

let srv: TestServer;
let browser: Browser;
let pages: Pages;
let admin: Page;
const sockets: KioskSocket[] = [];

beforeAll(async () => {
  ensureBuilt({ kiosk: true });
  srv = await startTestServer({ webRoots: { staff: staffRoot, kiosk: kioskRoot }, settings: { kioskRateLimitPerMin: 0 } });
  browser = await launchBrowser();
  pages = new Pages(() => browser);
  admin = await pages.open();
  await signIn(admin, srv.url, 'admin');
});

afterAll(async () => {
  await pages?.close();
  await browser?.close();
  for (const s of sockets) s.close();
  await srv?.close();
});

const engine = () => srv.server.engine;

/** The words tied to a field by aria-describedby as its error. */
async function fieldError(field: Locator): Promise<string> {
  return field.evaluate((el) =>
    (el.getAttribute('aria-describedby') ?? '')
      .split(' ')
      .map((id) => document.getElementById(id))
      .filter((e): e is HTMLElement => e?.hasAttribute('data-field-error') ?? false)
      .map((e) => (e.textContent ?? '').replace('⚠', '').trim())
      .join(' '),
  );
}

async function api<T>(method: string, path: string, token: string, body?: unknown): Promise<Ack<T>> {
  const res = await fetch(`${srv.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  return (await res.json()) as Ack<T>;
}

describe('administration: services', () => {
  it('adds a service in the browser, and an open kiosk page shows it without a reload', async () => {
    const kioskPage = await pages.open({ width: 1080, height: 1920 });
    await kioskPage.goto(`${srv.url}/kiosk/`);
    await kioskPage.locator('[data-service-id="ho-tich"]').waitFor();
    await kioskPage.evaluate(() => {
      (window as unknown as { notReloaded?: boolean }).notReloaded = true;
    });
    expect(await kioskPage.locator('[data-service-id="bao-hiem-y-te"]').count()).toBe(0);

    await go(admin, '#/admin/services');
    await admin.locator('[data-testid="services-admin"] tr[data-service="ho-tich"]').waitFor();
    await admin.getByTestId('add-service').click();
    const dialog = admin.getByRole('dialog');
    await dialog.getByRole('heading', { name: 'Thêm dịch vụ mới' }).waitFor();

    // Checked in the form first: empty names, and numbers another service gives.
    await dialog.getByLabel('Số đầu').fill('1500');
    await dialog.getByLabel('Số cuối').fill('1600');
    await dialog.getByRole('button', { name: 'Lưu' }).click();
    await dialog.getByText('Hãy sửa các ô được đánh dấu bên dưới.').waitFor();
    expect(await fieldError(dialog.getByLabel('Tên tiếng Việt'))).toBe('Không được để trống.');
    expect(await fieldError(dialog.getByLabel('Tên tiếng Anh'))).toBe('Không được để trống.');
    await dialog.getByLabel('Tên tiếng Việt').fill('Bảo hiểm y tế');
    await dialog.getByLabel('Tên tiếng Anh').fill('Health insurance');
    await dialog.getByLabel('Cảnh báo khi chờ quá (phút)').fill('mười');
    await dialog.getByRole('button', { name: 'Lưu' }).click();
    await eventually(async () => (await fieldError(dialog.getByLabel('Cảnh báo khi chờ quá (phút)'))) === 'Hãy nhập một số.');
    await dialog.getByLabel('Cảnh báo khi chờ quá (phút)').fill('20');
    await dialog.getByRole('button', { name: 'Lưu' }).click();
    await eventually(async () => (await fieldError(dialog.getByLabel('Số đầu'))) === 'Trùng dải số với dịch vụ “Hộ tịch – Chứng thực”.');
    expect(engine().listServices().some((s) => s.nameVi === 'Bảo hiểm y tế')).toBe(false);

    await dialog.getByLabel('Số đầu').fill('7001');
    await dialog.getByLabel('Số cuối').fill('7999');
    await dialog.getByLabel('Giờ bắt đầu cấp số').fill('00:00');
    await dialog.getByLabel('Giờ ngừng cấp số').fill('24:00');
    await lookAt(admin, `${shots}admin-service-form.png`);
    await dialog.getByRole('button', { name: 'Lưu' }).click();
    await dialog.waitFor({ state: 'detached' });

    // The server has it; the list and the kiosk show it from the live delta.
    const added = engine().listServices().find((s) => s.nameVi === 'Bảo hiểm y tế');
    expect(added).toMatchObject({ id: 'bao-hiem-y-te', nameEn: 'Health insurance', numbering: { kind: 'range', from: 7001, to: 7999 }, waitThresholdMin: 20 });
    await admin.locator('[data-testid="services-admin"] tr[data-service="bao-hiem-y-te"]').getByText('7001–7999').waitFor();
    await kioskPage.locator('[data-service-id="bao-hiem-y-te"]').getByText('Bảo hiểm y tế').waitFor();
    expect(await kioskPage.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded)).toBe(true);
    await lookAt(kioskPage, `${shots}kiosk-after-admin-added-service.png`);

    // Renaming reaches the kiosk the same way.
    await admin.locator('tr[data-service="bao-hiem-y-te"]').getByRole('button', { name: 'Sửa' }).click();
    await dialog.getByLabel('Tên tiếng Việt').fill('Bảo hiểm xã hội – Y tế');
    await dialog.getByRole('button', { name: 'Lưu' }).click();
    await dialog.waitFor({ state: 'detached' });
    await kioskPage.locator('[data-service-id="bao-hiem-y-te"]').getByText('Bảo hiểm xã hội – Y tế').waitFor();
    expect(await kioskPage.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded)).toBe(true);
  });

  it('reorders services with the keyboard, keeping the focus on the moved service', async () => {
    const order = () => [...engine().listServices()].sort((a, b) => a.sortOrder - b.sortOrder).map((s) => s.id);
    const before = order();
    expect(before.at(-1)).toBe('bao-hiem-y-te');
    await admin.locator('[data-move="bao-hiem-y-te:up"]').focus();
    await admin.keyboard.press('Enter');
    await until(() => order().at(-2) === 'bao-hiem-y-te', WAIT, 'the new service one place up');
    await admin.waitForFunction(() => document.activeElement?.getAttribute('data-move') === 'bao-hiem-y-te:up');
    await admin.keyboard.press('Enter');
    await until(() => order().at(-3) === 'bao-hiem-y-te', WAIT, 'the new service two places up');
    expect(order().filter((id) => id !== 'bao-hiem-y-te')).toEqual(before.filter((id) => id !== 'bao-hiem-y-te'));
    // The table follows the new order.
    await admin.waitForFunction(() => {
      const rows = [...document.querySelectorAll('[data-testid="services-admin"] tbody tr')].map((r) => r.getAttribute('data-service'));
      return rows.at(-3) === 'bao-hiem-y-te';
    });
  });

  it('shows the server’s refusal in words: a service with live tickets cannot be deleted', async () => {
    const k = await kiosk(srv.url);
    sockets.push(k);
    await must<IssuedTicket>(k, 'ticket:issue', { requestId: rid(), serviceId: 'bao-hiem-y-te', priority: null, print: false, language: 'vi' });
    await admin.locator('tr[data-service="bao-hiem-y-te"]').getByRole('button', { name: 'Xoá' }).click();
    const dialog = admin.getByRole('dialog');
    await dialog.getByRole('heading', { name: 'Xoá dịch vụ “Bảo hiểm xã hội – Y tế”?' }).waitFor();
    await dialog.getByRole('button', { name: 'Xoá' }).click();
    const alert = dialog.locator('[role="alert"][data-code="CONFLICT"]');
    await alert.getByText('Chưa xoá được: dịch vụ còn số đang chờ, đang gọi hoặc vắng mặt hôm nay.', { exact: false }).waitFor();
    expect(await alert.textContent()).toContain('still has 1 live ticket');
    await lookAt(admin, `${shots}admin-service-delete-refused.png`);
    expect(engine().getService('bao-hiem-y-te' as never)).toBeDefined();
    await dialog.getByRole('button', { name: /Huỷ/ }).click();
    await lookAt(admin, `${shots}admin-services.png`);
  });
});

describe('administration: counters', () => {
  it('adds a counter with its services in order, reordered with the keyboard', async () => {
    await go(admin, '#/admin/counters');
    await admin.getByTestId('add-counter').click();
    const dialog = admin.getByRole('dialog');
    await dialog.getByRole('heading', { name: 'Thêm quầy mới' }).waitFor();
    expect(await dialog.getByLabel('Số quầy').inputValue()).toBe('7');
    // A number another counter has is refused in the form.
    await dialog.getByLabel('Số quầy').fill('3');
    for (const id of ['bao-hiem-y-te', 'ho-tich', 'cu-tru']) {
      await dialog.locator('#add-service-select').selectOption(id);
      await dialog.getByRole('button', { name: '+ Thêm dịch vụ' }).click();
    }
    await dialog.getByRole('button', { name: 'Lưu' }).click();
    await eventually(async () => (await fieldError(dialog.getByLabel('Số quầy'))) === 'Số quầy này đã có (quầy “Quầy 3”).');
    await dialog.getByLabel('Số quầy').fill('7');

    // "Cư trú" two places up, by keyboard: focus its Up button, Enter, Enter.
    await dialog.getByRole('button', { name: /Chuyển “Cư trú – Căn cước” lên/ }).focus();
    await admin.keyboard.press('Enter');
    await admin.keyboard.press('Enter');
    const listed = () => dialog.locator('[data-testid="counter-services"] li').evaluateAll((lis) => lis.map((li) => li.getAttribute('data-service')));
    await eventually(async () => (await listed())[0] === 'cu-tru');
    expect(await listed()).toEqual(['cu-tru', 'bao-hiem-y-te', 'ho-tich']);
    // At the top its Up button is disabled, so the focus went to its Down button.
    expect(await admin.evaluate(() => document.activeElement?.getAttribute('data-move'))).toBe('cu-tru:down');
    await lookAt(admin, `${shots}admin-counter-form.png`);
    await dialog.getByRole('button', { name: 'Lưu' }).click();
    await dialog.waitFor({ state: 'detached' });
    expect(engine().getCounter('quay-7' as never)).toMatchObject({ number: 7, name: 'Quầy 7', serviceIds: ['cu-tru', 'bao-hiem-y-te', 'ho-tich'] });
    await admin.locator('[data-testid="counters-admin"] tr[data-counter="quay-7"]').getByText('Bảo hiểm xã hội – Y tế').waitFor();
    await lookAt(admin, `${shots}admin-counters.png`);
  });
});

describe('administration: officers and roles', () => {
  it('adds a user, resets the password and disables the account, with field errors in words', async () => {
    await go(admin, '#/admin/users');
    await admin.locator('[data-testid="users-admin"] tr[data-user="canbo1"]').waitFor();
    await admin.getByTestId('add-user').click();
    const dialog = admin.getByRole('dialog');
    await dialog.getByLabel('Tên đăng nhập').fill('Cán bộ 7');
    await dialog.getByLabel('Họ và tên').fill('Ngô Văn Bảy');
    await dialog.getByLabel('Mật khẩu (ít nhất 8 ký tự)').fill('ngan');
    await dialog.getByRole('button', { name: 'Lưu' }).click();
    await eventually(async () => (await fieldError(dialog.getByLabel('Mật khẩu (ít nhất 8 ký tự)'))) === 'Cần ít nhất 8 ký tự.');
    expect(await fieldError(dialog.getByLabel('Tên đăng nhập'))).toContain('chữ thường không dấu');
    await dialog.getByLabel('Tên đăng nhập').fill('canbo7');
    await dialog.getByLabel('Mật khẩu (ít nhất 8 ký tự)').fill('matkhau-7');
    await dialog.getByLabel('Nhập lại mật khẩu').fill('matkhau-8');
    await dialog.getByRole('button', { name: 'Lưu' }).click();
    await eventually(async () => (await fieldError(dialog.getByLabel('Nhập lại mật khẩu'))) === 'Hai mật khẩu không giống nhau.');
    await dialog.getByLabel('Nhập lại mật khẩu').fill('matkhau-7');
    await dialog.getByRole('button', { name: 'Lưu' }).click();
    await dialog.waitFor({ state: 'detached' });
    const row = admin.locator('tr[data-user="canbo7"]');
    await row.getByText('Ngô Văn Bảy').waitFor();
    expect(await row.textContent()).toContain('Cán bộ một cửa');
    await login(srv.url, 'canbo7', 'matkhau-7');

    // The same username again: the server's CONFLICT, in words.
    await admin.getByTestId('add-user').click();
    await dialog.getByLabel('Tên đăng nhập').fill('canbo7');
    await dialog.getByLabel('Họ và tên').fill('Người khác');
    await dialog.getByLabel('Mật khẩu (ít nhất 8 ký tự)').fill('matkhau-9');
    await dialog.getByLabel('Nhập lại mật khẩu').fill('matkhau-9');
    await dialog.getByRole('button', { name: 'Lưu' }).click();
    await dialog.locator('[data-code="CONFLICT"]').getByText('Tên đăng nhập này đã có.').waitFor();
    await dialog.getByRole('button', { name: /Huỷ/ }).click();

    // Reset the password: the old one stops working.
    await row.getByRole('button', { name: 'Đặt lại mật khẩu' }).click();
    await dialog.getByLabel('Mật khẩu mới (ít nhất 8 ký tự)').fill('moi-mat-khau');
    await dialog.getByLabel('Nhập lại mật khẩu').fill('moi-mat-khau');
    await dialog.getByRole('button', { name: 'Đặt lại mật khẩu' }).click();
    await dialog.waitFor({ state: 'detached' });
    await expect(login(srv.url, 'canbo7', 'matkhau-7')).rejects.toThrow(/INVALID_CREDENTIALS/);
    await login(srv.url, 'canbo7', 'moi-mat-khau');

    // Disable, after a confirmation.
    await row.getByRole('button', { name: 'Vô hiệu hoá' }).click();
    await dialog.getByRole('heading', { name: 'Vô hiệu hoá tài khoản canbo7?' }).waitFor();
    await dialog.getByRole('button', { name: 'Vô hiệu hoá' }).click();
    await dialog.waitFor({ state: 'detached' });
    await row.getByText('Đã vô hiệu hoá').waitFor();
    await expect(login(srv.url, 'canbo7', 'moi-mat-khau')).rejects.toThrow();
    await lookAt(admin, `${shots}admin-users.png`);
  });
});

describe('administration: paired devices', () => {
  it('issues a pairing code shown big with its expiry; the device pairs, connects, gets a printer, and is revoked', async () => {
    await go(admin, '#/admin/devices');
    await admin.getByLabel('Tên thiết bị').fill('Ki-ốt sảnh chính');
    await admin.getByTestId('make-code').click();
    const codeBox = admin.getByTestId('pairing-code');
    await codeBox.waitFor();
    const code = ((await codeBox.textContent()) ?? '').replace(/\s/g, '');
    expect(code).toMatch(/^\d{6}$/);
    // 10 minutes from the server's clock, in the centre's time zone: 09:00 → 09:10.
    expect(await textOf(admin, '[data-testid="pairing-expiry"]')).toMatch(/^Hết hạn lúc 09:10 · còn \d\d:\d\d$/);
    const size = await codeBox.evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
    expect(size).toBeGreaterThanOrEqual(72);
    await lookAt(admin, `${shots}admin-devices-pairing-code.png`);

    // The new kiosk trades the code for its token and connects with it.
    const res = await fetch(`${srv.url}/api/devices/pair`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ code, kind: 'kiosk' }),
    });
    const paired = (await res.json()) as Ack<PairResult>;
    if (!paired.ok) throw new Error(paired.error.message);
    const device = await kiosk(srv.url, { deviceToken: paired.data.deviceToken });
    sockets.push(device);
    const row = admin.locator(`[data-testid="devices-table"] tr[data-device="${paired.data.deviceId}"]`);
    await row.getByText(/Đang kết nối từ 09:00/).waitFor();
    expect(await row.textContent()).toContain('Ki-ốt sảnh chính');
    // The code card says the code is spent.
    await admin.getByTestId('pairing-expiry').getByText('✓ Đã ghép nối “Ki-ốt sảnh chính” lúc 09:00. Mã không dùng lại được.').waitFor();

    // Its network printer: checked in the form, then stored in the device's configuration.
    await row.getByRole('button', { name: 'Máy in…' }).click();
    const dialog = admin.getByRole('dialog');
    await dialog.getByLabel('Máy in mạng (TCP)').check();
    await dialog.getByLabel('Cổng').fill('99999');
    await dialog.getByRole('button', { name: 'Lưu' }).click();
    await eventually(async () => (await fieldError(dialog.getByLabel('Địa chỉ máy in (IP hoặc tên)'))) === 'Không được để trống.');
    expect(await fieldError(dialog.getByLabel('Cổng'))).toBe('Lớn nhất là 65535.');
    await dialog.getByLabel('Địa chỉ máy in (IP hoặc tên)').fill('192.168.1.50');
    await dialog.getByLabel('Cổng').fill('9100');
    await dialog.getByLabel('58 mm').check();
    await dialog.getByRole('button', { name: 'Lưu' }).click();
    await dialog.waitFor({ state: 'detached' });
    expect(srv.server.accounts.deviceConfig(paired.data.deviceId)).toEqual({ printer: { kind: 'tcp', host: '192.168.1.50', port: 9100, paperWidth: 58 } });
    await row.getByText('192.168.1.50:9100 · 58 mm').waitFor();
    await lookAt(admin, `${shots}admin-devices.png`);

    // Its reception area (the upstairs services): ticked in a dialog, kept beside the printer, and
    // the kiosk page opened with its token offers only those; the server refuses the others too.
    await row.getByRole('button', { name: 'Khu vực…' }).click();
    await dialog.getByRole('heading', { name: 'Khu vực tiếp nhận của ki-ốt “Ki-ốt sảnh chính”' }).waitFor();
    await dialog.getByText('Mọi lĩnh vực', { exact: true }).waitFor();
    await dialog.getByLabel('Đất đai – Xây dựng – Môi trường').check();
    await dialog.getByLabel('Lao động – Chính sách xã hội').check();
    await dialog.getByText('2 lĩnh vực', { exact: true }).waitFor();
    const findings = await axeSerious(admin);
    expect(findings, describeFindings('the area dialog', findings)).toEqual([]);
    await dialog.getByRole('button', { name: 'Lưu' }).click();
    await dialog.waitFor({ state: 'detached' });
    expect(srv.server.accounts.deviceConfig(paired.data.deviceId)).toEqual({
      printer: { kind: 'tcp', host: '192.168.1.50', port: 9100, paperWidth: 58 },
      serviceIds: ['dat-dai', 'lao-dong'],
    });
    const upstairs = await pages.open({ width: 1080, height: 1920 });
    await upstairs.goto(`${srv.url}/kiosk/`);
    await upstairs.evaluate(([key, token]) => localStorage.setItem(key!, token!), [DEVICE_TOKEN_KEY, paired.data.deviceToken]);
    await upstairs.reload();
    await upstairs.locator('[data-service-id="dat-dai"]').waitFor();
    expect(await upstairs.locator('[data-service-id]').evaluateAll((els) => els.map((e) => e.getAttribute('data-service-id')))).toEqual(['dat-dai', 'lao-dong']);
    expect(await send(device, 'ticket:issue', { requestId: rid(), serviceId: 'ho-tich', priority: null })).toMatchObject({ ok: false, error: { code: 'SERVICE_NOT_IN_AREA' } });

    // Revoke, after a confirmation: the kiosk is dropped at once.
    await row.getByRole('button', { name: 'Thu hồi' }).click();
    await dialog.getByRole('heading', { name: 'Thu hồi thiết bị “Ki-ốt sảnh chính”?' }).waitFor();
    await dialog.getByRole('button', { name: 'Thu hồi' }).click();
    await dialog.waitFor({ state: 'detached' });
    await until(() => !device.connected, WAIT, 'the revoked kiosk disconnected');
    await row.getByText(/Đã thu hồi lúc 09:00/).waitFor();
  });
});

describe('administration: centre settings', () => {
  it('validates and saves the settings; a change made elsewhere shows without a reload', async () => {
    await go(admin, '#/admin/settings');
    await admin.getByLabel('Xen kẽ: tối đa K số ưu tiên liên tiếp').check();
    await admin.getByLabel('K (số ưu tiên liên tiếp tối đa)').fill('0');
    await admin.getByLabel('Dòng thông báo trên màn hình').fill('Hôm nay trung tâm làm việc đến 17 giờ.');
    await admin.getByTestId('save-settings').click();
    await eventually(async () => (await fieldError(admin.getByLabel('K (số ưu tiên liên tiếp tối đa)'))) === 'Nhỏ nhất là 1.');
    await admin.getByLabel('K (số ưu tiên liên tiếp tối đa)').fill('3');
    await admin.getByLabel('Múi giờ').fill('Asia/Sai_Gon');
    await admin.getByTestId('save-settings').click();
    await eventually(async () => (await fieldError(admin.getByLabel('Múi giờ'))).startsWith('Không có múi giờ này'));
    await admin.getByLabel('Múi giờ').fill('Asia/Ho_Chi_Minh');
    await admin.getByTestId('save-settings').click();
    await admin.getByTestId('settings-saved').waitFor();
    expect(engine().getSettings()).toMatchObject({
      displayNotice: 'Hôm nay trung tâm làm việc đến 17 giờ.',
      queue: { priority: 'alternate', alternateMaxInRow: 3 },
    });
    await lookAt(admin, `${shots}admin-settings.png`);

    // Another admin renames the centre: the open page and its top bar follow the live delta.
    const token = await login(srv.url, 'admin');
    const renamed = await api('PUT', '/api/admin/settings', token, { ...engine().getSettings(), centreNameVi: 'Trung tâm Phục vụ hành chính công xã Tân Phú (mới)' });
    expect(renamed.ok).toBe(true);
    await admin.locator('.centre-name').getByText('Trung tâm Phục vụ hành chính công xã Tân Phú (mới)').waitFor();
    expect(await admin.getByLabel('Tên trung tâm (tiếng Việt)').inputValue()).toBe('Trung tâm Phục vụ hành chính công xã Tân Phú (mới)');
  });
});

describe('administration: citizens’ ratings', () => {
  it('pairs a rating tablet and gives it its counter in the device form; an unknown counter is refused', async () => {
    await go(admin, '#/admin/devices');
    await admin.getByLabel('Máy tính bảng đánh giá').check();
    await admin.getByLabel('Tên thiết bị').fill('Máy đánh giá quầy 2');
    await admin.getByTestId('make-code').click();
    const code = ((await admin.getByTestId('pairing-code').textContent()) ?? '').replace(/\s/g, '');
    const res = await fetch(`${srv.url}/api/devices/pair`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code, kind: 'rating' }) });
    const paired = (await res.json()) as Ack<PairResult>;
    if (!paired.ok) throw new Error(paired.error.message);
    const row = admin.locator(`[data-testid="devices-table"] tr[data-device="${paired.data.deviceId}"]`);
    await row.getByText('— chưa chọn —').waitFor();
    await row.getByRole('button', { name: 'Chọn quầy' }).click();
    const dialog = admin.getByRole('dialog');
    await dialog.getByLabel('Quầy của máy đánh giá').selectOption('quay-2');
    await dialog.getByRole('button', { name: 'Lưu' }).click();
    await dialog.waitFor({ state: 'detached' });
    expect(srv.server.accounts.deviceConfig(paired.data.deviceId)).toMatchObject({ counterId: 'quay-2' });
    await row.getByText('Quầy 2', { exact: true }).waitFor();

    const token = await login(srv.url, 'admin');
    const refused = await api('PATCH', `/api/admin/devices/${paired.data.deviceId}`, token, { config: { counterId: 'quay-99' } });
    expect(refused).toMatchObject({ ok: false, error: { code: 'COUNTER_NOT_FOUND' } });
    expect(srv.server.accounts.deviceConfig(paired.data.deviceId)).toMatchObject({ counterId: 'quay-2' });
  });

  it('sets five stars and edits the reasons (remove, reorder, add); a reason listed twice is refused in words and by the server; the change log keeps before and after', async () => {
    await go(admin, '#/admin/settings');
    const group = admin.getByTestId('rating-settings');
    await group.getByLabel('5 sao (1–2 sao hỏi lý do)').check();
    await group.getByRole('button', { name: 'Xoá lý do 5' }).click();
    await group.getByRole('button', { name: 'Đưa lý do 2 lên' }).click();
    expect(await group.getByLabel('Lý do 1', { exact: true }).inputValue()).toBe('Hướng dẫn chưa rõ');
    await group.getByRole('button', { name: 'Thêm lý do' }).click();
    await group.getByLabel('Lý do 5', { exact: true }).fill('chờ lâu');
    await admin.getByTestId('save-settings').click();
    await group.getByText('Mỗi lý do chỉ ghi một lần.').waitFor();
    expect(engine().getSettings().rating.scale).toBe('three');

    const token = await login(srv.url, 'admin');
    const dup = await api('PUT', '/api/admin/settings', token, { ...engine().getSettings(), rating: { scale: 'three', reasons: ['Chờ lâu', 'Chờ lâu'] } });
    expect(dup).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    const tooMany = await api('PUT', '/api/admin/settings', token, { ...engine().getSettings(), rating: { scale: 'three', reasons: ['a', 'b', 'c', 'd', 'e', 'f', 'g'] } });
    expect(tooMany).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });

    await group.getByLabel('Lý do 5', { exact: true }).fill('Phí, lệ phí chưa rõ');
    await admin.getByTestId('save-settings').click();
    await admin.getByTestId('settings-saved').waitFor();
    const reasons = ['Hướng dẫn chưa rõ', 'Chờ lâu', 'Thái độ chưa tốt', 'Hồ sơ bị trả lại', 'Phí, lệ phí chưa rõ'];
    expect(engine().getSettings().rating).toEqual({ scale: 'five', reasons });
    const last = srv.server.db.prepare("SELECT data_json FROM events WHERE type = 'settings.updated' ORDER BY seq DESC LIMIT 1").get() as { data_json: string };
    const data = JSON.parse(last.data_json) as { rating: unknown; before: { rating: unknown } };
    expect(data.rating).toEqual({ scale: 'five', reasons });
    expect(data.before.rating).toEqual({ scale: 'three', reasons: ['Chờ lâu', 'Hướng dẫn chưa rõ', 'Thái độ chưa tốt', 'Hồ sơ bị trả lại', 'Khác'] });
    await lookAt(admin, `${shots}admin-settings-ratings.png`);
  });
});

describe('administration: audit log and rights', () => {
  it('lists every change with who and when', async () => {
    await go(admin, '#/admin/audit');
    const table = admin.getByTestId('audit-table');
    await table.waitFor();
    for (const what of ['Lưu dịch vụ', 'Lưu quầy', 'Thêm người dùng', 'Đặt lại mật khẩu', 'Vô hiệu hoá tài khoản', 'Tạo mã ghép nối', 'Ghép nối thiết bị', 'Sửa thiết bị', 'Thu hồi thiết bị', 'Sửa cài đặt trung tâm']) {
      await table.locator('td.strong', { hasText: what }).first().waitFor();
    }
    const first = table.locator('tbody tr').first();
    expect(await first.textContent()).toContain('Quản trị hệ thống');
    expect(await first.textContent()).toMatch(/10\/03\/2026 09:00:00/);
    await table.locator('tr[data-type="user.created"]').getByText('canbo7 (Ngô Văn Bảy, cán bộ)').waitFor();
    await lookAt(admin, `${shots}admin-audit.png`);
  });

  it('lets a manager read administration but change nothing; the server refuses a manager’s write', async () => {
    const page = await pages.open();
    await signIn(page, srv.url, 'quanly');
    await go(page, '#/admin/services');
    await page.locator('[data-testid="services-admin"] tr[data-service="ho-tich"]').waitFor();
    await page.getByText('Chỉ xem', { exact: true }).waitFor();
    expect(await page.getByTestId('add-service').count()).toBe(0);
    expect(await page.locator('[data-move]').count()).toBe(0);
    await go(page, '#/admin/settings');
    expect(await page.getByLabel('Tên trung tâm (tiếng Việt)').isDisabled()).toBe(true);
    await go(page, '#/admin/users');
    await page.locator('tr[data-user="canbo1"]').waitFor();
    expect(await page.getByTestId('add-user').count()).toBe(0);
    const token = await login(srv.url, 'quanly');
    const refused = await api('POST', '/api/admin/services', token, { nameVi: 'x', nameEn: 'x', numbering: { kind: 'range', from: 9001, to: 9999 } });
    expect(refused.ok ? null : refused.error.code).toBe('FORBIDDEN');
    await lookAt(page, `${shots}admin-manager-readonly.png`);
    // An officer is not shown administration at all.
    const officer = await pages.open();
    await signIn(officer, srv.url, 'canbo2');
    await go(officer, '#/admin');
    await officer.getByText('Trang này dành cho quản lý.').waitFor();
  });
});

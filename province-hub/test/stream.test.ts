/**
 * A centre streams its log to the hub: enrolment with a one-time code, in-order batches, a resend
 * that changes nothing, duplicate and out-of-order batches, what crosses and what does not.
 * Real PostgreSQL, a real hub node on a free port, a real centre server.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectForProvince, type ProvinceEvent } from '@layso/shared';
import { startHub, type RunningHub } from '../src/app.js';
import { startPostgres, type TestPostgres } from '../src/local-postgres.js';
import { Reports } from '../../queue-server/src/reports/reports.js';
import { must, phone, startTestServer, until, type TestServer } from '../../queue-server/test/support/harness.js';
import { ADMIN, api, centreLog, centreWork, enrolCentre, hubLog, hubLogin, must2, registerCentre } from './support/hub.js';

let pgs: TestPostgres;
let dbUrl: string;
let hub: RunningHub;
let token: string;
const centres: TestServer[] = [];

const FAST = { kickDelayMs: 10, pollMs: 200, figuresEveryMs: 0, minBackoffMs: 50, maxBackoffMs: 400, batchSize: 50 };

beforeAll(async () => {
  pgs = await startPostgres();
  dbUrl = await pgs.createDatabase('hub_stream');
  hub = await startHub({ databaseUrl: dbUrl, port: 0, host: '127.0.0.1', bootstrapAdmin: ADMIN });
  token = await hubLogin(hub.url);
});
afterAll(async () => {
  for (const c of centres) await c.close();
  await hub?.close();
  await pgs?.destroy();
});

async function centre(): Promise<TestServer> {
  const ts = await startTestServer({ uplink: FAST });
  centres.push(ts);
  return ts;
}

describe('a centre streaming to the hub', () => {
  it('enrols with a one-time code and streams its log, row for row, in bounded batches', async () => {
    const ts = await centre();
    await centreWork(ts, 12, 5);
    const code = await registerCentre(hub.url, token, 'xa-mot');
    await enrolCentre(ts, hub.url, code);
    // The code was for one use only.
    const again = await api(hub.url, 'POST', '/api/enrol', { code });
    expect(again.body).toMatchObject({ ok: false, error: { code: 'PAIRING_CODE_INVALID' } });

    await ts.server.uplink.syncNow();
    const want = centreLog(ts.server.db);
    expect(want.length).toBeGreaterThan(25);
    expect(await hubLog(dbUrl, 'xa-mot')).toEqual(want);

    // More work streams on its own, without syncNow.
    await centreWork(ts, 3, 2);
    const last = ts.server.db.prepare<[], { s: number }>('SELECT MAX(seq) AS s FROM events').get()!.s;
    let head = 0;
    await until(() => {
      void hubLog(dbUrl, 'xa-mot').then((l) => (head = l.at(-1)?.seq ?? 0));
      return head === last;
    }, 10_000, 'the hub to catch up');
    expect(await hubLog(dbUrl, 'xa-mot')).toEqual(centreLog(ts.server.db));
    expect(ts.server.uplink.status()).toMatchObject({ enrolled: true, ackedSeq: last, provinceCentreId: 'xa-mot' });
  });

  it('lets nothing personal cross: no actors, no notes, no accounts or settings', async () => {
    const ts = await centre();
    await centreWork(ts, 2, 1);
    ts.setSettings({}); // an administrative change: settings.updated does not cross
    const code = await registerCentre(hub.url, token, 'xa-hai');
    await enrolCentre(ts, hub.url, code);
    await ts.server.uplink.syncNow();
    const log = await hubLog(dbUrl, 'xa-hai');
    const types = new Set(log.map((e) => e.type));
    for (const t of types) expect(t).toMatch(/^(ticket|counter|service|day|numbering)\.|^redacted$/);
    expect(types.has('redacted')).toBe(true);
    const text = JSON.stringify(log);
    expect(text).not.toMatch(/canbo1|user:|device:|password|actor/);
    // The projection keeps only listed fields even when the centre's data grows new ones.
    const noted = projectForProvince({ seq: 1, at: Date.now(), businessDate: '2026-03-10', type: 'ticket.noted', ticketId: 't', serviceId: 's', counterId: null, data: { note: 'Nguyễn Văn A, 0912 345 678' } });
    expect(noted.data).toBeNull();
    const issued = projectForProvince({ seq: 2, at: Date.now(), businessDate: '2026-03-10', type: 'ticket.issued', ticketId: 't', serviceId: 's', counterId: null, data: { number: '1001', priority: null, phone: '0912345678' } });
    expect(issued.data).toEqual({ number: '1001', priority: null });
  });

  it('takes a resend, a duplicate and out-of-order batches without changing a row', async () => {
    const ts = await centre();
    await centreWork(ts, 10, 4);
    const log = centreLog(ts.server.db);
    // A second hub centre, fed by hand from the same log, so the batches can be mixed up.
    const code = await registerCentre(hub.url, token, 'xa-ba');
    const { credential } = await must2(api<{ credential: string }>(hub.url, 'POST', '/api/enrol', { code }));
    const push = (events: ProvinceEvent[]) => must2(api<{ head: number; pendingAbove: number }>(hub.url, 'POST', '/api/ingest', { events }, credential));
    const n = log.length;
    expect(n).toBeGreaterThan(20);
    const a = log.slice(0, 10);
    const b = log.slice(10, 20);
    const c = log.slice(20);
    expect(await push(a)).toEqual({ head: 10, pendingAbove: 0 });
    expect(await push(a)).toEqual({ head: 10, pendingAbove: 0 }); // resend
    expect(await push(c)).toEqual({ head: 10, pendingAbove: n - 20 }); // out of order: a gap below
    expect(await push([...c.slice(0, 3), ...c.slice(0, 3)])).toEqual({ head: 10, pendingAbove: n - 20 }); // duplicate
    expect(await push(b.reverse())).toEqual({ head: n, pendingAbove: 0 }); // the gap filled, backwards
    expect(await push(log.slice(5, 15))).toEqual({ head: n, pendingAbove: 0 });
    expect(await hubLog(dbUrl, 'xa-ba')).toEqual(log);
    // The live state folded every event once: the same as the centre that streamed in order.
    const board = await must2(api<{ centres: { id: string; waiting: number; servedToday: number; openCounters: number }[] }>(hub.url, 'GET', '/api/centres', undefined, token));
    const byId = new Map(board.centres.map((x) => [x.id, x]));
    const live = ts.server.engine.allStats();
    const waiting = live.reduce((s, x) => s + x.waiting, 0);
    expect(byId.get('xa-ba')).toMatchObject({ waiting, servedToday: 4, openCounters: 1 });
  });

  it("carries citizens' ratings as the share satisfied: board today and the report by centre and month, no reasons", async () => {
    const ts = await centre();
    await centreWork(ts, 4, 3);
    const code = await registerCentre(hub.url, token, 'xa-sao');
    await enrolCentre(ts, hub.url, code);
    const served = ts.server.db.prepare<[], { id: string }>("SELECT id FROM tickets WHERE state = 'done' ORDER BY issued_at").all();
    expect(served).toHaveLength(3);
    const p = await phone(ts.url);
    try {
      await must(p, 'ticket:rate', { ticketId: served[0]!.id, level: 3 });
      await must(p, 'ticket:rate', { ticketId: served[1]!.id, level: 1, reasons: ['Chờ lâu'], comment: 'Nguyễn Văn A, 0912 345 678' });
      await must(p, 'ticket:rate', { ticketId: served[2]!.id, level: 2 });
    } finally {
      p.disconnect();
    }
    await ts.server.uplink.syncNow();

    // The event crosses with its score, not the reasons, nor whether a comment was written.
    const rated = (await hubLog(dbUrl, 'xa-sao')).filter((e) => e.type === 'ticket.rated');
    expect(rated.map((e) => e.data)).toEqual([
      { scale: 'three', level: 3, satisfied: true },
      { scale: 'three', level: 1, satisfied: false },
      { scale: 'three', level: 2, satisfied: true },
    ]);
    expect(JSON.stringify(rated)).not.toMatch(/Chờ lâu|Nguyễn|0912|comment|reasons/);

    // The board: today's share, equal to the centre's own board.
    const engine = ts.server.engine;
    const own = new Reports({ db: ts.server.db, now: () => ts.clock.now(), today: () => engine.businessDate, timeZone: () => engine.getSettings().timeZone }).boardRatings();
    expect(own).toMatchObject({ count: 3, satisfied: 2 });
    const board = await must2(api<{ centres: { id: string; ratedToday: number; satisfiedToday: number }[] }>(hub.url, 'GET', '/api/centres', undefined, token));
    expect(board.centres.find((c) => c.id === 'xa-sao')).toMatchObject({ ratedToday: own.count, satisfiedToday: own.satisfied });

    // The reports by centre and by month, and the CSV.
    const day = ts.server.engine.businessDate;
    const q = `from=${day}&to=${day}&centreId=xa-sao`;
    const byCentre = await must2(api<{ key: string; rated: number; satisfied: number; shareSatisfied: number | null }[]>(hub.url, 'GET', `/api/reports?${q}&by=centre`, undefined, token));
    expect(byCentre).toEqual([expect.objectContaining({ key: 'xa-sao', rated: 3, satisfied: 2, shareSatisfied: 0.667 })]);
    const byMonth = await must2(api<{ key: string; rated: number; shareSatisfied: number | null }[]>(hub.url, 'GET', `/api/reports?${q}&by=month`, undefined, token));
    expect(byMonth).toEqual([expect.objectContaining({ key: day.slice(0, 7), rated: 3, shareSatisfied: 0.667 })]);
    const csv = await (await fetch(`${hub.url}/api/reports.csv?${q}&by=centre&lang=en`, { headers: { authorization: `Bearer ${token}` } })).text();
    expect(csv).toContain('Ratings,Satisfied,Share satisfied');
    expect(csv).toMatch(/\r\nxa-sao,.*,3,2,0\.667,/);
  });

  it("ranks centres against the province's own targets, which only a province admin sets", async () => {
    const day = '2025-06-10';
    const figures = (waitHist: Record<string, number>, rated: number, satisfied: number) => ({
      businessDate: day, dim: 'all', key: '',
      figures: {
        issued: 10, transferredIn: 0, called: 10, served: 10, noShows: 0, transferredOut: 0, cancelled: 0, expired: 0, withinThreshold: 0,
        waitN: 10, waitSumMs: 0, serviceN: 0, serviceSumMs: 0, waitHist, serviceHist: {}, rated, satisfied,
      },
    });
    const feed = async (id: string, f: ReturnType<typeof figures>): Promise<void> => {
      const code = await registerCentre(hub.url, token, id);
      const { credential } = await must2(api<{ credential: string }>(hub.url, 'POST', '/api/enrol', { code }));
      await must2(api(hub.url, 'POST', '/api/ingest', { events: [], figures: [f] }, credential));
    };
    // A: 8 of 10 called within 15 min, 9 of 10 satisfied. B: 5 of 10 within 15 min (all within 31), 4 of 4 satisfied.
    await feed('hang-a', figures({ '2': 8, '20': 2 }, 10, 9));
    await feed('hang-b', figures({ '5': 5, '30': 5 }, 4, 4));

    expect(await must2(api(hub.url, 'GET', '/api/targets', undefined, token))).toEqual({ waitMinutes: 15, waitShare: null, satisfiedShare: null });
    const viewer = await hubLogin(hub.url, 'xem-tinh-2', 'mat-khau-tinh2').catch(async () => {
      await must2(api(hub.url, 'POST', '/api/users', { username: 'xem-tinh-2', password: 'mat-khau-tinh2', role: 'province_viewer' }, token));
      return hubLogin(hub.url, 'xem-tinh-2', 'mat-khau-tinh2');
    });
    expect((await api(hub.url, 'PUT', '/api/targets', { waitMinutes: 15, waitShare: 0.8, satisfiedShare: 0.9 }, viewer)).status).toBe(403);
    expect((await api(hub.url, 'PUT', '/api/targets', { waitMinutes: 0, waitShare: 1.5, satisfiedShare: null }, token)).body).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(await must2(api(hub.url, 'GET', '/api/targets', undefined, token))).toEqual({ waitMinutes: 15, waitShare: null, satisfiedShare: null });

    const ranked = async () =>
      (await must2(api<{ key: string; rank: number; waitUnderTarget: number; shareSatisfied: number; meetsWait: boolean | null; meetsSatisfied: boolean | null }[]>(hub.url, 'GET', `/api/reports?from=${day}&to=${day}&by=centre`, undefined, viewer)))
        .map((r) => ({ key: r.key, rank: r.rank, waitUnderTarget: r.waitUnderTarget, shareSatisfied: r.shareSatisfied, meetsWait: r.meetsWait, meetsSatisfied: r.meetsSatisfied }));
    await must2(api(hub.url, 'PUT', '/api/targets', { waitMinutes: 15, waitShare: 0.8, satisfiedShare: 0.9 }, token));
    expect(await ranked()).toEqual([
      { key: 'hang-a', rank: 1, waitUnderTarget: 0.8, shareSatisfied: 0.9, meetsWait: true, meetsSatisfied: true },
      { key: 'hang-b', rank: 2, waitUnderTarget: 0.5, shareSatisfied: 1, meetsWait: false, meetsSatisfied: true },
    ]);
    // A longer target minute: both meet both; the higher satisfaction ranks first.
    await must2(api(hub.url, 'PUT', '/api/targets', { waitMinutes: 31, waitShare: 0.8, satisfiedShare: 0.9 }, token));
    expect(await ranked()).toEqual([
      { key: 'hang-b', rank: 1, waitUnderTarget: 1, shareSatisfied: 1, meetsWait: true, meetsSatisfied: true },
      { key: 'hang-a', rank: 2, waitUnderTarget: 1, shareSatisfied: 0.9, meetsWait: true, meetsSatisfied: true },
    ]);
    const csv = await (await fetch(`${hub.url}/api/reports.csv?from=${day}&to=${day}&by=centre`, { headers: { authorization: `Bearer ${token}` } })).text();
    expect(csv.split('\r\n')[1]).toMatch(/^hang-b,.*,1,Đạt,Đạt,1$/);
  });

  it('refuses a wrong or revoked credential, plain HTTP to a non-loopback hub, and a bad batch', async () => {
    const bad = await api(hub.url, 'POST', '/api/ingest', { events: [] }, 'not-a-credential');
    expect(bad.status).toBe(401);
    const code = await registerCentre(hub.url, token, 'xa-bon');
    const { credential } = await must2(api<{ credential: string }>(hub.url, 'POST', '/api/enrol', { code }));
    const junk = await api(hub.url, 'POST', '/api/ingest', { events: [{ seq: -1 }] }, credential);
    expect(junk.body).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    await must2(api(hub.url, 'POST', '/api/centres/xa-bon/revoke', undefined, token));
    const revoked = await api(hub.url, 'POST', '/api/ingest', { events: [] }, credential);
    expect(revoked.status).toBe(401);

    const ts = await centre();
    const login = (await (await fetch(`${ts.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password: 'demo' }) })).json()) as { data: { token: string } };
    const r = await fetch(`${ts.url}/api/province/uplink/enrol`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${login.data.token}` },
      body: JSON.stringify({ hubUrl: 'http://hub.tinh.gov.vn', code: 'ABCD-EFGH-JKLM' }),
    });
    expect(((await r.json()) as { error: { code: string } }).error.code).toBe('HUB_INSECURE_URL');
    expect(ts.server.uplink.status().enrolled).toBe(false);
  });

  it('gives each role only what it may: a centre viewer sees its centre alone', async () => {
    await must2(api(hub.url, 'POST', '/api/users', { username: 'xem-xa-mot', password: 'mat-khau-xa', role: 'centre_viewer', centreId: 'xa-mot' }, token));
    await must2(api(hub.url, 'POST', '/api/users', { username: 'xem-tinh', password: 'mat-khau-tinh2', role: 'province_viewer' }, token));
    const viewer = await hubLogin(hub.url, 'xem-xa-mot', 'mat-khau-xa');
    const list = await must2(api<{ centres: { id: string }[] }>(hub.url, 'GET', '/api/centres', undefined, viewer));
    expect(list.centres.map((c) => c.id)).toEqual(['xa-mot']);
    expect((await api(hub.url, 'GET', '/api/centres/xa-hai', undefined, viewer)).status).toBe(403);
    expect((await api(hub.url, 'POST', '/api/centres', { id: 'xa-nam', nameVi: 'X', nameEn: 'X' }, viewer)).status).toBe(403);
    const province = await hubLogin(hub.url, 'xem-tinh', 'mat-khau-tinh2');
    expect((await api(hub.url, 'POST', '/api/centres', { id: 'xa-nam', nameVi: 'X', nameEn: 'X' }, province)).status).toBe(403);
    const all = await must2(api<{ centres: { id: string }[] }>(hub.url, 'GET', '/api/centres', undefined, province));
    expect(all.centres.length).toBeGreaterThanOrEqual(4);
    const report = await api(hub.url, 'GET', '/api/reports?from=2026-03-01&to=2026-03-31&centreId=xa-hai', undefined, viewer);
    expect(report.status).toBe(403);
  });
});

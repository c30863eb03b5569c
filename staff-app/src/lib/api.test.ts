import { describe, expect, it } from 'vitest';
import { apiCall, exportPath, fetchExport, filenameOf, type FetchFn } from './api.js';

function answer(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(typeof body === 'string' ? body : JSON.stringify(body), { status, headers });
}

describe('REST calls of administration and reports', () => {
  it('sends the bearer token and JSON, and unwraps the ack', async () => {
    const seen: { input: string; init: RequestInit | undefined }[] = [];
    const fetchFn: FetchFn = async (input, init) => {
      seen.push({ input, init });
      return answer(200, { ok: true, data: { id: 'x' } });
    };
    expect(await apiCall(fetchFn, 'tok', 'POST', '/api/admin/services', { a: 1 })).toEqual({ ok: true, data: { id: 'x' } });
    expect(seen[0]!.init).toMatchObject({ method: 'POST', body: '{"a":1}', headers: { authorization: 'Bearer tok', 'content-type': 'application/json' } });
    await apiCall(fetchFn, 'tok', 'GET', '/api/admin/users');
    expect(seen[1]!.init).toEqual({ method: 'GET', headers: { authorization: 'Bearer tok' } });
  });

  it('passes the server’s error code and message on; no server is NETWORK', async () => {
    const refused: FetchFn = async () => answer(409, { ok: false, error: { code: 'CONFLICT', message: 'still has 2 live tickets' } });
    expect(await apiCall(refused, 't', 'DELETE', '/api/admin/services/x')).toEqual({ ok: false, code: 'CONFLICT', message: 'still has 2 live tickets' });
    const down: FetchFn = async () => {
      throw new TypeError('Failed to fetch');
    };
    expect(await apiCall(down, 't', 'GET', '/x')).toMatchObject({ ok: false, code: 'NETWORK' });
  });

  it('downloads an export as a blob with the server’s file name', async () => {
    const fetchFn: FetchFn = async (input) => {
      expect(input).toBe('/api/reports/export.csv?from=2026-03-01&to=2026-03-31&lang=vi');
      return answer(200, 'a,b\r\n', { 'content-disposition': 'attachment; filename="layso-2026-03-01_2026-03-31.csv"' });
    };
    const r = await fetchExport(fetchFn, 't', 'csv', { from: '2026-03-01', to: '2026-03-31', lang: 'vi' });
    expect(r.ok && r.data.filename).toBe('layso-2026-03-01_2026-03-31.csv');
    expect(r.ok && (await r.data.blob.text())).toBe('a,b\r\n');
    const bad: FetchFn = async () => answer(400, { ok: false, error: { code: 'VALIDATION', message: 'from after to' } });
    expect(await fetchExport(bad, 't', 'xlsx', { from: '2026-03-31', to: '2026-03-01', lang: 'en' })).toEqual({ ok: false, code: 'VALIDATION', message: 'from after to' });
  });

  it('reads file names and builds export paths', () => {
    expect(filenameOf('attachment; filename="a b.xlsx"', 'x')).toBe('a b.xlsx');
    expect(filenameOf("attachment; filename*=UTF-8''b%C3%A1o-c%C3%A1o.csv", 'x')).toBe('báo-cáo.csv');
    expect(filenameOf(null, 'fallback.csv')).toBe('fallback.csv');
    expect(exportPath('xlsx', { from: '2026-03-01', to: '2026-03-02', lang: 'en' })).toBe('/api/reports/export.xlsx?from=2026-03-01&to=2026-03-02&lang=en');
    expect(exportPath('ratings-csv', { from: '2026-03-01', to: '2026-03-02', lang: 'vi' })).toBe('/api/reports/export.csv?from=2026-03-01&to=2026-03-02&lang=vi&table=ratings');
    expect(exportPath('appointments-csv', { from: '2026-03-01', to: '2026-03-02', lang: 'vi' })).toBe('/api/reports/export.csv?from=2026-03-01&to=2026-03-02&lang=vi&table=appointments');
  });
});

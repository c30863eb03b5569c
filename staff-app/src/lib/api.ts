/**
 * REST calls of administration and reports (`/api/admin/*`, `/api/board/devices`,
 * `/api/reports*`) with the session's bearer token. Every answer is the server's ack
 * `{ ok, data | error }`; a failure to reach the server is the client code NETWORK.
 */
import type { Ack } from '@layso/shared';
import type { AnyErrorCode } from '../i18n/errors.js';

export type ApiResult<T> = { ok: true; data: T } | { ok: false; code: AnyErrorCode; message: string };
export type ApiMethod = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
export type FetchFn = (input: string, init?: RequestInit) => Promise<Response>;

export async function apiCall<T>(
  fetchFn: FetchFn,
  token: string,
  method: ApiMethod,
  path: string,
  body?: unknown,
): Promise<ApiResult<T>> {
  const headers: Record<string, string> = { authorization: `Bearer ${token}` };
  if (body !== undefined) headers['content-type'] = 'application/json';
  try {
    const res = await fetchFn(path, { method, headers, ...(body !== undefined ? { body: JSON.stringify(body) } : {}) });
    const ack = (await res.json()) as Ack<T>;
    return ack.ok ? { ok: true, data: ack.data } : { ok: false, code: ack.error.code, message: ack.error.message };
  } catch (e) {
    return { ok: false, code: 'NETWORK', message: e instanceof Error ? e.message : String(e) };
  }
}

/** The tickets as CSV or XLSX (the XLSX has the ratings and appointments sheets too), or the ratings or appointments summed as CSV. */
export type ExportFormat = 'csv' | 'xlsx' | 'ratings-csv' | 'appointments-csv';

export function exportPath(format: ExportFormat, q: { from: string; to: string; lang: 'vi' | 'en' }): string {
  const p = new URLSearchParams({ from: q.from, to: q.to, lang: q.lang, ...(format === 'ratings-csv' ? { table: 'ratings' } : format === 'appointments-csv' ? { table: 'appointments' } : {}) });
  return `/api/reports/export.${format === 'xlsx' ? 'xlsx' : 'csv'}?${p.toString()}`;
}

/** The file name of `content-disposition: attachment; filename="x.csv"`, or the fallback. */
export function filenameOf(contentDisposition: string | null, fallback: string): string {
  const m = /filename\*?=(?:UTF-8'')?"?([^";]+)"?/i.exec(contentDisposition ?? '');
  const name = m?.[1]?.trim();
  return name ? decodeURIComponent(name) : fallback;
}

/**
 * Fetch an export with the bearer token (a plain link cannot carry it: the token lives in
 * sessionStorage) and return it as a blob with its file name. Errors come back as JSON acks.
 */
export async function fetchExport(
  fetchFn: FetchFn,
  token: string,
  format: ExportFormat,
  q: { from: string; to: string; lang: 'vi' | 'en' },
): Promise<ApiResult<{ blob: Blob; filename: string }>> {
  try {
    const res = await fetchFn(exportPath(format, q), { headers: { authorization: `Bearer ${token}` } });
    if (!res.ok) {
      const ack = (await res.json().catch(() => null)) as Ack<never> | null;
      return ack && !ack.ok
        ? { ok: false, code: ack.error.code, message: ack.error.message }
        : { ok: false, code: 'INTERNAL', message: `HTTP ${res.status}` };
    }
    const blob = await res.blob();
    return { ok: true, data: { blob, filename: filenameOf(res.headers.get('content-disposition'), `layso-${format === 'ratings-csv' ? 'ratings-' : format === 'appointments-csv' ? 'appointments-' : ''}${q.from}_${q.to}.${format === 'xlsx' ? 'xlsx' : 'csv'}`) } };
  } catch (e) {
    return { ok: false, code: 'NETWORK', message: e instanceof Error ? e.message : String(e) };
  }
}

/** Hand a blob to the browser as a download. */
export function saveBlob(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  a.style.display = 'none';
  document.body.appendChild(a);
  a.click();
  a.remove();
  // Give the browser time to start the download before the URL goes.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

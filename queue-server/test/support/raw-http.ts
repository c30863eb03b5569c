/** Plain HTTP requests with any headers (Host, Origin) and any loopback source address. */
import { request } from 'node:http';

export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

export function raw(
  url: string,
  opts: { method?: string; path?: string; headers?: Record<string, string>; body?: string | Buffer; localAddress?: string } = {},
): Promise<RawResponse> {
  const u = new URL(url);
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: u.hostname,
        port: u.port,
        method: opts.method ?? 'GET',
        path: opts.path ?? u.pathname + u.search,
        headers: opts.headers ?? {},
        ...(opts.localAddress ? { localAddress: opts.localAddress } : {}),
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
      },
    );
    req.on('error', reject);
    if (opts.body !== undefined) req.write(opts.body);
    req.end();
  });
}

/** POST JSON from a chosen loopback address; returns status and parsed body. */
export async function postJson<T = unknown>(url: string, path: string, body: unknown, opts: { localAddress?: string; token?: string } = {}): Promise<{ status: number; body: T }> {
  const r = await raw(url, {
    method: 'POST',
    path,
    headers: { 'content-type': 'application/json', ...(opts.token ? { authorization: `Bearer ${opts.token}` } : {}) },
    body: JSON.stringify(body),
    ...(opts.localAddress ? { localAddress: opts.localAddress } : {}),
  });
  return { status: r.status, body: JSON.parse(r.body) as T };
}

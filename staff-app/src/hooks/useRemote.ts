import { useCallback, useEffect, useRef, useState } from 'react';
import { useStaff } from './useStaff.js';
import { useWords } from './useLang.js';
import { type ErrorContext, errorIn } from '../i18n/admin-errors.js';
import type { ApiResult } from '../lib/api.js';

/** A failed call as the page shows it: words for the code, and the server's own message beneath. */
export interface Failure {
  code: string;
  text: string;
  detail?: string;
}

/** Turn a failed REST answer into words, in the context of what was being done. */
export function useFailure(): (context: ErrorContext, r: Extract<ApiResult<unknown>, { ok: false }>) => Failure {
  const { lang, t } = useWords();
  return useCallback(
    (context, r) => ({
      code: r.code,
      text: errorIn(context, r.code, lang),
      ...(r.message && r.code !== 'NETWORK' ? { detail: t('serverSays', { message: r.message }) } : {}),
    }),
    [lang, t],
  );
}

/**
 * Read a REST resource (`GET path`), again on `reload()` and every `pollMs` when given. The last
 * good data stays on screen while a reload runs or fails.
 */
export function useRemote<T>(path: string, opts: { pollMs?: number } = {}) {
  const { conn } = useStaff();
  const failure = useFailure();
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<Failure | null>(null);
  const [loading, setLoading] = useState(true);
  const latest = useRef(0);
  const failureRef = useRef(failure);
  failureRef.current = failure;

  const reload = useCallback(async (): Promise<void> => {
    const n = ++latest.current;
    setLoading(true);
    const r = await conn.api<T>('GET', path);
    if (n !== latest.current) return;
    setLoading(false);
    if (r.ok) {
      setData(r.data);
      setError(null);
    } else {
      setError(failureRef.current('load', r));
    }
  }, [conn, path]);

  useEffect(() => {
    void reload();
    if (!opts.pollMs) return;
    const id = setInterval(() => void reload(), opts.pollMs);
    return () => clearInterval(id);
  }, [reload, opts.pollMs]);

  return { data, error, loading, reload, setData };
}

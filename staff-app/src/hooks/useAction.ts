import { useCallback, useRef, useState } from 'react';
import type { ErrorContext } from '../i18n/admin-errors.js';
import type { ApiResult } from '../lib/api.js';
import { type Failure, useFailure } from './useRemote.js';

/**
 * One administrative action at a time: `run` ignores a second call while one is in flight (a
 * double click saves once), keeps the failure in words, and returns the answer.
 */
export function useAction() {
  const failure = useFailure();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<Failure | null>(null);
  const busy = useRef(false);

  const run = useCallback(
    async <T,>(context: ErrorContext, call: () => Promise<ApiResult<T>>): Promise<ApiResult<T> | null> => {
      if (busy.current) return null;
      busy.current = true;
      setPending(true);
      setError(null);
      try {
        const r = await call();
        if (!r.ok) setError(failure(context, r));
        return r;
      } finally {
        busy.current = false;
        setPending(false);
      }
    },
    [failure],
  );

  return { pending, error, setError, run };
}

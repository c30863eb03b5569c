import { useEffect, useState } from 'react';

/**
 * True for the first moments of a screen: its buttons do not take taps yet, so the finger that
 * opened it (or a storm of taps) does not act on the new screen.
 */
export function useSettling(ms: number): boolean {
  const [settling, setSettling] = useState(true);
  useEffect(() => {
    const t = setTimeout(() => setSettling(false), ms);
    return () => clearTimeout(t);
  }, [ms]);
  return settling;
}

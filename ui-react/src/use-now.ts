import { useEffect, useState } from 'react';

/**
 * The time now on this machine's clock plus `offsetMs` (a display runs on the server's time),
 * refreshed just after each whole `everyMs`, so seconds and minutes turn on time.
 */
export function useNow(everyMs = 1000, offsetMs = 0): number {
  const [now, setNow] = useState(() => Date.now() + offsetMs);
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const tick = (): void => {
      const t = Date.now() + offsetMs;
      setNow(t);
      timer = setTimeout(tick, everyMs - (t % everyMs) + 20);
    };
    tick();
    return () => clearTimeout(timer);
  }, [everyMs, offsetMs]);
  return now;
}

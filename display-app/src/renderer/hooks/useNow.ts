import { useEffect, useState } from 'react';

/** The server's time, ticking each second (this machine's clock plus the server's offset). */
export function useNow(offsetMs: number): number {
  const [now, setNow] = useState(() => Date.now() + offsetMs);
  useEffect(() => {
    let timer = 0;
    const tick = (): void => {
      const t = Date.now() + offsetMs;
      setNow(t);
      // Wake just after the next whole second, so the minutes turn on time.
      timer = window.setTimeout(tick, 1000 - (t % 1000) + 20);
    };
    tick();
    return () => window.clearTimeout(timer);
  }, [offsetMs]);
  return now;
}

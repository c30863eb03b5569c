import { useEffect, useState } from 'react';
import { type Route, hrefOf, parseRoute } from '../lib/routes.js';

/** The current hash route; re-renders on navigation. */
export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseRoute(window.location.hash));
  useEffect(() => {
    const on = (): void => setRoute(parseRoute(window.location.hash));
    window.addEventListener('hashchange', on);
    return () => window.removeEventListener('hashchange', on);
  }, []);
  return route;
}

export function navigate(r: Route, opts: { replace?: boolean } = {}): void {
  const href = hrefOf(r);
  if (opts.replace) window.location.replace(href);
  else window.location.hash = href;
}

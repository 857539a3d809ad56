import { useEffect, useState } from 'react';

/** Where the page is: `#/` (chat), `#/traces`, `#/traces/<id>`, `#/summary`. */
export type Route = { page: 'chat' } | { page: 'traces'; traceId?: string } | { page: 'summary' } | { page: 'review'; sessionId?: string } | { page: 'evaluate' };

/** Reads a location hash; anything unknown is the chat. */
export function parseHash(hash: string): Route {
  const path = hash.replace(/^#/, '');
  if (path === '/summary') return { page: 'summary' };
  if (path === '/evaluate') return { page: 'evaluate' };
  const trace = /^\/traces\/(tr-[0-9a-f]{32})$/.exec(path);
  if (trace) return { page: 'traces', traceId: trace[1] };
  if (path === '/traces') return { page: 'traces' };
  const review = /^\/review(?:\/(ls-[0-9a-f]{32}))?$/.exec(path);
  if (review) return review[1] === undefined ? { page: 'review' } : { page: 'review', sessionId: review[1] };
  return { page: 'chat' };
}

/** The current hash route, following back/forward and links: no router library for three pages. */
export function useHashRoute(): Route {
  const [route, setRoute] = useState(() => parseHash(window.location.hash));
  useEffect(() => {
    const update = () => setRoute(parseHash(window.location.hash));
    window.addEventListener('hashchange', update);
    return () => window.removeEventListener('hashchange', update);
  }, []);
  return route;
}

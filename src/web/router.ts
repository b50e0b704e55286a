/**
 * A small client-side router over the History API: every view has a URL that restores it.
 */
import { useEffect, useState } from 'preact/hooks';

/** The current location, split. */
export interface Place {
  readonly path: string;
  readonly query: URLSearchParams;
}

const EVENT = 'pacta:navigate';

function current(): Place {
  return { path: window.location.pathname, query: new URLSearchParams(window.location.search) };
}

/** Goes to `href` within the explorer; `replace` rewrites the current history entry (for live filters). */
export function navigate(href: string, options: { replace?: boolean } = {}): void {
  if (href === window.location.pathname + window.location.search) return;
  if (options.replace) window.history.replaceState(null, '', href);
  else window.history.pushState(null, '', href);
  window.dispatchEvent(new Event(EVENT));
  if (!options.replace) window.scrollTo(0, 0);
}

/** The current place; re-renders on navigation and on back/forward. */
export function usePlace(): Place {
  const [place, setPlace] = useState(current);
  useEffect(() => {
    const update = (): void => setPlace(current());
    window.addEventListener('popstate', update);
    window.addEventListener(EVENT, update);
    return () => {
      window.removeEventListener('popstate', update);
      window.removeEventListener(EVENT, update);
    };
  }, []);
  return place;
}

/** Builds `path?query` from parameters, leaving out empty ones. */
export function href(path: string, params: Record<string, string | undefined | null> = {}): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v) q.set(k, v);
  const s = q.toString();
  return s ? `${path}?${s}` : path;
}

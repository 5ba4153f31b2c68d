/**
 * A small history router: every console page has its own address under
 * `/_teiki/console/`, with its state in the query string, so a page can be bookmarked
 * and the back button works.
 */
import { useEffect, useState } from 'preact/hooks';

export const BASE = '/_teiki/console';

export interface Location {
  /** The page path below BASE: '/', '/tasks', ... */
  page: string;
  query: URLSearchParams;
}

function current(): Location {
  const path = window.location.pathname;
  const page = path.startsWith(BASE) ? path.slice(BASE.length) || '/' : '/';
  return {
    page: page.replace(/\/+$/, '') || '/',
    query: new URLSearchParams(window.location.search),
  };
}

const listeners = new Set<() => void>();
window.addEventListener('popstate', () => listeners.forEach((l) => l()));

/** The console address for a page and its query. */
export function href(page: string, query: Record<string, string | undefined> = {}): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== '') params.set(k, v);
  const qs = params.toString();
  return `${BASE}${page === '/' ? '/' : page}${qs ? `?${qs}` : ''}`;
}

export function navigate(to: string, options: { replace?: boolean } = {}): void {
  if (options.replace) window.history.replaceState(null, '', to);
  else window.history.pushState(null, '', to);
  listeners.forEach((l) => l());
}

/** Merges `changes` into the current page's query (undefined removes a key). */
export function setQuery(changes: Record<string, string | undefined>, replace = false): void {
  const { page, query } = current();
  const next: Record<string, string | undefined> = Object.fromEntries(query.entries());
  Object.assign(next, changes);
  navigate(href(page, next), { replace });
}

export function useLocation(): Location {
  const [location, setLocation] = useState(current);
  useEffect(() => {
    const update = () => setLocation(current());
    listeners.add(update);
    return () => void listeners.delete(update);
  }, []);
  return location;
}

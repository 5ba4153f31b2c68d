/**
 * Calls to `/_teiki/api/…`. Under `--auth enforce` the API answers 401 until the
 * console sends an access key id and secret (HTTP Basic); they are kept for the tab's
 * session only, and the login form asks for them again on the next 401.
 */
import { useCallback, useEffect, useState } from 'preact/hooks';
import type { ApiError } from '../shared/api-types.js';

const KEY = 'teiki.console.credentials';

export class ApiFailure extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

const unauthorizedListeners = new Set<() => void>();

export function onUnauthorized(listener: () => void): () => void {
  unauthorizedListeners.add(listener);
  return () => void unauthorizedListeners.delete(listener);
}

export function saveCredentials(accessKeyId: string, secretAccessKey: string): void {
  sessionStorage.setItem(KEY, btoa(`${accessKeyId}:${secretAccessKey}`));
}

export function authHeaders(): Record<string, string> {
  const saved = sessionStorage.getItem(KEY);
  return saved ? { authorization: `Basic ${saved}` } : {};
}

/** The account and region the console looks at (kept in the address, `?account=&region=`). */
function scopeQuery(): URLSearchParams {
  const here = new URLSearchParams(window.location.search);
  const scope = new URLSearchParams();
  for (const key of ['account', 'region']) {
    const value = here.get(key);
    if (value) scope.set(key, value);
  }
  return scope;
}

export function apiUrl(
  path: string,
  query: Record<string, string | number | undefined> = {},
): string {
  const params = scopeQuery();
  for (const [k, v] of Object.entries(query))
    if (v !== undefined && v !== '') params.set(k, String(v));
  const qs = params.toString();
  return `/_teiki/api/${path}${qs ? `?${qs}` : ''}`;
}

async function request<T>(method: string, url: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { ...authHeaders() };
  if (body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(url, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  const parsed: unknown = text ? JSON.parse(text) : {};
  if (!res.ok) {
    const error = parsed as Partial<ApiError>;
    if (res.status === 401) unauthorizedListeners.forEach((l) => l());
    throw new ApiFailure(res.status, error.error ?? 'Error', error.message ?? res.statusText);
  }
  return parsed as T;
}

export function getJson<T>(
  path: string,
  query?: Record<string, string | number | undefined>,
): Promise<T> {
  return request<T>('GET', apiUrl(path, query));
}

export function postJson<T>(
  path: string,
  body: unknown,
  query?: Record<string, string | number | undefined>,
): Promise<T> {
  return request<T>('POST', apiUrl(path, query), body);
}

/** POST to an admin route outside `/_teiki/api/` (`/_teiki/fire`, `/_teiki/clock`). */
export function postAdmin<T>(path: string, body: unknown): Promise<T> {
  return request<T>('POST', path, body);
}

export interface Loaded<T> {
  data: T | undefined;
  error: ApiFailure | undefined;
  loading: boolean;
  reload: () => void;
}

/**
 * Loads `path` whenever `key` changes (and on `reload`); `pollMs` refreshes it while
 * the page is open, so a running task's status moves without a click.
 */
export function useApi<T>(
  path: string,
  query: Record<string, string | number | undefined> = {},
  pollMs?: number,
): Loaded<T> {
  const url = apiUrl(path, query);
  const [state, setState] = useState<{ data?: T; error?: ApiFailure; loading: boolean }>({
    loading: true,
  });
  const [tick, setTick] = useState(0);
  const reload = useCallback(() => setTick((t) => t + 1), []);
  useEffect(() => {
    let cancelled = false;
    setState((s) => ({ ...s, loading: true }));
    request<T>('GET', url).then(
      (data) => !cancelled && setState({ data, loading: false }),
      (error: unknown) =>
        !cancelled &&
        setState((s) => ({
          data: s.data,
          loading: false,
          error: error instanceof ApiFailure ? error : new ApiFailure(0, 'Error', String(error)),
        })),
    );
    return () => void (cancelled = true);
  }, [url, tick]);
  useEffect(() => {
    if (!pollMs) return;
    const timer = setInterval(reload, pollMs);
    return () => clearInterval(timer);
  }, [pollMs, reload]);
  return { data: state.data, error: state.error, loading: state.loading, reload };
}

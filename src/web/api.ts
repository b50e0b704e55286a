/**
 * The explorer's only way to the data: GET requests to the API, with a small in-memory cache
 * and cancellation, and hooks that load an answer for a component.
 */
import { useEffect, useState } from 'preact/hooks';
import type { ApiErrorBody } from './types.js';

/** An error answer of the API (or a network failure, with code E_NETWORK). */
export class ApiError extends Error {
  readonly status: number;
  readonly body: ApiErrorBody['error'];
  constructor(status: number, body: ApiErrorBody['error']) {
    super(body.message);
    this.status = status;
    this.body = body;
  }
}

const CACHE_SIZE = 200;
const cache = new Map<string, unknown>();

/** Builds an API URL from a path and parameters (empty values left out). */
export function apiUrl(path: string, params: Record<string, string | number | boolean | undefined | null | readonly string[]> = {}): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v === undefined || v === null || v === '') continue;
    if (Array.isArray(v)) {
      if (v.length) q.set(k, v.join(','));
    } else q.set(k, String(v));
  }
  const s = q.toString();
  return `/api/${path}${s ? `?${s}` : ''}`;
}

/** Fetches JSON from the API (cached by URL); throws `ApiError`. */
export async function getJson<T>(url: string, signal?: AbortSignal): Promise<T> {
  if (cache.has(url)) {
    const hit = cache.get(url) as T;
    cache.delete(url);
    cache.set(url, hit);
    return hit;
  }
  let res: Response;
  try {
    res = await fetch(url, { signal: signal ?? null, headers: { accept: 'application/json' } });
  } catch (err) {
    if ((err as Error).name === 'AbortError') throw err;
    throw new ApiError(0, { code: 'E_NETWORK', message: 'the server cannot be reached' });
  }
  const body = (await res.json().catch(() => null)) as unknown;
  if (!res.ok) {
    const e = (body as ApiErrorBody | null)?.error ?? { code: `HTTP_${res.status}`, message: res.statusText || 'request failed' };
    throw new ApiError(res.status, e);
  }
  cache.set(url, body);
  if (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value!);
  return body as T;
}

/** State of a request made by `useApi`. */
export interface Loaded<T> {
  readonly data: T | undefined;
  readonly error: ApiError | undefined;
  readonly loading: boolean;
}

/** Loads `url` (nothing when null); a newer URL cancels the older request. */
export function useApi<T>(url: string | null): Loaded<T> {
  const [state, setState] = useState<Loaded<T>>({ data: undefined, error: undefined, loading: url !== null });
  useEffect(() => {
    if (url === null) {
      setState({ data: undefined, error: undefined, loading: false });
      return;
    }
    const ctl = new AbortController();
    setState((s) => ({ data: s.data, error: undefined, loading: true }));
    getJson<T>(url, ctl.signal).then(
      (data) => setState({ data, error: undefined, loading: false }),
      (err: unknown) => {
        if ((err as Error).name === 'AbortError') return;
        setState({ data: undefined, error: err instanceof ApiError ? err : new ApiError(0, { code: 'E_CLIENT', message: String(err) }), loading: false });
      },
    );
    return () => ctl.abort();
  }, [url]);
  return state;
}

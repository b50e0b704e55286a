/**
 * Caching of API answers. The engine is built once and never changes while the app runs, so an
 * answer is a pure function of the request URL: its ETag is derived from the data version and the
 * URL (a revalidation is answered 304 before any query runs), and the serialised body is kept in
 * a byte-bounded LRU cache.
 */
import { createHash } from 'node:crypto';
import type { Engine } from '../core/engine.js';
import type { IsoDay } from '../core/dates.js';
import type { ResolutionPolicy } from '../core/facts.js';
import type { Treaty } from '../core/model.js';
import type { PolityRegistry } from '../core/polities.js';
import type { StoreContents } from '../app/engine.js';
import { PACKAGE_VERSION } from '../app/files.js';

/** Cache-Control of API answers: they change only when the server restarts over other data. */
export const API_CACHE_CONTROL = 'public, max-age=60';

/**
 * Hash of Pacta's version, today, the policy (when given), the treaties and the registry: the
 * data versions below. The program's version is in it because a release may change the answers
 * to the same data (a new field, other wording): clients holding old ones must not get a 304.
 */
function fingerprint(today: IsoDay, treaties: Iterable<Treaty>, registry: PolityRegistry, policy?: ResolutionPolicy | null): string {
  const h = createHash('sha1');
  h.update(PACKAGE_VERSION).update('\u0000');
  h.update(today);
  if (policy !== undefined) h.update(JSON.stringify(policy));
  for (const t of treaties) h.update(JSON.stringify(t));
  h.update(JSON.stringify(registry.all()));
  return h.digest('base64url').slice(0, 16);
}

/** A fingerprint of everything an engine answers from (treaties, polities, today) and of Pacta's version. */
export function dataVersion(engine: Engine): string {
  return fingerprint(engine.today, [...engine.periods()].map((p) => p.treaty), engine.registry);
}

/**
 * A fingerprint of what every engine of an app answers from (`dataVersion` covers one engine):
 * all the records read from the store, ATOP releases and records that the `all` engine leaves
 * out included, the registry, today and the policy.
 */
export function contentsVersion(contents: StoreContents, today: IsoDay, policy?: ResolutionPolicy): string {
  return fingerprint(today, contents.treaties, contents.registry, policy ?? null);
}

/** The weak ETag of the answer to `url` under data version `version`. */
export function etagFor(version: string, url: string): string {
  return `W/"${version}-${createHash('sha1').update(url).digest('base64url').slice(0, 20)}"`;
}

/** True when an If-None-Match header matches the tag (weak comparison). */
export function etagMatches(header: string | string[] | undefined, tag: string): boolean {
  if (!header) return false;
  const value = Array.isArray(header) ? header.join(',') : header;
  if (value.trim() === '*') return true;
  const bare = tag.replace(/^W\//, '');
  return value.split(',').some((t) => t.trim().replace(/^W\//, '') === bare);
}

/**
 * Serialised answers by URL, least recently used evicted first once `maxBytes` is exceeded.
 * An answer is kept the second time its URL is asked for, not the first: a stream of one-off
 * queries (a crawler, a load test with always-new dates) then neither evicts the answers people
 * ask for again nor keeps hundreds of megabytes alive, whose copying made the garbage collector's
 * pauses the largest part of the API's tail latency.
 */
export class ResponseCache {
  readonly #entries = new Map<string, string>();
  /** URLs asked for once since the last reset; reset when it reaches `#maxSeen`. */
  #seen = new Set<string>();
  readonly #maxSeen: number;
  readonly #maxBytes: number;
  #bytes = 0;

  constructor(maxBytes: number, options: { maxSeen?: number } = {}) {
    this.#maxBytes = maxBytes;
    this.#maxSeen = options.maxSeen ?? 100_000;
  }

  /** The cached body for `key`, refreshing its recency. */
  get(key: string): string | undefined {
    const body = this.#entries.get(key);
    if (body !== undefined) {
      this.#entries.delete(key);
      this.#entries.set(key, body);
    }
    return body;
  }

  /**
   * Offers `body` for `key`: kept if `key` was offered before (and the body is at most a tenth of
   * the budget); otherwise only remembered as seen.
   */
  set(key: string, body: string): void {
    if (this.#maxBytes <= 0 || body.length > this.#maxBytes / 10) return;
    if (!this.#entries.has(key) && !this.#seen.has(key)) {
      if (this.#seen.size >= this.#maxSeen) this.#seen = new Set();
      this.#seen.add(key);
      return;
    }
    this.#seen.delete(key);
    const old = this.#entries.get(key);
    if (old !== undefined) this.#bytes -= old.length;
    this.#entries.delete(key);
    this.#entries.set(key, body);
    this.#bytes += body.length;
    while (this.#bytes > this.#maxBytes) {
      const [k, v] = this.#entries.entries().next().value!;
      this.#entries.delete(k);
      this.#bytes -= v.length;
    }
  }

  /** Number of cached answers. */
  get size(): number {
    return this.#entries.size;
  }
}

/**
 * One engine per source filter (`all`, `curated`, `atop`) and ATOP release (`atopVersion`). The
 * default `all` engine is handed in; the others are built the first time a request asks for
 * them, from the store contents the `all` engine was built from, as `openEngine(store, { source,
 * atopVersion })` and so the CLI's `--source` and `--atop-version` build them: `atop` is then the
 * ATOP records row for row, including those a curated treaty replaces in `all`. Without those
 * contents they are derived from the `all` engine's treaties, which lack those records.
 */
import { Engine } from '../core/engine.js';
import type { ResolutionPolicy } from '../core/facts.js';
import { originPasses, type SourceFilter } from '../app/engine.js';
import { LookupError } from '../core/errors.js';
import { HttpError } from './errors.js';

/** The source filters the API accepts. */
export const SOURCE_FILTERS = ['all', 'curated', 'atop'] as const satisfies readonly SourceFilter[];

/** Engines by source filter and ATOP release, built lazily and kept for the life of the app. */
export class EngineSet {
  /** The engine over everything. */
  readonly all: Engine;
  /** By source and ATOP version (`atop|4.01`; `all|` for the newest version). */
  readonly #engines = new Map<string, Promise<Engine>>();
  readonly #policy: ResolutionPolicy | undefined;
  readonly #open: ((source: SourceFilter, atopVersion: string | undefined) => Promise<Engine>) | undefined;
  /** The ATOP releases the store holds, oldest first, when known. */
  readonly #versions: readonly string[] | undefined;

  /**
   * `open` builds the engine of one source and ATOP version (from the store contents, whose ATOP
   * releases are `versions`); without it, filtered engines are derived from `all`, and no other
   * ATOP version can be asked for.
   */
  constructor(all: Engine, options: { policy?: ResolutionPolicy; open?: (source: SourceFilter, atopVersion: string | undefined) => Promise<Engine>; versions?: readonly string[] } = {}) {
    this.all = all;
    this.#policy = options.policy;
    this.#open = options.open;
    this.#versions = options.versions;
    this.#engines.set('all|', Promise.resolve(all));
  }

  /** The ATOP releases the store holds, oldest first (empty when not known). */
  get versions(): readonly string[] {
    return this.#versions ?? [];
  }

  /** The engine answering from `source` only, with ATOP version `atopVersion` (default: the newest). */
  get(source: SourceFilter = 'all', atopVersion?: string): Promise<Engine> {
    // The newest release, or any release for curated records, is the default engine of the
    // source: one engine, not a copy per spelling. A release not stored stays, to be refused.
    const version = atopVersion !== undefined && this.#versions?.includes(atopVersion) && (source === 'curated' || atopVersion === this.#versions.at(-1)) ? undefined : atopVersion;
    const key = `${source}|${version ?? ''}`;
    let e = this.#engines.get(key);
    if (!e) {
      const open = this.#open;
      e = Promise.resolve()
        .then(() => (open ? open(source, version) : this.#derive(source, version)))
        .catch((err: unknown) => {
          // A source the database cannot answer from is a 404 naming the parameter.
          if (err instanceof LookupError && (err.code === 'E_NO_ATOP_DATA' || err.code === 'E_ATOP_VERSION_UNKNOWN')) {
            throw new HttpError(404, err.code, err.message, { field: err.code === 'E_NO_ATOP_DATA' ? 'source' : 'atopVersion', ...(err.hint ? { hint: err.hint } : {}), cause: err });
          }
          throw err;
        });
      // A failed build is not kept: an `open` that reads a store may fail for a passing reason.
      e.catch(() => this.#engines.delete(key));
      this.#engines.set(key, e);
    }
    return e;
  }

  #derive(source: SourceFilter, atopVersion: string | undefined): Engine {
    if (atopVersion !== undefined) throw new HttpError(400, 'E_INVALID_PARAMETER', 'this server cannot choose an ATOP version: it was built without the store contents', { field: 'atopVersion' });
    const treaties = [...this.all.periods()].map((p) => p.treaty);
    // The engine drops the observations of datasets its origin filter leaves out.
    return new Engine(treaties, this.all.registry, { today: this.all.today, ...(this.#policy ? { policy: this.#policy } : {}), origin: (o) => originPasses(source, o), observations: this.all.observations });
  }
}

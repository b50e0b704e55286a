/**
 * One engine per source filter (`all`, `curated`, `atop`). The `all` engine is handed in; the
 * filtered ones are built from its treaties the first time a request asks for them.
 */
import { Engine } from '../core/engine.js';
import type { ResolutionPolicy } from '../core/facts.js';
import type { SourceFilter } from '../app/engine.js';

/** The source filters the API accepts. */
export const SOURCE_FILTERS = ['all', 'curated', 'atop'] as const satisfies readonly SourceFilter[];

/** Whether a treaty origin passes a source filter (the same test as `openEngine`). */
export function originPasses(source: SourceFilter, origin: string): boolean {
  return source === 'all' || (source === 'curated' ? origin === 'curated' : origin.startsWith('atop'));
}

/** Engines by source filter, built lazily and kept for the life of the app. */
export class EngineSet {
  readonly #engines = new Map<SourceFilter, Engine>();
  readonly #policy: ResolutionPolicy | undefined;

  constructor(all: Engine, options: { policy?: ResolutionPolicy; prebuilt?: Partial<Record<SourceFilter, Engine>> } = {}) {
    this.#engines.set('all', all);
    this.#policy = options.policy;
    for (const [k, e] of Object.entries(options.prebuilt ?? {}) as [SourceFilter, Engine][]) this.#engines.set(k, e);
  }

  /** The engine answering from `source` only. */
  get(source: SourceFilter = 'all'): Engine {
    let e = this.#engines.get(source);
    if (!e) {
      const all = this.#engines.get('all')!;
      const treaties = [...all.periods()].map((p) => p.treaty);
      e = new Engine(treaties, all.registry, { today: all.today, ...(this.#policy ? { policy: this.#policy } : {}), origin: (o) => originPasses(source, o) });
      this.#engines.set(source, e);
    }
    return e;
  }
}

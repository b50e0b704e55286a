/**
 * Opens the engine over a store: reads treaties and polities and builds the in-memory index.
 */
import { Temporal } from 'temporal-polyfill';
import { Engine } from '../core/engine.js';
import { atopRelease } from '../core/model.js';
import { DEFAULT_POLICY, type ResolutionPolicy } from '../core/facts.js';
import type { IsoDay } from '../core/dates.js';
import type { Store } from '../store/store.js';
import { loadRegistry } from './registry.js';
import { mergeTreaties } from './merge.js';
import { applyAttachments } from './attach.js';

/** Today's date in UTC: the one place Pacta reads the clock. `PACTA_TODAY` overrides it. */
export function today(env: NodeJS.ProcessEnv = process.env): IsoDay {
  return env.PACTA_TODAY ?? Temporal.Now.plainDateISO('UTC').toString();
}

/** Which records answer: `curated` treaty files, `atop` datasets, or `all`. */
export type SourceFilter = 'all' | 'curated' | 'atop';

/** Whether a treaty origin passes a source filter: `curated` files, or the records of an ATOP release (`atop-5.1`). */
export function originPasses(source: SourceFilter, origin: string): boolean {
  return source === 'all' || (source === 'curated' ? origin === 'curated' : atopRelease(origin) !== undefined);
}

/** Options for `openEngine`. */
export interface OpenEngineOptions {
  readonly today?: IsoDay;
  readonly policy?: ResolutionPolicy;
  readonly source?: SourceFilter;
  /** ATOP version used for reasoning when several are stored (default: the newest; see src/app/merge.ts). */
  readonly atopVersion?: string;
}

/** Builds an engine from everything in the store. */
export async function openEngine(store: Store, options: OpenEngineOptions = {}): Promise<Engine> {
  const [treaties, registry] = await Promise.all([store.listTreaties(), loadRegistry(store)]);
  const source = options.source ?? 'all';
  return new Engine(mergeTreaties(applyAttachments(treaties).treaties, { source, ...(options.atopVersion ? { atopVersion: options.atopVersion } : {}) }), registry, {
    today: options.today ?? today(),
    policy: options.policy ?? DEFAULT_POLICY,
    origin: source === 'all' ? undefined : (o) => originPasses(source, o),
  });
}

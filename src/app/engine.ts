/**
 * Opens the engine over a store: reads treaties and polities and builds the in-memory index.
 */
import { Temporal } from 'temporal-polyfill';
import { Engine, type Observation } from '../core/engine.js';
import { atopRelease, type Treaty } from '../core/model.js';
import type { PolityRegistry } from '../core/polities.js';
import { DEFAULT_POLICY, type ResolutionPolicy } from '../core/facts.js';
import type { IsoDay } from '../core/dates.js';
import type { Store } from '../store/store.js';
import { loadRegistry } from './registry.js';
import { atopVersions, mergeTreaties } from './merge.js';
import { DATA_START, dataEnd } from '../sources/atop/codebook.js';
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

/**
 * What an engine is built from, read from a store once (two reads, treaties and polities, not
 * one transaction: a write between them is seen by one only): every treaty record (ATOP
 * records a curated treaty replaces included, so that `--source atop` still has them) and the
 * polity registry. Engines of several sources built from one reading agree on what exists.
 */
export interface StoreContents {
  readonly treaties: readonly Treaty[];
  readonly registry: PolityRegistry;
}

/** Reads the treaties and the polity registry of a store. */
export async function readContents(store: Store): Promise<StoreContents> {
  const [treaties, registry] = await Promise.all([store.listTreaties(), loadRegistry(store)]);
  return { treaties, registry };
}

/** The days an ATOP release observes (null for a release whose last day is not known). */
export function atopObservation(version: string): Observation | null {
  const until = dataEnd(version);
  return until ? { origin: `atop-${version}`, label: `ATOP ${version}`, from: DATA_START, until } : null;
}

/** The span each ATOP release among the treaties observes, for the engine's notices on days outside it. */
export function atopObservations(treaties: readonly Treaty[]): Observation[] {
  return atopVersions(treaties).flatMap((v) => atopObservation(v) ?? []);
}

/** Builds an engine over contents read from a store, with the records of `options.source`. */
export function engineOver(contents: StoreContents, options: OpenEngineOptions = {}): Engine {
  const source = options.source ?? 'all';
  const treaties = mergeTreaties(applyAttachments(contents.treaties).treaties, { source, ...(options.atopVersion ? { atopVersion: options.atopVersion } : {}) });
  return new Engine(treaties, contents.registry, {
    today: options.today ?? today(),
    policy: options.policy ?? DEFAULT_POLICY,
    origin: source === 'all' ? undefined : (o) => originPasses(source, o),
    observations: atopObservations(treaties),
  });
}

/** Builds an engine from everything in the store. */
export async function openEngine(store: Store, options: OpenEngineOptions = {}): Promise<Engine> {
  return engineOver(await readContents(store), options);
}

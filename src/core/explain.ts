/**
 * Explanations: the claims an answer used, with their sources, and each computed step,
 * so that a reader can check the answer by hand.
 */
import type { IsoDay } from './dates.js';
import type { SourceRef } from './model.js';

/** One step of a computation, e.g. "30 years from 1950-04-11 is 1980-04-11". */
export interface Step {
  readonly text: string;
  /** The date the step arrives at, when it computes one. */
  readonly date?: IsoDay;
  /** Treaty article or clause applied, e.g. `art. 6`. */
  readonly clause?: string;
  readonly sources: readonly ResolvedSourceRef[];
}

/** A source reference with the source's title and kind, ready to show. */
export interface ResolvedSourceRef {
  readonly source: string;
  readonly title: string;
  readonly kind: string;
  readonly at?: string;
  readonly treaty?: string;
}

/** A claim an answer relied on. */
export interface UsedClaim {
  readonly treaty?: string;
  readonly fact: string;
  readonly value: string;
  readonly sources: readonly ResolvedSourceRef[];
}

/** The explanation attached to every answer. */
export interface Explanation {
  readonly claims: readonly UsedClaim[];
  readonly steps: readonly Step[];
}

/** Resolves source references against a treaty's source table. */
export function resolveRefs(
  refs: readonly SourceRef[],
  sources: Readonly<Record<string, { title: string; kind: string }>>,
  treaty?: string,
): ResolvedSourceRef[] {
  return refs.map((r) => {
    const s = sources[r.source];
    return {
      source: r.source,
      title: s?.title ?? r.source,
      kind: s?.kind ?? 'unknown',
      ...(r.at !== undefined ? { at: r.at } : {}),
      ...(treaty !== undefined ? { treaty } : {}),
    };
  });
}

/** Formats a source reference as "title, at" for people. */
export function formatRef(r: ResolvedSourceRef): string {
  return r.at ? `${r.title}, ${r.at}` : r.title;
}

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

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

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
  const out = new Array<ResolvedSourceRef>(refs.length);
  for (let i = 0; i < refs.length; i++) {
    const r = refs[i]!;
    const s = sources[r.source];
    // Properties assigned in place of spread objects: an engine build resolves tens of thousands.
    const ref: Mutable<ResolvedSourceRef> = { source: r.source, title: s?.title ?? r.source, kind: s?.kind ?? 'unknown' };
    if (r.at !== undefined) ref.at = r.at;
    if (treaty !== undefined) ref.treaty = treaty;
    out[i] = ref;
  }
  return out;
}

/** Formats a source reference as "title, at" for people. */
export function formatRef(r: ResolvedSourceRef): string {
  return r.at ? `${r.title}, ${r.at}` : r.title;
}

const LINE_RE = /^line (\d+)$/;

/**
 * Cites each source once: references to the same source and treaty at single lines ("line 1259",
 * "line 1260", …) become one reference at "lines 1259-1305, 1307", in ascending order. Other
 * references are kept as they are, in their first order. A multilateral ATOP alliance's derived
 * end otherwise cites every one of its member rows, each on its own.
 */
export function mergeLineRefs(refs: readonly ResolvedSourceRef[]): ResolvedSourceRef[] {
  const out: ResolvedSourceRef[] = [];
  const lines = new Map<ResolvedSourceRef, number[]>();
  for (const r of refs) {
    const m = r.at === undefined ? null : LINE_RE.exec(r.at);
    if (!m) {
      out.push(r);
      continue;
    }
    const first = out.find((q) => lines.has(q) && q.source === r.source && q.treaty === r.treaty);
    if (first) lines.get(first)!.push(Number(m[1]));
    else {
      out.push(r);
      lines.set(r, [Number(m[1])]);
    }
  }
  return out.map((r) => {
    const ns = lines.get(r);
    if (!ns || ns.length === 1) return r;
    const sorted = [...new Set(ns)].sort((a, b) => a - b);
    const runs: string[] = [];
    for (let i = 0; i < sorted.length; ) {
      let j = i;
      while (j + 1 < sorted.length && sorted[j + 1] === sorted[j]! + 1) j++;
      runs.push(j > i ? `${sorted[i]}-${sorted[j]}` : `${sorted[i]}`);
      i = j + 1;
    }
    return { ...r, at: sorted.length === 1 ? `line ${sorted[0]}` : `lines ${runs.join(', ')}` };
  });
}

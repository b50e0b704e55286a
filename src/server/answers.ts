/**
 * API shapes of engine answers that would otherwise repeat text. In-process, every obligation of
 * a provision shares the provision's summary and condition text by reference; serialised, a
 * NATO member's allies on one day would repeat the same member list and condition hundreds of
 * times (the United States in 1985: 450 KB). The API lists each provision's texts once, and each
 * source's title once.
 */
import type { Engine, Obligation } from '../core/engine.js';
import type { Explanation, ResolvedSourceRef } from '../core/explain.js';
import type { ProvisionType } from '../core/model.js';

/** The texts of one provision, keyed `treaty/provision` in an answer's `provisions`. */
export interface ProvisionText {
  readonly type: ProvisionType;
  readonly article?: string;
  readonly summary?: string;
  readonly condition?: string;
  readonly conditionText?: string;
}

/** An obligation without its provision's texts (look them up in `provisions`). */
export type LeanObligation = Pick<Obligation, 'treaty' | 'provision' | 'type' | 'bearer' | 'beneficiary' | 'start' | 'end'>;

/** The allies answer with each provision's texts once, in `provisions`, not in every obligation. */
export function alliesAnswer(a: ReturnType<Engine['allies']>) {
  const provisions: Record<string, ProvisionText> = Object.create(null) as Record<string, ProvisionText>;
  const allies = a.allies.map((ally) => ({
    ccode: ally.ccode,
    name: ally.name,
    treaties: ally.treaties,
    obligations: ally.obligations.map((o): LeanObligation => {
      const key = `${o.treaty}/${o.provision}`;
      if (!(key in provisions)) {
        provisions[key] = { type: o.type, ...(o.article ? { article: o.article } : {}), ...(o.summary ? { summary: o.summary } : {}), ...(o.condition ? { condition: o.condition } : {}), ...(o.conditionText ? { conditionText: o.conditionText } : {}) };
      }
      return { treaty: o.treaty, provision: o.provision, type: o.type, bearer: o.bearer, beneficiary: o.beneficiary, start: o.start, end: o.end };
    }),
  }));
  return { state: a.state, on: a.on, types: a.types, allies, provisions, explanation: compactExplanation(a.explanation) };
}

/** A source reference without its title and kind (see the explanation's `sources`). */
export interface LeanSourceRef {
  readonly source: string;
  readonly treaty?: string;
  readonly at?: string;
}

/**
 * The explanation with each source's title and kind once, in `sources` keyed `treaty/source`
 * (source ids are per treaty), and references that name the source and the place in it. An
 * ATOP alliance's member-level file is otherwise spelled out for every one of its member rows.
 */
export function compactExplanation(e: Explanation) {
  const sources: Record<string, { title: string; kind: string }> = Object.create(null) as Record<string, { title: string; kind: string }>;
  const lean = (refs: readonly ResolvedSourceRef[]): LeanSourceRef[] =>
    refs.map((r) => {
      const key = `${r.treaty ?? ''}/${r.source}`;
      if (!(key in sources)) sources[key] = { title: r.title, kind: r.kind };
      return { source: r.source, ...(r.treaty !== undefined ? { treaty: r.treaty } : {}), ...(r.at !== undefined ? { at: r.at } : {}) };
    });
  return {
    claims: e.claims.map((c) => ({ ...c, sources: lean(c.sources) })),
    steps: e.steps.map((s) => ({ ...s, sources: lean(s.sources) })),
    sources,
  };
}

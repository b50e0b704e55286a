/**
 * API shapes of engine answers that would otherwise repeat text. In-process, every obligation of
 * a provision shares the provision's summary and condition text by reference; serialised, a
 * NATO member's allies on one day would repeat the same member list and condition hundreds of
 * times (the United States in 1985: 450 KB). The API lists each provision's texts once, and each
 * source's title once.
 */
import { createHash } from 'node:crypto';
import type { Engine, Obligation } from '../core/engine.js';
import type { Explanation, ResolvedSourceRef } from '../core/explain.js';
import type { ProvisionType } from '../core/model.js';
import { IdentityNumbers } from '../core/identity.js';
import { ResponseCache } from './response-cache.js';

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
  return { state: a.state, on: a.on, types: a.types, allies, provisions, notices: a.notices, explanation: compactExplanation(a.explanation) };
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

/**
 * Serialised allies answers by what they are computed from rather than by URL. An answer is a
 * function of the state, its name that day, the types asked for, the obligations in force (with
 * the allies' names that day) and the notices (which do not name the day); the day itself appears
 * only in `on`. Every other day with the same obligations in force gives the same bytes but for
 * `on`, so a state's answers on thousands of days are a few dozen answers, computed once each: the obligation objects of the
 * engine's index are stable, and an answer's key lists their identities.
 *
 * Bodies are kept in a byte-bounded LRU cache from the second time their key comes up (see
 * `ResponseCache`); a body read from it is byte for byte the `JSON.stringify(alliesAnswer(a))`
 * that would otherwise be computed (`answers.test.ts` checks it over many days).
 */
export class AlliesBodies {
  readonly #bodies: ResponseCache;
  /** Obligation identities (weakly: engines built later do not keep old ones alive). */
  readonly #ids = new IdentityNumbers<Obligation>();

  constructor(maxBytes: number) {
    this.#bodies = new ResponseCache(maxBytes);
  }

  /**
   * What the answer is computed from, hashed (a large state's list runs to kilobytes). Names are
   * written as JSON strings, so that no name can read as part of the list around it.
   */
  #key(a: ReturnType<Engine['allies']>): string {
    const parts: (string | number)[] = [a.state.ccode, JSON.stringify(a.state.name), a.types.join(','), JSON.stringify(a.notices)];
    for (const ally of a.allies) {
      parts.push(`;${ally.ccode}:${JSON.stringify(ally.name)}`);
      for (const o of ally.obligations) parts.push(this.#ids.of(o));
    }
    return createHash('sha1').update(parts.join('|')).digest('base64url');
  }

  /** Number of bodies kept. */
  get size(): number {
    return this.#bodies.size;
  }

  /** The JSON body of the allies answer `a`: from the cache when an answer with the same key was kept. */
  body(a: ReturnType<Engine['allies']>): string {
    const key = this.#key(a);
    const on = JSON.stringify(a.on);
    const kept = this.#bodies.get(key);
    // Kept bodies hold a placeholder where `on` goes; the answer has `on` right after `state`.
    if (kept !== undefined) {
      const at = kept.indexOf(ON_PLACEHOLDER);
      return kept.slice(0, at) + on + kept.slice(at + ON_PLACEHOLDER.length);
    }
    const body = JSON.stringify(alliesAnswer(a));
    // Kept only where `on` is found as written (it always is; an answer without it is just not kept).
    const at = body.indexOf(ON_FIELD + on);
    if (at >= 0) this.#bodies.set(key, body.slice(0, at + ON_FIELD.length) + ON_PLACEHOLDER + body.slice(at + ON_FIELD.length + on.length));
    return body;
  }
}

/** What precedes the `on` value in an allies body (right after `state`). */
const ON_FIELD = ',"on":';

/** Stands for the `on` value in a kept allies body: a control character, which JSON text escapes everywhere else. */
const ON_PLACEHOLDER = '\u0000';

/**
 * The alliance network of a date: states as nodes, obligations grouped per pair of states as
 * edges. Built from the engine's obligation index; answers are cached per stretch of days on
 * which nothing changes, so that dragging a time slider costs one computation per change.
 */
import type { Engine, Obligation } from '../core/engine.js';
import { nextDay, type IsoDay } from '../core/dates.js';
import type { UsedClaim } from '../core/explain.js';
import type { CCode, ProvisionType } from '../core/model.js';
import { memoByIdentity } from '../core/identity.js';
import { allianceNetwork, type NetworkGraph } from '../analytics/network.js';

/** The network's shapes, defined with its computation in analytics. */
export type { EdgeType, NetworkEdge, NetworkGraph, NetworkNode, NetworkTreaty } from '../analytics/network.js';

interface Suspension {
  readonly state: CCode;
  readonly start: IsoDay;
  readonly end: IsoDay | null;
}

const CACHE_SIZE = 512;

/** The network index of one engine. */
export class NetworkIndex {
  readonly #engine: Engine;
  readonly #obligations: readonly Obligation[];
  readonly #suspensions = new Map<string, Suspension[]>();
  readonly #treaties = new Map<string, { name: string; origin: string; start: IsoDay | null; end: IsoDay | null }>();
  /** Sorted days on which the network may change. */
  readonly #changes: readonly IsoDay[];
  readonly #cache = new Map<string, NetworkGraph>();

  constructor(engine: Engine) {
    this.#engine = engine;
    this.#obligations = [...engine.allObligations()];
    const days = new Set<IsoDay>();
    const after = new Set<IsoDay>();
    for (const o of this.#obligations) {
      days.add(o.start);
      if (o.end !== null) after.add(o.end);
    }
    for (const p of engine.periods()) {
      const t = p.treaty;
      this.#treaties.set(t.id, { name: t.names.find((n) => n.lang === 'en')?.text ?? t.names[0]?.text ?? t.id, origin: t.origin, start: p.start, end: p.end });
      for (const s of p.spells) {
        for (const x of s.suspended) {
          let list = this.#suspensions.get(t.id);
          if (!list) this.#suspensions.set(t.id, (list = []));
          list.push({ state: s.state, start: x.start, end: x.end });
          days.add(x.start);
          if (x.end !== null) after.add(x.end);
        }
      }
    }
    // A state's name of the day (the Soviet Union, 1922–1991) changes the network's nodes too.
    for (const p of engine.registry.all()) {
      for (const h of p.historicalNames ?? []) {
        days.add(h.start);
        after.add(h.end);
      }
    }
    for (const d of after) days.add(nextDay(d));
    this.#changes = [...days].sort();
  }

  /** Index of the last change on or before `day` (-1 before the first): days with the same stretch have the same network. */
  stretchOf(day: IsoDay): number {
    let lo = 0;
    let hi = this.#changes.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.#changes[mid]! <= day) lo = mid + 1;
      else hi = mid;
    }
    return lo - 1;
  }

  /** First and last day of the stretch containing `day` (`null` when unbounded). */
  stretchBounds(day: IsoDay): { from: IsoDay | null; until: IsoDay | null } {
    const i = this.stretchOf(day);
    return { from: i >= 0 ? this.#changes[i]! : null, until: this.#changes[i + 1] ?? null };
  }

  /** Treaty metadata kept by the index. */
  treatyInfo(id: string) {
    return this.#treaties.get(id);
  }

  /** The network on `day`, restricted to obligation types when given. */
  graph(day: IsoDay, types?: readonly ProvisionType[]): NetworkGraph {
    const key = `${this.stretchOf(day)}|${types ? [...types].sort().join(',') : '*'}`;
    const hit = this.#cache.get(key);
    if (hit) {
      this.#cache.delete(key);
      this.#cache.set(key, hit);
      return hit;
    }
    const graph = this.#compute(day, types ? new Set(types) : undefined);
    this.#cache.set(key, graph);
    if (this.#cache.size > CACHE_SIZE) this.#cache.delete(this.#cache.keys().next().value!);
    return graph;
  }

  #suspended(o: Obligation, day: IsoDay): boolean {
    const list = this.#suspensions.get(o.treaty);
    if (!list) return false;
    return list.some((s) => (s.state === o.bearer || s.state === o.beneficiary) && day >= s.start && (s.end === null || day <= s.end));
  }

  #compute(day: IsoDay, types: Set<ProvisionType> | undefined): NetworkGraph {
    const registry = this.#engine.registry;
    const input = { obligations: this.#obligations, registry, treaty: (id: string) => this.#treaties.get(id)!, suspended: (o: Obligation) => this.#suspended(o, day), nameOf: (c: CCode) => registry.nameOn(c, day) };
    return allianceNetwork(input, { first: day, last: day }, types);
  }

  /** The claims (entry into force and end, with sources) behind the treaties of a graph. */
  claims(graph: NetworkGraph): UsedClaim[] {
    const out: UsedClaim[] = [];
    for (const t of graph.treaties) {
      const facts = this.#engine.facts(t.id);
      for (const f of ['in-force', 'end'] as const) {
        const fact = facts[f];
        if (fact) out.push({ treaty: t.id, fact: f, value: fact.value ?? 'open (not ended)', sources: fact.chosen.sources });
      }
    }
    return out;
  }
}

/** The network index of an engine, built on first use. */
export const networkIndex: (engine: Engine) => NetworkIndex = memoByIdentity((engine) => new NetworkIndex(engine));

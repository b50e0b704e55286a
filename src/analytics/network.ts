/**
 * The alliance network of a day or a period: states as nodes, the obligations in force grouped
 * per pair of states as edges, directed where they run one way only; and per-node measures
 * (degree by obligation type, weak components). Used by the CLI (`pacta network`) and the API.
 */
import type { Engine, Obligation } from '../core/engine.js';
import type { IsoDay } from '../core/dates.js';
import { PROVISION_TYPES, type CCode, type ProvisionType } from '../core/model.js';
import type { PolityRegistry } from '../core/polities.js';

/** A state in the network. */
export interface NetworkNode {
  readonly ccode: CCode;
  readonly name: string;
  readonly abbrev: string;
  /** Number of states it shares an edge with. */
  readonly degree: number;
}

/** How one obligation type runs along an edge: both ways, or only source → target (`forward`) or target → source (`backward`). */
export interface EdgeType {
  readonly type: ProvisionType;
  readonly direction: 'both' | 'forward' | 'backward';
}

/** The obligations between two states, grouped. */
export interface NetworkEdge {
  readonly source: CCode;
  readonly target: CCode;
  /** True when every obligation on the edge runs from `source` (bearer) to `target` (beneficiary). */
  readonly directed: boolean;
  readonly types: readonly EdgeType[];
  readonly treaties: readonly string[];
  /** Number of directed obligations on the edge. */
  readonly obligations: number;
}

/** A treaty contributing to the network, with its period in force. */
export interface NetworkTreaty {
  readonly id: string;
  readonly name: string;
  readonly origin: string;
  readonly start: IsoDay | null;
  readonly end: IsoDay | null;
  readonly obligations: number;
}

/** A computed network. */
export interface NetworkGraph {
  readonly nodes: readonly NetworkNode[];
  readonly edges: readonly NetworkEdge[];
  readonly treaties: readonly NetworkTreaty[];
  readonly obligationCount: number;
}

/** What the network is computed from. */
export interface NetworkInput {
  /** The obligations to draw from; `engineNetworkInput` gives a generator, so build one input per network. */
  readonly obligations: Iterable<Obligation>;
  readonly registry: PolityRegistry;
  /** Name, origin and period of a treaty. */
  treaty(id: string): { readonly name: string; readonly origin: string; readonly start: IsoDay | null; readonly end: IsoDay | null };
  /** True when the obligation is suspended over the period (then it is left out). */
  suspended?(o: Obligation): boolean;
  /** Display name of a state (default: the registry's preferred name). */
  nameOf?(ccode: CCode): string;
}

/** The first and last day of a network: one day (`--on`) or a year (`--year`). */
export interface NetworkPeriod {
  readonly first: IsoDay;
  readonly last: IsoDay;
}

/**
 * The network of the obligations in force on at least one day of the period, restricted to the
 * types of `typeList` (a set or a list) when given.
 */
export function allianceNetwork(input: NetworkInput, period: NetworkPeriod, typeList?: ReadonlySet<ProvisionType> | readonly ProvisionType[]): NetworkGraph {
  const types = typeList === undefined || typeList instanceof Set ? (typeList as ReadonlySet<ProvisionType> | undefined) : new Set(typeList);
  const pairs = new Map<string, { a: CCode; b: CCode; dirs: Map<ProvisionType, number>; treaties: Set<string>; count: number }>();
  const perTreaty = new Map<string, number>();
  let total = 0;
  for (const o of input.obligations) {
    if (period.last < o.start || (o.end !== null && period.first > o.end)) continue;
    if (types && !types.has(o.type)) continue;
    if (input.suspended?.(o)) continue;
    total++;
    const a = Math.min(o.bearer, o.beneficiary);
    const b = Math.max(o.bearer, o.beneficiary);
    const key = `${a}-${b}`;
    let p = pairs.get(key);
    if (!p) pairs.set(key, (p = { a, b, dirs: new Map(), treaties: new Set(), count: 0 }));
    // Bit 1: a → b, bit 2: b → a.
    p.dirs.set(o.type, (p.dirs.get(o.type) ?? 0) | (o.bearer === a ? 1 : 2));
    p.treaties.add(o.treaty);
    p.count++;
    perTreaty.set(o.treaty, (perTreaty.get(o.treaty) ?? 0) + 1);
  }
  const degree = new Map<CCode, number>();
  const edges: NetworkEdge[] = [];
  for (const p of [...pairs.values()].sort((x, y) => x.a - y.a || x.b - y.b)) {
    degree.set(p.a, (degree.get(p.a) ?? 0) + 1);
    degree.set(p.b, (degree.get(p.b) ?? 0) + 1);
    let all = 0;
    for (const bits of p.dirs.values()) all |= bits;
    // A one-way edge is drawn from the bearer: flip the pair when only b → a obligations exist.
    const flip = all === 2;
    const [source, target] = flip ? [p.b, p.a] : [p.a, p.b];
    const edgeTypes: EdgeType[] = [...p.dirs.entries()]
      .sort((x, y) => x[0].localeCompare(y[0]))
      .map(([type, bits]) => ({ type, direction: bits === 3 ? 'both' : (bits === 1) !== flip ? 'forward' : 'backward' }));
    edges.push({ source, target, directed: all !== 3, types: edgeTypes, treaties: [...p.treaties].sort(), obligations: p.count });
  }
  const registry = input.registry;
  const nameOf = input.nameOf ?? ((c: CCode) => registry.nameOf(c));
  const nodes: NetworkNode[] = [...degree.entries()]
    .sort((x, y) => x[0] - y[0])
    .map(([ccode, d]) => ({ ccode, name: nameOf(ccode), abbrev: registry.get(ccode)?.abbrev ?? String(ccode), degree: d }));
  const treaties: NetworkTreaty[] = [...perTreaty.entries()]
    .sort((x, y) => x[0].localeCompare(y[0]))
    .map(([id, n]) => {
      const t = input.treaty(id);
      return { id, name: t.name, origin: t.origin, start: t.start, end: t.end, obligations: n };
    });
  return { nodes, edges, treaties, obligationCount: total };
}

/** Per-node measures of a network. */
export interface NodeMeasures {
  readonly ccode: CCode;
  readonly degree: number;
  /** States it owes something to. */
  readonly outDegree: number;
  /** States that owe it something. */
  readonly inDegree: number;
  /** Per obligation type: states linked to it by that type, either way. */
  readonly degreeByType: Readonly<Partial<Record<ProvisionType, number>>>;
  /** Weak component: 1 is the largest (ties: the one with the lowest code). */
  readonly component: number;
  readonly componentSize: number;
}

/** Degrees (total, in, out, by type) and weak components of every node. */
export function networkMeasures(graph: NetworkGraph): NodeMeasures[] {
  const out = new Map<CCode, Set<CCode>>();
  const inn = new Map<CCode, Set<CCode>>();
  const byType = new Map<CCode, Map<ProvisionType, Set<CCode>>>();
  const adj = new Map<CCode, CCode[]>();
  const add = (m: Map<CCode, Set<CCode>>, k: CCode, v: CCode) => {
    let s = m.get(k);
    if (!s) m.set(k, (s = new Set()));
    s.add(v);
  };
  for (const n of graph.nodes) adj.set(n.ccode, []);
  for (const e of graph.edges) {
    adj.get(e.source)!.push(e.target);
    adj.get(e.target)!.push(e.source);
    for (const t of e.types) {
      if (t.direction !== 'backward') {
        add(out, e.source, e.target);
        add(inn, e.target, e.source);
      }
      if (t.direction !== 'forward') {
        add(out, e.target, e.source);
        add(inn, e.source, e.target);
      }
      for (const [x, y] of [[e.source, e.target], [e.target, e.source]] as const) {
        let m = byType.get(x);
        if (!m) byType.set(x, (m = new Map()));
        let s = m.get(t.type);
        if (!s) m.set(t.type, (s = new Set()));
        s.add(y);
      }
    }
  }
  const comp = new Map<CCode, number>();
  const members: CCode[][] = [];
  for (const n of graph.nodes) {
    if (comp.has(n.ccode)) continue;
    const list: CCode[] = [];
    const stack = [n.ccode];
    comp.set(n.ccode, -1);
    while (stack.length) {
      const c = stack.pop()!;
      list.push(c);
      for (const d of adj.get(c)!) {
        if (!comp.has(d)) {
          comp.set(d, -1);
          stack.push(d);
        }
      }
    }
    members.push(list);
  }
  members.sort((x, y) => y.length - x.length || Math.min(...x) - Math.min(...y));
  members.forEach((list, i) => {
    for (const c of list) comp.set(c, i + 1);
  });
  return graph.nodes.map((n) => {
    const types = byType.get(n.ccode);
    const degreeByType: Partial<Record<ProvisionType, number>> = {};
    for (const t of PROVISION_TYPES) {
      const s = types?.get(t);
      if (s) degreeByType[t] = s.size;
    }
    const c = comp.get(n.ccode)!;
    return { ccode: n.ccode, degree: n.degree, outDegree: out.get(n.ccode)?.size ?? 0, inDegree: inn.get(n.ccode)?.size ?? 0, degreeByType, component: c, componentSize: members[c - 1]!.length };
  });
}

/** Network input over an engine: its obligations, registry, treaty periods and suspensions over the period. */
export function engineNetworkInput(engine: Engine, period: NetworkPeriod): NetworkInput {
  const treaties = new Map<string, { name: string; origin: string; start: IsoDay | null; end: IsoDay | null }>();
  const suspensions = new Map<string, { state: CCode; start: IsoDay; end: IsoDay | null }[]>();
  for (const p of engine.periods()) {
    const t = p.treaty;
    treaties.set(t.id, { name: t.names.find((n) => n.lang === 'en')?.text ?? t.names[0]?.text ?? t.id, origin: t.origin, start: p.start, end: p.end });
    for (const s of p.spells) for (const x of s.suspended) suspensions.set(t.id, [...(suspensions.get(t.id) ?? []), { state: s.state, start: x.start, end: x.end }]);
  }
  return {
    obligations: engine.allObligations(),
    registry: engine.registry,
    treaty: (id) => treaties.get(id) ?? { name: id, origin: '', start: null, end: null },
    // Left out only when suspended over the whole period.
    suspended: (o) => (suspensions.get(o.treaty) ?? []).some((s) => (s.state === o.bearer || s.state === o.beneficiary) && s.start <= period.first && (s.end === null || s.end >= period.last)),
    nameOf: (c) => engine.registry.nameOn(c, period.first),
  };
}

/**
 * A state's whole treaty history: every spell of membership in every treaty and every
 * obligation it bore or was owed, across time (the data behind the explorer's timeline).
 */
import type { Engine, Obligation } from '../core/engine.js';
import type { IsoDay } from '../core/dates.js';
import type { Step } from '../core/explain.js';
import type { CCode, ProvisionType } from '../core/model.js';
import { memoByIdentity } from '../core/identity.js';

/** One treaty in a state's history, with the state's spells in it. */
export interface StateTreaty {
  readonly id: string;
  readonly name: string;
  readonly origin: string;
  readonly spells: readonly { readonly start: IsoDay; readonly end: IsoDay | null; readonly endReason: string | null }[];
  /** Obligation types the state bore or was owed under the treaty. */
  readonly types: readonly ProvisionType[];
}

/** One provision binding the state, with the counterparts and when each applied. */
export interface StateObligation {
  readonly treaty: string;
  readonly provision: string;
  readonly type: ProvisionType;
  /** `owes`: the state bears it; `owed`: the state benefits from it. */
  readonly direction: 'owes' | 'owed';
  readonly article?: string;
  readonly summary?: string;
  readonly conditionText?: string;
  readonly counterparts: readonly { readonly ccode: CCode; readonly name: string; readonly start: IsoDay; readonly end: IsoDay | null }[];
}

/** The history of one state. */
export interface StateHistory {
  readonly treaties: readonly StateTreaty[];
  readonly obligations: readonly StateObligation[];
  /** First and last day covered by any spell (`end` null while open). */
  readonly range: { readonly start: IsoDay | null; readonly end: IsoDay | null };
  readonly steps: readonly Step[];
}

interface Index {
  readonly spells: Map<CCode, { treaty: string; name: string; origin: string; start: IsoDay; end: IsoDay | null; endReason: string | null }[]>;
  readonly obligations: Map<CCode, Obligation[]>;
}

/** A state's spells and obligations, per engine (built on first use). */
const indexOf = memoByIdentity((engine: Engine): Index => {
  const ix: Index = { spells: new Map(), obligations: new Map() };
  for (const p of engine.periods()) {
    const t = p.treaty;
    const name = t.names.find((n) => n.lang === 'en')?.text ?? t.names[0]?.text ?? t.id;
    for (const s of p.spells) {
      let list = ix.spells.get(s.state);
      if (!list) ix.spells.set(s.state, (list = []));
      list.push({ treaty: t.id, name, origin: t.origin, start: s.start, end: s.end, endReason: s.endReason ?? null });
    }
  }
  for (const o of engine.allObligations()) {
    for (const c of new Set([o.bearer, o.beneficiary])) {
      let list = ix.obligations.get(c);
      if (!list) ix.obligations.set(c, (list = []));
      list.push(o);
    }
  }
  return ix;
});

/** Every treaty spell and obligation of the state, ordered by start. */
export function stateHistory(engine: Engine, code: CCode): StateHistory {
  const ix = indexOf(engine);
  const spells = [...(ix.spells.get(code) ?? [])].sort((a, b) => a.start.localeCompare(b.start) || a.treaty.localeCompare(b.treaty));
  const obligations = ix.obligations.get(code) ?? [];
  const typesOf = new Map<string, Set<ProvisionType>>();
  for (const o of obligations) {
    let set = typesOf.get(o.treaty);
    if (!set) typesOf.set(o.treaty, (set = new Set()));
    set.add(o.type);
  }
  const treaties = new Map<string, StateTreaty & { spells: StateTreaty['spells'][number][] }>();
  for (const s of spells) {
    let t = treaties.get(s.treaty);
    if (!t) treaties.set(s.treaty, (t = { id: s.treaty, name: s.name, origin: s.origin, spells: [], types: [...(typesOf.get(s.treaty) ?? [])].sort() }));
    t.spells.push({ start: s.start, end: s.end, endReason: s.endReason });
  }
  const groups = new Map<string, StateObligation & { counterparts: StateObligation['counterparts'][number][] }>();
  for (const o of obligations) {
    const direction = o.bearer === code ? 'owes' : 'owed';
    const other = direction === 'owes' ? o.beneficiary : o.bearer;
    const key = `${o.treaty}/${o.provision}/${direction}`;
    let g = groups.get(key);
    if (!g) {
      groups.set(key, (g = {
        treaty: o.treaty,
        provision: o.provision,
        type: o.type,
        direction,
        ...(o.article ? { article: o.article } : {}),
        ...(o.summary ? { summary: o.summary } : {}),
        ...(o.conditionText ? { conditionText: o.conditionText } : {}),
        counterparts: [],
      }));
    }
    g.counterparts.push({ ccode: other, name: engine.registry.nameOn(other, o.start), start: o.start, end: o.end });
  }
  const obligationList = [...groups.values()].sort((a, b) => a.treaty.localeCompare(b.treaty) || a.provision.localeCompare(b.provision) || a.direction.localeCompare(b.direction));
  for (const g of obligationList) g.counterparts.sort((a, b) => a.start.localeCompare(b.start) || a.ccode - b.ccode);
  const start = spells.length ? spells[0]!.start : null;
  const end = spells.length && spells.every((s) => s.end !== null) ? spells.map((s) => s.end!).sort().at(-1)! : null;
  // Names of the day: the Soviet Union, not Russia, in 1950.
  const steps: Step[] = spells.map((s) => ({
    text: `${engine.registry.nameOn(code, s.start)} was bound by ${s.treaty} from ${s.start} ${s.end ? `to ${s.end}` : 'with no end yet'}${s.endReason ? ` (${s.endReason})` : ''}.`,
    sources: [],
  }));
  return { treaties: [...treaties.values()], obligations: obligationList, range: { start, end }, steps };
}

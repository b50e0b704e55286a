/**
 * The in-memory temporal index and the queries over it. Built once from treaties and the
 * polity registry; every query is a pure function of the index and its arguments.
 */
import { earliestDay, latestDay, parseCalendarDate, type CalendarDate, type IsoDay } from './dates.js';
import { LookupError } from './errors.js';
import { resolveRefs, type Explanation, type ResolvedSourceRef, type Step, type UsedClaim } from './explain.js';
import { DEFAULT_POLICY, resolveFacts, resolvePartyFacts, type Alternative, type Fact, type ResolutionPolicy } from './facts.js';
import { computeLifecycle, type Lifecycle, type PartySpell } from './lifecycle.js';
import { ALLIANCE_TYPES, PROVISION_TYPES, atopRelease, type AllianceType, type CCode, type DisagreementField, type PartySelector, type Provision, type ProvisionType, type StatedField, type Treaty } from './model.js';
import { matchScore, normalizeName, type PolityRegistry } from './polities.js';
import { evaluateCondition, type ConditionOutcome } from './conditions.js';
import { IntervalIndex } from './interval-index.js';

/** Options for building an engine. */
export interface EngineOptions {
  /** The caller's "today": renewals are unrolled up to it. The core never reads a clock. */
  readonly today: IsoDay;
  readonly policy?: ResolutionPolicy;
  /** Only treaties whose `origin` passes this test are used (e.g. `--source atop`). */
  readonly origin?: (origin: string) => boolean;
  /** Datasets among the treaties that observe alliances over a fixed span of days (ATOP: 1815 to the end of its data). */
  readonly observations?: readonly Observation[];
}

/**
 * A dataset whose records are treaties of the engine, and the days it observes. Its records say
 * nothing of the days outside: an alliance it codes as still in effect on its last day is in
 * force later only by assumption, and alliances formed after it (or before) are not in it.
 */
export interface Observation {
  /** The `origin` of its treaties, e.g. `atop-5.1`. */
  readonly origin: string;
  /** The dataset for people, e.g. `ATOP 5.1`. */
  readonly label: string;
  /** First day it observes (ATOP: 1815-01-01). */
  readonly from: IsoDay;
  /** Last day it observes (ATOP 5.1: 2018-12-31). */
  readonly until: IsoDay;
}

/** A directed obligation from a bearer to a beneficiary under one provision, with when it applies. */
export interface Obligation {
  readonly treaty: string;
  readonly provision: string;
  readonly type: ProvisionType;
  readonly bearer: CCode;
  readonly beneficiary: CCode;
  readonly start: IsoDay;
  readonly end: IsoDay | null;
  readonly condition?: string;
  readonly conditionText?: string;
  readonly summary?: string;
  readonly article?: string;
}

interface Entry {
  readonly treaty: Treaty;
  readonly life: Lifecycle;
  readonly facts: Partial<Record<StatedField, Fact>>;
  readonly start: IsoDay | null;
  readonly end: IsoDay | null;
  readonly spells: readonly PartySpell[];
  readonly steps: readonly Step[];
  /** Normalised id, names and `atop N` keys for search, computed once. */
  readonly searchKeys: readonly string[];
}

/** Answer of `inForce`. */
export interface InForceAnswer {
  readonly treaty: string;
  readonly on: CalendarDate;
  readonly inForce: boolean | 'partly';
  readonly period: { readonly start: IsoDay | null; readonly end: IsoDay | null };
  readonly explanation: Explanation;
  readonly disagreements: readonly Disagreement[];
  /** Caveats on the date: outside the days the treaty's dataset observes (see `Engine.coverageNotices`). */
  readonly notices: readonly string[];
}

/**
 * A fact on which sources disagree, side by side. Treaty-level fields (`signed`, `in-force`,
 * `end`) and party-level ones (`party-end`: when the party's membership ended; `membership`:
 * whether the state was a party at all), which name the party.
 */
export interface Disagreement {
  readonly treaty: string;
  readonly field: DisagreementField;
  readonly party?: { readonly ccode: CCode; readonly name: string };
  readonly value: CalendarDate | null;
  readonly alternatives: readonly Alternative[];
}


/** A party on a date. */
export interface PartyOnDate {
  readonly ccode: CCode;
  readonly name: string;
  readonly since: IsoDay;
  readonly until: IsoDay | null;
  readonly suspended: boolean;
}

/** An ally of a state on a date, with the treaties and obligations linking them. */
export interface Ally {
  readonly ccode: CCode;
  readonly name: string;
  readonly treaties: readonly string[];
  readonly obligations: readonly Obligation[];
}

/** One provision's response to an attack. */
export interface TriggeredObligation {
  readonly treaty: string;
  readonly provision: string;
  readonly type: ProvisionType;
  readonly bearer: CCode;
  readonly bearerName: string;
  readonly beneficiary: CCode;
  /** `triggered`: the obligation applies; `not-triggered`: its condition fails; `undetermined`: a fact is missing; `breached`: the attack itself violates it. */
  readonly status: 'triggered' | 'not-triggered' | 'undetermined' | 'breached';
  readonly condition?: string;
  readonly conditionText?: string;
  readonly reason: string;
}

function inSpan(day: IsoDay, start: IsoDay | null, end: IsoDay | null): boolean {
  return start !== null && day >= start && (end === null || day <= end);
}

function maxDay(a: IsoDay, b: IsoDay): IsoDay {
  return a > b ? a : b;
}
function minEnd(a: IsoDay | null, b: IsoDay | null): IsoDay | null {
  if (a === null) return b;
  if (b === null) return a;
  return a < b ? a : b;
}

/**
 * A state's obligations sorted by the other state, keeping their order otherwise (the engine
 * builds them treaty by treaty in id order). A counting sort on the state code: the engine sorts
 * about 85,000 obligations for ATOP, and a comparison sort was a tenth of its build time.
 */
function sortByOther(code: CCode, list: readonly Obligation[]): Obligation[] {
  const otherOf = (o: Obligation): CCode => (o.bearer === code ? o.beneficiary : o.bearer);
  let max = 0;
  for (const o of list) {
    const other = otherOf(o);
    if (!Number.isInteger(other) || other < 0 || other > 0xffff) return [...list].sort((x, y) => otherOf(x) - otherOf(y));
    if (other > max) max = other;
  }
  const next = new Int32Array(max + 2);
  for (const o of list) next[otherOf(o) + 1]!++;
  for (let i = 1; i < next.length; i++) next[i]! += next[i - 1]!;
  const out = new Array<Obligation>(list.length);
  for (const o of list) out[next[otherOf(o)]!++] = o;
  return out;
}

/**
 * One clause per group of obligations between two states that share direction, condition and
 * dates: "A and B owe each other defense (art. 1) and consultation, 1950-04-11 to 1980-04-11"
 * rather than one clause per obligation and direction. All obligations are between the same two
 * states.
 */
function describeObligations(obligations: readonly Obligation[], nameOf: (c: CCode) => string): string[] {
  const x = obligations[0]!.bearer;
  const y = obligations[0]!.beneficiary;
  // A step has a handful of terms: linear searches on the fields beat string-keyed maps here
  // (this runs for every ally and treaty of every allies() explanation).
  const sameWhen = (a: Obligation, b: Obligation): boolean => a.condition === b.condition && a.conditionText === b.conditionText && a.start === b.start && a.end === b.end;
  // Per term (type, article, condition, dates): whether x owes it to y, y to x, or both.
  const terms: { o: Obligation; xy: boolean; yx: boolean }[] = [];
  for (const o of obligations) {
    let t = terms.find((u) => u.o.type === o.type && u.o.article === o.article && sameWhen(u.o, o));
    if (!t) terms.push((t = { o, xy: false, yx: false }));
    if (o.bearer === x) t.xy = true;
    else t.yx = true;
  }
  const groups: { both: boolean; xy: boolean; o: Obligation; terms: string[] }[] = [];
  for (const { o, xy, yx } of terms) {
    const term = o.article ? `${o.type} (art. ${o.article})` : o.type;
    const g = groups.find((h) => h.both === (xy && yx) && h.xy === xy && sameWhen(h.o, o));
    if (g) g.terms.push(term);
    else groups.push({ both: xy && yx, xy, o, terms: [term] });
  }
  const nx = nameOf(x);
  const ny = nameOf(y);
  return groups.map((g) => {
    const who = g.both ? `${nx} and ${ny} owe each other` : g.xy ? `${nx} owes ${ny}` : `${ny} owes ${nx}`;
    const what = g.terms.length > 1 ? `${g.terms.slice(0, -1).join(', ')} and ${g.terms[g.terms.length - 1]}` : g.terms[0];
    // Condition texts are sentences of their own ("An armed attack on …", "ATOP: only for …"):
    // quoted in parentheses rather than joined with "if".
    const condition = g.o.condition ? ` (condition: ${(g.o.conditionText ?? g.o.condition).replace(/\.\s*$/, '')})` : '';
    return `${who} ${what}${condition}, ${g.o.start} to ${g.o.end ?? 'no end yet'}`;
  });
}

/**
 * The type names as this module's constants. Types read from stored documents are equal strings
 * but other string objects; the index stores the constants, so that looking an obligation's type
 * up in TYPE_BITS in the hot loops compares references, not characters.
 */
const CANONICAL_TYPES = new Map<string, ProvisionType>(PROVISION_TYPES.map((t) => [t, t]));
const canonicalType = (t: ProvisionType): ProvisionType => CANONICAL_TYPES.get(t) ?? t;
/** A bit per type, to test an obligation's type against a set of types with one AND. */
const TYPE_BITS = new Map<string, number>(PROVISION_TYPES.map((t, i) => [t, 1 << i]));
const typeMask = (types: readonly ProvisionType[]): number => types.reduce((m, t) => m | (TYPE_BITS.get(t) ?? 0), 0);
const hasType = (mask: number, o: Obligation): boolean => (mask & (TYPE_BITS.get(o.type) ?? 0)) !== 0;

function expand(sel: PartySelector, members: readonly CCode[], self: CCode | null): CCode[] {
  if (sel === 'all') return [...members];
  if (sel === 'others') return members.filter((m) => m !== self);
  return sel.filter((c) => members.includes(c));
}

/** The treaty engine: answers temporal questions about treaties, parties and obligations. */
export class Engine {
  readonly registry: PolityRegistry;
  readonly today: IsoDay;
  readonly #entries = new Map<string, Entry>();
  /**
   * The obligation index (each state's obligations by time), built on the first query that needs
   * it: analytics over periods and spells (dyad-years, state-years) and treaty lookups never do.
   */
  #index: { byState: Map<CCode, IntervalIndex<Obligation>>; all: Obligation[] } | undefined;
  readonly #spellsByState = new Map<CCode, { treaty: string; spell: PartySpell }[]>();
  readonly #byName = new Map<string, Set<string>>();
  readonly #byAtop = new Map<number, Set<string>>();
  /** Suspension intervals of the obligations whose bearer or beneficiary suspended participation. */
  readonly #suspensions = new Map<Obligation, readonly { start: IsoDay; end: IsoDay | null }[]>();

  /** Datasets among the treaties that observe a fixed span of days (from `EngineOptions.observations`). */
  readonly observations: readonly Observation[];

  constructor(treaties: Iterable<Treaty>, registry: PolityRegistry, options: EngineOptions) {
    this.registry = registry;
    this.today = options.today;
    // Datasets whose records the origin filter leaves out say nothing of this engine's answers.
    this.observations = (options.observations ?? []).filter((o) => !options.origin || options.origin(o.origin));
    const policy = options.policy ?? DEFAULT_POLICY;
    const nameOf = (c: CCode) => registry.nameOf(c);
    const stateEnd = (c: CCode, after: IsoDay) => {
      const gone = registry.cessation(c, after);
      return gone ? { ...gone, source: 'state system membership' } : null;
    };
    // In id order, so that each state's obligations come out grouped by ally and then by treaty.
    for (const t of [...treaties].sort((x, y) => (x.id < y.id ? -1 : x.id > y.id ? 1 : 0))) {
      if (options.origin && !options.origin(t.origin)) continue;
      const life = computeLifecycle(t, { horizon: options.today, nameOf, stateEnd });
      const facts = resolveFacts(t, life, policy);
      const start = facts['in-force']?.value ? earliestDay(facts['in-force'].value) : life.start;
      const endFact = facts.end;
      const end = endFact ? (endFact.value === null ? null : latestDay(endFact.value)) : life.end;
      const steps = [...life.steps];
      if (endFact && endFact.chosen.basis === 'stated' && endFact.value !== life.end) {
        steps.push({ text: `The resolution policy uses the stated end ${endFact.value} (${endFact.chosen.kind}) instead of the computed ${life.end ?? 'open end'}.`, sources: endFact.chosen.sources });
      }
      // Clip (or extend) party spells to the period the policy picked.
      const spells = life.parties
        .map((s) => {
          const sStart = start && s.start < start ? start : s.start;
          const sEnd = s.end === life.end ? end : minEnd(s.end, end);
          return { ...s, start: sStart, end: sEnd };
        })
        .filter((s) => s.end === null || s.end >= s.start);
      const searchKeys = [t.id, ...t.names.map((n) => n.text), ...t.atopids.map((a) => `atop ${a}`)].map(normalizeName);
      const entry: Entry = { treaty: t, life, facts, start, end, spells, steps, searchKeys };
      this.#entries.set(t.id, entry);
      // The id and the names (not the `atop N` keys) are exact-lookup keys too.
      for (const k of searchKeys.slice(0, 1 + t.names.length)) this.#indexName(k, t.id);
      for (const a of t.atopids) {
        let set = this.#byAtop.get(a);
        if (!set) this.#byAtop.set(a, (set = new Set()));
        set.add(t.id);
      }
      for (const s of spells) {
        let list = this.#spellsByState.get(s.state);
        if (!list) this.#spellsByState.set(s.state, (list = []));
        list.push({ treaty: t.id, spell: s });
      }
    }
  }

  #indexName(k: string, id: string): void {
    let set = this.#byName.get(k);
    if (!set) this.#byName.set(k, (set = new Set()));
    set.add(id);
  }

  /** The obligation index, built now if this is the first query that needs it. */
  #obligationIndex(): { byState: Map<CCode, IntervalIndex<Obligation>>; all: Obligation[] } {
    if (this.#index) return this.#index;
    const lists = new Map<CCode, Obligation[]>();
    const all: Obligation[] = [];
    for (const e of this.#entries.values()) this.#indexObligations(e, lists, all);
    // Each state's obligations sorted by the other state, then treaty id, then as built: the
    // order in which allies() lists them, so that grouping them needs no map and no sort.
    const byState = new Map<CCode, IntervalIndex<Obligation>>();
    for (const [c, list] of lists) byState.set(c, new IntervalIndex(sortByOther(c, list)));
    return (this.#index = { byState, all });
  }

  /**
   * Builds the obligation index now rather than on the first query (a server does this before
   * it listens). Returns the number of obligations.
   */
  prepare(): number {
    return this.#obligationIndex().all.length;
  }

  #indexObligations(e: Entry, byState: Map<CCode, Obligation[]>, all: Obligation[]): void {
    // A state may hold several spells (it left and rejoined); pair every spell of a bearer with
    // every spell of a beneficiary, but list each state once.
    const spellsOf = new Map<CCode, PartySpell[]>();
    for (const s of e.spells) {
      const list = spellsOf.get(s.state);
      if (list) list.push(s);
      else spellsOf.set(s.state, [s]);
    }
    const members = [...spellsOf.keys()];
    const push = (c: CCode, o: Obligation): void => {
      const list = byState.get(c);
      if (list) list.push(o);
      else byState.set(c, [o]);
    };
    for (const p of e.treaty.provisions) {
      const bearers = expand(p.bearers, members, null);
      const listed = p.beneficiaries === 'others' || p.beneficiaries === 'all' ? members : expand(p.beneficiaries, members, null);
      for (const b of bearers) {
        for (const r of listed) {
          if (r === b) continue;
          for (const bs of spellsOf.get(b)!) {
            for (const rs of spellsOf.get(r)!) {
              let start = maxDay(bs.start, rs.start);
              if (p.from) start = maxDay(start, p.from);
              const end = minEnd(minEnd(bs.end, rs.end), p.until ?? null);
              if (end !== null && end < start) continue;
              // One object shape for every obligation (absent texts are undefined), so the hot
              // loops over them stay monomorphic.
              const o: Obligation = {
                treaty: e.treaty.id,
                provision: p.id,
                type: canonicalType(p.type),
                bearer: b,
                beneficiary: r,
                start,
                end,
                condition: p.condition,
                conditionText: p.conditionText,
                summary: p.summary,
                article: p.article,
              };
              all.push(o);
              if (bs.suspended.length || rs.suspended.length) {
                const suspended = [...bs.suspended.filter((x) => x.towards === undefined || x.towards === r), ...rs.suspended.filter((x) => x.towards === undefined || x.towards === b)];
                if (suspended.length) this.#suspensions.set(o, suspended);
              }
              push(b, o);
              push(r, o);
            }
          }
        }
      }
    }
  }


  /** Ids of every treaty in the engine. */
  treatyIds(): string[] {
    return [...this.#entries.keys()].sort();
  }

  /** The treaty record with this id, if any. */
  getTreaty(id: string): Treaty | undefined {
    return this.#entries.get(id)?.treaty;
  }

  /**
   * Finds a treaty by id, any of its names (any script, any case) or `atop:<id>`.
   * Throws `LookupError` E_TREATY_UNKNOWN (with suggestions) or E_TREATY_AMBIGUOUS.
   */
  resolveTreaty(query: string): string {
    const q = query.trim();
    if (this.#entries.has(q)) return q;
    const atop = /^atop[:\s-]?(\d+)$/i.exec(q) ?? (/^\d+$/.test(q) ? [q, q] : null);
    if (atop) {
      const ids = [...(this.#byAtop.get(Number(atop[1])) ?? [])];
      if (ids.length === 1) return ids[0]!;
      if (ids.length > 1) return ids.find((i) => this.#entries.get(i)!.treaty.origin === 'curated') ?? ids[0]!;
    }
    const exact = [...(this.#byName.get(normalizeName(q)) ?? [])];
    if (exact.length === 1) return exact[0]!;
    const found = exact.length ? exact : this.searchTreaties(q, 10).map((t) => t.id);
    // A lone loose match stands for the treaty only when the query names it in words: "365.0"
    // or "3.200" loosely match "atop 3650" and "atop 3200", which is a guess, not a name.
    const inWords = /\p{L}/u.test(q);
    if (inWords && found.length === 1 && exact.length === 0 && this.searchTreaties(q, 2).length === 1) return found[0]!;
    if (exact.length > 1) {
      throw new LookupError('E_TREATY_AMBIGUOUS', `'${query}' names more than one treaty`, exact.map((id) => ({ id, label: this.#label(id) })), { hint: 'use the treaty id' });
    }
    // Nothing matches: a wrong year or number ("sino-soviet-1951") still names the treaties of its words.
    const words = normalizeName(q).split(' ');
    const lettered = words.filter((w) => !/\d/.test(w));
    const near = found.length || lettered.length === 0 || lettered.length === words.length ? found : this.searchTreaties(lettered.join(' '), 5).map((t) => t.id);
    throw new LookupError('E_TREATY_UNKNOWN', `no treaty is called '${query}'`, near.map((id) => ({ id, label: this.#label(id) })), {
      hint: near.length ? `did you mean ${near.slice(0, 5).join(', ')}?` : 'search for it by any of its names, or by its ATOP id as atop:<id>',
    });
  }

  #label(id: string): string {
    const t = this.#entries.get(id)!.treaty;
    return t.names.find((n) => n.lang === 'en')?.text ?? t.names[0]?.text ?? id;
  }

  /** Treaties whose id or names contain the query, best first. */
  searchTreaties(query: string, limit = 20): { id: string; name: string; names: readonly string[]; score: number }[] {
    const q = normalizeName(query);
    if (!q) return [];
    const words = q.split(' ');
    const out: { id: string; name: string; names: readonly string[]; score: number }[] = [];
    const loose = (k: string) => words.every((w) => k.includes(w));
    for (const [id, e] of this.#entries) {
      const best = matchScore(q, e.searchKeys, loose);
      if (best < Infinity) out.push({ id, name: this.#label(id), names: e.treaty.names.map((n) => n.text), score: best });
    }
    // Among equal matches, treaties with names of their own before the ATOP records, whose labels are member codes.
    const atop = (id: string): number => (atopRelease(this.#entries.get(id)!.treaty.origin) === undefined ? 0 : 1);
    return out.sort((a, b) => a.score - b.score || atop(a.id) - atop(b.id) || a.id.localeCompare(b.id)).slice(0, limit);
  }

  #entry(query: string): Entry {
    return this.#entries.get(this.resolveTreaty(query))!;
  }

  #claims(e: Entry, fields: readonly StatedField[]): UsedClaim[] {
    const out: UsedClaim[] = [];
    for (const f of fields) {
      const fact = e.facts[f];
      if (fact) out.push({ treaty: e.treaty.id, fact: f, value: fact.value ?? 'open (not ended)', sources: fact.chosen.sources });
    }
    return out;
  }

  /** The disagreements about a treaty: its dates, then (unless `treatyOnly`) its parties'. */
  #disagreements(e: Entry, treatyOnly = false): Disagreement[] {
    const treatyLevel = Object.values(e.facts)
      .filter((f): f is Fact => !!f && f.disagreement)
      .map((f): Disagreement => ({ treaty: e.treaty.id, field: f.field, value: f.value, alternatives: f.alternatives }));
    if (treatyOnly) return treatyLevel;
    const partyLevel = resolvePartyFacts(e.treaty, e.spells, new Set(e.life.parties.map((s) => s.state)))
      .filter((f) => f.disagreement)
      .map((f): Disagreement => {
        // The party's name when it joined (or when the treaty began), also for a disagreement on when
        // it left: the Soviet Union, not Russia, for the 1941 neutrality pact.
        const day = e.spells.find((s) => s.state === f.party)?.start ?? e.start;
        return { treaty: e.treaty.id, field: f.field, party: { ccode: f.party, name: day ? this.registry.nameOn(f.party, day) : this.registry.nameOf(f.party) }, value: f.value, alternatives: f.alternatives };
      });
    return [...treatyLevel, ...partyLevel];
  }

  /** Everything known about a treaty: names, facts with alternatives, parties, provisions, relations, steps. */
  treaty(query: string) {
    const e = this.#entry(query);
    const t = e.treaty;
    const signedValue = e.facts.signed?.value;
    const signed = signedValue ? earliestDay(parseCalendarDate(signedValue)) : null;
    return {
      id: t.id,
      name: this.#label(t.id),
      names: t.names.map((n) => ({ ...n, sources: resolveRefs(n.sources ?? [], t.sources, t.id) })),
      atopids: t.atopids,
      origin: t.origin,
      summary: t.summary ?? null,
      facts: e.facts,
      period: { start: e.start, end: e.end },
      periods: e.life.periods,
      // States bear their names of the day: the Soviet Union, not Russia, in 1950.
      parties: e.spells.map((s) => ({ ccode: s.state, name: this.registry.nameOn(s.state, s.start), start: s.start, end: s.end, endReason: s.endReason ?? null, suspended: s.suspended })),
      signatories: t.signatories.map((s) => ({ ...s, partyName: s.party !== undefined ? (signed ? this.registry.nameOn(s.party, signed) : this.registry.nameOf(s.party)) : null, sources: resolveRefs(s.sources, t.sources, t.id) })),
      events: t.events.map((ev) => ({ ...ev, partyName: ev.party !== undefined ? this.registry.nameOn(ev.party, earliestDay(parseCalendarDate(ev.date))) : null, sources: resolveRefs(ev.sources, t.sources, t.id) })),
      duration: t.duration ? { ...t.duration, sources: resolveRefs(t.duration.sources, t.sources, t.id) } : null,
      provisions: t.provisions.map((p) => ({ ...p, sources: resolveRefs(p.sources, t.sources, t.id) })),
      relations: t.relations.map((r) => ({ ...r, name: this.#entries.has(r.treaty) ? this.#label(r.treaty) : null, sources: resolveRefs(r.sources, t.sources, t.id) })),
      relatedFrom: this.#incomingRelations(t.id),
      sources: Object.values(t.sources),
      disagreements: this.#disagreements(e),
      explanation: { claims: this.#claims(e, ['signed', 'in-force', 'end']), steps: e.steps } satisfies Explanation,
    };
  }

  /** Relations other treaties state towards this one, with their notes and sources. */
  #incomingRelations(id: string) {
    const out: { type: string; treaty: string; name: string; note?: string; sources: readonly ResolvedSourceRef[] }[] = [];
    for (const [other, e] of this.#entries) {
      for (const r of e.treaty.relations) {
        if (r.treaty === id) out.push({ type: r.type, treaty: other, name: this.#label(other), ...(r.note ? { note: r.note } : {}), sources: resolveRefs(r.sources, e.treaty.sources, other) });
      }
    }
    return out;
  }

  /** Whether the treaty was in force on a date (a vague date is "partly" when the treaty covers only part of it). */
  inForce(query: string, on: CalendarDate): InForceAnswer {
    const e = this.#entry(query);
    const date = parseCalendarDate(on);
    const first = earliestDay(date);
    const last = latestDay(date);
    const all = inSpan(first, e.start, e.end) && inSpan(last, e.start, e.end);
    const some = e.start !== null && e.start <= last && (e.end === null || e.end >= first);
    const inForce = all ? true : some ? 'partly' : false;
    const verdict: Step = {
      text:
        e.start === null
          ? 'The treaty never entered into force.'
          : `In force from ${e.start} ${e.end ? `to ${e.end}` : 'with no end yet'}; ${date} is ${inForce === true ? 'inside' : inForce === 'partly' ? 'partly inside' : 'outside'} that period.`,
      sources: [],
    };
    return {
      treaty: e.treaty.id,
      on: date,
      inForce,
      period: { start: e.start, end: e.end },
      explanation: { claims: this.#claims(e, ['signed', 'in-force', 'end']), steps: [...e.steps, verdict] },
      // The dates only: whether the treaty was in force does not turn on one party's exit.
      disagreements: this.#disagreements(e, true),
      notices: this.#treatyNotices(e, first, inForce !== false),
    };
  }

  /** The parties bound by a treaty on a date. */
  parties(query: string, on: CalendarDate) {
    const e = this.#entry(query);
    const day = earliestDay(parseCalendarDate(on));
    const parties: PartyOnDate[] = e.spells
      .filter((s) => inSpan(day, s.start, s.end))
      .map((s) => ({ ccode: s.state, name: this.registry.nameOn(s.state, day), since: s.start, until: s.end, suspended: s.suspended.some((x) => inSpan(day, x.start, x.end)) }));
    return {
      treaty: e.treaty.id,
      on: parseCalendarDate(on),
      parties,
      notices: this.#treatyNotices(e, day, parties.length > 0),
      explanation: { claims: this.#claims(e, ['in-force', 'end']), steps: e.steps } satisfies Explanation,
    };
  }

  /** Treaties a state was bound by on a date. */
  treatiesOf(state: string | number, on: CalendarDate) {
    const day = earliestDay(parseCalendarDate(on));
    const code = this.registry.resolve(state, day);
    const list = (this.#spellsByState.get(code) ?? []).filter(({ spell }) => inSpan(day, spell.start, spell.end));
    const ids = [...new Set(list.map((l) => l.treaty))].sort();
    return {
      state: { ccode: code, name: this.registry.nameOn(code, day) },
      on: parseCalendarDate(on),
      treaties: ids.map((id) => {
        const spell = list.find((l) => l.treaty === id)!.spell;
        const e = this.#entries.get(id)!;
        return { id, name: this.#label(id), origin: e.treaty.origin, since: spell.start, until: spell.end, parties: e.spells.filter((s) => inSpan(day, s.start, s.end)).map((s) => s.state) };
      }),
      notices: [...this.#stateNotices(day, [code]), ...this.coverageNotices(day, ids)],
      explanation: {
        claims: ids.flatMap((id) => this.#claims(this.#entries.get(id)!, ['in-force', 'end'])),
        steps: list.map(({ treaty, spell }) => ({ text: `${this.registry.nameOn(code, day)} was bound by ${treaty} from ${spell.start} ${spell.end ? `to ${spell.end}` : 'with no end yet'}.`, sources: [] })),
      } satisfies Explanation,
    };
  }

  /**
   * Obligations touching a state on a date (as bearer or beneficiary), optionally of some types,
   * sorted by the other state, then by treaty.
   */
  obligationsOn(code: CCode, day: IsoDay, types?: readonly ProvisionType[]): Obligation[] {
    const index = this.#obligationIndex().byState.get(code);
    if (!index) return [];
    const mask = types && typeMask(types);
    if (this.#suspensions.size === 0) return mask === undefined ? index.on(day) : index.on(day, (o) => hasType(mask, o));
    return index.on(day, (o) => (mask === undefined || hasType(mask, o)) && !this.#suspended(o, day));
  }

  #suspended(o: Obligation, day: IsoDay): boolean {
    const intervals = this.#suspensions.get(o);
    return intervals !== undefined && intervals.some((x) => inSpan(day, x.start, x.end));
  }

  /** Codes of the states allied with `code` on `day` (any alliance obligation, either direction). */
  allyCodes(code: CCode, day: IsoDay, types: readonly ProvisionType[] = ALLIANCE_TYPES): CCode[] {
    const codes: CCode[] = [];
    for (const o of this.obligationsOn(code, day, types)) {
      const other = o.bearer === code ? o.beneficiary : o.bearer;
      if (codes[codes.length - 1] !== other) codes.push(other);
    }
    return codes;
  }

  /**
   * Allies of a state (by code) on a day, with the obligations linking them, without building an
   * explanation: the fast path for analytics and the API's hot loop.
   */
  alliesOf(code: CCode, day: IsoDay, types: readonly ProvisionType[] = ALLIANCE_TYPES): Ally[] {
    const allies: Ally[] = [];
    const index = this.#obligationIndex().byState.get(code);
    if (!index) return allies;
    const suspensions = this.#suspensions.size > 0;
    const mask = typeMask(types);
    let obligations: Obligation[] = [];
    let treaties: string[] = [];
    let current: CCode | undefined;
    // The index lists a state's obligations by ally, then treaty: one pass groups them, with no
    // intermediate list (this is the hot loop of allies() and of the API).
    index.forEachOn(day, (o) => {
      if (!hasType(mask, o) || (suspensions && this.#suspended(o, day))) return;
      const other = o.bearer === code ? o.beneficiary : o.bearer;
      if (other !== current) {
        current = other;
        obligations = [];
        treaties = [];
        allies.push({ ccode: other, name: this.registry.nameOn(other, day), treaties, obligations });
      }
      obligations.push(o);
      if (treaties[treaties.length - 1] !== o.treaty) treaties.push(o.treaty);
    });
    return allies;
  }


  /**
   * Caveats for an answer about `day` that rests on `treaties`: the day lies outside the span a
   * dataset of the engine observes. After it, the dataset's alliances in the answer are in force
   * only because the dataset records them as still in effect on its last day. The texts do not
   * name the day, so that answers on different days with the same treaties stay equal.
   */
  coverageNotices(day: IsoDay, treaties: Iterable<string>): string[] {
    const out: string[] = [];
    for (const o of this.observations) {
      if (day > o.until) {
        const assumed = [...new Set(treaties)].filter((id) => this.#entries.get(id)?.treaty.origin === o.origin).sort();
        const listed = assumed.length > 5 ? `${assumed.slice(0, 5).join(', ')} and ${assumed.length - 5} more` : assumed.join(', ');
        const one = assumed.length === 1;
        out.push(
          `${o.label}'s data end on ${o.until}, before the date asked. ` +
            (assumed.length ? `${assumed.length} ${one ? 'alliance' : 'alliances'} of this answer (${listed}) ${one ? 'is' : 'are'} taken to be still in force because ${o.label} records ${one ? 'it' : 'them'} in effect on its last day; ${one ? 'it' : 'they'} may have ended since. ` : '') +
            `Alliances formed after ${o.until}, and states that joined alliances after it, are not in ${o.label}.`,
        );
      } else if (day < o.from) {
        out.push(`${o.label}'s data begin on ${o.from}, after the date asked: ${this.#otherOrigins ? 'only treaties from other sources can answer for it' : 'it has nothing to say of that day, and no other source is in use'}.`);
      }
    }
    return out;
  }

  /** Whether the engine holds treaties from sources other than its observed datasets (curated files). */
  get #otherOrigins(): boolean {
    return (this.#hasOtherOrigins ??= [...this.#entries.values()].some((e) => !this.observations.some((o) => o.origin === e.treaty.origin)));
  }
  #hasOtherOrigins: boolean | undefined;

  /**
   * Notices of an answer about one treaty on `day`: only for a record of an observed dataset,
   * naming it when the answer takes it to be in force.
   */
  #treatyNotices(e: Entry, day: IsoDay, inForce: boolean): string[] {
    return this.observations.some((o) => o.origin === e.treaty.origin) ? this.coverageNotices(day, inForce ? [e.treaty.id] : []) : [];
  }

  /**
   * Notices for states of an answer that were not members of the state system on `day` (Estonia
   * in 1960): their answer is empty or anachronistic. Day-free, as `coverageNotices`.
   */
  #stateNotices(day: IsoDay, codes: readonly CCode[]): string[] {
    return codes.filter((c) => !this.registry.existsOn(c, day)).map((c) => `${this.registry.nameOf(c)} (${c}) was not a member of the state system on the date asked, by the state list in use.`);
  }

  /** Whether `day` is after the span of a dataset, so that the treaties of an answer matter to its notices. */
  #afterObservations(day: IsoDay): boolean {
    return this.observations.some((o) => day > o.until);
  }

  /** Allies of a state on a date: states sharing an alliance obligation in force, in either direction. */
  allies(state: string | number, on: CalendarDate, options: { type?: AllianceType | readonly AllianceType[] } = {}) {
    const date = parseCalendarDate(on);
    const day = earliestDay(date);
    const code = this.registry.resolve(state, day);
    const types: readonly ProvisionType[] = options.type === undefined ? ALLIANCE_TYPES : typeof options.type === 'string' ? [options.type] : options.type;
    const allies = this.alliesOf(code, day, types);
    // The explanation is built when first read (JSON output reads it), not for in-process callers
    // that only want the allies.
    let explanation: Explanation | undefined;
    const explain = (): Explanation => {
      const treatyIds = [...new Set(allies.flatMap((a) => a.treaties))];
      // One step per ally and treaty (not per obligation), citing each provision's sources once:
      // the answer stays checkable and its size grows with the allies, not with the obligations.
      const steps: Step[] = [];
      for (const a of allies) {
        // An ally's obligations come sorted by treaty: each run is one step.
        for (let i = 0; i < a.obligations.length; ) {
          const treaty = a.obligations[i]!.treaty;
          let j = i;
          while (j < a.obligations.length && a.obligations[j]!.treaty === treaty) j++;
          const obligations = a.obligations.slice(i, j);
          i = j;
          // A step cites a few sources: linear searches, no string keys.
          const provisions: string[] = [];
          const sources: ResolvedSourceRef[] = [];
          for (const o of obligations) {
            if (provisions.includes(o.provision)) continue;
            provisions.push(o.provision);
            for (const r of this.#provisionSources(o)) if (!sources.some((q) => q.source === r.source && q.at === r.at)) sources.push(r);
          }
          steps.push({ text: `${treaty}: ${describeObligations(obligations, (c) => this.registry.nameOn(c, day)).join('; ')}.`, sources });
        }
      }
      return { claims: treatyIds.flatMap((id) => this.#claims(this.#entries.get(id)!, ['in-force', 'end'])), steps };
    };
    return {
      state: { ccode: code, name: this.registry.nameOn(code, day) },
      on: date,
      types,
      allies,
      notices: [...this.#stateNotices(day, [code]), ...this.coverageNotices(day, this.#afterObservations(day) ? allies.flatMap((a) => a.treaties) : [])],
      get explanation(): Explanation {
        return (explanation ??= explain());
      },
    };
  }

  #provisionSources(o: Obligation): readonly ResolvedSourceRef[] {
    // Resolved once per provision: explanations cite the same provisions over and over.
    const key = `${o.treaty}\u0000${o.provision}`;
    let refs = this.#resolvedProvisionSources.get(key);
    if (!refs) {
      const t = this.#entries.get(o.treaty)!.treaty;
      const p = t.provisions.find((x) => x.id === o.provision);
      refs = p ? resolveRefs(p.sources, t.sources, t.id) : [];
      this.#resolvedProvisionSources.set(key, refs);
    }
    return refs;
  }
  readonly #resolvedProvisionSources = new Map<string, readonly ResolvedSourceRef[]>();


  /** What a state owed, and was owed, on a date: every provision with its conditions. */
  obligations(state: string | number, on: CalendarDate) {
    const date = parseCalendarDate(on);
    const day = earliestDay(date);
    const code = this.registry.resolve(state, day);
    const all = this.obligationsOn(code, day);
    const group = (list: Obligation[], side: 'bearer' | 'beneficiary') => {
      const m = new Map<string, { treaty: string; provision: string; type: ProvisionType; article?: string; summary?: string; condition?: string; conditionText?: string; parties: { ccode: CCode; name: string }[] }>();
      for (const o of list) {
        const key = `${o.treaty}/${o.provision}`;
        let g = m.get(key);
        if (!g) {
          m.set(key, (g = { treaty: o.treaty, provision: o.provision, type: o.type, ...(o.article ? { article: o.article } : {}), ...(o.summary ? { summary: o.summary } : {}), ...(o.condition ? { condition: o.condition } : {}), ...(o.conditionText ? { conditionText: o.conditionText } : {}), parties: [] }));
        }
        const other = side === 'bearer' ? o.beneficiary : o.bearer;
        if (!g.parties.some((p) => p.ccode === other)) g.parties.push({ ccode: other, name: this.registry.nameOn(other, day) });
      }
      // By treaty and provision (obligationsOn lists them by the other state).
      return [...m.values()].sort((a, b) => (a.treaty < b.treaty ? -1 : a.treaty > b.treaty ? 1 : a.provision < b.provision ? -1 : a.provision > b.provision ? 1 : 0));
    };
    const owes = group(all.filter((o) => o.bearer === code), 'bearer');
    const owed = group(all.filter((o) => o.beneficiary === code), 'beneficiary');
    return {
      state: { ccode: code, name: this.registry.nameOn(code, day) },
      on: date,
      owes: owes.map(({ parties, ...g }) => ({ ...g, to: parties })),
      owedBy: owed.map(({ parties, ...g }) => ({ ...g, from: parties })),
      notices: [...this.#stateNotices(day, [code]), ...this.coverageNotices(day, all.map((o) => o.treaty))],
      explanation: {
        claims: [...new Set(all.map((o) => o.treaty))].flatMap((id) => this.#claims(this.#entries.get(id)!, ['in-force', 'end'])),
        steps: all.map((o) => ({ text: `${o.treaty}/${o.provision}: ${this.registry.nameOn(o.bearer, day)} → ${this.registry.nameOn(o.beneficiary, day)} (${o.type}), ${o.start}–${o.end ?? 'open'}.`, sources: this.#provisionSources(o) })),
      } satisfies Explanation,
    };
  }

  /**
   * Which obligations an attack by `attacker` on `target` on a date would trigger, for whom,
   * with every condition evaluated; and which non-aggression pledges the attack would breach.
   */
  triggered(attackerQ: string | number, targetQ: string | number, on: CalendarDate, context: { location?: string; provoked?: boolean; conflict?: string } = {}) {
    const date = parseCalendarDate(on);
    const day = earliestDay(date);
    const attacker = this.registry.resolve(attackerQ, day);
    const target = this.registry.resolve(targetQ, day);
    const attackerAllies = this.allyCodes(attacker, day);
    const targetAllies = this.allyCodes(target, day);
    const ctx = { attacker, target, attackerAllies, targetAllies, ...context };
    const results: TriggeredObligation[] = [];
    const steps: Step[] = [
      {
        text: `On ${day}, ${this.registry.nameOn(attacker, day)} was allied with ${attackerAllies.map((c) => this.registry.nameOn(c, day)).join(', ') || 'no state'}; ${this.registry.nameOn(target, day)} with ${targetAllies.map((c) => this.registry.nameOn(c, day)).join(', ') || 'no state'}.`,
        sources: [],
      },
    ];
    const respond: readonly ProvisionType[] = ['defense', 'offense', 'neutrality', 'consultation'];
    for (const o of this.obligationsOn(target, day, respond)) {
      if (o.beneficiary !== target || o.bearer === attacker) continue;
      const outcome: ConditionOutcome = o.condition ? evaluateCondition(o.condition, ctx) : { status: 'met' };
      const status = outcome.status === 'met' ? 'triggered' : outcome.status === 'not-met' ? 'not-triggered' : 'undetermined';
      const reason = !o.condition
        ? 'unconditional'
        : outcome.status === 'met'
          ? `condition met: ${o.conditionText ?? o.condition}`
          : outcome.status === 'not-met'
            ? `condition not met: ${o.conditionText ?? o.condition}`
            : outcome.message;
      results.push({
        treaty: o.treaty,
        provision: o.provision,
        type: o.type,
        bearer: o.bearer,
        bearerName: this.registry.nameOn(o.bearer, day),
        beneficiary: o.beneficiary,
        status,
        ...(o.condition ? { condition: o.condition } : {}),
        ...(o.conditionText ? { conditionText: o.conditionText } : {}),
        reason,
      });
      steps.push({ text: `${o.treaty}/${o.provision} (${o.type}${o.article ? `, art. ${o.article}` : ''}): ${this.registry.nameOn(o.bearer, day)} for ${this.registry.nameOn(target, day)}: ${status} (${reason}).`, sources: this.#provisionSources(o) });
    }
    for (const o of this.obligationsOn(attacker, day, ['nonaggression'])) {
      if (o.bearer !== attacker || o.beneficiary !== target) continue;
      results.push({ treaty: o.treaty, provision: o.provision, type: o.type, bearer: attacker, bearerName: this.registry.nameOn(attacker, day), beneficiary: target, status: 'breached', reason: `${this.registry.nameOn(attacker, day)} pledged not to attack ${this.registry.nameOn(target, day)}` });
      steps.push({ text: `${o.treaty}/${o.provision}: the attack breaches ${this.registry.nameOn(attacker, day)}'s non-aggression pledge.`, sources: this.#provisionSources(o) });
    }
    results.sort((a, b) => a.treaty.localeCompare(b.treaty) || a.provision.localeCompare(b.provision) || a.bearer - b.bearer);
    return {
      attacker: { ccode: attacker, name: this.registry.nameOn(attacker, day) },
      target: { ccode: target, name: this.registry.nameOn(target, day) },
      on: date,
      context,
      obligations: results,
      notices: [...this.#stateNotices(day, [attacker, target]), ...this.coverageNotices(day, results.map((r) => r.treaty))],
      explanation: { claims: [...new Set(results.map((r) => r.treaty))].flatMap((id) => this.#claims(this.#entries.get(id)!, ['in-force', 'end'])), steps } satisfies Explanation,
    };
  }

  /** Facts on which sources disagree, optionally for one treaty or one field. */
  disagreements(options: { treaty?: string; field?: DisagreementField } = {}): Disagreement[] {
    const ids = options.treaty ? [this.resolveTreaty(options.treaty)] : [...this.#entries.keys()].sort();
    return ids.flatMap((id) => this.#disagreements(this.#entries.get(id)!)).filter((d) => !options.field || d.field === options.field);
  }

  /** Every facts record, for one treaty. */
  facts(query: string): Partial<Record<StatedField, Fact>> {
    return this.#entry(query).facts;
  }

  /** All obligations in the index (each once), for analytics. */
  *allObligations(): Iterable<Obligation> {
    yield* this.#obligationIndex().all;
  }

  /** Computed period and party spells of every treaty, for analytics and exports. */
  *periods(): Iterable<{ treaty: Treaty; start: IsoDay | null; end: IsoDay | null; spells: readonly PartySpell[] }> {
    for (const e of this.#entries.values()) yield { treaty: e.treaty, start: e.start, end: e.end, spells: e.spells };
  }
}

/** Provision types that make states allies (re-exported for callers). */
export { ALLIANCE_TYPES };
export type { Provision };

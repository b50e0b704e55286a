/**
 * Alliance years: which states shared which alliance in which year, and who owed whom what,
 * computed from the engine's party spells, provisions and obligations by the rules the ATOP
 * codebook gives for its state-year, dyad-year and directed dyad-year files (§2.5–2.7):
 *
 * - an alliance is a treaty with at least one provision of the five ATOP types (the selected
 *   ones); treaties that carry the same ATOP id (a curated file and the ATOP record) count once;
 * - two states share it in a year when both are members on at least one common day of that year
 *   (ATOP: "we eliminate cases in which one state joined the alliance after the other terminated
 *   its affiliation with the alliance in the same year"), within the same provision scope, so
 *   that members of an ATOP phase pair only with members of that phase (concurrent phases after a
 *   state succession are separate bilateral alliances, codebook footnote 10);
 * - A's flags toward B are the types of the obligations A bears toward B in force on any day of
 *   the year (asymmetric obligations come out directed);
 * - a year is a transition year (TRANSYR) when a shared membership or an obligation between the
 *   two starts or ends in it.
 *
 * Work is split into a one-off index (records with a first and a last year) and a sweep over the
 * years, so that callers generate output year by year with memory bounded by one year's rows.
 */
import type { Engine, Obligation } from '../core/engine.js';
import { nextDay, yearOf, type IsoDay } from '../core/dates.js';
import type { PartySpell } from '../core/lifecycle.js';
import { ALLIANCE_TYPES, type AllianceType, type CCode, type PartySelector, type Treaty } from '../core/model.js';

/** Year used for an open end (still in force at the end of the data). */
export const OPEN_YEAR = 9999;

/** ATOP's column name of each obligation type. */
export const ATOP_COLUMNS: Readonly<Record<AllianceType, string>> = {
  defense: 'defense',
  offense: 'offense',
  neutrality: 'neutral',
  nonaggression: 'nonagg',
  consultation: 'consul',
};

/** Bit of each obligation type in the `bits` of an aggregate. */
export const TYPE_BITS: Readonly<Record<AllianceType, number>> = { defense: 1, offense: 2, neutrality: 4, nonaggression: 8, consultation: 16 };

/** A closed range of years. */
export interface YearRange {
  readonly from: number;
  readonly to: number;
}

/** Options shared by the alliance-year generators. */
export interface AllianceYearOptions {
  /** Obligation types that make an alliance and fill the flag columns; default the ATOP five. */
  readonly types?: readonly AllianceType[];
  /** Leave out alliances whose only obligation is non-aggression, as ATOP's NNA files do. */
  readonly nna?: boolean;
  /** Years the alliance data cover; alliance years outside are not produced (default: any year). */
  readonly coverage?: YearRange | null;
  /**
   * States that may appear in dyads. Default: codes below 1000, i.e. real COW codes; ATOP leaves
   * its placeholder 8152 (Annam, no COW code) out of its dyad-year files (codebook footnote 18).
   */
  readonly dyadState?: (ccode: CCode) => boolean;
}

/** An alliance as the outputs count it: an ATOP id, or a treaty without one. */
export interface AllianceInfo {
  /** `atop:<id>` or the treaty id. */
  readonly key: string;
  readonly atopid: number | null;
  readonly treaties: readonly string[];
  /** ASYMM: obligations differ between members (a type or a condition one way but not the other). */
  readonly asymmetric: boolean;
}

/** Members that pair with each other over a window of days (an ATOP phase, or the whole treaty). */
interface Scope {
  readonly codes: readonly CCode[];
  readonly from: IsoDay | null;
  readonly until: IsoDay | null;
  /** BILAT: no more than two members at any point of the window. */
  readonly bilateral: boolean;
}

interface Entry {
  readonly alliance: number;
  readonly treaty: Treaty;
  readonly spells: ReadonlyMap<CCode, readonly PartySpell[]>;
  readonly scopes: readonly Scope[];
  /** Obligations of the selected types. */
  readonly obligations: readonly Obligation[];
}

/** Default dyad states: real COW codes. */
export const cowCodesOnly = (ccode: CCode): boolean => ccode > 0 && ccode < 1000;

const endYear = (day: IsoDay | null): number => (day === null ? OPEN_YEAR : yearOf(day));
const later = (a: IsoDay, b: IsoDay | null): IsoDay => (b !== null && b > a ? b : a);
const earlier = (a: IsoDay | null, b: IsoDay | null): IsoDay | null => (a === null ? b : b === null ? a : a < b ? a : b);

/** Records with a first and last year, a kind and a value, kept in parallel arrays. */
class Records {
  readonly a: number[] = [];
  readonly b: number[] = [];
  readonly y1: number[] = [];
  readonly y2: number[] = [];
  /** 0: shared membership (val = alliance, flag = bilateral); 1: obligation (val = bits); 2: transition year. */
  readonly kind: number[] = [];
  readonly val: number[] = [];
  readonly flag: number[] = [];

  push(a: number, b: number, y1: number, y2: number, kind: number, val: number, flag = 0): void {
    this.a.push(a);
    this.b.push(b);
    this.y1.push(y1);
    this.y2.push(y2);
    this.kind.push(kind);
    this.val.push(val);
    this.flag.push(flag);
  }

  get size(): number {
    return this.a.length;
  }

  /** Record indices ordered by first year. */
  order(): Int32Array {
    const idx = Int32Array.from({ length: this.size }, (_, i) => i);
    return idx.sort((x, y) => this.y1[x]! - this.y1[y]!);
  }
}

/** Yields, for each year from `from` to `to`, the records in force in it. */
function* sweep(rec: Records, from: number, to: number): Generator<{ year: number; active: readonly number[] }> {
  const order = rec.order();
  let next = 0;
  let active: number[] = [];
  for (let year = from; year <= to; year++) {
    while (next < order.length && rec.y1[order[next]!]! <= year) active.push(order[next++]!);
    active = active.filter((i) => rec.y2[i]! >= year);
    yield { year, active };
  }
}

/** The largest number of distinct alliances (with an ATOP id) one key shares in one year. */
function maxPerYear(rec: Records, alliances: readonly AllianceInfo[], key: (i: number) => number, years: YearRange): number {
  const byKey = new Map<number, Map<number, [number, number][]>>();
  for (let i = 0; i < rec.size; i++) {
    if (rec.kind[i] !== 0 || alliances[rec.val[i]!]!.atopid === null) continue;
    const y1 = Math.max(rec.y1[i]!, years.from);
    const y2 = Math.min(rec.y2[i]!, years.to);
    if (y1 > y2) continue;
    const k = key(i);
    let m = byKey.get(k);
    if (!m) byKey.set(k, (m = new Map()));
    let list = m.get(rec.val[i]!);
    if (!list) m.set(rec.val[i]!, (list = []));
    list.push([y1, y2]);
  }
  let max = 0;
  for (const m of byKey.values()) {
    if (m.size <= max) continue;
    const events: [number, number][] = [];
    for (const list of m.values()) {
      list.sort((x, y) => x[0] - y[0]);
      let [s, e] = list[0]!;
      for (const [s2, e2] of list.slice(1)) {
        if (s2 <= e + 1) e = Math.max(e, e2);
        else {
          events.push([s, 1], [e + 1, -1]);
          [s, e] = [s2, e2];
        }
      }
      events.push([s, 1], [e + 1, -1]);
    }
    events.sort((x, y) => x[0] - y[0] || x[1] - y[1]);
    let n = 0;
    for (const [, d] of events) {
      n += d;
      if (n > max) max = n;
    }
  }
  return max;
}

function expand(sel: PartySelector, members: readonly CCode[]): CCode[] {
  return sel === 'all' || sel === 'others' ? [...members] : sel.filter((c) => members.includes(c));
}

/** Largest number of states that are members at once within the window (each state's spells merged). */
function maxConcurrent(codes: readonly CCode[], spells: ReadonlyMap<CCode, readonly PartySpell[]>, from: IsoDay | null, until: IsoDay | null): number {
  const events: [IsoDay, number][] = [];
  for (const c of codes) {
    const list = (spells.get(c) ?? [])
      .map((s) => ({ start: from === null ? s.start : later(s.start, from), end: earlier(s.end, until) }))
      .filter((s) => s.end === null || s.end >= s.start)
      .sort((x, y) => (x.start < y.start ? -1 : 1));
    let cur: { start: IsoDay; end: IsoDay | null } | null = null;
    const flush = () => {
      if (!cur) return;
      events.push([cur.start, 1]);
      if (cur.end !== null) events.push([nextDay(cur.end), -1]);
    };
    for (const s of list) {
      if (cur && (cur.end === null || s.start <= nextDay(cur.end))) cur = { start: cur.start, end: cur.end === null || s.end === null ? null : later(cur.end, s.end) };
      else {
        flush();
        cur = { ...s };
      }
    }
    flush();
  }
  events.sort((x, y) => (x[0] < y[0] ? -1 : x[0] > y[0] ? 1 : x[1] - y[1]));
  let n = 0;
  let max = 0;
  for (const [, d] of events) {
    n += d;
    if (n > max) max = n;
  }
  return max;
}

function isAsymmetric(obligations: readonly Obligation[]): boolean {
  const seen = new Map<string, string>();
  for (const o of obligations) seen.set(`${o.bearer},${o.beneficiary},${o.type}`, o.condition ?? '');
  for (const o of obligations) {
    const back = seen.get(`${o.beneficiary},${o.bearer},${o.type}`);
    if (back === undefined || back !== (o.condition ?? '')) return true;
  }
  return false;
}

/** Aggregate of one directed dyad in one year. */
export interface DyadYear {
  readonly a: CCode;
  readonly b: CCode;
  /** Obligation bits (TYPE_BITS) that `a` bears toward `b`. */
  bits: number;
  /** TRANSYR. */
  trans: boolean;
  /** Indices of the shared alliances (into `AllianceData.alliances`). */
  readonly alliances: number[];
  /** Per shared alliance: 1 when bilateral. */
  readonly bilateral: number[];
}

/** Aggregate of one state in one year. */
export interface StateYear {
  readonly state: CCode;
  /** Obligation bits the state bears toward anyone. */
  bits: number;
  trans: boolean;
  readonly alliances: number[];
}

/** The alliance index of an engine: the alliances, their scopes and obligations, ready to sweep. */
export class AllianceData {
  readonly alliances: readonly AllianceInfo[];
  readonly types: readonly AllianceType[];
  readonly coverage: YearRange | null;
  readonly dyadState: (ccode: CCode) => boolean;
  /** True when some alliance has no ATOP id (its treaty ids then go to a `treaties` column). */
  readonly hasNonAtop: boolean;
  readonly #entries: readonly Entry[];
  #dyads?: Records;
  #states?: Records;

  private constructor(alliances: AllianceInfo[], entries: Entry[], types: readonly AllianceType[], options: AllianceYearOptions) {
    this.alliances = alliances;
    this.#entries = entries;
    this.types = types;
    this.coverage = options.coverage ?? null;
    this.dyadState = options.dyadState ?? cowCodesOnly;
    this.hasNonAtop = alliances.some((a) => a.atopid === null);
  }

  /** Builds the index from an engine (whose source filter is already applied). */
  static fromEngine(engine: Engine, options: AllianceYearOptions = {}): AllianceData {
    const types = ALLIANCE_TYPES.filter((t) => !options.types || options.types.includes(t));
    const all = new Set<string>(ALLIANCE_TYPES);
    const obligationsOf = new Map<string, Obligation[]>();
    for (const o of engine.allObligations()) {
      if (!all.has(o.type)) continue;
      let list = obligationsOf.get(o.treaty);
      if (!list) obligationsOf.set(o.treaty, (list = []));
      list.push(o);
    }
    const alliances: AllianceInfo[] = [];
    const byKey = new Map<string, number>();
    const entries: Entry[] = [];
    const periods = [...engine.periods()].sort((x, y) => (x.treaty.id < y.treaty.id ? -1 : 1));
    for (const { treaty, spells } of periods) {
      const kinds = new Set(treaty.provisions.filter((p) => all.has(p.type)).map((p) => p.type));
      if (kinds.size === 0) continue;
      if (options.nna && kinds.size === 1 && kinds.has('nonaggression')) continue;
      const selected = treaty.provisions.filter((p) => (types as readonly string[]).includes(p.type));
      if (selected.length === 0) continue;
      const byState = new Map<CCode, PartySpell[]>();
      for (const s of spells) {
        let list = byState.get(s.state);
        if (!list) byState.set(s.state, (list = []));
        list.push(s);
      }
      const members = [...byState.keys()].sort((a, b) => a - b);
      const scopes = new Map<string, Scope>();
      for (const p of selected) {
        const codes = [...new Set([...expand(p.bearers, members), ...expand(p.beneficiaries, members)])].sort((a, b) => a - b);
        const from = p.from ?? null;
        const until = p.until ?? null;
        const key = `${codes.join(',')}|${from}|${until}`;
        if (!scopes.has(key)) scopes.set(key, { codes, from, until, bilateral: maxConcurrent(codes, byState, from, until) <= 2 });
      }
      const obligations = obligationsOf.get(treaty.id) ?? [];
      const atopid = treaty.atopids[0] ?? null;
      const key = atopid !== null ? `atop:${atopid}` : treaty.id;
      let index = byKey.get(key);
      const asymmetric = isAsymmetric(obligations);
      if (index === undefined) {
        byKey.set(key, (index = alliances.length));
        alliances.push({ key, atopid, treaties: [treaty.id], asymmetric });
      } else {
        const prev = alliances[index]!;
        alliances[index] = { ...prev, treaties: [...prev.treaties, treaty.id], asymmetric: prev.asymmetric || asymmetric };
      }
      entries.push({ alliance: index, treaty, spells: byState, scopes: [...scopes.values()], obligations: obligations.filter((o) => (types as readonly string[]).includes(o.type)) });
    }
    return new AllianceData(alliances, entries, types, options);
  }

  /** Years in which alliance rows can exist: `years` cut to the coverage. */
  covered(years: YearRange): YearRange {
    return this.coverage ? { from: Math.max(years.from, this.coverage.from), to: Math.min(years.to, this.coverage.to) } : years;
  }

  #dyadRecords(): Records {
    if (this.#dyads) return this.#dyads;
    const rec = new Records();
    const trans = new Set<number>();
    const mark = (a: CCode, b: CCode, start: IsoDay, end: IsoDay | null) => {
      trans.add(a * 1e8 + b * 1e4 + yearOf(start));
      trans.add(b * 1e8 + a * 1e4 + yearOf(start));
      if (end !== null) {
        trans.add(a * 1e8 + b * 1e4 + yearOf(end));
        trans.add(b * 1e8 + a * 1e4 + yearOf(end));
      }
    };
    for (const e of this.#entries) {
      for (const sc of e.scopes) {
        const codes = sc.codes.filter(this.dyadState);
        for (const a of codes) {
          for (const b of codes) {
            if (a === b) continue;
            for (const sa of e.spells.get(a) ?? []) {
              for (const sb of e.spells.get(b) ?? []) {
                const start = sc.from === null ? later(sa.start, sb.start) : later(later(sa.start, sb.start), sc.from);
                const end = earlier(earlier(sa.end, sb.end), sc.until);
                if (end !== null && end < start) continue;
                rec.push(a, b, yearOf(start), endYear(end), 0, e.alliance, sc.bilateral ? 1 : 0);
                if (a < b) mark(a, b, start, end);
              }
            }
          }
        }
      }
      for (const o of e.obligations) {
        if (!this.dyadState(o.bearer) || !this.dyadState(o.beneficiary)) continue;
        rec.push(o.bearer, o.beneficiary, yearOf(o.start), endYear(o.end), 1, TYPE_BITS[o.type as AllianceType]);
        mark(o.bearer, o.beneficiary, o.start, o.end);
      }
    }
    for (const k of trans) {
      const y = k % 1e4;
      const ab = (k - y) / 1e4;
      rec.push(Math.floor(ab / 1e4), ab % 1e4, y, y, 2, 0);
    }
    return (this.#dyads = rec);
  }

  #stateRecords(): Records {
    if (this.#states) return this.#states;
    const rec = new Records();
    const trans = new Set<number>();
    for (const e of this.#entries) {
      for (const sc of e.scopes) {
        for (const c of sc.codes) {
          for (const s of e.spells.get(c) ?? []) {
            const start = sc.from === null ? s.start : later(s.start, sc.from);
            const end = earlier(s.end, sc.until);
            if (end !== null && end < start) continue;
            rec.push(c, 0, yearOf(start), endYear(end), 0, e.alliance);
            trans.add(c * 1e4 + yearOf(start));
            if (end !== null) trans.add(c * 1e4 + yearOf(end));
          }
        }
      }
      for (const o of e.obligations) {
        rec.push(o.bearer, 0, yearOf(o.start), endYear(o.end), 1, TYPE_BITS[o.type as AllianceType]);
        trans.add(o.bearer * 1e4 + yearOf(o.start));
        if (o.end !== null) trans.add(o.bearer * 1e4 + yearOf(o.end));
      }
    }
    for (const k of trans) rec.push(Math.floor(k / 1e4), 0, k % 1e4, k % 1e4, 2, 0);
    return (this.#states = rec);
  }

  /** Most alliances (with an ATOP id) a directed dyad shares in one year of `years`: the number of atopid columns. */
  maxDyadAlliances(years: YearRange): number {
    return maxPerYear(this.#dyadRecords(), this.alliances, (i) => this.#dyadRecords().a[i]! * 1e4 + this.#dyadRecords().b[i]!, this.covered(years));
  }

  /** Most alliances (with an ATOP id) a state belongs to in one year of `years`. */
  maxStateAlliances(years: YearRange): number {
    return maxPerYear(this.#stateRecords(), this.alliances, (i) => this.#stateRecords().a[i]!, this.covered(years));
  }

  /**
   * Directed dyad aggregates year by year over `years` (cut to the coverage), keyed by
   * `a * 10000 + b`, so that sorting the keys orders rows by state A, then state B.
   */
  *dyadYears(years: YearRange): Generator<{ year: number; dyads: Map<number, DyadYear> }> {
    const span = this.covered(years);
    if (span.from > span.to) return;
    const rec = this.#dyadRecords();
    for (const { year, active } of sweep(rec, span.from, span.to)) {
      const dyads = new Map<number, DyadYear>();
      const at = (i: number): DyadYear => {
        const key = rec.a[i]! * 1e4 + rec.b[i]!;
        let d = dyads.get(key);
        if (!d) dyads.set(key, (d = { a: rec.a[i]!, b: rec.b[i]!, bits: 0, trans: false, alliances: [], bilateral: [] }));
        return d;
      };
      // Memberships first, so that obligations and transitions attach only to dyads that share an alliance.
      for (const i of active) {
        if (rec.kind[i] !== 0) continue;
        const d = at(i);
        const k = d.alliances.indexOf(rec.val[i]!);
        if (k < 0) {
          d.alliances.push(rec.val[i]!);
          d.bilateral.push(rec.flag[i]!);
        } else if (!rec.flag[i]) d.bilateral[k] = 0;
      }
      for (const i of active) {
        const kind = rec.kind[i]!;
        if (kind === 0) continue;
        const d = dyads.get(rec.a[i]! * 1e4 + rec.b[i]!);
        if (!d) continue;
        if (kind === 1) d.bits |= rec.val[i]!;
        else d.trans = true;
      }
      yield { year, dyads };
    }
  }

  /** State aggregates year by year over `years` (cut to the coverage), keyed by state code. */
  *stateYears(years: YearRange): Generator<{ year: number; states: Map<number, StateYear> }> {
    const span = this.covered(years);
    if (span.from > span.to) return;
    const rec = this.#stateRecords();
    for (const { year, active } of sweep(rec, span.from, span.to)) {
      const states = new Map<number, StateYear>();
      for (const i of active) {
        if (rec.kind[i] !== 0) continue;
        const c = rec.a[i]!;
        let s = states.get(c);
        if (!s) states.set(c, (s = { state: c, bits: 0, trans: false, alliances: [] }));
        if (!s.alliances.includes(rec.val[i]!)) s.alliances.push(rec.val[i]!);
      }
      for (const i of active) {
        const kind = rec.kind[i]!;
        if (kind === 0) continue;
        const s = states.get(rec.a[i]!);
        if (!s) continue;
        if (kind === 1) s.bits |= rec.val[i]!;
        else s.trans = true;
      }
      yield { year, states };
    }
  }
}

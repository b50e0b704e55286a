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
import type { Engine } from '../core/engine.js';
import { yearOf, type IsoDay } from '../core/dates.js';
import type { PartySpell } from '../core/lifecycle.js';
import { ALLIANCE_TYPES, atopRelease, type AllianceType, type CCode, type PartySelector, type Treaty } from '../core/model.js';
import { withRoom } from './table.js';

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

/** Every type bit. */
export const ALL_BITS = 31;

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
  /**
   * BILAT: no more than two members at any point of the window: of the phase for an ATOP record
   * (its concurrent phases are separate bilateral alliances, codebook footnote 10), of the whole
   * treaty otherwise (a curated treaty may write its provisions pair by pair, as ANZUS does to
   * end the US–New Zealand tie, and is still one alliance of three).
   */
  readonly bilateral: boolean;
}

/**
 * An obligation as the index keeps it. The engine's obligation objects come in many shapes
 * (optional fields), which makes every property read in a hot loop megamorphic; they are copied
 * once into this one shape.
 */
export interface Ob {
  readonly bearer: CCode;
  readonly beneficiary: CCode;
  readonly type: AllianceType;
  readonly bit: number;
  readonly y1: number;
  readonly y2: number;
  readonly condition: string;
}

interface Entry {
  readonly alliance: number;
  readonly treaty: Treaty;
  readonly spells: ReadonlyMap<CCode, readonly PartySpell[]>;
  readonly scopes: readonly Scope[];
  /** Obligations of the selected types. */
  readonly obligations: readonly Ob[];
}

/** Default dyad states: real COW codes. */
export const cowCodesOnly = (ccode: CCode): boolean => ccode > 0 && ccode < 1000;

const endYear = (day: IsoDay | null): number => (day === null ? OPEN_YEAR : yearOf(day));
const later = (a: IsoDay, b: IsoDay | null): IsoDay => (b !== null && b > a ? b : a);
const earlier = (a: IsoDay | null, b: IsoDay | null): IsoDay | null => (a === null ? b : b === null ? a : a < b ? a : b);

/**
 * Records with a first and last year, a kind and a value, kept in parallel typed arrays that
 * double when full (read them only up to `size`). Typed rather than plain arrays: no boxing, one
 * element kind for the readers, and a tenth of the allocation while they grow.
 */
class Records {
  a = new Float64Array(1024);
  b = new Float64Array(1024);
  y1 = new Float64Array(1024);
  y2 = new Float64Array(1024);
  /** 0: shared membership (val = alliance, flag = bilateral); 1: obligation of a toward b (val = bits). */
  kind = new Uint8Array(1024);
  val = new Float64Array(1024);
  flag = new Uint8Array(1024);
  size = 0;

  push(a: number, b: number, y1: number, y2: number, kind: number, val: number, flag = 0): void {
    const i = this.size++;
    if (i === this.a.length) {
      this.a = withRoom(this.a, i, 1);
      this.b = withRoom(this.b, i, 1);
      this.y1 = withRoom(this.y1, i, 1);
      this.y2 = withRoom(this.y2, i, 1);
      this.kind = withRoom(this.kind, i, 1);
      this.val = withRoom(this.val, i, 1);
      this.flag = withRoom(this.flag, i, 1);
    }
    this.a[i] = a;
    this.b[i] = b;
    this.y1[i] = y1;
    this.y2[i] = y2;
    this.kind[i] = kind;
    this.val[i] = val;
    this.flag[i] = flag;
  }
}

/** A stretch of years over which a dyad's (or a state's) alliance aggregate does not change. */
export interface Segment {
  /** Position in the list of segments it belongs to (writers cache its encoding by it). */
  readonly id: number;
  /** `a * 10000 + b` for dyads, the state code for states: sorting keys orders rows. */
  readonly key: number;
  readonly a: CCode;
  /** The second state of a dyad; 0 for a state. */
  readonly b: CCode;
  readonly y1: number;
  readonly y2: number;
  /** Obligation bits (TYPE_BITS): those `a` bears toward `b` (either way for undirected dyads; toward anyone for states). */
  readonly bits: number;
  /** Obligation bits between the two either way (for states, `bits`): none means SHAREOB, even in a directed dyad. */
  readonly pairBits: number;
  /** TRANSYR: a membership or obligation starts or ends in each of these years (segments with it span one year). */
  readonly trans: boolean;
  /** Indices of the alliances (into `AllianceData.alliances`), ATOP ids ascending, then the others. */
  readonly alliances: readonly number[];
  /** Per alliance: 1 when bilateral. */
  readonly bilateral: readonly number[];
}

/**
 * Places above which a sort key is packed into a double with a position (2^21): key * PLACES +
 * position stays an exact integer for keys below 2^32, and a Float64Array sorts such numbers
 * natively, with no comparator calls (which cost most in the cold code of a CLI run).
 */
const PLACES = 2097152;

/** Stable counting sort of `items` by `year[item]`, which lies in `span`. */
export function byYear(items: Int32Array, year: ArrayLike<number>, span: YearRange): Int32Array {
  const count = new Int32Array(span.to - span.from + 2);
  for (let k = 0; k < items.length; k++) count[year[items[k]!]! - span.from + 1]!++;
  for (let y = 1; y < count.length; y++) count[y]! += count[y - 1]!;
  const out = new Int32Array(items.length);
  for (let k = 0; k < items.length; k++) {
    const i = items[k]!;
    out[count[year[i]! - span.from]!++] = i;
  }
  return out;
}

/** Whether every key packs with a position (integers from 0 to 2^32 - 1, fewer items than PLACES). */
function packable(items: Int32Array, key: ArrayLike<number>): boolean {
  if (items.length >= PLACES) return false;
  for (let k = 0; k < items.length; k++) {
    const v = key[items[k]!]!;
    if (!(v >= 0 && v < 2 ** 32 && Math.floor(v) === v)) return false;
  }
  return true;
}

/** `items` stably ordered by `key[item]` (keys that do not pack go to a comparator sort). */
export function byKey(items: Int32Array, key: ArrayLike<number>): Int32Array {
  if (!packable(items, key)) {
    const at = Int32Array.from({ length: items.length }, (_, k) => k).sort((p, q) => key[items[p]!]! - key[items[q]!]! || p - q);
    return at.map((k) => items[k]!);
  }
  const packed = new Float64Array(items.length);
  for (let k = 0; k < items.length; k++) packed[k] = key[items[k]!]! * PLACES + k;
  packed.sort();
  const out = new Int32Array(items.length);
  for (let k = 0; k < packed.length; k++) out[k] = items[packed[k]! % PLACES]!;
  return out;
}

/** Cuts the records of one group (a pair, or a state) into segments, with scratch space reused from group to group. */
class GroupCutter {
  readonly out: Segment[] = [];
  readonly #rec: Records;
  readonly #span: YearRange;
  readonly #alliances: readonly AllianceInfo[];
  readonly #mode: 'directed' | 'undirected' | 'state';
  /** Record indices, grouped, each group in order of first year. */
  readonly #order: Int32Array;
  /** Per record: its first year within the span. */
  readonly #first: Int32Array;
  readonly #isTrans: Uint8Array;
  readonly #seen: Int32Array;
  readonly #at: Int32Array;
  #points = new Int32Array(64);
  readonly #active: number[] = [];
  readonly #list: number[] = [];
  readonly #bil: number[] = [];
  #stamp = 0;

  constructor(rec: Records, span: YearRange, alliances: readonly AllianceInfo[], mode: 'directed' | 'undirected' | 'state', order: Int32Array, first: Int32Array) {
    this.#rec = rec;
    this.#span = span;
    this.#alliances = alliances;
    this.#mode = mode;
    this.#order = order;
    this.#first = first;
    this.#isTrans = new Uint8Array(span.to - span.from + 2);
    this.#seen = new Int32Array(alliances.length).fill(-1);
    this.#at = new Int32Array(alliances.length);
  }

  /** The group's years where its aggregate may change, sorted (with repeats); marks its transition years. */
  #cutPoints(g0: number, g1: number): number {
    const { y1: r1, y2: r2 } = this.#rec;
    const { from, to } = this.#span;
    const order = this.#order;
    const isTrans = this.#isTrans;
    if (this.#points.length < (g1 - g0) * 4) this.#points = new Int32Array((g1 - g0) * 8);
    const points = this.#points;
    let n = 0;
    for (let g = g0; g < g1; g++) {
      const i = order[g]!;
      const y1 = r1[i]!;
      const y2 = r2[i]!;
      points[n++] = Math.max(y1, from);
      points[n++] = Math.min(y2, to) + 1;
      if (y1 >= from) {
        isTrans[y1 - from] = 1;
        points[n++] = y1 + 1;
      }
      if (y2 !== OPEN_YEAR && y2 <= to) {
        isTrans[y2 - from] = 1;
        points[n++] = y2;
      }
    }
    // A typed array sorts numerically without a comparator, which is much faster for short runs.
    points.subarray(0, n).sort();
    return n;
  }

  /** The first `n` alliances by ATOP id, then the others by key, carrying their bilateral flags (insertion sort: the lists are short). */
  #sortAlliances(list: number[], bil: number[], n: number): void {
    const alliances = this.#alliances;
    for (let j = 1; j < n; j++) {
      const x = list[j]!;
      const f = bil[j]!;
      const rx = alliances[x]!.atopid ?? Infinity;
      let m = j - 1;
      for (; m >= 0; m--) {
        const y = list[m]!;
        const ry = alliances[y]!.atopid ?? Infinity;
        if (!(rx < ry || (rx === ry && alliances[x]!.key < alliances[y]!.key))) break;
        list[m + 1] = y;
        bil[m + 1] = bil[m]!;
      }
      list[m + 1] = x;
      bil[m + 1] = f;
    }
  }

  /** Cuts group `key`, records `order[g0]` to `order[g1 - 1]`, into segments. */
  cut(g0: number, g1: number, key: number): void {
    const { a: ra, y1: r1, y2: r2, kind: rk, val: rv, flag: rf } = this.#rec;
    const { from, to } = this.#span;
    const mode = this.#mode;
    const order = this.#order;
    const first = this.#first;
    const isTrans = this.#isTrans;
    const seen = this.#seen;
    const at = this.#at;
    const active = this.#active;
    const out = this.out;
    const lo0 = mode === 'state' ? key : Math.floor(key / 1e4);
    const hi0 = mode === 'state' ? 0 : key % 1e4;
    const n = this.#cutPoints(g0, g1);
    const points = this.#points;
    let next = g0;
    let nActive = 0;
    let ids: number[] = [];
    let bilateral: number[] = [];
    for (let k = 0; k + 1 < n; k++) {
      const lo = points[k]!;
      if (points[k + 1] === lo) continue;
      const hi = points[k + 1]! - 1;
      while (next < g1 && first[order[next]!]! <= lo) active[nActive++] = order[next++]!;
      let kept = 0;
      for (let j = 0; j < nActive; j++) if (r2[active[j]!]! >= lo) active[kept++] = active[j]!;
      nActive = kept;
      // The period's alliances and bilateral flags go to scratch arrays, copied out only when they
      // differ from the previous period's (successive periods of a pair mostly share them).
      const list = this.#list;
      const bil = this.#bil;
      let n = 0;
      const stamp = ++this.#stamp;
      let ab = 0;
      let ba = 0;
      for (let j = 0; j < nActive; j++) {
        const i = active[j]!;
        if (rk[i] === 0) {
          const v = rv[i]!;
          if (seen[v] !== stamp) {
            seen[v] = stamp;
            at[v] = n;
            list[n] = v;
            bil[n++] = rf[i]!;
          } else if (!rf[i]) bil[at[v]!] = 0;
        } else if (mode === 'state' || ra[i] === lo0) ab |= rv[i]!;
        else ba |= rv[i]!;
      }
      if (n === 0) continue;
      this.#sortAlliances(list, bil, n);
      let same = n === ids.length;
      for (let j = 0; same && j < n; j++) same = list[j] === ids[j] && bil[j] === bilateral[j];
      if (!same) {
        ids = list.slice(0, n);
        bilateral = bil.slice(0, n);
      }
      const t = lo === hi && isTrans[lo - from] === 1;
      if (mode === 'directed') {
        out.push({ id: 0, key, a: lo0, b: hi0, y1: lo, y2: hi, bits: ab, pairBits: ab | ba, trans: t, alliances: ids, bilateral });
        out.push({ id: 0, key: hi0 * 1e4 + lo0, a: hi0, b: lo0, y1: lo, y2: hi, bits: ba, pairBits: ab | ba, trans: t, alliances: ids, bilateral });
      } else out.push({ id: 0, key, a: lo0, b: hi0, y1: lo, y2: hi, bits: ab | ba, pairBits: ab | ba, trans: t, alliances: ids, bilateral });
    }
    for (let g = g0; g < g1; g++) {
      const i = order[g]!;
      const y1 = r1[i]!;
      const y2 = r2[i]!;
      if (y1 >= from) isTrans[y1 - from] = 0;
      if (y2 !== OPEN_YEAR && y2 <= to) isTrans[y2 - from] = 0;
    }
  }
}

/**
 * Cuts the records into segments over `span`. Dyad records are grouped per unordered pair and
 * give a segment per direction (`directed`) or one for the pair; state records give one per
 * state. A record's first and last years are transition years, each a segment of its own.
 */
function segmentsOf(rec: Records, span: YearRange, alliances: readonly AllianceInfo[], mode: 'directed' | 'undirected' | 'state'): Segment[] {
  // A span wholly outside the coverage: no alliance years (and no scratch arrays of negative length).
  if (span.from > span.to) return [];
  // Each pass is a function of its own: in a cold process V8 compiles a one-off loop while it
  // runs (on-stack replacement), and a function holding several such loops is compiled again at
  // each loop that its first compilation had no type feedback for.
  const { kept, group, first } = recordsInSpan(rec, span, mode);
  // Grouped by pair (or state), each group in order of first year.
  const order = byKey(byYear(kept, first, span), group);
  // One call per group: a method small enough for V8 to optimize early in a cold process.
  const cutter = new GroupCutter(rec, span, alliances, mode, order, first);
  for (let g0 = 0, g1 = 0; g0 < order.length; g0 = g1) {
    const key = group[order[g0]!]!;
    g1 = g0 + 1;
    while (g1 < order.length && group[order[g1]!] === key) g1++;
    cutter.cut(g0, g1, key);
  }
  return numbered(cutter.out, span);
}

/** The records that overlap `span`, with their group (the pair, or the state) and first year within it. */
function recordsInSpan(rec: Records, span: YearRange, mode: 'directed' | 'undirected' | 'state'): { kept: Int32Array; group: Float64Array; first: Int32Array } {
  const { a: ra, b: rb, y1: r1, y2: r2 } = rec;
  const group = new Float64Array(rec.size);
  const first = new Int32Array(rec.size);
  const kept = new Int32Array(rec.size);
  let inSpan = 0;
  for (let i = 0; i < rec.size; i++) {
    if (r2[i]! < span.from || r1[i]! > span.to) continue;
    kept[inSpan++] = i;
    group[i] = mode === 'state' ? ra[i]! : Math.min(ra[i]!, rb[i]!) * 1e4 + Math.max(ra[i]!, rb[i]!);
    first[i] = Math.max(r1[i]!, span.from);
  }
  return { kept: kept.subarray(0, inSpan), group, first };
}

/** The segments by first year, then key (each pair of the two is one segment), each given its position as id. */
function numbered(out: readonly Segment[], span: YearRange): Segment[] {
  const all = new Int32Array(out.length);
  const keys = new Float64Array(out.length);
  const years = new Int32Array(out.length);
  for (let j = 0; j < out.length; j++) {
    all[j] = j;
    keys[j] = out[j]!.key;
    years[j] = out[j]!.y1;
  }
  const sorted = byYear(byKey(all, keys), years, span);
  const result = new Array<Segment>(out.length);
  for (let id = 0; id < sorted.length; id++) {
    const x = out[sorted[id]!]!;
    (x as { id: number }).id = id;
    result[id] = x;
  }
  return result;
}

/** Yields, year by year over `span`, the segments in force, ordered by key. */
function* sweepSegments(segments: readonly Segment[], span: YearRange): Generator<{ year: number; segments: readonly Segment[] }> {
  let next = 0;
  let active: Segment[] = [];
  for (let year = span.from; year <= span.to; year++) {
    // Segments are ordered by first year, then key: the ones starting now come in key order and
    // merge into the (key-ordered) survivors of last year.
    const kept = active.filter((x) => x.y2 >= year);
    const start = next;
    while (next < segments.length && segments[next]!.y1 <= year) next++;
    if (next === start) active = kept;
    else {
      const added = segments.slice(start, next).filter((x) => x.y2 >= year);
      if (start === 0 || segments[start]!.y1 < year) added.sort((x, y) => x.key - y.key);
      const merged: Segment[] = new Array(kept.length + added.length);
      let i = 0;
      let j = 0;
      let k = 0;
      while (i < kept.length && j < added.length) merged[k++] = kept[i]!.key <= added[j]!.key ? kept[i++]! : added[j++]!;
      while (i < kept.length) merged[k++] = kept[i++]!;
      while (j < added.length) merged[k++] = added[j++]!;
      active = merged;
    }
    yield { year, segments: active };
  }
}

function expand(sel: PartySelector, members: readonly CCode[]): CCode[] {
  return sel === 'all' || sel === 'others' ? [...members] : sel.filter((c) => members.includes(c));
}

/**
 * Largest number of states that are members at once within the window (each state's spells
 * merged). A member leaving on the day another joins is not counted twice: ATOP's dates of a
 * hand-over (a successor state, a replacement) fall on the same day, and it still codes the
 * alliance bilateral (BILAT: "no more than two members at any point").
 */
function maxConcurrent(codes: readonly CCode[], spells: ReadonlyMap<CCode, readonly PartySpell[]>, from: IsoDay | null, until: IsoDay | null): number {
  const events: [IsoDay, number][] = [];
  for (const c of codes) {
    const list = (spells.get(c) ?? [])
      .map((s) => ({ start: from === null ? s.start : later(s.start, from), end: earlier(s.end, until) }))
      .filter((s) => s.end === null || s.end >= s.start)
      .sort((x, y) => (x.start < y.start ? -1 : 1));
    let cur: { start: IsoDay; end: IsoDay | null } | null = null;
    for (const s of list) {
      if (cur && (cur.end === null || s.start <= cur.end)) cur = { start: cur.start, end: cur.end === null || s.end === null ? null : later(cur.end, s.end) };
      else {
        if (cur) events.push([cur.start, 1], ...(cur.end !== null ? [[cur.end, -1] as [IsoDay, number]] : []));
        cur = { ...s };
      }
    }
    if (cur) events.push([cur.start, 1], ...(cur.end !== null ? [[cur.end, -1] as [IsoDay, number]] : []));
  }
  // Same day: leaving before joining.
  events.sort((x, y) => (x[0] < y[0] ? -1 : x[0] > y[0] ? 1 : x[1] - y[1]));
  let n = 0;
  let max = 0;
  for (const [, d] of events) {
    n += d;
    if (n > max) max = n;
  }
  return max;
}

/** ASYMM: some obligation (type and condition) runs one way between two members but not back. */
function isAsymmetric(obligations: readonly Ob[]): boolean {
  const byKind = new Map<string, Map<string, Set<number>>>();
  for (const o of obligations) {
    let m = byKind.get(o.type);
    if (!m) byKind.set(o.type, (m = new Map()));
    let set = m.get(o.condition);
    if (!set) m.set(o.condition, (set = new Set()));
    set.add(o.bearer * 1e4 + o.beneficiary);
  }
  for (const m of byKind.values()) for (const set of m.values()) for (const ab of set) if (!set.has((ab % 1e4) * 1e4 + Math.floor(ab / 1e4))) return true;
  return false;
}

/**
 * The obligations of the five types that a treaty's provisions put on its members, over the
 * days both are members and the provision applies: the expansion the engine makes (each bearer
 * toward each beneficiary other than itself, every pair of their spells, cut to the provision's
 * `from`/`until`), done here on the treaty so that the hot loops read one object shape. A test
 * checks it against `Engine.allObligations()`.
 */
export function obligationsOf(treaty: Treaty, spells: ReadonlyMap<CCode, readonly PartySpell[]>, members: readonly CCode[] = [...spells.keys()]): Ob[] {
  const out: Ob[] = [];
  const none: readonly PartySpell[] = [];
  // Indexed loops throughout: in a cold process (the CLI) a for-of loop allocates an iterator
  // result per element until V8 has optimized it, and these loops run over every pair of members.
  for (let k = 0; k < treaty.provisions.length; k++) {
    const p = treaty.provisions[k]!;
    const type = p.type as AllianceType;
    const bit = TYPE_BITS[type];
    if (bit === undefined) continue;
    const condition = p.condition ?? '';
    const bearers = expand(p.bearers, members);
    const beneficiaries = expand(p.beneficiaries, members);
    const from = p.from ?? null;
    const until = p.until ?? null;
    for (let i = 0; i < bearers.length; i++) {
      const b = bearers[i]!;
      const bSpells = spells.get(b) ?? none;
      for (let j = 0; j < beneficiaries.length; j++) {
        const r = beneficiaries[j]!;
        if (r === b) continue;
        const rSpells = spells.get(r) ?? none;
        for (let x = 0; x < bSpells.length; x++) {
          const bs = bSpells[x]!;
          for (let y = 0; y < rSpells.length; y++) {
            const rs = rSpells[y]!;
            let start = later(bs.start, rs.start);
            if (from) start = later(start, from);
            const end = earlier(earlier(bs.end, rs.end), until);
            if (end !== null && end < start) continue;
            out.push({ bearer: b, beneficiary: r, type, bit, y1: yearOf(start), y2: endYear(end), condition });
          }
        }
      }
    }
  }
  return out;
}

/** How many spans' dyad segments an index keeps (each is tens of MB with all of ATOP). */
const SEGMENT_SPANS_KEPT = 2;

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
  readonly #segments = new Map<string, Segment[]>();

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
      const phased = atopRelease(treaty.origin) !== undefined;
      const scopes = new Map<string, Scope>();
      for (const p of selected) {
        const codes = [...new Set([...expand(p.bearers, members), ...expand(p.beneficiaries, members)])].sort((a, b) => a - b);
        const from = p.from ?? null;
        const until = p.until ?? null;
        const key = `${codes.join(',')}|${from}|${until}`;
        if (!scopes.has(key)) scopes.set(key, { codes, from, until, bilateral: maxConcurrent(phased ? codes : members, byState, from, until) <= 2 });
      }
      const obligations = obligationsOf(treaty, byState, members);
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
    const entries = this.#entries;
    const none: readonly PartySpell[] = [];
    // Indexed loops, as in obligationsOf: they run over every pair of members of every scope.
    for (let k = 0; k < entries.length; k++) {
      const e = entries[k]!;
      for (let s = 0; s < e.scopes.length; s++) {
        const sc = e.scopes[s]!;
        const codes = sc.codes.filter(this.dyadState);
        const flag = sc.bilateral ? 1 : 0;
        for (let i = 0; i < codes.length; i++) {
          const a = codes[i]!;
          const aSpells = e.spells.get(a) ?? none;
          for (let j = 0; j < codes.length; j++) {
            const b = codes[j]!;
            if (a >= b) continue;
            const bSpells = e.spells.get(b) ?? none;
            for (let x = 0; x < aSpells.length; x++) {
              const sa = aSpells[x]!;
              for (let y = 0; y < bSpells.length; y++) {
                const sb = bSpells[y]!;
                const start = sc.from === null ? later(sa.start, sb.start) : later(later(sa.start, sb.start), sc.from);
                const end = earlier(earlier(sa.end, sb.end), sc.until);
                if (end !== null && end < start) continue;
                rec.push(a, b, yearOf(start), endYear(end), 0, e.alliance, flag);
              }
            }
          }
        }
      }
      for (let i = 0; i < e.obligations.length; i++) {
        const o = e.obligations[i]!;
        if (!this.dyadState(o.bearer) || !this.dyadState(o.beneficiary)) continue;
        rec.push(o.bearer, o.beneficiary, o.y1, o.y2, 1, o.bit);
      }
    }
    return (this.#dyads = rec);
  }

  #stateRecords(): Records {
    if (this.#states) return this.#states;
    const rec = new Records();
    for (const e of this.#entries) {
      for (const sc of e.scopes) {
        for (const c of sc.codes) {
          for (const s of e.spells.get(c) ?? []) {
            const start = sc.from === null ? s.start : later(s.start, sc.from);
            const end = earlier(s.end, sc.until);
            if (end !== null && end < start) continue;
            rec.push(c, 0, yearOf(start), endYear(end), 0, e.alliance);
          }
        }
      }
      for (const o of e.obligations) rec.push(o.bearer, 0, o.y1, o.y2, 1, o.bit);
    }
    return (this.#states = rec);
  }

  /**
   * Dyad segments over `years` (cut to the coverage): directed (A's obligations toward B) or
   * undirected (a < b, obligations either way), ordered by first year then key.
   */
  dyadSegments(years: YearRange, directed = true): Segment[] {
    const span = this.covered(years);
    const k = `${directed}|${span.from}|${span.to}`;
    const hit = this.#segments.get(k);
    if (hit) {
      this.#segments.delete(k);
      this.#segments.set(k, hit);
      return hit;
    }
    const segs = segmentsOf(this.#dyadRecords(), span, this.alliances, directed ? 'directed' : 'undirected');
    this.#segments.set(k, segs);
    // Kept for the two most recent spans only: an index that a server keeps between downloads
    // would otherwise hold the segments of every span ever asked for.
    while (this.#segments.size > SEGMENT_SPANS_KEPT) this.#segments.delete(this.#segments.keys().next().value!);
    return segs;
  }

  /** State segments over `years` (cut to the coverage), ordered by first year then state. */
  stateSegments(years: YearRange): Segment[] {
    const span = this.covered(years);
    return segmentsOf(this.#stateRecords(), span, this.alliances, 'state');
  }

  /** The most alliances with an ATOP id in one segment: the number of atopid columns. */
  maxAtopids(segments: readonly Segment[]): number {
    let max = 0;
    for (let i = 0; i < segments.length; i++) {
      const list = segments[i]!.alliances;
      let n = 0;
      for (let j = 0; j < list.length; j++) if (this.alliances[list[j]!]!.atopid !== null) n++;
      if (n > max) max = n;
    }
    return max;
  }

  /** Yields the segments in force year by year over `years` (cut to the coverage), ordered by key. */
  *years(segments: readonly Segment[], years: YearRange): Generator<{ year: number; segments: readonly Segment[] }> {
    const span = this.covered(years);
    if (span.from > span.to) return;
    yield* sweepSegments(segments, span);
  }
}

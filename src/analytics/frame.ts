/**
 * The system frame: every pair of states in the state system in each year, as peacesciencer's
 * `create_dyadyears()` builds it, with the alliance columns merged as `add_atop_alliance()` does
 * (zeros where the pair shares no alliance, missing outside the years the alliance data cover).
 *
 * Two states form a dyad in a year when both are system members on at least one common day of
 * it (not merely in the same year), from the system-membership spells: COW (`Polity.spells`) or
 * Gleditsch–Ward (`Polity.gwSpells`, keyed by GW code). Alliance data are keyed by COW code; a
 * GW state takes the alliances of its polity (of COW 345 for GW 340, Serbia, which COW codes
 * 345: `GW_STATES_COW_CODES`) and, from the year of a succession with continuity, of its COW
 * successor (GW 260 is COW 255 from 1990-10-03; GW 678 is COW 679 from 1990-05-22).
 */
import type { Engine } from '../core/engine.js';
import { yearOf, type IsoDay } from '../core/dates.js';
import type { CCode, SystemSpell } from '../core/model.js';
import { GW_STATES_COW_CODES, type PolityRegistry } from '../core/polities.js';
import { AllianceData, type AllianceYearOptions, type Segment, type YearRange } from './alliance-years.js';
import { allianceLayout, dyadUnit, fillAlliance, type AllianceCells, type DyadUnit } from './dyad-years.js';
import { RowBatch, intColumns, type BatchOptions, type TableStream } from './table.js';

/** Which list of states makes the frame. */
export type StateSystem = 'cow' | 'gw';

/** A state of the system with its membership spells and the COW codes its alliances are under. */
export interface SystemState {
  /** Code in the system's own numbering (COW ccode or GW gwcode). */
  readonly code: number;
  readonly spells: readonly SystemSpell[];
  /** COW codes whose alliances count for this state, each from a day on (`null`: always). */
  readonly allianceCodes: readonly { readonly ccode: CCode; readonly from: IsoDay | null }[];
}

/** The states of a system from the registry (COW spells come from the COW import, GW spells from the GW import). */
export function systemStates(registry: PolityRegistry, system: StateSystem): SystemState[] {
  const polities = registry.all();
  if (system === 'cow') {
    return polities.filter((p) => p.spells.length > 0).map((p) => ({ code: p.ccode, spells: p.spells, allianceCodes: [{ ccode: p.ccode, from: null }] }));
  }
  const out: SystemState[] = [];
  for (const p of polities) {
    if (!p.gwSpells?.length || p.gwcode === undefined) continue;
    const successors = polities.flatMap((q) => (q.succeeds ?? []).filter((s) => s.ccode === p.ccode && s.continuity).map((s) => ({ ccode: q.ccode, from: s.on })));
    out.push({ code: p.gwcode, spells: p.gwSpells, allianceCodes: [{ ccode: GW_STATES_COW_CODES[p.gwcode] ?? p.ccode, from: null }, ...successors] });
  }
  return out.sort((a, b) => a.code - b.code);
}

interface Active {
  readonly code: number;
  /** Membership intervals within the year (ISO days). */
  readonly starts: readonly IsoDay[];
  readonly ends: readonly IsoDay[];
  readonly full: boolean;
  readonly ccodes: readonly CCode[];
}

function activeIn(states: readonly SystemState[], year: number): Active[] {
  const first = `${String(year).padStart(4, '0')}-01-01`;
  const last = `${String(year).padStart(4, '0')}-12-31`;
  const out: Active[] = [];
  for (const s of states) {
    const starts: IsoDay[] = [];
    const ends: IsoDay[] = [];
    for (const sp of s.spells) {
      if (sp.start > last || (sp.end !== null && sp.end < first)) continue;
      starts.push(sp.start > first ? sp.start : first);
      ends.push(sp.end === null || sp.end > last ? last : sp.end);
    }
    if (!starts.length) continue;
    const ccodes = s.allianceCodes.filter((a) => a.from === null || yearOf(a.from) <= year).map((a) => a.ccode);
    out.push({ code: s.code, starts, ends, full: starts.length === 1 && starts[0] === first && ends[0] === last, ccodes });
  }
  return out;
}

function meet(x: Active, y: Active): boolean {
  if (x.full || y.full) return true;
  for (let i = 0; i < x.starts.length; i++) {
    for (let j = 0; j < y.starts.length; j++) {
      if ((x.starts[i]! > y.starts[j]! ? x.starts[i]! : y.starts[j]!) <= (x.ends[i]! < y.ends[j]! ? x.ends[i]! : y.ends[j]!)) return true;
    }
  }
  return false;
}

function merged(list: readonly AllianceCells[]): AllianceCells | null {
  if (list.length === 0) return null;
  if (list.length === 1) return list[0]!;
  const alliances: number[] = [];
  const bilateral: number[] = [];
  let bits = 0;
  let pairBits = 0;
  let trans = false;
  for (const c of list) {
    bits |= c.bits;
    pairBits |= c.pairBits;
    trans ||= c.trans;
    c.alliances.forEach((a, i) => {
      if (!alliances.includes(a)) {
        alliances.push(a);
        bilateral.push(c.bilateral?.[i] ?? 0);
      }
    });
  }
  return { bits, pairBits, trans, alliances, bilateral };
}

/** Options of `systemDyadYears`. */
export interface FrameOptions extends AllianceYearOptions {
  readonly system: StateSystem;
  readonly unit?: DyadUnit;
  readonly from: number;
  readonly to: number;
}

/**
 * Every (directed) dyad of the system in each year with the alliance columns: one batch per year,
 * rows ordered by state A then state B. Outside the alliance data's coverage the alliance columns
 * are missing. The batch object is reused: read it before asking for the next.
 */
export function frameDyadYears(states: readonly SystemState[], data: AllianceData, options: { unit?: DyadUnit; from: number; to: number }): TableStream {
  const unit = dyadUnit(options.unit);
  const years: YearRange = { from: options.from, to: options.to };
  const directed = unit === 'directed-dyad-year';
  const segments = data.dyadSegments(years, directed);
  const layout = allianceLayout(data, segments, 'dyad');
  const keys = directed ? intColumns('stateA', 'stateB', 'year') : intColumns('mem1', 'mem2', 'year');
  const columns = [...keys, ...layout.columns];
  const covered = data.covered(years);
  return {
    columns,
    years,
    *batches(options?: BatchOptions) {
      const batch = new RowBatch(columns, 40_000);
      const alliance = data.years(segments, years)[Symbol.iterator]();
      let pending = alliance.next();
      const dyads = new Map<number, Segment>();
      // COW and GW codes are below 1000: a flat index is much cheaper than a Map per row.
      const slots = new Int32Array(1000 * 1000);
      let inSlots: Segment[] = [];
      let flat = true;
      const key = (x: CCode, y: CCode) => (directed || x < y ? x * 1e4 + y : y * 1e4 + x);
      const get = (x: CCode, y: CCode): Segment | undefined => {
        if (!flat) return dyads.get(key(x, y));
        if (x >= 1000 || y >= 1000) return undefined;
        const i = directed || x < y ? slots[x * 1000 + y]! : slots[y * 1000 + x]!;
        return i ? inSlots[i - 1] : undefined;
      };
      // Tail keys: a segment's id; past the last id, the rows without an alliance and those outside the data.
      batch.tailFrom = 3;
      const NONE = segments.length;
      const OUTSIDE = segments.length + 1;
      const seen = options?.keyedOnce ? new Uint8Array(segments.length + 2) : null;
      for (let year = years.from; year <= years.to; year++) {
        batch.clear(year);
        const inData = year >= covered.from && year <= covered.to;
        for (const sg of inSlots) slots[sg.a * 1000 + sg.b] = 0;
        inSlots = [];
        dyads.clear();
        if (inData) {
          while (!pending.done && pending.value.year < year) pending = alliance.next();
          if (!pending.done && pending.value.year === year) {
            inSlots = [...pending.value.segments];
            flat = inSlots.every((sg) => sg.a < 1000 && sg.b < 1000);
            inSlots.forEach((sg, i) => {
              if (flat) slots[sg.a * 1000 + sg.b] = i + 1;
              else dyads.set(sg.key, sg);
            });
            if (!flat) inSlots = [];
          }
        }
        const lookup = (a: readonly CCode[], b: readonly CCode[]): AllianceCells | null => {
          if (a.length === 1 && b.length === 1) return get(a[0]!, b[0]!) ?? null;
          // Several COW codes behind one GW state (a successor): merge, and do not cache the merge.
          const found: AllianceCells[] = [];
          for (const x of a) {
            for (const y of b) {
              const d = get(x, y);
              if (d) found.push(d);
            }
          }
          return merged(found);
        };
        const active = activeIn(states, year);
        for (let i = 0; i < active.length; i++) {
          const x = active[i]!;
          for (let j = unit === 'dyad-year' ? i + 1 : 0; j < active.length; j++) {
            if (i === j) continue;
            const y = active[j]!;
            if (!meet(x, y)) continue;
            const single = x.ccodes.length === 1 && y.ccodes.length === 1;
            const cells = inData ? lookup(x.ccodes, y.ccodes) : null;
            const tail = !inData ? OUTSIDE : cells === null ? NONE : single ? (cells.id ?? -1) : -1;
            const known = seen !== null && tail >= 0 && seen[tail] === 1;
            const base = batch.addRow(!inData && !known, tail);
            const ints = batch.ints;
            ints[base] = x.code;
            ints[base + 1] = y.code;
            ints[base + 2] = year;
            if (known) continue;
            if (seen !== null && tail >= 0) seen[tail] = 1;
            fillAlliance(batch, base, 3, layout, cells, inData, single);
          }
        }
        yield batch;
      }
    },
  };
}

/** The system frame with alliance columns, straight from an engine (see `frameDyadYears`). */
export function systemDyadYears(engine: Engine, options: FrameOptions): TableStream {
  return frameDyadYears(systemStates(engine.registry, options.system), AllianceData.fromEngine(engine, options), options);
}

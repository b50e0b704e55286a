/**
 * Alliance dyad-years, directed or not, in the layout of ATOP's own dyad-year files (codebook
 * §2.6–2.7): one row per pair of states sharing an alliance in a year, with the obligation
 * flags, SHAREOB, TRANSYR, the counts and the ATOP ids. Generated year by year.
 */
import type { Engine } from '../core/engine.js';
import { ALLIANCE_TYPES } from '../core/model.js';
import { AllianceData, ALL_BITS, ATOP_COLUMNS, TYPE_BITS, type AllianceYearOptions, type Segment } from './alliance-years.js';
import { NA, RowBatch, intColumns, type BatchOptions, type Column, type TableStream } from './table.js';

/** Directed dyad-years (A's obligations to B) or dyad-years (either state's to the other). */
export type DyadUnit = 'directed-dyad-year' | 'dyad-year';

/** The alliance columns of a row, after its key columns. */
export interface AllianceLayout {
  readonly columns: readonly Column[];
  /** Number of atopid columns. */
  readonly atopidColumns: number;
  readonly data: AllianceData;
  /** Bit of each flag column, in column order. */
  readonly bits: readonly number[];
  /** The values of a row that shares no alliance (its integer columns). */
  readonly zeros: Int32Array;
  readonly kind: 'dyad' | 'state';
  /** Encoded alliance columns per segment id: a segment spans several years and is encoded once. */
  readonly cache: SegmentCache;
}

/** The alliance columns for `data`: ATOPALLY, the selected flags, SHAREOB, TRANSYR, BILATNO, MULTINO, NUMBER, ASYMM, ATOPID1…n and, when some alliance has no ATOP id, `treaties`. */
export function allianceLayout(data: AllianceData, segments: readonly Segment[], kind: 'dyad' | 'state' = 'dyad'): AllianceLayout {
  const k = data.maxAtopids(segments);
  const flags = data.types.map((t) => ATOP_COLUMNS[t]);
  const names =
    kind === 'dyad'
      ? ['atopally', ...flags, 'shareob', 'transyr', 'bilatno', 'multino', 'number', 'asymm']
      : ['atopally', ...flags, 'number', 'transyr'];
  const columns: Column[] = [...intColumns(...names), ...intColumns(...Array.from({ length: k }, (_, i) => `atopid${i + 1}`))];
  if (data.hasNonAtop) columns.push({ name: 'treaties', kind: 'text' });
  const zeros = new Int32Array(names.length + k).fill(NA).fill(0, 0, names.length);
  if (kind === 'dyad') zeros[1 + flags.length] = NA; // SHAREOB is missing unless 1
  return { columns, atopidColumns: k, data, bits: data.types.map((t) => TYPE_BITS[t]), zeros, kind, cache: new SegmentCache(segments.length, zeros.length) };
}

/** What a row's alliance columns are filled from. */
export interface AllianceCells {
  readonly bits: number;
  /** Bits between the two either way, for SHAREOB (for states, `bits`). */
  readonly pairBits: number;
  readonly trans: boolean;
  readonly alliances: readonly number[];
  /** Per alliance: 1 when bilateral (dyads only). */
  readonly bilateral?: readonly number[];
  /** Segment id, when the aggregate is a segment (its encoding is then cached). */
  readonly id?: number;
}

/** The encoded alliance columns of each segment, in one pooled array (no object per segment). */
export class SegmentCache {
  readonly #width: number;
  readonly #pool: Int32Array;
  readonly #done: Uint8Array;
  readonly #texts = new Map<number, string>();

  constructor(segments: number, width: number) {
    this.#width = width;
    this.#pool = new Int32Array(segments * width);
    this.#done = new Uint8Array(segments);
  }

  /** Offset of the segment's values in `pool`, or -1 when not encoded yet. */
  offset(id: number): number {
    return this.#done[id] ? id * this.#width : -1;
  }

  /** The pooled values, `width` per segment. */
  get pool(): Int32Array {
    return this.#pool;
  }

  /** The `treaties` text of the segment, if any. */
  text(id: number): string | null {
    return this.#texts.get(id) ?? null;
  }

  /** Encodes a segment's values into the pool with `write` (which returns its text); returns their offset in `pool`. */
  store(id: number, write: (pool: Int32Array, offset: number) => string | null): number {
    const text = write(this.#pool, id * this.#width);
    this.#done[id] = 1;
    if (text !== null) this.#texts.set(id, text);
    return id * this.#width;
  }
}

/**
 * Writes the values of the alliance columns for an aggregate into `out` from `at` (ATOP ids
 * ascending); returns the `treaties` text, if any. Called once per segment, so it writes in
 * place rather than building arrays.
 */
function encodeCells(layout: AllianceLayout, cells: AllianceCells, out: Int32Array, at: number): string | null {
  const { data, bits, zeros } = layout;
  const alliances = data.alliances;
  let c = at;
  out[c++] = 1;
  for (let i = 0; i < bits.length; i++) out[c++] = cells.bits & bits[i]! ? 1 : 0;
  const n = cells.alliances.length;
  if (layout.kind === 'dyad') {
    // SHAREOB: the two owe each other nothing, either way (codebook: "no obligations to one another").
    out[c++] = (cells.pairBits & ALL_BITS) === 0 ? 1 : NA;
    out[c++] = cells.trans ? 1 : 0;
    let bil = 0;
    let asym = 0;
    for (let i = 0; i < n; i++) {
      if (cells.bilateral?.[i]) bil++;
      if (alliances[cells.alliances[i]!]!.asymmetric) asym = 1;
    }
    out[c++] = bil;
    out[c++] = n - bil;
    out[c++] = n;
    out[c++] = asym;
  } else {
    out[c++] = n;
    out[c++] = cells.trans ? 1 : 0;
  }
  const end = at + zeros.length;
  const idsAt = end - layout.atopidColumns;
  let others: string[] | null = null;
  let ids: number[] | null = null;
  for (let i = 0; i < n; i++) {
    const a = alliances[cells.alliances[i]!]!;
    if (a.atopid === null) (others ??= []).push(...a.treaties);
    else if (ids) ids.push(a.atopid);
    else if (c < end && (c === idsAt || out[c - 1]! < a.atopid)) out[c++] = a.atopid;
    else {
      // Not in ATOP id order (a frame's merge of several segments): sort them all, keep the first.
      ids = [...out.subarray(idsAt, c), a.atopid];
      c = idsAt;
    }
  }
  if (ids) for (const id of ids.sort((x, y) => x - y)) if (c < end) out[c++] = id;
  while (c < end) out[c++] = NA;
  return data.hasNonAtop && others ? others.sort().join(' ') : null;
}

/**
 * Writes the alliance columns of the last row of `batch`, starting at column `col`: the values of
 * `cells`, zeros when `cells` is null (no alliance), or missing values when the year is outside
 * the data (`covered` false; the row must then have been added filled with missing values). `cacheable` aggregates (segments, which repeat year after year)
 * are encoded once per table.
 */
export function fillAlliance(batch: RowBatch, base: number, col: number, layout: AllianceLayout, cells: AllianceCells | null, covered: boolean, cacheable = true): void {
  if (!covered) return;
  if (!cells) {
    const ints = batch.ints;
    const zeros = layout.zeros;
    for (let i = 0; i < zeros.length; i++) ints[base + col + i] = zeros[i]!;
    return;
  }
  const ints = batch.ints;
  const at = base + col;
  const id = cacheable ? cells.id : undefined;
  if (id === undefined) {
    const text = encodeCells(layout, cells, ints, at);
    if (text !== null) batch.setText(col + layout.columns.length - 1, text);
    return;
  }
  const cache = layout.cache;
  let off = cache.offset(id);
  if (off < 0) off = cache.store(id, (pool, offset) => encodeCells(layout, cells, pool, offset));
  // A plain loop: TypedArray#set costs more than copying twenty values.
  const pool = cache.pool;
  const n = layout.zeros.length;
  for (let i = 0; i < n; i++) ints[at + i] = pool[off + i]!;
  if (layout.data.hasNonAtop) {
    const text = cache.text(id);
    if (text !== null) batch.setText(col + layout.columns.length - 1, text);
  }
}

/** Options of `dyadYears`. */
export interface DyadYearOptions extends AllianceYearOptions {
  readonly unit?: DyadUnit;
  readonly from: number;
  readonly to: number;
}

/** The unit asked for, default directed; an unknown one (from untyped callers) is a RangeError, not the undirected layout. */
export function dyadUnit(unit: string | undefined): DyadUnit {
  if (unit === undefined) return 'directed-dyad-year';
  if (unit !== 'directed-dyad-year' && unit !== 'dyad-year') throw new RangeError(`unknown unit '${unit}': expected directed-dyad-year or dyad-year`);
  return unit;
}

/** The columns of a dyad-year table. */
export function dyadColumns(layout: AllianceLayout, unit: DyadUnit): Column[] {
  const keys = unit === 'directed-dyad-year' ? intColumns('stateA', 'stateB', 'year', 'ddyad') : intColumns('mem1', 'mem2', 'year', 'dyad');
  return [...keys, ...layout.columns];
}

/**
 * ATOP-style alliance dyad-years from an index: one batch per year, rows ordered by state A then
 * state B. The batch object is reused: read it before asking for the next.
 */
export function allianceDyadYears(data: AllianceData, options: { unit?: DyadUnit; from: number; to: number }): TableStream {
  const unit = dyadUnit(options.unit);
  const years = { from: options.from, to: options.to };
  const segments = data.dyadSegments(years, unit === 'directed-dyad-year');
  const layout = allianceLayout(data, segments, 'dyad');
  const columns = dyadColumns(layout, unit);
  return {
    columns,
    years,
    *batches(options?: BatchOptions) {
      const batch = new RowBatch(columns, 8192);
      // A row is its segment's values with the year: keyed by segment, the whole row but the year.
      batch.tailFrom = 0;
      batch.yearColumn = 2;
      const seen = options?.keyedOnce ? new Uint8Array(segments.length) : null;
      for (const { year, segments: active } of data.years(segments, years)) {
        batch.clear(year);
        for (let i = 0; i < active.length; i++) {
          const d = active[i]!;
          const base = batch.addRow(false, d.id);
          const ints = batch.ints;
          ints[base + 2] = year;
          if (seen) {
            if (seen[d.id]) continue;
            seen[d.id] = 1;
          }
          ints[base] = d.a;
          ints[base + 1] = d.b;
          ints[base + 3] = d.a * 1000 + d.b;
          fillAlliance(batch, base, 4, layout, d, true);
        }
        yield batch;
      }
    },
  };
}

/** ATOP-style alliance dyad-years straight from an engine (see `allianceDyadYears`). */
export function dyadYears(engine: Engine, options: DyadYearOptions): TableStream {
  return allianceDyadYears(AllianceData.fromEngine(engine, options), options);
}

/** The ATOP flag column names in order, for callers that list them. */
export const FLAG_COLUMNS: readonly string[] = ALLIANCE_TYPES.map((t) => ATOP_COLUMNS[t]);

/** The missing-value marker of integer columns (re-exported for callers reading batches). */
export { NA };

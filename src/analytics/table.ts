/**
 * Row batches: the unit in which analytics generators hand rows to writers. A batch holds the
 * rows of one year (or one chunk) in a row-major Int32Array, so that millions of rows cost no
 * per-row objects; text columns, rare, sit beside it. A batch is valid until the generator
 * resumes: writers encode or copy it before asking for the next one.
 */

/**
 * Missing value in an integer column (written as an empty CSV field, a Parquet null). It is
 * -2^30, the smallest small integer V8 stores unboxed: -2^31 would be a heap number and make
 * every write of it into an Int32Array a conversion.
 */
export const NA = -1073741824;

/**
 * `a` itself when `need` more values fit after its first `used`; otherwise a new array of the
 * same type, at least twice as long, holding those `used` values. The growth step of every
 * reusable buffer of the writers, and of the alliance index's records.
 */
export function withRoom<T extends Uint8Array | Int32Array | Float64Array>(a: T, used: number, need: number): T {
  if (used + need <= a.length) return a;
  const grown = new (a.constructor as new (length: number) => T)(Math.max(a.length * 2, used + need));
  grown.set(a.subarray(0, used));
  return grown;
}

/** A column of an output table: integers (with `NA` for missing) or text. */
export interface Column {
  readonly name: string;
  readonly kind: 'int' | 'text';
}

/** Integer columns named in order. */
export function intColumns(...names: readonly string[]): Column[] {
  return names.map((name) => ({ name, kind: 'int' }));
}

/** A batch of rows with a fixed set of columns. */
export class RowBatch {
  readonly columns: readonly Column[];
  readonly width: number;
  /** The year the rows belong to, when the generator works year by year. */
  year = 0;
  length = 0;
  /** Row-major values: row r, column c at `r * width + c`. Text columns hold `NA` here. */
  ints: Int32Array;
  /** Values of text columns, by column index. */
  readonly texts: ReadonlyMap<number, (string | null)[]>;
  /**
   * First column of a row's keyed tail (the alliance columns): rows of one table whose
   * `tailKeys` are equal and not negative hold the same values (text included) from this column
   * on, except in `yearColumn`, so encoders may encode that part once per key. `width`: no tail.
   */
  tailFrom: number;
  /** Per row: the key of its tail (a segment id, say), or -1 when it has none. */
  tailKeys: Int32Array;
  /**
   * A column that holds the batch's `year` in every row and is not part of any keyed tail, even
   * when it lies in it (a dyad-year row is its segment's values with the year in column 2); -1:
   * none.
   */
  yearColumn = -1;

  constructor(columns: readonly Column[], capacity = 1024) {
    this.columns = columns;
    this.width = columns.length;
    this.ints = new Int32Array(Math.max(1, capacity) * this.width);
    const texts = new Map<number, (string | null)[]>();
    columns.forEach((c, i) => {
      if (c.kind === 'text') texts.set(i, []);
    });
    this.texts = texts;
    this.tailFrom = this.width;
    this.tailKeys = new Int32Array(Math.max(1, capacity));
  }

  /** Empties the batch for reuse. */
  clear(year = 0): void {
    this.length = 0;
    this.year = year;
    for (const t of this.texts.values()) t.length = 0;
  }

  /**
   * Appends a row and returns the offset of its first value in `ints`. The row starts as missing
   * values, unless `fill` is false, for callers that write every integer column themselves.
   * `tailKey`: see `tailKeys`.
   */
  addRow(fill = true, tailKey = -1): number {
    const base = this.length * this.width;
    this.ints = withRoom(this.ints, base, this.width);
    this.tailKeys = withRoom(this.tailKeys, this.length, 1);
    this.tailKeys[this.length] = tailKey;
    if (fill) {
      const ints = this.ints;
      for (let i = base; i < base + this.width; i++) ints[i] = NA;
    }
    if (this.texts.size) for (const t of this.texts.values()) t.push(null);
    this.length++;
    return base;
  }

  /** Sets a text value in the last row added. */
  setText(column: number, value: string | null): void {
    const t = this.texts.get(column);
    if (!t) throw new TypeError(`column ${this.columns[column]?.name ?? column} is not a text column`);
    t[this.length - 1] = value;
  }

  /** One value: a number, a string, or `null` when missing. */
  get(row: number, column: number): number | string | null {
    const t = this.texts.get(column);
    if (t) return t[row] ?? null;
    const v = this.ints[row * this.width + column]!;
    return v === NA ? null : v;
  }

  /** One row as an object keyed by column name (for tests and small outputs). */
  record(row: number): Record<string, number | string | null> {
    const out: Record<string, number | string | null> = {};
    this.columns.forEach((c, i) => {
      out[c.name] = this.get(row, i);
    });
    return out;
  }

  /** Every row as objects. */
  records(): Record<string, number | string | null>[] {
    return Array.from({ length: this.length }, (_, r) => this.record(r));
  }
}

/** Collects the rows of every batch as objects: for tests and small outputs only. */
export function collectRecords(batches: Iterable<RowBatch>): Record<string, number | string | null>[] {
  const out: Record<string, number | string | null>[] = [];
  for (const b of batches) out.push(...b.records());
  return out;
}

/** How a consumer reads a table's batches. */
export interface BatchOptions {
  /**
   * The consumer keeps what it needs of each keyed tail the first time the tail's key comes:
   * later rows with that key may then carry only their values before `tailFrom` and the year
   * (their tail values in `ints` are unspecified). The CSV encoder, which caches encoded tails,
   * reads this way; readers of values (Parquet, `records()`) must not.
   */
  readonly keyedOnce?: boolean;
}

/** A table to write: its columns and its batches (one per year for the year-by-year generators). */
export interface TableStream {
  readonly columns: readonly Column[];
  /** Years the batches run over, when the table is generated year by year. */
  readonly years?: { readonly from: number; readonly to: number };
  batches(options?: BatchOptions): Iterable<RowBatch>;
}

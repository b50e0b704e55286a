/**
 * A read-only temporal index for items with closed day intervals ("in force from start to end",
 * `end` null for open-ended): answers "which items hold on this day" without scanning a whole
 * history, and lists them in the order they were given (the engine gives a state's obligations
 * sorted by the other state, so that grouping them per ally needs no map and no sort).
 *
 * Items are bucketed by decade; an open-ended item is put in every bucket from its start to the
 * last decade any item touches, and days after that decade are answered from the last bucket.
 * Within a bucket, the days are kept as yyyymmdd integers in typed arrays for a tight scan.
 */
import { dayNumber, type IsoDay } from './dates.js';

const OPEN = 2 ** 31 - 1;
const decadeOf = (n: number): number => Math.floor(n / 100000);

interface Bucket<T> {
  readonly items: T[];
  readonly starts: Int32Array;
  readonly ends: Int32Array;
}

/** Items with a start and an optional end day, indexed by time. */
export class IntervalIndex<T extends { readonly start: IsoDay; readonly end: IsoDay | null }> {
  readonly #buckets: (Bucket<T> | undefined)[] = [];
  readonly #first: number = 0;
  readonly #size: number;

  /** Indexes the items; answers list them in this order. */
  constructor(items: readonly T[]) {
    const n = items.length;
    this.#size = n;
    if (n === 0) return;
    const starts = new Int32Array(n);
    const ends = new Int32Array(n);
    let first = Infinity;
    let last = -Infinity;
    for (let i = 0; i < n; i++) {
      const item = items[i]!;
      starts[i] = dayNumber(item.start);
      ends[i] = item.end === null ? OPEN : dayNumber(item.end);
      first = Math.min(first, decadeOf(starts[i]!));
      last = Math.max(last, decadeOf(starts[i]!), ends[i] === OPEN ? -Infinity : decadeOf(ends[i]!));
    }
    this.#first = first;
    // Two passes: count each bucket's items, then fill typed arrays of exactly that size.
    const counts = new Int32Array(last - first + 1);
    const lastOf = (i: number): number => (ends[i] === OPEN ? last : decadeOf(ends[i]!)) - first;
    for (let i = 0; i < n; i++) for (let d = decadeOf(starts[i]!) - first, to = lastOf(i); d <= to; d++) counts[d]!++;
    const fill = new Int32Array(counts.length);
    for (let d = 0; d < counts.length; d++) {
      if (counts[d]) this.#buckets[d] = { items: new Array<T>(counts[d]!), starts: new Int32Array(counts[d]!), ends: new Int32Array(counts[d]!) };
    }
    for (let i = 0; i < n; i++) {
      for (let d = decadeOf(starts[i]!) - first, to = lastOf(i); d <= to; d++) {
        const b = this.#buckets[d]!;
        const k = fill[d]!++;
        b.items[k] = items[i]!;
        b.starts[k] = starts[i]!;
        b.ends[k] = ends[i]!;
      }
    }
  }

  /** Number of items indexed. */
  get size(): number {
    return this.#size;
  }

  /** The items whose interval contains `day` (and that `keep` accepts), in indexing order. */
  on(day: IsoDay, keep?: (item: T) => boolean): T[] {
    const out: T[] = [];
    if (this.#buckets.length === 0) return out;
    const n = dayNumber(day);
    const i = decadeOf(n) - this.#first;
    if (i < 0) return out;
    const bucket = this.#buckets[Math.min(i, this.#buckets.length - 1)];
    if (!bucket) return out;
    const { items, starts, ends } = bucket;
    for (let j = 0; j < items.length; j++) {
      if (starts[j]! <= n && n <= ends[j]! && (keep === undefined || keep(items[j]!))) out.push(items[j]!);
    }
    return out;
  }
}

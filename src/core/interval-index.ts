/**
 * A read-only temporal index for items with closed day intervals ("in force from start to end",
 * `end` null for open-ended): answers "which items hold on this day" without scanning a whole
 * history, and lists them in the order they were given (the engine gives a state's obligations
 * sorted by the other state, so that grouping them per ally needs no map and no sort).
 *
 * Items are bucketed by decade; an open-ended item is put in every bucket from its start to the
 * last decade any item touches, and days after that decade are answered from the last bucket.
 * The days are kept as yyyymmdd integers in typed arrays, and a bucket is a typed list of item
 * positions, for a tight scan. The index keeps the array it is given: do not change it afterwards.
 */
import { dayNumber, type IsoDay } from './dates.js';

const OPEN = 2 ** 31 - 1;
const decadeOf = (n: number): number => Math.floor(n / 100000);

/** Items with a start and an optional end day, indexed by time. */
export class IntervalIndex<T extends { readonly start: IsoDay; readonly end: IsoDay | null }> {
  readonly #items: readonly T[];
  readonly #starts: Int32Array;
  readonly #ends: Int32Array;
  /** Per decade, the positions of the items that touch it, ascending (typed: nothing for the GC to trace). */
  readonly #buckets: (Int32Array | undefined)[] = [];
  readonly #first: number = 0;

  /** Indexes the items; answers list them in this order. */
  constructor(items: readonly T[]) {
    const n = items.length;
    this.#items = items;
    this.#starts = new Int32Array(n);
    this.#ends = new Int32Array(n);
    if (n === 0) return;
    const starts = this.#starts;
    const ends = this.#ends;
    let first = Infinity;
    let last = -Infinity;
    for (let i = 0; i < n; i++) {
      const item = items[i]!;
      const s = dayNumber(item.start);
      const e = item.end === null ? OPEN : dayNumber(item.end);
      starts[i] = s;
      ends[i] = e;
      if (decadeOf(s) < first) first = decadeOf(s);
      const lastOfItem = e === OPEN ? decadeOf(s) : decadeOf(e);
      if (lastOfItem > last) last = lastOfItem;
    }
    this.#first = first;
    // Two passes: count each bucket's items, then fill arrays of exactly that size.
    const counts = new Int32Array(last - first + 1);
    const firstBucket = (i: number): number => decadeOf(starts[i]!) - first;
    const lastBucket = (i: number): number => (ends[i] === OPEN ? last : decadeOf(ends[i]!)) - first;
    for (let i = 0; i < n; i++) for (let d = firstBucket(i), to = lastBucket(i); d <= to; d++) counts[d]!++;
    const fill = new Int32Array(counts.length);
    for (let d = 0; d < counts.length; d++) if (counts[d]) this.#buckets[d] = new Int32Array(counts[d]!);
    for (let i = 0; i < n; i++) {
      for (let d = firstBucket(i), to = lastBucket(i); d <= to; d++) this.#buckets[d]![fill[d]!++] = i;
    }
  }

  /** Number of items indexed. */
  get size(): number {
    return this.#items.length;
  }

  /** The items whose interval contains `day` (and that `keep` accepts), in indexing order. */
  on(day: IsoDay, keep?: (item: T) => boolean): T[] {
    const out: T[] = [];
    this.forEachOn(day, (item) => {
      if (keep === undefined || keep(item)) out.push(item);
    });
    return out;
  }

  /** Calls `fn` with each item whose interval contains `day`, in indexing order (no array built). */
  forEachOn(day: IsoDay, fn: (item: T) => void): void {
    if (this.#buckets.length === 0) return;
    const n = dayNumber(day);
    const i = decadeOf(n) - this.#first;
    if (i < 0) return;
    const bucket = this.#buckets[Math.min(i, this.#buckets.length - 1)];
    if (!bucket) return;
    const items = this.#items;
    const starts = this.#starts;
    const ends = this.#ends;
    for (let j = 0; j < bucket.length; j++) {
      const k = bucket[j]!;
      if (starts[k]! <= n && n <= ends[k]!) fn(items[k]!);
    }
  }
}

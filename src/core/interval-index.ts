/**
 * A temporal index for items with closed day intervals ("in force from start to end"): answers
 * "which items hold on this day" without scanning a state's whole history. Closed intervals are
 * bucketed by decade; open-ended ones are kept sorted by start and scanned until the day.
 */
import type { IsoDay } from './dates.js';

const decadeOf = (day: IsoDay): number => Math.floor(Number(day.slice(0, 4)) / 10);

/** Items with a start and an optional end day, indexed by time. */
export class IntervalIndex<T extends { readonly start: IsoDay; readonly end: IsoDay | null }> {
  readonly #closed = new Map<number, T[]>();
  readonly #open: T[] = [];
  #sorted = true;
  #size = 0;

  /** Adds an item. */
  add(item: T): void {
    this.#size++;
    if (item.end === null) {
      this.#open.push(item);
      this.#sorted = false;
      return;
    }
    for (let d = decadeOf(item.start), last = decadeOf(item.end); d <= last; d++) {
      const bucket = this.#closed.get(d);
      if (bucket) bucket.push(item);
      else this.#closed.set(d, [item]);
    }
  }

  /** Number of items added. */
  get size(): number {
    return this.#size;
  }

  /** Calls `fn` for every item whose interval contains `day`. */
  forEachOn(day: IsoDay, fn: (item: T) => void): void {
    const bucket = this.#closed.get(decadeOf(day));
    if (bucket) for (const item of bucket) if (item.start <= day && day <= item.end!) fn(item);
    if (!this.#sorted) {
      this.#open.sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0));
      this.#sorted = true;
    }
    for (const item of this.#open) {
      if (item.start > day) break;
      fn(item);
    }
  }
}

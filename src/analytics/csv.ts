/**
 * CSV encoding of row batches. The header and every text value go through csv-stringify, which
 * does all quoting. Integer columns never need quoting (digits, a minus sign, or nothing for a
 * missing value), and csv-stringify takes about 8 s per million 25-column rows on this machine,
 * so integers are written as ASCII digits straight into a reusable byte buffer instead; that is
 * what keeps a 2-million-row frame under 2 s.
 */
import { stringify } from 'csv-stringify/sync';
import { NA, withRoom, type Column, type RowBatch } from './table.js';

/** The header line (with its newline). */
export function csvHeader(columns: readonly Column[]): string {
  return stringify([columns.map((c) => c.name)], { record_delimiter: 'unix' });
}

/** One text value as a CSV field (quoted by csv-stringify when needed). */
function textField(value: string): string {
  return stringify([[value]], { record_delimiter: 'unix' }).slice(0, -1);
}

/**
 * The ASCII digits of 0…9999 (state codes, years), four bytes packed little-endian per number,
 * and their lengths: such a number is written with one four-byte store.
 */
const SMALL = new Uint32Array(10000);
const SMALL_LEN = new Uint8Array(10000);
for (let v = 0; v < 10000; v++) {
  const text = String(v);
  let packed = 0;
  for (let i = text.length - 1; i >= 0; i--) packed = packed * 256 + text.charCodeAt(i);
  SMALL[v] = packed;
  SMALL_LEN[v] = text.length;
}

const COMMA = 44;
const NEWLINE = 10;
const MINUS = 45;

/**
 * Encodes batches as CSV bytes into a buffer that is reused from one batch to the next. The
 * encoding of a keyed row tail (`RowBatch.tailKeys`) is kept and copied for every later row with
 * that key: in a dyad-year table most of a row is the alliance columns of a segment that lasts
 * several years, so most rows cost a few digits and a copy. When the batch's year column lies in
 * the tail (a dyad-year row is its segment's values and the year), the tail is kept in two parts
 * and the year written between them. One encoder per table: keys are only meaningful within one.
 */
export class CsvEncoder {
  #buf: Uint8Array = new Uint8Array(1 << 20);
  #bufView = new DataView(this.#buf.buffer);
  readonly #digits = new Uint8Array(12);
  /** Tail encodings, back to back (each with its leading comma, unless the tail starts at column 0). */
  #tails: Uint8Array = new Uint8Array(1 << 16);
  #tailsView = new DataView(this.#tails.buffer);
  #tailsUsed = 0;
  /**
   * Per key: start, year slot and end + 1 of its encoding in `#tails` (0 in the third: not
   * encoded yet, so that an empty encoding still counts). Without a year column in the tail, the
   * slot is the end.
   */
  #tailAt: Int32Array = new Int32Array(3072);

  /** Makes room for `need` more bytes after `used`; returns the (possibly new) buffer. */
  #room(used: number, need: number): Uint8Array {
    if (used + need <= this.#buf.length) return this.#buf;
    this.#buf = withRoom(this.#buf, used, need);
    this.#bufView = new DataView(this.#buf.buffer);
    return this.#buf;
  }

  /** Writes cells `c0` to `c1 - 1` of row `r` at `pos` (each after a comma, but for column 0); returns the end. */
  #cells(batch: RowBatch, r: number, c0: number, c1: number, pos: number): number {
    const { ints, width, texts, columns } = batch;
    const digits = this.#digits;
    let buf = this.#room(pos, (c1 - c0) * 12);
    let view = this.#bufView;
    const base = r * width;
    for (let c = c0; c < c1; c++) {
      if (c > 0) buf[pos++] = COMMA;
      if (texts.size && columns[c]!.kind === 'text') {
        const s = texts.get(c)![r];
        if (s === null || s === undefined) continue;
        const bytes = Buffer.from(textField(s), 'utf8');
        buf = this.#room(pos, bytes.length + (c1 - c) * 12);
        view = this.#bufView;
        buf.set(bytes, pos);
        pos += bytes.length;
        continue;
      }
      let v = ints[base + c]!;
      if (v === NA) continue;
      if (v >= 0 && v < 10000) {
        // Room for twelve bytes a cell was made above, so the store may run past the digits.
        view.setUint32(pos, SMALL[v]!, true);
        pos += SMALL_LEN[v]!;
        continue;
      }
      if (v < 0) {
        buf[pos++] = MINUS;
        v = -v;
      }
      let n = 0;
      while (v > 0) {
        const q = (v / 10) | 0;
        digits[n++] = 48 + v - q * 10;
        v = q;
      }
      while (n > 0) buf[pos++] = digits[--n]!;
    }
    return pos;
  }

  /**
   * Keeps the encoding of tail `key`: bytes `from`..`mid` of the buffer (before the year, when the
   * year column lies in the tail) and `mid2`..`to` (after it).
   */
  #keep(key: number, from: number, mid: number, mid2: number, to: number): void {
    this.#tailAt = withRoom(this.#tailAt, this.#tailAt.length, 3 * key + 3 - this.#tailAt.length);
    const n = mid - from + to - mid2;
    if (this.#tailsUsed + n > this.#tails.length) {
      this.#tails = withRoom(this.#tails, this.#tailsUsed, n);
      this.#tailsView = new DataView(this.#tails.buffer);
    }
    const at = this.#tailsUsed;
    // Byte loops: a tail is a few dozen bytes, and two subarray views per kept tail were a tenth
    // of what a dyad-year table allocates.
    const tails = this.#tails;
    const buf = this.#buf;
    let t = at;
    for (let i = from; i < mid; i++) tails[t++] = buf[i]!;
    for (let i = mid2; i < to; i++) tails[t++] = buf[i]!;
    this.#tailAt[3 * key] = at;
    this.#tailAt[3 * key + 1] = at + mid - from;
    this.#tailAt[3 * key + 2] = (this.#tailsUsed += n) + 1;
  }

  /** Copies kept tail bytes `i`..`end` to `pos`; returns the new end of the buffer's bytes. */
  #copy(i: number, end: number, pos: number): number {
    // Four bytes at a time: a subarray per row (for TypedArray#set) would cost more than the copy.
    const buf = this.#room(pos, end - i + 4);
    const to = this.#bufView;
    const tailsView = this.#tailsView;
    for (; i + 4 <= end; i += 4, pos += 4) to.setUint32(pos, tailsView.getUint32(i, true), true);
    const tails = this.#tails;
    while (i < end) buf[pos++] = tails[i++]!;
    return pos;
  }

  /** The CSV bytes of the batch's rows, as a fresh Buffer the caller may keep. */
  encode(batch: RowBatch): Buffer {
    const { width, length, tailKeys } = batch;
    const from = Math.max(0, Math.min(batch.tailFrom, width));
    // The year column inside the tail is written per row between the two kept parts.
    const yc = batch.yearColumn >= from && batch.yearColumn < width ? batch.yearColumn : -1;
    const year = batch.year;
    const yearPacked = year >= 0 && year < 10000 ? SMALL[year]! : -1;
    const yearLen = yearPacked >= 0 ? SMALL_LEN[year]! : 0;
    let pos = 0;
    for (let r = 0; r < length; r++) {
      const key = from < width ? tailKeys[r]! : -1;
      if (key < 0) pos = this.#cells(batch, r, 0, width, pos);
      else {
        if (from > 0) pos = this.#cells(batch, r, 0, from, pos);
        const end = (3 * key + 2 < this.#tailAt.length ? this.#tailAt[3 * key + 2]! : 0) - 1;
        if (end < 0) {
          const start = pos;
          if (yc < 0) {
            pos = this.#cells(batch, r, from, width, pos);
            this.#keep(key, start, pos, pos, pos);
          } else {
            pos = this.#cells(batch, r, from, yc, pos);
            if (yc > 0) this.#room(pos, 1)[pos++] = COMMA;
            const mid = pos;
            pos = this.#cells(batch, r, yc, yc + 1, pos - (yc > 0 ? 1 : 0));
            const mid2 = pos;
            pos = this.#cells(batch, r, yc + 1, width, pos);
            this.#keep(key, start, mid, mid2, pos);
          }
        } else {
          const mid = this.#tailAt[3 * key + 1]!;
          pos = this.#copy(this.#tailAt[3 * key]!, mid, pos);
          if (yc >= 0) {
            if (yearPacked >= 0) {
              // #copy left room for four more bytes.
              this.#bufView.setUint32(pos, yearPacked, true);
              pos += yearLen;
            } else pos = this.#cells(batch, r, yc, yc + 1, pos - (yc > 0 ? 1 : 0));
          }
          pos = this.#copy(mid, end, pos);
        }
      }
      this.#room(pos, 1)[pos++] = NEWLINE;
    }
    // allocUnsafe + set is one memory copy; Buffer.from(a Uint8Array) copies value by value.
    const out = Buffer.allocUnsafe(pos);
    out.set(this.#buf.subarray(0, pos));
    return out;
  }
}

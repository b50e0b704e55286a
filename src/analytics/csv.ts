/**
 * CSV encoding of row batches. The header and every text value go through csv-stringify, which
 * does all quoting. Integer columns never need quoting (digits, a minus sign, or nothing for a
 * missing value), and csv-stringify takes about 8 s per million 25-column rows on this machine,
 * so integers are written as ASCII digits straight into a reusable byte buffer instead; that is
 * what keeps a 2-million-row frame under 2 s.
 */
import { stringify } from 'csv-stringify/sync';
import { NA, type Column, type RowBatch } from './table.js';

/** The header line (with its newline). */
export function csvHeader(columns: readonly Column[]): string {
  return stringify([columns.map((c) => c.name)], { record_delimiter: 'unix' });
}

/** One text value as a CSV field (quoted by csv-stringify when needed). */
function textField(value: string): string {
  return stringify([[value]], { record_delimiter: 'unix' }).slice(0, -1);
}

const COMMA = 44;
const NEWLINE = 10;
const MINUS = 45;

/** Encodes batches as CSV bytes into a buffer that is reused from one batch to the next. */
export class CsvEncoder {
  #buf: Uint8Array = new Uint8Array(1 << 20);

  #grow(used: number, need: number): Uint8Array {
    const grown = new Uint8Array(Math.max(this.#buf.length * 2, used + need));
    grown.set(this.#buf.subarray(0, used));
    return (this.#buf = grown);
  }

  /** The CSV bytes of the batch's rows, as a fresh Buffer the caller may keep. */
  encode(batch: RowBatch): Buffer {
    const { width, length, ints } = batch;
    const texts = batch.texts;
    const isText = batch.columns.map((c) => c.kind === 'text');
    const anyText = texts.size > 0;
    const rowMax = width * 12 + 1;
    const digits = new Uint8Array(12);
    let buf: Uint8Array = this.#buf;
    let pos = 0;
    // Reuse of the previous row's encoding from `repeatFrom` on, when those values repeat.
    const from = anyText || batch.repeatFrom < 1 ? width : batch.repeatFrom;
    let tailStart = -1;
    let tailEnd = -1;
    for (let r = 0; r < length; r++) {
      if (pos + rowMax > buf.length) buf = this.#grow(pos, rowMax);
      const base = r * width;
      let same = tailStart >= 0;
      if (same) {
        const prev = base - width;
        for (let c = from; c < width; c++) {
          if (ints[base + c] !== ints[prev + c]) {
            same = false;
            break;
          }
        }
      }
      const stop = same ? from : width;
      for (let c = 0; c < stop; c++) {
        if (c > 0) buf[pos++] = COMMA;
        if (c === from) tailStart = pos - 1;
        if (anyText && isText[c]) {
          const s = texts.get(c)![r];
          if (s === null || s === undefined) continue;
          const bytes = Buffer.from(textField(s), 'utf8');
          if (pos + bytes.length + rowMax > buf.length) buf = this.#grow(pos, bytes.length + rowMax);
          buf.set(bytes, pos);
          pos += bytes.length;
          continue;
        }
        let v = ints[base + c]!;
        if (v === NA) continue;
        if (v >= 0 && v < 10) {
          buf[pos++] = 48 + v;
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
      if (same) {
        buf.copyWithin(pos, tailStart, tailEnd);
        pos += tailEnd - tailStart;
      } else if (from < width) tailEnd = pos;
      buf[pos++] = NEWLINE;
    }
    return Buffer.from(buf.subarray(0, pos));
  }
}

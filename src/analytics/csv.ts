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
  #buf = new Uint8Array(1 << 20);
  #pos = 0;
  readonly #digits = new Uint8Array(16);

  #ensure(n: number): void {
    if (this.#pos + n <= this.#buf.length) return;
    const grown = new Uint8Array(Math.max(this.#buf.length * 2, this.#pos + n));
    grown.set(this.#buf.subarray(0, this.#pos));
    this.#buf = grown;
  }

  #int(v: number): void {
    const buf = this.#buf;
    if (v >= 0 && v < 10) {
      buf[this.#pos++] = 48 + v;
      return;
    }
    if (v < 0) {
      buf[this.#pos++] = MINUS;
      v = -v;
    }
    let n = 0;
    while (v > 0) {
      const q = Math.floor(v / 10);
      this.#digits[n++] = 48 + (v - q * 10);
      v = q;
    }
    while (n > 0) buf[this.#pos++] = this.#digits[--n]!;
  }

  #text(s: string, reserve: number): void {
    const bytes = Buffer.from(textField(s), 'utf8');
    this.#ensure(bytes.length + reserve);
    this.#buf.set(bytes, this.#pos);
    this.#pos += bytes.length;
  }

  /** The CSV bytes of the batch's rows, as a fresh Buffer the caller may keep. */
  encode(batch: RowBatch): Buffer {
    this.#pos = 0;
    const { width, length, ints } = batch;
    const texts = batch.texts;
    const textCols = new Set(texts.keys());
    for (let r = 0; r < length; r++) {
      this.#ensure(width * 12 + 1);
      const base = r * width;
      for (let c = 0; c < width; c++) {
        if (c > 0) this.#buf[this.#pos++] = COMMA;
        if (textCols.size && textCols.has(c)) {
          const s = texts.get(c)![r];
          if (s !== null && s !== undefined) this.#text(s, width * 12 + 1);
          continue;
        }
        const v = ints[base + c]!;
        if (v !== NA) this.#int(v);
      }
      this.#buf[this.#pos++] = NEWLINE;
    }
    return Buffer.from(this.#buf.subarray(0, this.#pos));
  }
}

/**
 * Parquet encoding of row batches with hyparquet-writer, streamed: rows are buffered into row
 * groups of a fixed size, each group is encoded and handed to the sink (which may apply
 * backpressure) before the next is buffered, so memory is bounded by one row group.
 */
import { ByteWriter, ParquetWriter } from 'hyparquet-writer';
import type { SchemaElement } from 'hyparquet-writer';
import { NA, type Column, type RowBatch } from './table.js';

/** Receives encoded bytes; a returned promise delays further encoding until it settles. */
export type ByteSink = (chunk: Buffer) => void | Promise<void>;

class SinkWriter extends ByteWriter {
  readonly #sink: ByteSink;

  constructor(sink: ByteSink) {
    super(1 << 20);
    this.#sink = sink;
  }

  flush(): void | Promise<void> {
    if (this.index === 0) return;
    const chunk = Buffer.from(new Uint8Array(this.buffer, 0, this.index));
    this.index = 0;
    return this.#sink(chunk);
  }

  override finish(): void | Promise<void> {
    return this.flush();
  }
}

/** The Parquet schema of a table: nullable INT32 columns and nullable UTF-8 strings. */
export function parquetSchema(columns: readonly Column[]): SchemaElement[] {
  return [
    { name: 'root', num_children: columns.length },
    ...columns.map((c): SchemaElement => (c.kind === 'int' ? { name: c.name, type: 'INT32', repetition_type: 'OPTIONAL' } : { name: c.name, type: 'BYTE_ARRAY', converted_type: 'UTF8', repetition_type: 'OPTIONAL' })),
  ];
}

/** Writes batches as one Parquet file to a sink. */
export class ParquetBatchWriter {
  readonly #columns: readonly Column[];
  readonly #writer: ParquetWriter;
  readonly #rowGroupSize: number;
  #data: (number | string | null)[][];
  #n = 0;

  constructor(columns: readonly Column[], sink: ByteSink, options: { rowGroupSize?: number; createdBy?: string } = {}) {
    this.#columns = columns;
    this.#rowGroupSize = options.rowGroupSize ?? 131_072;
    // No min/max statistics: they cost more than the rest of the encoding for these small
    // integer columns (profiled), and the readers tried (DuckDB) do not need them.
    this.#writer = new ParquetWriter({ writer: new SinkWriter(sink), schema: parquetSchema(columns), createdBy: options.createdBy ?? 'pacta', statistics: false });
    // Reused from one row group to the next: the writer copies what it needs before it resolves.
    this.#data = columns.map(() => new Array<number | string | null>(this.#rowGroupSize).fill(null));
  }

  /** Buffers the batch's rows column by column; encodes and writes a row group whenever one is full. */
  async write(batch: RowBatch): Promise<void> {
    const { width, ints } = batch;
    let r0 = 0;
    while (r0 < batch.length) {
      const n0 = this.#n;
      const take = Math.min(batch.length - r0, this.#rowGroupSize - n0);
      for (let c = 0; c < width; c++) {
        const col = this.#data[c]!;
        const text = batch.texts.get(c);
        if (text) {
          for (let r = 0; r < take; r++) col[n0 + r] = text[r0 + r] ?? null;
          continue;
        }
        for (let r = 0, at = r0 * width + c; r < take; r++, at += width) {
          const v = ints[at]!;
          col[n0 + r] = v === NA ? null : v;
        }
      }
      this.#n += take;
      r0 += take;
      if (this.#n === this.#rowGroupSize) await this.#flush();
    }
  }

  async #flush(): Promise<void> {
    if (this.#n === 0) return;
    const n = this.#n;
    const columnData = this.#columns.map((c, i) => ({ name: c.name, data: n === this.#rowGroupSize ? this.#data[i]! : this.#data[i]!.slice(0, n) }));
    this.#n = 0;
    await this.#writer.write({ columnData, rowGroupSize: Number.MAX_SAFE_INTEGER });
  }

  /** Writes the last row group and the footer. */
  async end(): Promise<void> {
    await this.#flush();
    await this.#writer.finish();
  }
}

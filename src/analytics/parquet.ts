/**
 * Parquet encoding of row batches with hyparquet-writer, streamed: rows are buffered into row
 * groups of a fixed size, each group is encoded and handed to the sink (which may apply
 * backpressure) before the next is buffered, so memory is bounded by one row group.
 */
import { ByteWriter, ParquetWriter } from 'hyparquet-writer';
import type { SchemaElement } from 'hyparquet-writer';
import type { Column, RowBatch } from './table.js';

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

  constructor(columns: readonly Column[], sink: ByteSink, options: { rowGroupSize?: number; createdBy?: string } = {}) {
    this.#columns = columns;
    this.#rowGroupSize = options.rowGroupSize ?? 131_072;
    this.#writer = new ParquetWriter({ writer: new SinkWriter(sink), schema: parquetSchema(columns), createdBy: options.createdBy ?? 'pacta' });
    this.#data = columns.map(() => []);
  }

  /** Buffers the batch's rows; encodes and writes a row group whenever one is full. */
  async write(batch: RowBatch): Promise<void> {
    for (let r = 0; r < batch.length; r++) {
      for (let c = 0; c < this.#columns.length; c++) this.#data[c]!.push(batch.get(r, c));
      if (this.#data[0]!.length >= this.#rowGroupSize) await this.#flush();
    }
  }

  async #flush(): Promise<void> {
    if (this.#data[0]!.length === 0) return;
    const columnData = this.#columns.map((c, i) => ({ name: c.name, data: this.#data[i]! }));
    this.#data = this.#columns.map(() => []);
    await this.#writer.write({ columnData, rowGroupSize: Number.MAX_SAFE_INTEGER });
  }

  /** Writes the last row group and the footer. */
  async end(): Promise<void> {
    await this.#flush();
    await this.#writer.finish();
  }
}

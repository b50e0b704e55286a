/**
 * Streams a table to a writable stream as CSV or Parquet, with backpressure: the next batch is
 * generated only after the stream has taken the previous one, so memory stays flat however
 * large the output grows. A reader that goes away (EPIPE from `| head`) ends the write quietly.
 */
import type { Writable } from 'node:stream';
import { CsvEncoder, csvHeader } from './csv.js';
import type { RowBatch, TableStream } from './table.js';

/** Output formats of tables. */
export type TableFormat = 'csv' | 'parquet';

/** The format a file name asks for (`.parquet` or `.pq`, else CSV). */
export function formatOf(file: string): TableFormat {
  return /\.(parquet|pq)$/i.test(file) ? 'parquet' : 'csv';
}

/** What a write did. */
export interface WriteResult {
  readonly rows: number;
  readonly bytes: number;
  /** True when the reader closed the stream early (e.g. `| head`); the rows are those generated until then. */
  readonly closedEarly: boolean;
}

/** Thrown inside the writer when the reader has gone; turned into `closedEarly`. */
class ReaderGone extends Error {}

/** True for the errors of writing to a reader that has gone (a closed pipe). */
export function readerGone(err: Error): boolean {
  const code = (err as NodeJS.ErrnoException).code;
  return code === 'EPIPE' || code === 'ERR_STREAM_DESTROYED';
}

/** A writer over a stream that waits for `drain` and notices a closed reader. */
function streamSink(out: Writable) {
  let failure: Error | null = null;
  let bytes = 0;
  const onError = (err: Error) => {
    failure = err;
  };
  out.on('error', onError);
  const check = () => {
    if (failure) throw readerGone(failure) ? new ReaderGone() : failure;
    if (out.destroyed || out.writableEnded) throw new ReaderGone();
  };
  return {
    get bytes() {
      return bytes;
    },
    async write(chunk: Buffer | string): Promise<void> {
      check();
      bytes += typeof chunk === 'string' ? Buffer.byteLength(chunk) : chunk.length;
      if (out.write(chunk)) return;
      await new Promise<void>((resolve) => {
        const done = () => {
          out.off('drain', done);
          out.off('error', done);
          out.off('close', done);
          resolve();
        };
        out.on('drain', done);
        out.on('error', done);
        out.on('close', done);
      });
      check();
    },
    async end(closeStream: boolean): Promise<void> {
      check();
      if (!closeStream) return;
      // A file stream flushes its buffer here: a reader gone by then (a pipe) shows only now.
      await new Promise<void>((resolve, reject) => {
        out.end((err?: Error | null) => (err ? reject(readerGone(err) ? new ReaderGone() : err) : resolve()));
      });
    },
    detach() {
      // Keep a listener so that a late EPIPE is not an uncaught error.
      out.off('error', onError);
      out.on('error', () => {});
    },
  };
}

/** Options of `writeTable`. */
export interface WriteTableOptions {
  readonly format: TableFormat;
  /** End the stream when done (true for files; false for stdout). */
  readonly close?: boolean;
  /**
   * Called after each batch is written (for progress bars): read its `year` and `length` only, as
   * CSV reads keyed rows once (`BatchOptions.keyedOnce`) and their other values may be unset.
   */
  readonly onBatch?: (batch: RowBatch) => void;
  /**
   * Rows per Parquet row group (default 131,072). Encoding a group runs without a break, so a
   * server that must keep answering other requests asks for smaller groups.
   */
  readonly parquetRowGroupSize?: number;
}

/** How long the writer may run before it lets the event loop take its turn. */
const TURN_MS = 50;

/**
 * A function that lets the event loop take a turn (signals, timers, a server's other requests)
 * when `TURN_MS` have passed since the last one. A write the stream takes at once continues
 * without a turn, so without this an export would hold the loop until it ends: Ctrl-C would wait.
 */
function turns(): () => Promise<void> | undefined {
  let last = performance.now();
  return () => {
    const now = performance.now();
    if (now - last < TURN_MS) return undefined;
    last = now;
    return new Promise<void>((resolve) => setImmediate(resolve));
  };
}

/** Writes every batch of the table to `out`, letting the event loop take a turn every 50 ms or so. */
export async function writeTable(table: TableStream, out: Writable, options: WriteTableOptions): Promise<WriteResult> {
  const sink = streamSink(out);
  const turn = turns();
  let rows = 0;
  try {
    if (options.format === 'csv') {
      const enc = new CsvEncoder();
      await sink.write(csvHeader(table.columns));
      for (const batch of table.batches({ keyedOnce: true })) {
        if (batch.length) await sink.write(enc.encode(batch));
        rows += batch.length;
        options.onBatch?.(batch);
        await turn();
      }
    } else {
      // Loaded on demand: the Parquet writer costs CSV users (and every CLI start) its load time.
      const { ParquetBatchWriter } = await import('./parquet.js');
      const pq = new ParquetBatchWriter(table.columns, (chunk) => sink.write(chunk), options.parquetRowGroupSize ? { rowGroupSize: options.parquetRowGroupSize } : {});
      for (const batch of table.batches()) {
        await pq.write(batch);
        rows += batch.length;
        options.onBatch?.(batch);
        await turn();
      }
      await pq.end();
    }
    await sink.end(options.close ?? false);
    return { rows, bytes: sink.bytes, closedEarly: false };
  } catch (err) {
    if (err instanceof ReaderGone) return { rows, bytes: sink.bytes, closedEarly: true };
    throw err;
  } finally {
    sink.detach();
  }
}

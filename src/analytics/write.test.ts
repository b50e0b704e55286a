import { mkdtempSync, rmSync, createWriteStream } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { DuckDBInstance } from '@duckdb/node-api';
import { NA, RowBatch, intColumns, type TableStream } from './table.js';
import { writeTable, formatOf } from './write.js';
import { CsvEncoder, csvHeader } from './csv.js';

const dir = mkdtempSync(join(tmpdir(), 'pacta-write-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A table of `years` batches of `rows` rows; counts how many batches were generated. */
function table(years: number, rows: number, generated: { n: number } = { n: 0 }): TableStream {
  const columns = [...intColumns('a', 'b', 'year', 'flag'), { name: 'note', kind: 'text' as const }];
  return {
    columns,
    years: { from: 2000, to: 2000 + years - 1 },
    *batches() {
      const batch = new RowBatch(columns, 4);
      for (let y = 0; y < years; y++) {
        batch.clear(2000 + y);
        for (let r = 0; r < rows; r++) {
          const base = batch.addRow();
          batch.ints[base] = r;
          batch.ints[base + 1] = -r;
          batch.ints[base + 2] = 2000 + y;
          batch.ints[base + 3] = r % 2 ? 1 : NA;
          if (r === 1) batch.setText(4, 'a "quoted", text');
        }
        generated.n++;
        yield batch;
      }
    },
  };
}

describe('CSV', () => {
  it('writes integers, blanks for missing values, and text quoted by csv-stringify', () => {
    const enc = new CsvEncoder();
    const [batch] = [...table(1, 3).batches()];
    expect(csvHeader(table(1, 1).columns)).toBe('a,b,year,flag,note\n');
    expect(enc.encode(batch!).toString()).toBe('0,0,2000,,\n1,-1,2000,1,"a ""quoted"", text"\n2,-2,2000,,\n');
  });

  it('encodes keyed row tails (tailKeys) once, to the same bytes as row by row, across batches', () => {
    const columns = [...intColumns('a', 'b', 'x', 'y', 'z'), { name: 'note', kind: 'text' as const }];
    const rows: [number[], string | null, number][] = [
      [[1, 2, 0, NA, 0], null, 0],
      [[3, 4, 0, NA, 0], null, 0],
      [[5, 6, 1, 7, 0], 'a, b', 1],
      [[8, 9, 1, 7, 0], 'a, b', 1],
      [[10, 11, 0, NA, 0], null, 0],
      [[12, 13, 2, 3, -4], null, -1],
    ];
    const batchOf = (keyed: boolean, part: typeof rows) => {
      const batch = new RowBatch(columns, 2);
      batch.tailFrom = 2;
      for (const [ints, note, key] of part) {
        const base = batch.addRow(false, keyed ? key : -1);
        ints.forEach((v, i) => (batch.ints[base + i] = v));
        batch.ints[base + 5] = NA;
        batch.setText(5, note);
      }
      return batch;
    };
    const plain = new CsvEncoder().encode(batchOf(false, rows)).toString();
    expect(plain).toBe('1,2,0,,0,\n3,4,0,,0,\n5,6,1,7,0,"a, b"\n8,9,1,7,0,"a, b"\n10,11,0,,0,\n12,13,2,3,-4,\n');
    const enc = new CsvEncoder();
    expect(enc.encode(batchOf(true, rows.slice(0, 3))).toString() + enc.encode(batchOf(true, rows.slice(3))).toString()).toBe(plain);
    // The second batch's keyed tails come from the first batch's encodings, not from its values.
    const lying = batchOf(true, [[[8, 9, 9, 9, 9], 'other', 1]]);
    expect(enc.encode(lying).toString()).toBe('8,9,1,7,0,"a, b"\n');
  });

  it('writes the year column between the two kept parts of a keyed tail that spans it', () => {
    const columns = intColumns('a', 'b', 'year', 'x', 'y');
    const batchOf = (year: number, keyed: boolean, rows: [number, number, number, number][]) => {
      const batch = new RowBatch(columns, 2);
      batch.clear(year);
      batch.tailFrom = 0;
      batch.yearColumn = 2;
      for (const [a, b, x, key] of rows) {
        const base = batch.addRow(false, keyed ? key : -1);
        [a, b, year, x, NA].forEach((v, i) => (batch.ints[base + i] = v));
      }
      return batch;
    };
    const rows: [number, number, number, number][] = [
      [2, 20, 1, 0],
      [365, 710, 12345, 1],
    ];
    const plain = (year: number) => new CsvEncoder().encode(batchOf(year, false, rows)).toString();
    expect(plain(1950)).toBe('2,20,1950,1,\n365,710,1950,12345,\n');
    const enc = new CsvEncoder();
    // Later batches take every value but the year from the kept encoding; years of other widths too.
    const keyed = [1950, 1951, 999, 12000].map((y) => enc.encode(batchOf(y, true, y === 1950 ? rows : [[0, 0, 0, 0], [0, 0, 0, 1]])).toString());
    expect(keyed).toEqual([1950, 1951, 999, 12000].map(plain));
  });

  it('keeps an empty tail encoding too (a table of the year alone)', () => {
    const batchOf = (year: number) => {
      const batch = new RowBatch(intColumns('year'), 2);
      batch.clear(year);
      batch.tailFrom = 0;
      batch.yearColumn = 0;
      for (let r = 0; r < 2; r++) batch.ints[batch.addRow(false, 0)] = year;
      return batch;
    };
    const enc = new CsvEncoder();
    expect([1990, 1991].map((y) => enc.encode(batchOf(y)).toString())).toEqual(['1990\n1990\n', '1991\n1991\n']);
  });

  it('picks the format from the file name', () => {
    expect(formatOf('x.parquet')).toBe('parquet');
    expect(formatOf('x.PQ')).toBe('parquet');
    expect(formatOf('x.csv')).toBe('csv');
    expect(formatOf('-')).toBe('csv');
  });
});

describe('streaming', () => {
  it('generates the next batch only when the stream has taken the previous one', async () => {
    const generated = { n: 0 };
    let written = 0;
    let ahead = 0;
    const slow = new Writable({
      highWaterMark: 16,
      write(chunk, _enc, done) {
        written++;
        ahead = Math.max(ahead, generated.n - written);
        setTimeout(done, 2);
      },
    });
    const r = await writeTable(table(20, 50, generated), slow, { format: 'csv', close: true });
    expect(r).toMatchObject({ rows: 1000, closedEarly: false });
    expect(ahead).toBeLessThanOrEqual(1);
  });

  it('stops quietly when the reader goes away (EPIPE)', async () => {
    const generated = { n: 0 };
    let calls = 0;
    const pipe = new Writable({
      highWaterMark: 16,
      write(_chunk, _enc, done) {
        calls++;
        if (calls < 3) return done();
        const err = Object.assign(new Error('write EPIPE'), { code: 'EPIPE' });
        done(err);
      },
    });
    const r = await writeTable(table(100, 50, generated), pipe, { format: 'csv', close: false });
    expect(r.closedEarly).toBe(true);
    expect(generated.n).toBeLessThan(10);
  });

  it('writes Parquet that DuckDB reads back, nulls and text included, in row groups', async () => {
    const file = join(dir, 't.parquet');
    const r = await writeTable(table(30, 10_000), createWriteStream(file), { format: 'parquet', close: true });
    expect(r.rows).toBe(300_000);
    const c = await (await DuckDBInstance.create(':memory:')).connect();
    const rows = (await c.runAndReadAll(`SELECT count(*), count(flag), sum(b), count(note), min(year), max(year) FROM read_parquet('${file}')`)).getRows()[0]!;
    expect(rows.map(Number)).toEqual([300_000, 150_000, -30 * (9_999 * 10_000) / 2, 30, 2000, 2029]);
    const note = (await c.runAndReadAll(`SELECT note FROM read_parquet('${file}') WHERE note IS NOT NULL LIMIT 1`)).getRows()[0]![0];
    expect(note).toBe('a "quoted", text');
    const groups = (await c.runAndReadAll(`SELECT count(DISTINCT row_group_id) FROM parquet_metadata('${file}')`)).getRows()[0]![0];
    expect(Number(groups)).toBe(3);
    const small = join(dir, 'small-groups.parquet');
    await writeTable(table(30, 10_000), createWriteStream(small), { format: 'parquet', close: true, parquetRowGroupSize: 50_000 });
    const smallGroups = (await c.runAndReadAll(`SELECT count(DISTINCT row_group_id), count(*) FROM parquet_metadata('${small}')`)).getRows()[0]!;
    expect(Number(smallGroups[0])).toBe(6);
    expect(Number((await c.runAndReadAll(`SELECT count(*) FROM read_parquet('${small}')`)).getRows()[0]![0])).toBe(300_000);
  });
});

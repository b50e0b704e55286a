import { createReadStream, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { PassThrough } from 'node:stream';
import { emitTable } from './analytics-commands.js';
import { RowBatch, type TableStream } from '../analytics/table.js';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cliRunner } from '../test-support/cli.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CORPUS_DIR } from '../app/files.js';

const dir = mkdtempSync(join(tmpdir(), 'pacta-analytics-cli-'));
const db = join(dir, 'pacta.db');

const run = cliRunner(db);

beforeAll(async () => {
  expect((await run('load', CORPUS_DIR)).code).toBe(0);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('pacta dyads, state-years, network on the curated corpus', () => {
  it('writes curated dyad-years in ATOP’s layout and says what it wrote', async () => {
    const out = join(dir, 'dy.csv');
    const r = await run('--source', 'curated', 'dyads', '--unit', 'dyad-year', '--from', '1950', '--to', '1951', '--out', out);
    expect(r.code).toBe(0);
    expect(r.err).toMatch(/^wrote \d+ rows \(\d+ columns\) to .*dy\.csv as csv \(source curated\)$/m);
    // With --json the summary is JSON on stdout, for scripts; the table went to the file.
    const json = await run('--json', '--source', 'curated', 'dyads', '--unit', 'dyad-year', '--from', '1950', '--to', '1951', '--out', out);
    expect(json).toMatchObject({ code: 0, err: '' });
    expect(JSON.parse(json.out)).toEqual({ file: out, format: 'csv', rows: Number(/^wrote (\d+)/.exec(r.err)![1]), columns: expect.any(Number), source: 'curated', atopVersion: null, complete: true });
    const text = readFileSync(out, 'utf8');
    expect(text.split('\n')[0]).toMatch(/^mem1,mem2,year,dyad,atopally,defense,offense,neutral,nonagg,consul,shareob,transyr,bilatno,multino,number,asymm,atopid1/);
    expect(text).toMatch(/\n365,710,1950,365710,1,1,/);
  });

  it('asks for the years when the data have no fixed range, and rejects bad options with a hint', async () => {
    expect(await run('--source', 'curated', 'dyads')).toMatchObject({ code: 2, err: expect.stringMatching(/give the years with --from and --to/) });
    expect(await run('dyads', '--from', '1990', '--to', '1950')).toMatchObject({ code: 2, err: expect.stringMatching(/--from 1990 is after --to 1950/) });
    expect(await run('dyads', '--from', '1950', '--to', '1951', '--types', 'defence')).toMatchObject({ code: 2, err: expect.stringMatching(/unknown: defence[\s\S]*hint: use a comma-separated list of: defense/) });
    expect(await run('dyads', '--from', '1950', '--to', '1951', '--types', '')).toMatchObject({ code: 2, err: expect.stringContaining("pacta: --types '' names no obligation type [E_INVALID_PARAMETER]") });
    expect(await run('dyads', '--frame', 'cow', '--from', '1950', '--to', '1951')).toMatchObject({ code: 2, err: expect.stringMatching(/COW system-membership spells[\s\S]*hint: import the COW state list first/) });
    expect(await run('network')).toMatchObject({ code: 2, err: expect.stringMatching(/either --on <date> or --year <year>/) });
    // ATOP's coding asked of a database without ATOP data: an error, not an empty table.
    for (const args of [['dyads'], ['dyads', '--from', '1950', '--to', '1951', '--out', join(dir, 'none.csv')], ['state-years', '--from', '1950', '--to', '1951'], ['network', '--year', '1960']]) {
      expect(await run('--source', 'atop', ...args), args.join(' ')).toMatchObject({ code: 2, err: expect.stringMatching(/the database holds no ATOP data.*\[E_NO_ATOP_DATA\][\s\S]*hint: import a release first \(pacta import atop <folder>\)/) });
    }
    expect(existsSync(join(dir, 'none.csv'))).toBe(false);
    // A file name that says another format than the one written.
    const xlsx = join(dir, 'dy.xlsx');
    expect(await run('--source', 'curated', 'dyads', '--from', '1950', '--to', '1951', '--out', xlsx)).toMatchObject({ code: 2, err: expect.stringMatching(/the name's extension \.xlsx is not a format this command writes \[E_INVALID_PARAMETER\][\s\S]*hint: rename the file, or give --format/) });
    expect(existsSync(xlsx)).toBe(false);
    expect(await run('--source', 'curated', 'dyads', '--from', '1950', '--to', '1951', '--out', join(dir, 'dy.csv'), '--format', 'parquet')).toMatchObject({ code: 2, err: expect.stringMatching(/--format parquet contradicts the file name .*dy\.csv, which says csv/) });
    expect(await run('network', '--year', '1960', '--out', join(dir, 'n.txt'))).toMatchObject({ code: 2, err: expect.stringMatching(/extension \.txt is not a format/) });
    expect((await run('--source', 'curated', 'dyads', '--from', '1950', '--to', '1951', '--out', xlsx, '--format', 'csv', '--quiet')).code).toBe(0);
    expect(readFileSync(xlsx, 'utf8')).toMatch(/^stateA,stateB,/);
  });

  it('says which output it cannot write and why, and creates nothing', async () => {
    const missing = join(dir, 'no-such-folder', 'dy.csv');
    const r = await run('--source', 'curated', 'dyads', '--from', '1950', '--to', '1951', '--out', missing);
    expect(r).toMatchObject({ code: 2, err: expect.stringContaining(`pacta: cannot write '${missing}': its folder does not exist (ENOENT) [E_OUTPUT_WRITE]`) });
    expect(r.err).toMatch(/hint: give --out a file in a folder you can write to, or - for stdout/);
    expect(existsSync(join(dir, 'no-such-folder'))).toBe(false);
    // A symbolic link into a missing folder, and a folder where no file can be made (Linux's
    // /proc), are not called a missing folder.
    const dangling = join(dir, 'dangling.csv');
    symlinkSync(join(dir, 'no-such-folder', 'x.csv'), dangling);
    expect(await run('--source', 'curated', 'dyads', '--from', '1950', '--to', '1951', '--out', dangling)).toMatchObject({ code: 2, err: expect.stringContaining(`cannot write '${dangling}': it is a symbolic link into a folder that does not exist (ENOENT)`) });
    if (existsSync('/proc/self')) {
      expect(await run('--source', 'curated', 'dyads', '--from', '1950', '--to', '1951', '--out', '/proc/dy.csv')).toMatchObject({ code: 2, err: expect.stringContaining("cannot write '/proc/dy.csv': no file can be created in its folder (ENOENT)") });
    }
    expect(await run('network', '--year', '1960', '--out', join(dir, 'no-such-folder', 'n.json'))).toMatchObject({ code: 2, err: expect.stringMatching(/cannot write .*n\.json': its folder does not exist \(ENOENT\) \[E_OUTPUT_WRITE\]/) });
    // A folder in the way: it cannot be opened as a file, and is left as it was.
    const folder = join(dir, 'a-folder');
    mkdirSync(join(folder, 'inside'), { recursive: true });
    expect(await run('--source', 'curated', 'dyads', '--from', '1950', '--to', '1951', '--out', folder)).toMatchObject({ code: 2, err: expect.stringMatching(/cannot write .*a-folder': it is a folder \(EISDIR\) \[E_OUTPUT_WRITE\]$/m) });
    expect(readdirSync(folder)).toEqual(['inside']);
  });

  it('leaves the output alone when an option is bad, and writes through a symbolic link', async () => {
    const file = join(dir, 'kept.csv');
    writeFileSync(file, 'old\n');
    expect((await run('--source', 'curated', 'dyads', '--from', '1990', '--to', '1950', '--out', file)).code).toBe(2);
    expect(readFileSync(file, 'utf8')).toBe('old\n');
    const link = join(dir, 'link.csv');
    symlinkSync(file, link);
    expect((await run('--source', 'curated', 'dyads', '--from', '1950', '--to', '1951', '--out', link, '--quiet')).code).toBe(0);
    expect(readFileSync(file, 'utf8')).toMatch(/^stateA,stateB,year,ddyad,/);
    expect(readFileSync(link, 'utf8')).toBe(readFileSync(file, 'utf8'));
  });

  it('writes into a named pipe, which stays a pipe; a name too long for the system is E_OUTPUT_WRITE', async () => {
    const fifo = join(dir, 'pipe');
    execFileSync('mkfifo', [fifo]);
    const chunks: Buffer[] = [];
    const reading = new Promise<void>((resolve, reject) => createReadStream(fifo).on('data', (c) => chunks.push(Buffer.from(c))).on('end', resolve).on('error', reject));
    expect((await run('--source', 'curated', 'dyads', '--from', '1950', '--to', '1951', '--out', fifo, '--quiet')).code).toBe(0);
    await reading;
    expect(Buffer.concat(chunks).toString('utf8')).toMatch(/^stateA,stateB,year,ddyad,[^\n]*\n[\s\S]*\n365,710,1950,/);
    expect(statSync(fifo).isFIFO()).toBe(true);
    const tooLong = join(dir, `${'a'.repeat(300)}.csv`);
    expect(await run('--source', 'curated', 'dyads', '--from', '1950', '--to', '1951', '--out', tooLong)).toMatchObject({ code: 2, err: expect.stringMatching(/cannot write '.*\.csv': name too long \(ENAMETOOLONG\) \[E_OUTPUT_WRITE\]/) });
  });

  it('says that a failed export left an incomplete table in its file', async () => {
    const file = join(dir, 'failing.csv');
    writeFileSync(file, 'an older table\n');
    const ctx = { io: { out: () => {}, err: () => {} }, options: () => ({}), withEngine: async () => undefined as never };
    const columns = [{ name: 'x', kind: 'int' as const }];
    const failing: TableStream = {
      columns,
      *batches() {
        const b = new RowBatch(columns);
        b.ints[b.addRow()] = 1;
        yield b;
        throw new Error('generation failed');
      },
    };
    await expect(emitTable(ctx, failing, { out: file, quiet: true })).rejects.toThrow(`generation failed; '${file}' holds an incomplete table`);
    expect(readFileSync(file, 'utf8')).not.toBe('an older table\n');
    // On stdout the reader sees the stream end; the error is the generator's own.
    await expect(emitTable({ ...ctx, stdout: new PassThrough() }, failing, { out: '-', quiet: true })).rejects.toThrow(/^generation failed$/);
  });

  it('stops quietly when the reader of a named pipe leaves early, for tables and networks', async () => {
    const fifo = join(dir, 'early-pipe');
    execFileSync('mkfifo', [fifo]);
    const readOnce = () =>
      new Promise<number>((resolve, reject) => {
        const r = createReadStream(fifo);
        r.once('data', (c) => {
          r.destroy();
          resolve(c.length);
        }).once('error', reject);
      });
    for (const args of [['--source', 'curated', 'dyads', '--from', '1950', '--to', '1960', '--quiet'], ['network', '--year', '1960', '--format', 'graphml']]) {
      const reading = readOnce();
      const r = await run(...args, '--out', fifo);
      expect(await reading).toBeGreaterThan(0);
      expect(r, args.join(' ')).toMatchObject({ code: 0, err: expect.not.stringContaining('EPIPE') });
    }
  });

  it('writes state-years as Parquet, and the network as JSON with measures on stdout', async () => {
    const out = join(dir, 'sy.parquet');
    expect((await run('state-years', '--from', '1950', '--to', '1960', '--out', out, '--quiet')).code).toBe(0);
    expect(readFileSync(out).subarray(0, 4).toString()).toBe('PAR1');
    const r = await run('network', '--on', '1979-02-17', '--types', 'defense');
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out);
    expect(j).toMatchObject({ when: '1979-02-17', types: ['defense'] });
    expect(j.nodes.find((n: { ccode: number }) => n.ccode === 710)).toMatchObject({ name: 'China', component: expect.any(Number), degreeByType: { defense: expect.any(Number) } });
    const file = join(dir, 'n.gexf');
    expect(await run('network', '--year', '1960', '--out', file)).toMatchObject({ code: 0, err: expect.stringMatching(/^wrote the network of 1960 \(\d+ states, \d+ pairs\) to .*n\.gexf as gexf \(source all: curated treaties\)\n$/) });
    expect(await run('network', '--year', '1960', '--out', file, '--quiet')).toMatchObject({ code: 0, err: '', out: '' });
    expect(JSON.parse((await run('--json', 'network', '--year', '1960', '--out', file)).out)).toEqual({ file, format: 'gexf', when: '1960', states: expect.any(Number), pairs: expect.any(Number), source: 'all', atopVersion: null });
  });
});

import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
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
    expect(r.err).toMatch(/^wrote \d+ rows \(\d+ columns\) to .*dy\.csv as csv/);
    const text = readFileSync(out, 'utf8');
    expect(text.split('\n')[0]).toMatch(/^mem1,mem2,year,dyad,atopally,defense,offense,neutral,nonagg,consul,shareob,transyr,bilatno,multino,number,asymm,atopid1/);
    expect(text).toMatch(/\n365,710,1950,365710,1,1,/);
  });

  it('asks for the years when the data have no fixed range, and rejects bad options with a hint', async () => {
    expect(await run('--source', 'curated', 'dyads')).toMatchObject({ code: 2, err: expect.stringMatching(/give the years with --from and --to/) });
    expect(await run('dyads', '--from', '1990', '--to', '1950')).toMatchObject({ code: 2, err: expect.stringMatching(/--from 1990 is after --to 1950/) });
    expect(await run('dyads', '--from', '1950', '--to', '1951', '--types', 'defence')).toMatchObject({ code: 2, err: expect.stringMatching(/unknown: defence[\s\S]*hint: use a comma-separated list of: defense/) });
    expect(await run('dyads', '--frame', 'cow', '--from', '1950', '--to', '1951')).toMatchObject({ code: 2, err: expect.stringMatching(/COW system-membership spells[\s\S]*hint: import the COW state list first/) });
    expect(await run('network')).toMatchObject({ code: 2, err: expect.stringMatching(/either --on <date> or --year <year>/) });
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
  });
});

import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cliRunner } from '../test-support/cli.js';
import { afterAll, describe, expect, it } from 'vitest';
import { memberCsv, statesCsv } from '../test-support/atop-fixtures.js';

const dir = mkdtempSync(join(tmpdir(), 'pacta-cli-import-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const db = join(dir, 'pacta.db');

const run = cliRunner(db);

function folder(name: string, files: Record<string, string>): string {
  const d = join(dir, name);
  mkdirSync(d);
  for (const [f, text] of Object.entries(files)) writeFileSync(join(d, f), text);
  return d;
}

describe('pacta import', () => {
  const atop = folder('atop', { 'atop5_1m.csv': memberCsv([{ member: 2 }, { member: 200 }]) });

  it('imports ATOP, says what it wrote, and says "nothing changed" the second time', async () => {
    const dry = await run('import', 'atop', atop, '--dry-run');
    expect(dry).toMatchObject({ code: 0, err: '' });
    expect(dry.out).toContain('dry run: importing ATOP 5.1 (full files)');
    expect(dry.out).toContain('1 new, 0 updated, 0 unchanged, 0 deleted; nothing was written');
    const first = await run('import', 'atop', atop);
    expect(first.code).toBe(0);
    expect(first.out).toContain(`imported ATOP 5.1 (full files) from ${atop} into ${db}: 1 treaties: 1 new`);
    // Imported alone, the datasets lack the curated treaties: the import says so, and so does a lookup of one.
    expect(first.err).toBe(`note: ${db} holds no curated treaties (sino-soviet-1950 and the others in the package's treaties/); add them with: pacta load treaties/\n`);
    const unknown = await run('disagreements', '--treaty', 'sino-soviet-1950');
    expect(unknown.code).toBe(2);
    expect(unknown.err).toMatch(/no treaty is called 'sino-soviet-1950'.*\nhint: this database holds no curated treaties; load them with: pacta (--db \S+ )?load treaties\//s);
    const second = await run('import', 'atop', atop);
    expect(second.out).toContain('nothing changed (1 treaties unchanged)');
    const allies = await run('allies', 'USA', '--on', '1960-01-01', '--json');
    expect(JSON.parse(allies.out).allies.map((a: { ccode: number }) => a.ccode)).toEqual([200]);
  });

  it('prints every problem with file, line and column, exits 1 and writes nothing', async () => {
    const bad = folder('bad', { 'atop5_1m.csv': memberCsv([{ member: 2 }, { member: 'USA' }]) });
    const r = await run('import', 'atop', bad);
    expect(r.code).toBe(1);
    expect(r.err).toContain(`file '${join(bad, 'atop5_1m.csv')}', line 3, column `);
    expect(r.err).toContain("'member' is 'USA', not a whole number [E_NOT_A_NUMBER]");
    expect(r.err).toContain('1 problem(s) in');
    expect(r.err).toContain('nothing was imported, the database is unchanged');
  });

  it('gives the result as JSON, and imports the state lists', async () => {
    const cow = folder('cow', { 'states2016.csv': statesCsv([['USA', 2, 'United States of America', 1816, 1, 1, 2016, 12, 31, 2016], ['UKG', 200, 'United Kingdom', 1816, 1, 1, 2016, 12, 31, 2016]]) });
    const r = await run('--json', 'import', 'cow-states', cow);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toMatchObject({ kind: 'cow-states', status: 'imported', records: 'polities', inserted: ['2', '200'] });
    const w = await run('import', 'cow-states', cow, '--quiet');
    expect(w.err).toBe('');
    expect(w.out).toContain('nothing changed');
    const gw = folder('gw', { 'iisystem.dat': '2\tUSA\tUnited States of America\t01:01:1816\t31:12:2017\n' });
    expect((await run('import', 'gw-states', join(gw, 'iisystem.dat'))).out).toContain('imported Gleditsch–Ward list of independent states');
  });
});

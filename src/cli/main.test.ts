import { existsSync, mkdtempSync, rmSync, writeFileSync, mkdirSync, copyFileSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cliRunner } from '../test-support/cli.js';
import { memberCsv } from '../test-support/atop-fixtures.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './main.js';
import { openSqliteStore } from '../store/sqlite/sqlite-store.js';
import { CORPUS_DIR } from '../app/files.js';

const dir = mkdtempSync(join(tmpdir(), 'pacta-cli-'));
const db = join(dir, 'pacta.db');

const run = cliRunner(db);

beforeAll(async () => {
  const r = await run('load', CORPUS_DIR);
  expect(r.err).toBe('');
  expect(r.code).toBe(0);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('pacta CLI', () => {
  it('--version prints the version in package.json', async () => {
    const r = await run('--version');
    expect(r.code).toBe(0);
    expect(r.out.trim()).toBe((JSON.parse(readFileSync(join(CORPUS_DIR, '..', 'package.json'), 'utf8')) as { version: string }).version);
  });

  it('in-force --json gives treaty, on, inForce, period, explanation, disagreements and notices', async () => {
    const r = await run('in-force', 'sino-soviet-1950', '--on', '1979-02-17', '--json');
    expect(r.code).toBe(0);
    const a = JSON.parse(r.out);
    expect(Object.keys(a)).toEqual(['treaty', 'on', 'inForce', 'period', 'explanation', 'disagreements', 'notices']);
    expect(a).toMatchObject({ treaty: 'sino-soviet-1950', on: '1979-02-17', inForce: true, period: { start: '1950-04-11', end: '1980-04-11' } });
    const end = a.disagreements.find((d: { field: string }) => d.field === 'end');
    expect(end.alternatives.map((x: { value: string }) => x.value)).toContain('1979-02-16');
    expect(end.alternatives.find((x: { value: string }) => x.value === '1979-02-16').sources[0].kind).toBe('encyclopedia');
  });

  it('leaves no database behind when a dry run, or a rejected import, would have created it', async () => {
    const fresh = join(dir, 'fresh.db');
    const runFresh = cliRunner(fresh);
    expect(await runFresh('load', '--dry-run', CORPUS_DIR)).toMatchObject({ code: 0, out: expect.stringMatching(/^would load \d+ file\(s\)/) });
    expect(existsSync(fresh)).toBe(false);
    const bad = join(dir, 'atop-bad');
    mkdirSync(bad, { recursive: true });
    writeFileSync(join(bad, 'atop5_1m.csv'), memberCsv([{ member: 2 }, { member: 99999 }]));
    expect(await runFresh('import', 'atop', bad)).toMatchObject({ code: 1, err: expect.stringContaining('nothing was imported') });
    expect(existsSync(fresh)).toBe(false);
    expect((await runFresh('load', CORPUS_DIR)).code).toBe(0);
    expect(existsSync(fresh)).toBe(true);
  });

  it('with --source atop, a curated treaty is unknown, without the hint that the database lacks curated treaties', async () => {
    // On this database, which holds no ATOP data, --source atop has nothing to answer from.
    expect(await run('--source', 'atop', 'in-force', 'sino-soviet-1950', '--on', '1960')).toMatchObject({ code: 2, err: expect.stringContaining('the database holds no ATOP data') });
    const atopDir = join(dir, 'atop-small');
    mkdirSync(atopDir, { recursive: true });
    writeFileSync(join(atopDir, 'atop5_1m.csv'), memberCsv([{ member: 2 }, { member: 200 }]));
    const withAtop = cliRunner(join(dir, 'with-atop.db'));
    expect((await withAtop('load', CORPUS_DIR)).code).toBe(0);
    expect(await withAtop('import', 'atop', atopDir, '--quiet')).toMatchObject({ code: 0 });
    const r = await withAtop('--source', 'atop', 'in-force', 'sino-soviet-1950', '--on', '1960');
    expect(r.code).toBe(2);
    expect(r.err).toContain("no treaty is called 'sino-soviet-1950'");
    expect(r.err).not.toContain('holds no curated treaties');
  });

  it('notes, after an answer on a day later than ATOP observes, which ATOP alliances it takes to continue', async () => {
    const atopDir = join(dir, 'atop-ongoing');
    mkdirSync(atopDir, { recursive: true });
    const ongoing = { atopid: 1002, yrent: 2000, moent: 1, dayent: 1, yrexit: 0, moexit: 0, dayexit: 0, ineffect: 1 };
    writeFileSync(join(atopDir, 'atop5_1m.csv'), memberCsv([{ ...ongoing, member: 2 }, { ...ongoing, member: 20 }]));
    const withAtop = cliRunner(join(dir, 'ongoing.db'));
    expect(await withAtop('import', 'atop', atopDir, '--quiet')).toMatchObject({ code: 0 });
    const later = await withAtop('allies', 'USA', '--on', '2024-01-01');
    expect(later.code).toBe(0);
    expect(later.out).toMatch(/\nNote: ATOP 5\.1's data end on 2018-12-31, before the date asked\. 1 alliance of this answer \(atop-1002\) is taken to be still in force/);
    expect(JSON.parse((await withAtop('allies', 'USA', '--on', '2024-01-01', '--json')).out).notices).toHaveLength(1);
    expect((await withAtop('allies', 'USA', '--on', '2010-01-01')).out).not.toContain('Note:');
    expect((await withAtop('triggered', '--attacker', 'UK', '--target', 'Canada', '--on', '2024')).out).toContain("Note: ATOP 5.1's data end on 2018-12-31");
  });

  it('allies China --type defense names the Soviet Union and North Korea on 1979-02-17', async () => {
    const r = await run('allies', 'China', '--on', '1979-02-17', '--type', 'defense', '--json');
    expect(r.code).toBe(0);
    const a = JSON.parse(r.out);
    expect(a.state).toEqual({ ccode: 710, name: 'China' });
    expect(a.allies.map((x: { ccode: number }) => x.ccode)).toEqual(expect.arrayContaining([365, 731]));
    for (const ally of a.allies) expect(Object.keys(ally)).toEqual(['ccode', 'name', 'treaties', 'obligations']);
  });

  it('prints explanations with sources for people', async () => {
    const r = await run('in-force', 'sino-soviet-1950', '--on', '1979-02-17', '--explain');
    expect(r.out).toContain('in force on 1979-02-17');
    expect(r.out).toContain('Claims used:');
    expect(r.out).toContain('gave notice of denunciation on 1979-04-03');
  });

  it('accepts year and month precision dates and rejects impossible ones with exit code 2', async () => {
    expect((await run('in-force', 'sino-soviet-1950', '--on', '1960')).code).toBe(0);
    expect((await run('in-force', 'sino-soviet-1950', '--on', '1960-05')).code).toBe(0);
    const bad = await run('in-force', 'sino-soviet-1950', '--on', '1950-02-30');
    expect(bad.code).toBe(2);
    expect(bad.err).toContain("'1950-02-30' does not exist");
  });

  it('lists candidates for an unknown state or treaty', async () => {
    const r = await run('allies', 'Soviet', '--on', '1960-01-01');
    expect(r.code).toBe(2);
    expect(r.err).toContain("no state is called 'Soviet'");
    expect(r.err).toContain('Russia (365)');
  });

  it('triggered evaluates conditions: Japan attacking the USSR triggers China’s defence pledge', async () => {
    const r = await run('triggered', '--attacker', 'Japan', '--target', 'USSR', '--on', '1960-01-01', '--json');
    const a = JSON.parse(r.out);
    expect(a.obligations).toContainEqual(expect.objectContaining({ treaty: 'sino-soviet-1950', provision: 'mutual-defense', bearer: 710, status: 'triggered' }));
  });

  it('does not turn an empty file into a database with a read command', async () => {
    const empty = join(dir, 'empty.db');
    writeFileSync(empty, '');
    let err = '';
    expect(await runCli(['--db', empty, 'allies', 'China', '--on', '1960'], { out: () => {}, err: (t) => (err += t), env: {} })).toBe(2);
    expect(err).toContain(`no database at '${empty}' (the file is empty) [E_NO_DATABASE]`);
    expect(readFileSync(empty).length).toBe(0);
  });

  it('prints usage errors as JSON with --json, and as commander’s text with help without it', async () => {
    const r = await run('--json', 'dyads', '--unit', 'triad');
    expect(r.code).toBe(2);
    expect(JSON.parse(r.err)).toEqual({ error: { code: 'E_USAGE', message: "option '--unit <unit>' argument 'triad' is invalid. Allowed choices are directed-dyad-year, dyad-year.", hint: 'see pacta --help, or pacta <command> --help', candidates: [] } });
    expect(JSON.parse((await run('--json', '--colour')).err).error).toMatchObject({ code: 'E_USAGE', message: "unknown option '--colour'" });
    expect(await run('--json')).toMatchObject({ code: 2, err: `${JSON.stringify({ error: { code: 'E_USAGE', message: 'a command (or, for a command with subcommands, a subcommand) is required', hint: 'see pacta --help, or pacta <command> --help', candidates: [] } })}\n` });
    const plain = await run('dyads', '--unit', 'triad');
    expect(plain.code).toBe(2);
    expect(plain.err).toMatch(/^error: option '--unit <unit>' argument 'triad' is invalid[\s\S]*Usage: pacta dyads/);
  });

  it('disagreements --treaty lists the end dates side by side', async () => {
    const r = await run('disagreements', '--treaty', 'sino-soviet-1950');
    expect(r.out).toContain('sino-soviet-1950 end: in use 1980-04-11');
    expect(r.out).toContain('1979-02-16');
  });

  it('check reports one precise message per problem and exits 1', async () => {
    const broken = join(import.meta.dirname, '..', 'sources', 'treaty-file', 'fixtures', 'broken');
    const files = readdirSync(broken).filter((f) => f.endsWith('.yaml'));
    const expected = files.reduce((n, f) => n + (readFileSync(join(broken, f), 'utf8').match(/^# expect: /gm)?.length ?? (f === 'empty.yaml' ? 1 : 0)), 0);
    const r = await run('check', broken);
    expect(r.code).toBe(1);
    expect(r.err).toContain("line 9, column 14, field 'parties[1].state': no state is called 'Atlantis'");
    expect(r.err.trim().split('\n')).toHaveLength(expected);
    expect(r.out).toBe(`${expected} problem(s) in ${files.length} file(s)\n`);
  });

  it('load is all or nothing: one broken file means nothing is written', async () => {
    const other = join(dir, 'other.db');
    const folder = join(dir, 'mixed');
    mkdirSync(folder);
    copyFileSync(join(CORPUS_DIR, 'sino-soviet-1945.yaml'), join(folder, 'a.yaml'));
    writeFileSync(join(folder, 'b.yaml'), 'id: broken\n');
    let err = '';
    const code = await runCli(['--db', other, 'load', folder], { out: () => {}, err: (t) => (err += t), env: {} });
    expect(code).toBe(1);
    expect(err).toContain('nothing was loaded');
    // The database the load would have created is not left behind, empty.
    expect(existsSync(other)).toBe(false);
    expect(await runCli(['--db', other, 'treaty', 'sino-soviet-1945'], { out: () => {}, err: (t) => (err += t), env: {} })).toBe(2);
    expect(err).toContain(`no database at '${other}'`);
    // An empty database (made by another program, or emptied) says what it lacks.
    await (await openSqliteStore(other)).close();
    const q = await runCli(['--db', other, 'treaty', 'sino-soviet-1945'], { out: () => {}, err: (t) => (err += t), env: {} });
    expect(q).toBe(2);
    expect(err).toContain('holds no treaties');
    expect(err).toContain('hint: load the curated treaties (pacta load treaties/) or import an ATOP release (pacta import atop <folder>)');
    err = '';
    expect(await runCli(['--db', other, '--source', 'atop', 'dyads'], { out: () => {}, err: (t) => (err += t), env: {} })).toBe(2);
    expect(err).toContain('hint: import an ATOP release: pacta import atop <folder>');
  });

  it('rejects a treaty file that is not UTF-8, naming the byte', async () => {
    const folder = join(dir, 'latin1');
    mkdirSync(folder);
    writeFileSync(join(folder, 'x.yaml'), Buffer.concat([Buffer.from('id: x\nsummary: Trait'), Buffer.from([0xe9]), Buffer.from('\n')]));
    const r = await run('check', folder);
    expect(r.code).toBe(1);
    expect(r.err).toContain("file '" + join(folder, 'x.yaml') + "', line 2, column 15: byte 0xE9 is not valid UTF-8");
  });

  it('reloading the same corpus changes nothing', async () => {
    const r = await run('load', CORPUS_DIR);
    expect(r.out).toMatch(/0 new, 0 updated, \d+ unchanged/);
  });
});

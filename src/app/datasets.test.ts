/**
 * Acceptance tests on the real files in ../shared/data (read in place; corrupted copies go to a
 * temp folder). The ally lists are checked against a direct computation from atop5_1m.csv that
 * shares no code with the importer: csv-parse with column names, and the codebook's rules.
 */
import { createHash } from 'node:crypto';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../core/engine.js';
import { formatProblem } from '../core/errors.js';
import { ALLIANCE_TYPES, type AllianceType } from '../core/model.js';
import { openSqliteStore } from '../store/sqlite/sqlite-store.js';
import type { Store } from '../store/store.js';
import { describeWithSharedData, sharedData } from '../test-support/shared-data.js';
import { openEngine } from './engine.js';
import { CORPUS_DIR } from './files.js';
import { importAtop } from './import-atop.js';
import { importCowStates, importGwStates } from './import-states.js';
import { loadRegistry } from './registry.js';
import { loadFiles } from './treaty-files.js';

const ATOP = sharedData('atop-5.1');
const ATOP4 = sharedData('atop-4.01');
const COW = sharedData('cow-states-2016');
const GW = sharedData('gw-states', 'iisystem.dat');
const TODAY = '2026-11-28';

const COLUMN: Readonly<Record<AllianceType, string>> = { defense: 'defense', offense: 'offense', neutrality: 'neutral', nonaggression: 'nonagg', consultation: 'consul' };

function daysIn(y: number, m: number): number {
  return m === 2 ? (y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0) ? 29 : 28) : [4, 6, 9, 11].includes(m) ? 30 : 31;
}

/**
 * Allies of `state` on `day` straight from the member file: two members are allied on a day when
 * both have a row of the same alliance and phase whose entry ≤ day ≤ exit (exit 0/0/0 = ongoing;
 * a blank entry day counts from the 1st of the month, a blank exit day to its last day, as the
 * importer does), and one of them promises the other an obligation of that type.
 */
function directAllies(state: number, day: string): Map<number, Set<AllianceType>> {
  const rows = parse(readFileSync(join(ATOP, 'atop5_1m.csv')), { columns: true, skip_empty_lines: true }) as Record<string, string>[];
  const date = (y: string, m: string, d: string, end: boolean): string | null => {
    if (y === '0') return null;
    const dd = d === '' ? (end ? daysIn(Number(y), Number(m)) : 1) : Number(d);
    return `${y.padStart(4, '0')}-${m.padStart(2, '0')}-${String(dd).padStart(2, '0')}`;
  };
  const active = rows.filter((r) => {
    const entry = date(r.yrent!, r.moent!, r.dayent!, false)!;
    const exit = date(r.yrexit!, r.moexit!, r.dayexit!, true);
    return entry <= day && (exit === null || day <= exit);
  });
  const out = new Map<number, Set<AllianceType>>();
  for (const mine of active.filter((r) => Number(r.member) === state)) {
    for (const other of active) {
      if (other.atopid !== mine.atopid || other.phase !== mine.phase || Number(other.member) === state) continue;
      for (const t of ALLIANCE_TYPES) {
        if (mine[COLUMN[t]] !== '1' && other[COLUMN[t]] !== '1') continue;
        const c = Number(other.member);
        if (!out.has(c)) out.set(c, new Set());
        out.get(c)!.add(t);
      }
    }
  }
  return out;
}

/** Everything in a store, for before/after comparisons: counts and a hash of every document. */
async function snapshot(store: Store): Promise<{ counts: unknown; hash: string }> {
  const docs = JSON.stringify([await store.listTreaties(), await store.listPolities(), await store.listImports()]);
  return { counts: await store.counts(), hash: createHash('sha256').update(docs).digest('hex') };
}

describeWithSharedData('real datasets: ATOP 5.1 with the COW state list', ['atop-5.1', 'cow-states-2016'], () => {
  let dir = '';
  let store: Store;
  let engine: Engine;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'pacta-datasets-'));
    store = await openSqliteStore(join(dir, 'pacta.db'));
    const cow = await importCowStates(store, COW);
    expect(cow.problems.map(formatProblem)).toEqual([]);
    const atop = await importAtop(store, ATOP);
    expect(atop.problems.map(formatProblem)).toEqual([]);
    engine = await openEngine(store, { today: TODAY });
  });
  afterAll(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('imports every alliance and every state, with warnings only for the spreadsheet residue', async () => {
    expect(await store.counts()).toMatchObject({ treaties: 789, polities: 218 });
    expect((await store.listImports()).map((i) => [i.file, i.rows])).toEqual([
      ['states2016.csv', 243],
      ['majors2016.csv', 14],
      ['system2016.csv', 15951],
      ['atop5_1m.csv', 2510],
      ['atop5_1a.csv', 789],
      ['atop5_1aph.csv', 849],
    ]);
    expect((await store.listPolities()).find((p) => p.ccode === 255)).toMatchObject({
      majorPower: [{ start: '1816-01-01', end: '1918-11-11' }, { start: '1925-01-01', end: '1945-05-07' }, { start: '1991-12-11', end: null }],
      succeeds: [{ ccode: 260, on: '1990-10-03', continuity: true }, { ccode: 265, on: '1990-10-03', continuity: false }],
    });
  });

  for (const state of [710, 365, 816]) {
    it(`allies of ${state} on 1979-02-17, in total and by obligation type, equal the direct computation from atop5_1m.csv`, () => {
      const direct = directAllies(state, '1979-02-17');
      const answer = engine.allies(state, '1979-02-17');
      expect(answer.allies.map((a) => a.ccode)).toEqual([...direct.keys()].sort((a, b) => a - b));
      for (const t of ALLIANCE_TYPES) {
        const expected = [...direct].filter(([, types]) => types.has(t)).map(([c]) => c).sort((a, b) => a - b);
        expect(engine.allies(state, '1979-02-17', { type: t }).allies.map((a) => a.ccode), `${t}`).toEqual(expected);
      }
    });
  }

  it('keeps the well-known cases: Sino-Soviet 3200 until 1980-04-11 with Japan as the named adversary, USSR–Vietnam 3825 consultation only', () => {
    expect(engine.allies(710, '1979-02-17', { type: 'defense' }).allies.map((a) => a.ccode)).toContain(365);
    expect(engine.inForce('atop:3200', '1980-04-11').inForce).toBe(true);
    expect(engine.inForce('atop:3200', '1980-04-12').inForce).toBe(false);
    expect(engine.getTreaty('atop-3200')!.provisions.find((p) => p.type === 'defense')!.condition).toBe('attacker == 740');
    expect(engine.allies(816, '1979-02-17').allies.find((a) => a.ccode === 365)!.obligations.map((o) => o.type)).toEqual(['consultation', 'consultation']);
    const egypt = engine.getTreaty('atop-3015')!.parties.find((p) => p.state === 651)!;
    expect(egypt.spells!.map((s) => [s.start, s.end])).toEqual([['1945-03-22', '1979-03-31'], ['1989-05-22', null]]);
  });

  it('produces no disagreement of its own: every derived end equals ATOP’s end', () => {
    expect(engine.disagreements().map((d) => `${d.treaty} ${d.field}`)).toEqual([]);
  });

  it('changes nothing when the same files are imported again, from the folder or from a zip', async () => {
    const before = await snapshot(store);
    expect((await importCowStates(store, COW)).status).toBe('unchanged');
    expect((await importAtop(store, ATOP)).status).toBe('unchanged');
    const zip = join(dir, 'atop-5.1.zip');
    const entries = Object.fromEntries(['atop5_1m.csv', 'atop5_1a.csv', 'atop5_1aph.csv', 'atop5_1m_NNA.csv'].map((f) => [`ATOP 5.1 (.csv)/${f}`, readFileSync(join(ATOP, f))]));
    writeFileSync(zip, zipSync(entries));
    expect((await importAtop(store, zip)).status).toBe('unchanged');
    expect(await snapshot(store)).toEqual(before);
  });

  it('imports bare-CR and LF copies of the member file to the same treaties', async () => {
    const crlf = readFileSync(join(ATOP, 'atop5_1m.csv'), 'latin1');
    for (const [name, eol] of [['cr', '\r'], ['lf', '\n']] as const) {
      const d = join(dir, `eol-${name}`);
      mkdirSync(d);
      writeFileSync(join(d, 'atop5_1m.csv'), crlf.replace(/\r\n/g, eol));
      for (const f of ['atop5_1a.csv', 'atop5_1aph.csv']) copyFileSync(join(ATOP, f), join(d, f));
      const s = await openSqliteStore(join(dir, `eol-${name}.db`));
      await importCowStates(s, COW);
      const r = await importAtop(s, d);
      expect(r.problems).toEqual([]);
      expect(JSON.stringify(await s.listTreaties())).toBe(JSON.stringify(await store.listTreaties({ origin: 'atop-5.1' })));
      await s.close();
    }
  });

  describe('corrupted copies are rejected with a precise message and leave the database unchanged', () => {
    const files = ['atop5_1m.csv', 'atop5_1a.csv', 'atop5_1aph.csv'];
    const line = (text: string, n: number) => text.split(/\r\n/)[n - 1]!;
    const setLine = (text: string, n: number, f: (l: string) => string) => text.split(/\r\n/).map((l, i) => (i === n - 1 ? f(l) : l)).join('\r\n');
    const cases: { name: string; file: string; dir: string; corrupt: (text: string) => string | Uint8Array; code: string; line?: number; column?: (text: string) => number }[] = [
      { name: 'non-numeric state code', dir: ATOP, file: 'atop5_1m.csv', corrupt: (t) => setLine(t, 891, (l) => l.replace(/^3200,,229,365,/, '3200,,229,36S,')), code: 'E_NOT_A_NUMBER', line: 891, column: () => 11 },
      { name: 'unknown state code', dir: ATOP, file: 'atop5_1m.csv', corrupt: (t) => setLine(t, 892, (l) => l.replace(/^3200,,229,710,/, '3200,,229,999,')), code: 'E_STATE_UNKNOWN', line: 892, column: () => 11 },
      { name: 'impossible date', dir: ATOP, file: 'atop5_1a.csv', corrupt: (t) => setLine(t, 261, (l) => l.replace(/^3200,,229,1950,2,14,/, '3200,,229,1950,2,30,')), code: 'E_DATE_INVALID', line: 261, column: (t) => line(t, 261).indexOf(',30,') + 2 },
      { name: 'missing header column', dir: ATOP, file: 'atop5_1aph.csv', corrupt: (t) => setLine(t, 1, (l) => l.replace(',endday,', ',end_day,')), code: 'E_HEADER_COLUMN_MISSING', line: 1, column: (t) => line(t, 1).indexOf('end_day') + 1 },
      { name: 'truncated file', dir: ATOP, file: 'atop5_1m.csv', corrupt: (t) => t.slice(0, t.length - 60), code: 'E_ROW_LENGTH', line: 2511 },
      { name: 'Latin-1 byte', dir: ATOP, file: 'atop5_1m.csv', corrupt: (t) => { const b = Buffer.from(t, 'latin1'); b[b.indexOf('\r\n3200,') + 2] = 0xe9; return b; }, code: 'E_ENCODING', line: 891, column: () => 1 },
      { name: 'empty file', dir: ATOP, file: 'atop5_1m.csv', corrupt: () => '', code: 'E_FILE_EMPTY', line: 1, column: () => 1 },
      { name: 'non-numeric COW code', dir: COW, file: 'states2016.csv', corrupt: (t) => setLine(t, 3, (l) => l.replace('CAN,20,', 'CAN,2O,')), code: 'E_NOT_A_NUMBER', line: 3, column: () => 5 },
      { name: 'impossible major-power date', dir: COW, file: 'majors2016.csv', corrupt: (t) => setLine(t, 2, (l) => l.replace('1898,8,13', '1898,8,32')), code: 'E_VALUE_RANGE', line: 2 },
      { name: 'truncated state-years', dir: COW, file: 'system2016.csv', corrupt: (t) => t.slice(0, t.length - 5), code: 'E_ROW_LENGTH' },
    ];
    for (const c of cases) {
      it(`${c.name} in ${c.file}`, async () => {
        const before = await snapshot(store);
        const d = join(dir, `corrupt-${c.file}-${c.name.replace(/\W+/g, '-')}`);
        mkdirSync(d);
        const names = c.dir === ATOP ? files : ['states2016.csv', 'majors2016.csv', 'system2016.csv'];
        for (const f of names) copyFileSync(join(c.dir, f), join(d, f));
        const original = readFileSync(join(c.dir, c.file), 'latin1');
        const bad = c.corrupt(original);
        expect(typeof bad === 'string' ? bad : Buffer.from(bad).toString('latin1')).not.toBe(original);
        writeFileSync(join(d, c.file), bad);
        const r = c.dir === ATOP ? await importAtop(store, d) : await importCowStates(store, d);
        expect(r.status).toBe('rejected');
        const p = r.problems.find((x) => x.code === c.code);
        expect(p, r.problems.map(formatProblem).join('\n')).toBeDefined();
        expect(p!.location.file).toBe(join(d, c.file));
        if (c.line !== undefined) expect(p!.location.line).toBe(c.line);
        if (c.column) expect(p!.location.column).toBe(c.column(typeof bad === 'string' ? bad : original));
        expect(p!.expected).toBeTruthy();
        expect(formatProblem(p!)).toMatch(new RegExp(`^file '.*${c.file}', line \\d+, column \\d+: `));
        expect(await snapshot(store)).toEqual(before);
      });
    }

    it('a damaged Gleditsch–Ward list', async () => {
      const before = await snapshot(store);
      const d = join(dir, 'corrupt-gw');
      mkdirSync(d);
      writeFileSync(join(d, 'iisystem.dat'), readFileSync(GW, 'utf8').replace('01:07:1867', '31:06:1867'));
      const r = await importGwStates(store, join(d, 'iisystem.dat'));
      expect(r.problems.map(formatProblem)).toEqual([`file '${join(d, 'iisystem.dat')}', line 2, column 15: the start date '31:06:1867' does not exist [E_DATE_INVALID]; expected a date that exists, written dd:mm:yyyy`]);
      expect(await snapshot(store)).toEqual(before);
    });
  });

  it('imports the Gleditsch–Ward list onto the same polities, repairing the two damaged names', async () => {
    const r = await importGwStates(store, GW);
    expect(r.problems).toEqual([]);
    expect(r.warnings.map((w) => [w.code, w.location.line])).toEqual([['W_NAME_REPAIRED', 49], ['W_NAME_REPAIRED', 109]]);
    const polities = new Map((await store.listPolities()).map((p) => [p.ccode, p]));
    expect(polities.get(260)).toMatchObject({ gwcode: 260, gwSpells: [{ start: '1949-09-21', end: null }], spells: [{ start: '1955-05-05', end: '1990-10-02' }] });
    expect(polities.get(8152)).toMatchObject({ name: 'Annam', gwcode: 815, gwSpells: [{ start: '1816-01-01', end: '1893-01-01' }] });
    expect(polities.get(340)!.name).toBe('Serbia (GW 340)');
    expect([polities.get(271)!.name, ...polities.get(271)!.aliases]).toEqual(['Wuerttemberg', 'Wuerttemburg']);
    const registry = await loadRegistry(store);
    expect(registry.resolve('Serbia')).toBe(345);
    expect((await importGwStates(store, GW)).status).toBe('unchanged');
  });
});

describeWithSharedData('real datasets: two ATOP versions and the curated corpus', ['atop-5.1', 'atop-4.01', 'cow-states-2016'], () => {
  let dir = '';
  let store: Store;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'pacta-datasets-merge-'));
    store = await openSqliteStore(join(dir, 'pacta.db'));
    await importCowStates(store, COW);
    expect((await importAtop(store, ATOP)).problems).toEqual([]);
    const v4 = await importAtop(store, ATOP4);
    expect(v4.problems.map(formatProblem)).toEqual([]);
    const load = await loadFiles(store, [CORPUS_DIR], await loadRegistry(store));
    expect(load.problems.map(formatProblem)).toEqual([]);
  });
  afterAll(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('keeps both versions, labelled, and reasons with the newest unless told otherwise', async () => {
    expect((await store.listTreaties({ origin: 'atop-5.1' })).length).toBe(789);
    expect((await store.listTreaties({ origin: 'atop-4.01' })).length).toBe(745);
    const newest = await openEngine(store, { today: TODAY });
    expect(newest.treatyIds()).not.toContain('atop-4.01-3825');
    expect(newest.treatyIds()).not.toContain('atop-6065');
    const older = await openEngine(store, { today: TODAY, atopVersion: '4.01' });
    expect(older.treatyIds()).toContain('atop-4.01-6065');
  });

  it('shows the three end dates of the Sino-Soviet treaty with their sources, the ATOP one once', async () => {
    const engine = await openEngine(store, { today: TODAY });
    expect(engine.resolveTreaty('atop:3200')).toBe('sino-soviet-1950');
    expect(engine.treatyIds()).not.toContain('atop-3200');
    const [end] = engine.disagreements({ treaty: 'sino-soviet-1950', field: 'end' });
    expect(end!.alternatives.map((a) => [a.value, a.basis, a.kind])).toEqual([
      ['1980-04-11', 'derived', 'derived'],
      ['1979-02-16', 'stated', 'encyclopedia'],
      ['1980-04-11', 'stated', 'dataset'],
    ]);
    const atop = end!.alternatives[2]!.sources;
    expect(atop).toEqual([{ source: 'atop-5.1-3200-a', title: 'ATOP 5.1 alliance-level file atop5_1a.csv, atopid 3200', kind: 'dataset', at: 'line 261', treaty: 'sino-soviet-1950' }]);
    const party = engine.getTreaty('sino-soviet-1950')!.claims.filter((c) => c.party === 710);
    expect(party.map((c) => [c.field, c.value, c.sources[0]!.at])).toEqual([['signed', '1950-02-14', 'line 892'], ['end', '1980-04-11', 'line 892']]);
  });

  it('compares the members ATOP lists, and their exits, with the parties the engine reasons with', async () => {
    const engine = await openEngine(store, { today: TODAY });
    // Both Sino-Soviet members leave on 1980-04-11 in ATOP and in the clauses: only the treaty's end disagrees.
    expect(engine.disagreements({ treaty: 'sino-soviet-1950' }).map((d) => d.field)).toEqual(['end']);
    // The curated North Atlantic Treaty lists every member ATOP lists (the enlargements of 2004-2017 too):
    // no membership disagreement, and Slovakia is allied with the United States in 2010.
    expect(engine.disagreements({ field: 'membership' })).toEqual([]);
    expect(engine.allies('Slovakia', '2010-01-01', { type: 'defense' }).allies.find((a) => a.ccode === 2)?.treaties).toEqual(['north-atlantic-1949']);
    // West Germany: ATOP's exit on unification day, 1990-10-03, is the hand-over the state list dates 1990-10-02.
    expect(engine.disagreements({ treaty: 'north-atlantic-1949', field: 'party-end' }).map((d) => d.party?.ccode)).not.toContain(260);
    // SEATO: ATOP has the United Kingdom leave on the dissolution, 1977-06-30; the curated record has no end.
    const uk = engine.disagreements({ treaty: 'seato-1954', field: 'party-end' }).find((d) => d.party?.ccode === 200)!;
    expect(uk.alternatives.map((a) => [a.value, a.basis])).toEqual([[null, 'derived'], ['1977-06-30', 'stated']]);
    expect(uk.alternatives[1]!.note).toMatch(/^ATOP exit of this member from phase 1; TERMMODE=3/);
  });

  it('answers from one source with --source', async () => {
    const atopOnly = await openEngine(store, { today: TODAY, source: 'atop' });
    expect(atopOnly.resolveTreaty('atop:3200')).toBe('atop-3200');
    expect(atopOnly.disagreements({ treaty: 'atop-3200' })).toEqual([]);
    const curated = await openEngine(store, { today: TODAY, source: 'curated' });
    const [end] = curated.disagreements({ treaty: 'sino-soviet-1950', field: 'end' });
    expect(end!.alternatives.map((a) => a.sources[0]?.source)).not.toContain('atop-5.1-3200-a');
  });
});

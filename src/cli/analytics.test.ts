/**
 * Acceptance tests of `pacta dyads`, `pacta state-years` and `pacta network` on the real ATOP 5.1,
 * COW and Gleditsch–Ward files: the outputs must equal an independent computation written here
 * straight from atop5_1m.csv and the state lists, by the rules of the ATOP codebook (§2.5–2.7).
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawn, spawnSync } from 'node:child_process';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { runCli } from './main.js';
import { openSqliteStore } from '../store/sqlite/sqlite-store.js';
import { importAtop } from '../app/import-atop.js';
import { importCowStates, importGwStates } from '../app/import-states.js';
import { openEngine } from '../app/engine.js';
import { PACKAGE_ROOT } from '../app/files.js';
import { AllianceData } from '../analytics/alliance-years.js';
import { frameDyadYears, systemStates } from '../analytics/frame.js';
import { describeWithSharedData, sharedData } from '../test-support/shared-data.js';
import { arcCount, readWithGraphLibraries, xmlGraphCounts } from '../test-support/graph-readers.js';

const dir = mkdtempSync(join(tmpdir(), 'pacta-analytics-'));
const db = join(dir, 'pacta.db');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function run(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runCli(['--db', db, '--today', '2020-01-01', ...args], { out: (t) => (out += t + '\n'), err: (t) => (err += t + '\n'), env: {} });
  return { code, out, err };
}

type Row = Record<string, string>;
const readCsv = (file: string): Row[] => parse(readFileSync(file), { columns: true, skip_empty_lines: true }) as Row[];
const FLAGS = ['defense', 'offense', 'neutral', 'nonagg', 'consul'] as const;

interface Ref {
  flags: number[];
  ids: Set<number>;
}

/** Member rows of an ATOP member-level file as [atopid, phase, member, start, end, flags]. */
function members(file: string, keepAnnam: boolean) {
  const pad = (n: string) => n.padStart(2, '0');
  const lastDay = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();
  return readCsv(file)
    .filter((r) => keepAnnam || r.member !== '8152')
    .map((r) => {
      const start = `${r.yrent}-${pad(r.moent!)}-${pad(r.dayent || '1')}`;
      const end = r.yrexit === '0' ? '2018-12-31' : `${r.yrexit}-${pad(r.moexit!)}-${pad(r.dayexit || String(lastDay(Number(r.yrexit), Number(r.moexit))))}`;
      return { atopid: Number(r.atopid), phase: Number(r.phase), member: Number(r.member), start, end, flags: FLAGS.map((f) => Number(r[f])) };
    });
}

const memo = new Map<string, Map<string, Ref>>();

/** Directed dyad-years by the codebook: pairs of member rows of one alliance phase that overlap on a day, every year of the overlap. */
function referenceDyads(file: string): Map<string, Ref> {
  const hit = memo.get(file);
  if (hit) return hit;
  const rows = members(file, false);
  const groups = new Map<string, typeof rows>();
  for (const r of rows) groups.set(`${r.atopid}/${r.phase}`, [...(groups.get(`${r.atopid}/${r.phase}`) ?? []), r]);
  const out = new Map<string, Ref>();
  for (const list of groups.values()) {
    for (const i of list) {
      for (const j of list) {
        if (i.member === j.member) continue;
        const s = i.start > j.start ? i.start : j.start;
        const e = i.end < j.end ? i.end : j.end;
        if (s > e) continue;
        for (let y = Number(s.slice(0, 4)); y <= Number(e.slice(0, 4)); y++) {
          const k = `${i.member},${j.member},${y}`;
          const ref = out.get(k) ?? { flags: [0, 0, 0, 0, 0], ids: new Set<number>() };
          i.flags.forEach((f, t) => (ref.flags[t] ||= f));
          ref.ids.add(i.atopid);
          out.set(k, ref);
        }
      }
    }
  }
  memo.set(file, out);
  return out;
}

function compare(mine: Row[], ref: Map<string, Ref>, key: (r: Row) => string): { missing: string[]; extra: string[]; wrong: string[] } {
  const seen = new Set<string>();
  const extra: string[] = [];
  const wrong: string[] = [];
  for (const r of mine) {
    const k = key(r);
    seen.add(k);
    const x = ref.get(k);
    if (!x) {
      extra.push(k);
      continue;
    }
    const ids = Object.keys(r).filter((c) => /^atopid\d+$/.test(c)).map((c) => r[c]).filter(Boolean).map(Number);
    const want = [...x.ids].sort((a, b) => a - b);
    if (FLAGS.some((f, t) => Number(r[f]) !== x.flags[t]) || ids.join() !== want.join() || Number(r.number) !== want.length || r.atopally !== '1') wrong.push(k);
  }
  return { missing: [...ref.keys()].filter((k) => !seen.has(k)), extra, wrong };
}

/**
 * The COW codes whose ATOP alliances a GW state carries in a year, written out here from the two
 * state lists: Serbia (GW 340) is COW 345; unified Germany and Yemen keep GW 260 and 678 but are
 * COW 255 and 679 from 1990; GW 815 (Annam) is ATOP's 8152, which the dyad files leave out.
 */
function cowCodesOfGw(gw: number, year: number): number[] {
  if (gw === 340) return [345];
  if (gw === 815) return [];
  if (gw === 260 && year >= 1990) return [260, 255];
  if (gw === 678 && year >= 1990) return [678, 679];
  return [gw];
}

/** The ATOP reference row of a GW dyad-year: the rows of its COW codes, flags OR-ed; undefined when none. */
function gwReference(ddy: Map<string, Ref>, a: number, b: number, year: number): Ref | undefined {
  let out: Ref | undefined;
  for (const x of cowCodesOfGw(a, year)) {
    for (const y of cowCodesOfGw(b, year)) {
      const ref = ddy.get(`${x},${y},${year}`);
      if (!ref) continue;
      out ??= { flags: [0, 0, 0, 0, 0], ids: new Set<number>() };
      for (let t = 0; t < 5; t++) out.flags[t] ||= ref.flags[t]!;
      for (const id of ref.ids) out.ids.add(id);
    }
  }
  return out;
}

/** Directed pairs of states in the system on a common day, per year, from a spell list. */
function referenceFrame(spells: Map<number, [string, string][]>, from: number, to: number): Set<string> {
  const out = new Set<string>();
  for (let y = from; y <= to; y++) {
    const first = `${y}-01-01`;
    const last = `${y}-12-31`;
    const active = [...spells].map(([c, list]) => [c, list.filter(([s, e]) => s <= last && e >= first).map(([s, e]) => [s > first ? s : first, e < last ? e : last])] as const).filter(([, l]) => l.length);
    for (const [a, la] of active) for (const [b, lb] of active) if (a !== b && la.some(([s1, e1]) => lb.some(([s2, e2]) => (s1! > s2! ? s1! : s2!) <= (e1! < e2! ? e1! : e2!)))) out.add(`${a},${b},${y}`);
  }
  return out;
}

describeWithSharedData('research outputs on the real ATOP 5.1, COW and GW files', ['atop-5.1/atop5_1m.csv', 'atop-5.1/atop5_1m_NNA.csv', 'cow-states-2016/states2016.csv', 'gw-states/iisystem.dat'], () => {
  beforeAll(async () => {
    const store = await openSqliteStore(db);
    try {
      for (const r of [await importCowStates(store, sharedData('cow-states-2016')), await importGwStates(store, sharedData('gw-states', 'iisystem.dat')), await importAtop(store, sharedData('atop-5.1'))]) {
        expect(r.problems, r.kind).toEqual([]);
      }
    } finally {
      await store.close();
    }
  });

  it('gives the directed dyad-years of atop5_1m.csv by the codebook’s rules, 273,304 rows, 1815–2018', async () => {
    const out = join(dir, 'ddy.csv');
    expect((await run('--source', 'atop', 'dyads', '--out', out, '--quiet')).code).toBe(0);
    const mine = readCsv(out);
    expect(mine).toHaveLength(273_304);
    const c = compare(mine, referenceDyads(sharedData('atop-5.1', 'atop5_1m.csv')), (r) => `${r.stateA},${r.stateB},${r.year}`);
    expect(c).toEqual({ missing: [], extra: [], wrong: [] });
    expect(mine.some((r) => r.stateA === '8152' || r.stateB === '8152')).toBe(false);
    expect(Object.keys(mine[0]!).slice(0, 16)).toEqual(['stateA', 'stateB', 'year', 'ddyad', 'atopally', 'defense', 'offense', 'neutral', 'nonagg', 'consul', 'shareob', 'transyr', 'bilatno', 'multino', 'number', 'asymm']);
  });

  it('merges both directions into dyad-years', async () => {
    const out = join(dir, 'dy.csv');
    expect((await run('--source', 'atop', 'dyads', '--unit', 'dyad-year', '--out', out, '--quiet')).code).toBe(0);
    const ref = new Map<string, Ref>();
    for (const [k, v] of referenceDyads(sharedData('atop-5.1', 'atop5_1m.csv'))) {
      const [a, b, y] = k.split(',').map(Number) as [number, number, number];
      const key = `${Math.min(a, b)},${Math.max(a, b)},${y}`;
      const x = ref.get(key) ?? { flags: [0, 0, 0, 0, 0], ids: new Set<number>() };
      v.flags.forEach((f, t) => (x.flags[t] ||= f));
      v.ids.forEach((i) => x.ids.add(i));
      ref.set(key, x);
    }
    expect(compare(readCsv(out), ref, (r) => `${r.mem1},${r.mem2},${r.year}`)).toEqual({ missing: [], extra: [], wrong: [] });
  });

  it('gives the NNA dyad-years of atop5_1m_NNA.csv with --nna', async () => {
    const out = join(dir, 'ddy-nna.csv');
    expect((await run('--source', 'atop', 'dyads', '--nna', '--out', out, '--quiet')).code).toBe(0);
    expect(compare(readCsv(out), referenceDyads(sharedData('atop-5.1', 'atop5_1m_NNA.csv')), (r) => `${r.stateA},${r.stateB},${r.year}`)).toEqual({ missing: [], extra: [], wrong: [] });
  });

  it('gives state-years: each member-year of the member file with the obligations it bears', async () => {
    const out = join(dir, 'sy.csv');
    expect((await run('--source', 'atop', 'state-years', '--out', out, '--quiet')).code).toBe(0);
    const ref = new Map<string, Ref>();
    for (const r of members(sharedData('atop-5.1', 'atop5_1m.csv'), true)) {
      for (let y = Number(r.start.slice(0, 4)); y <= Number(r.end.slice(0, 4)); y++) {
        const x = ref.get(`${r.member},${y}`) ?? { flags: [0, 0, 0, 0, 0], ids: new Set<number>() };
        r.flags.forEach((f, t) => (x.flags[t] ||= f));
        x.ids.add(r.atopid);
        ref.set(`${r.member},${y}`, x);
      }
    }
    const rows = readCsv(out);
    expect(compare(rows, ref, (r) => `${r.state},${r.year}`)).toEqual({ missing: [], extra: [], wrong: [] });
    const allies = new Map<string, number>();
    for (const k of referenceDyads(sharedData('atop-5.1', 'atop5_1m.csv')).keys()) {
      const [a, , y] = k.split(',');
      allies.set(`${a},${y}`, (allies.get(`${a},${y}`) ?? 0) + 1);
    }
    expect(rows.filter((r) => Number(r.allies) !== (allies.get(`${r.state},${r.year}`) ?? 0)).map((r) => `${r.state},${r.year}`)).toEqual([]);
  });

  it('builds the COW and GW frames of states in the system on a common day, with the ATOP flags merged', async () => {
    const store = await openSqliteStore(db);
    const engine = await openEngine(store, { source: 'atop', today: '2020-01-01' });
    await store.close();
    const data = AllianceData.fromEngine(engine, { coverage: { from: 1815, to: 2018 } });
    const ddy = referenceDyads(sharedData('atop-5.1', 'atop5_1m.csv'));
    const cow = new Map<number, [string, string][]>();
    for (const r of readCsv(sharedData('cow-states-2016', 'states2016_from_peacesciencer.csv'))) {
      const d = (y: string, m: string, dd: string) => `${y}-${m.padStart(2, '0')}-${dd.padStart(2, '0')}`;
      cow.set(Number(r.ccode), [...(cow.get(Number(r.ccode)) ?? []), [d(r.styear!, r.stmonth!, r.stday!), d(r.endyear!, r.endmonth!, r.endday!)]]);
    }
    const gw = new Map<number, [string, string][]>();
    for (const r of readCsv(sharedData('gw-states', 'gw_states_from_peacesciencer.csv'))) gw.set(Number(r.gwcode), [...(gw.get(Number(r.gwcode)) ?? []), [r.startdate!, r.enddate!]]);
    for (const [system, spells, years] of [['cow', cow, { from: 1816, to: 2016 }], ['gw', gw, { from: 1816, to: 2017 }]] as const) {
      const want = referenceFrame(spells, years.from, years.to);
      const got = new Set<string>();
      const wrong: string[] = [];
      let allied = 0;
      for (const b of frameDyadYears(systemStates(engine.registry, system), data, { from: years.from, to: years.to }).batches()) {
        for (let r = 0; r < b.length; r++) {
          const k = `${b.get(r, 0)},${b.get(r, 1)},${b.year}`;
          got.add(k);
          const ally = b.get(r, 3);
          if (ally === 1) allied++;
          const ref = system === 'cow' ? ddy.get(k) : gwReference(ddy, b.get(r, 0) as number, b.get(r, 1) as number, b.year);
          if (ally !== (ref ? 1 : 0) || (ref && ref.flags.some((f, t) => b.get(r, 4 + t) !== f)) || (!ref && [4, 5, 6, 7, 8].some((c) => b.get(r, c) !== 0))) wrong.push(k);
        }
      }
      expect(wrong, system).toEqual([]);
      expect(got.size, system).toBe(want.size);
      expect([...want].filter((k) => !got.has(k)), system).toEqual([]);
      expect(allied, system).toBeGreaterThan(150_000);
    }
    // Serbia (GW 340, COW 345) in 1913: allied with Bulgaria (atopid 1470, until June) and Greece (1490, from May).
    const rows: Record<string, number | string | null>[] = [];
    for (const b of frameDyadYears(systemStates(engine.registry, 'gw'), data, { from: 1913, to: 1913 }).batches()) rows.push(...b.records().filter((r) => r.stateA === 340 && (r.stateB === 350 || r.stateB === 355)));
    expect(rows.map((r) => [r.stateB, r.atopally, r.defense, r.atopid1])).toEqual([
      [350, 1, 1, 1490],
      [355, 1, 1, 1470],
    ]);
  }, 240_000);

  it('says, when interrupted while writing a file (CSV or Parquet), that the file holds an incomplete table, and dies of the signal', async () => {
    for (const name of ['interrupted.csv', 'interrupted.parquet']) {
      const out = join(dir, name);
      const child = spawn(process.execPath, ['--import', 'tsx', join(PACKAGE_ROOT, 'src/cli/bin.ts'), '--db', db, '--source', 'atop', 'dyads', '--frame', 'cow', '--out', out], { cwd: PACKAGE_ROOT });
      let err = '';
      child.stderr.on('data', (d: Buffer) => (err += d.toString()));
      const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
      // Interrupted as soon as the file has its first bytes: the whole frame takes seconds.
      while (!existsSync(out) || statSync(out).size === 0) {
        if (child.exitCode !== null) break;
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
      child.kill('SIGINT');
      expect(await exited, name).toEqual({ code: null, signal: 'SIGINT' });
      expect(err, name).toBe(`pacta: interrupted (SIGINT); '${out}' holds an incomplete table\n`);
      if (name.endsWith('.csv')) {
        // The frame has 1,912,290 rows and a header.
        let lines = 0;
        for (const byte of readFileSync(out)) if (byte === 10) lines++;
        expect(lines).toBeLessThan(1_912_291);
      }
    }
  }, 60_000);

  it('streams to stdout so that a shell pipe works, and stops quietly when the reader goes (EPIPE)', () => {
    const r = spawnSync('bash', ['-c', `set -o pipefail; "${process.execPath}" --import tsx "${join(PACKAGE_ROOT, 'src/cli/bin.ts')}" --db "${db}" --source atop dyads --frame cow --out - | head -n 3`], { encoding: 'utf8', cwd: PACKAGE_ROOT });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout.trim().split('\n')).toEqual([expect.stringMatching(/^stateA,stateB,year,atopally,defense/), '2,200,1816,0,0,0,0,0,0,,0,0,0,0,0,,,,,,,,,', '2,210,1816,0,0,0,0,0,0,,0,0,0,0,0,,,,,,,,,']);
  }, 60_000);

  it('exports GraphML, GEXF, JSON and DOT that networkx, igraph and Graphviz read with the network’s nodes, edges and names', async () => {
    const text = (await run('--source', 'atop', 'network', '--on', '1960-01-01')).out;
    const json = JSON.parse(text);
    expect(json.edges.length).toBeGreaterThan(100);
    const nodes = json.nodes.length;
    const firstLabel = json.nodes[0].name;
    // GraphML and GEXF: one arc per direction with obligations; the JSON: an undirected edge per
    // pair of allies; DOT: an edge per pair, with its direction as an attribute.
    const want = {
      graphml: { nodes, edges: arcCount(json.edges), directed: true, firstLabel },
      gexf: { nodes, edges: arcCount(json.edges), directed: true, firstLabel },
      json: { nodes, edges: json.edges.length, directed: false, firstLabel },
      dot: { nodes, edges: json.edges.length, directed: true, firstLabel },
    };
    const readers: string[] = [];
    for (const format of ['graphml', 'gexf', 'json', 'dot'] as const) {
      const out = join(dir, `net.${format}`);
      expect((await run('--source', 'atop', 'network', '--on', '1960-01-01', '--out', out)).code).toBe(0);
      const file = readFileSync(out, 'utf8');
      if (format === 'json') expect(file).toBe(text);
      if (format === 'graphml' || format === 'gexf') {
        const xml = xmlGraphCounts(file, format);
        if (xml) expect(xml).toEqual({ root: format === 'graphml' ? '{http://graphml.graphdrawing.org/xmlns}graphml' : '{http://gexf.net/1.3}gexf', nodes, edges: want[format].edges });
        else expect(file).toMatch(format === 'graphml' ? /<graphml xmlns="http:\/\/graphml\.graphdrawing\.org\/xmlns"/ : /<gexf xmlns="http:\/\/gexf\.net\/1\.3"/);
      }
      for (const { reader, view } of readWithGraphLibraries(file, format)) {
        expect(view, `${reader} reading ${format}`).toEqual(want[format]);
        readers.push(`${reader} (${format})`);
      }
    }
    console.info(`network exports read by: ${readers.join(', ') || 'no graph library found'}`);
  }, 60_000);
});

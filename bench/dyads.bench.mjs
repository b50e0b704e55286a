// Dyad-years: Pacta against the DuckDB SQL a fluent user would write instead, on the same files.
//   1. ATOP 5.1 directed dyad-years 1815–2018 (273,304 rows) written as CSV;
//   2. the COW frame 1816–2016 (every directed pair of system members on a common day of each
//      year, 1,912,290 rows) with the ATOP columns merged, written as CSV.
// Both sides write the same rows (checked here: row counts, and EXCEPT both ways on the columns
// whose definitions agree). Pacta is timed in-process with the engine open (the work of
// `pacta dyads` itself), from the store in-process, and as the whole CLI process (node start,
// store, engine, output); DuckDB in-process from the CSVs to the output file, sorted like Pacta's
// output and unsorted, and unsorted as a process (node start, loading DuckDB, the query) to set
// beside the CLI. Peak RSS is measured in child processes. Run: npm run build && node bench/dyads.bench.mjs
// Reads ../shared/data (or $PACTA_SHARED/data) in place; prints a "skipped" line without it.
import { existsSync, mkdtempSync, readFileSync, rmSync, createWriteStream, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { spawnSync } from 'node:child_process';
import { loadavg } from 'node:os';
import { ATOP_MEMBER_FILE, COW_STATES_FILE, SHARED_DATA, importCowAndAtop, median, report } from './lib.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const data = SHARED_DATA;

/** The DuckDB query for ATOP's directed dyad-years from the member file (codebook §2.7). */
const ATOP_SQL = `
WITH m AS (
  SELECT atopid, phase, member, bilat, asymm, defense, offense, neutral, nonagg, consul,
    make_date(yrent, moent, coalesce(dayent, 1)) AS s,
    CASE WHEN yrexit = 0 THEN DATE '2018-12-31'
         WHEN dayexit IS NULL THEN last_day(make_date(yrexit, moexit, 1))
         ELSE make_date(yrexit, moexit, dayexit) END AS e,
    yrexit = 0 AS open
  FROM read_csv('${ATOP_MEMBER_FILE}') WHERE member <> 8152
), p AS (
  SELECT a.member AS stateA, b.member AS stateB, a.atopid, a.bilat, a.asymm,
    a.defense, a.offense, a.neutral, a.nonagg, a.consul,
    year(greatest(a.s, b.s)) AS y1, year(least(a.e, b.e)) AS y2, a.open AND b.open AS open
  FROM m a JOIN m b ON a.atopid = b.atopid AND a.phase = b.phase AND a.member <> b.member
  WHERE greatest(a.s, b.s) <= least(a.e, b.e)
), y AS (
  SELECT *, unnest(range(y1, y2 + 1)) AS year FROM p
), pa AS (
  SELECT stateA, stateB, year, atopid, min(bilat) AS bilat, max(asymm) AS asymm,
    max(defense) AS defense, max(offense) AS offense, max(neutral) AS neutral, max(nonagg) AS nonagg, max(consul) AS consul,
    max(CASE WHEN year = y1 OR (year = y2 AND NOT open) THEN 1 ELSE 0 END) AS transyr
  FROM y GROUP BY stateA, stateB, year, atopid
), ddy0 AS (
  SELECT stateA, stateB, year, 1 AS atopally,
    max(defense) AS defense, max(offense) AS offense, max(neutral) AS neutral, max(nonagg) AS nonagg, max(consul) AS consul,
    max(transyr) AS transyr, sum(bilat) AS bilatno, count(*) - sum(bilat) AS multino, count(*) AS number, max(asymm) AS asymm,
    list(atopid ORDER BY atopid) AS ids
  FROM pa GROUP BY stateA, stateB, year
), ddy AS (
  -- pairob: obligations either way between the two (SHAREOB when none, in both directions).
  SELECT d.*, d.defense + d.offense + d.neutral + d.nonagg + d.consul + r.defense + r.offense + r.neutral + r.nonagg + r.consul AS pairob
  FROM ddy0 d JOIN ddy0 r ON r.stateA = d.stateB AND r.stateB = d.stateA AND r.year = d.year
)`;
const ALLIANCE_COLS = (p) =>
  `${p}atopally, ${p}defense, ${p}offense, ${p}neutral, ${p}nonagg, ${p}consul,
   CASE WHEN ${p}pairob = 0 THEN 1 END AS shareob,
   ${p}transyr, ${p}bilatno, ${p}multino, ${p}number, ${p}asymm, ${Array.from({ length: 9 }, (_, i) => `${p}ids[${i + 1}] AS atopid${i + 1}`).join(', ')}`;
const DDY_QUERY = (sorted) => `${ATOP_SQL}
SELECT stateA, stateB, year, stateA * 1000 + stateB AS ddyad, ${ALLIANCE_COLS('')} FROM ddy${sorted ? ' ORDER BY year, stateA, stateB' : ''}`;
/** The COW frame: members on a common day of each year (peacesciencer's create_dyadyears), ATOP merged (add_atop_alliance). */
const FRAME_QUERY = (sorted) => `${ATOP_SQL}, st AS (
  SELECT ccode, make_date(styear, stmonth, stday) AS s, make_date(endyear, endmonth, endday) AS e FROM read_csv('${COW_STATES_FILE}')
), sy AS (
  SELECT ccode, year, greatest(s, make_date(year, 1, 1)) AS s, least(e, make_date(year, 12, 31)) AS e
  FROM (SELECT *, unnest(range(year(s), year(e) + 1)) AS year FROM st) WHERE year BETWEEN 1816 AND 2016
), fr AS (
  SELECT DISTINCT a.ccode AS stateA, b.ccode AS stateB, a.year
  FROM sy a JOIN sy b ON a.year = b.year AND a.ccode <> b.ccode WHERE greatest(a.s, b.s) <= least(a.e, b.e)
)
SELECT fr.stateA, fr.stateB, fr.year, coalesce(d.atopally, 0) AS atopally, coalesce(d.defense, 0) AS defense, coalesce(d.offense, 0) AS offense,
  coalesce(d.neutral, 0) AS neutral, coalesce(d.nonagg, 0) AS nonagg, coalesce(d.consul, 0) AS consul,
  CASE WHEN d.pairob = 0 THEN 1 END AS shareob,
  coalesce(d.transyr, 0) AS transyr, coalesce(d.bilatno, 0) AS bilatno, coalesce(d.multino, 0) AS multino, coalesce(d.number, 0) AS number,
  coalesce(d.asymm, 0) AS asymm, ${Array.from({ length: 9 }, (_, i) => `d.ids[${i + 1}] AS atopid${i + 1}`).join(', ')}
FROM fr LEFT JOIN ddy d USING (stateA, stateB, year)${sorted ? ' ORDER BY fr.year, fr.stateA, fr.stateB' : ''}`;

async function pactaWrite(db, task, out) {
  const { openSqliteStore } = await import('../dist/store/sqlite/sqlite-store.js');
  const { openEngine } = await import('../dist/app/engine.js');
  const { AllianceData } = await import('../dist/analytics/alliance-years.js');
  const { allianceDyadYears } = await import('../dist/analytics/dyad-years.js');
  const { frameDyadYears, systemStates } = await import('../dist/analytics/frame.js');
  const { writeTable } = await import('../dist/analytics/write.js');
  const store = await openSqliteStore(db);
  const engine = await openEngine(store, { source: 'atop', today: '2020-01-01' });
  await store.close();
  const data = AllianceData.fromEngine(engine, { coverage: { from: 1815, to: 2018 } });
  const table = task === 'ddy' ? allianceDyadYears(data, { from: 1815, to: 2018 }) : frameDyadYears(systemStates(engine.registry, 'cow'), data, { from: 1816, to: 2016 });
  return writeTable(table, createWriteStream(out, { highWaterMark: 1 << 22 }), { format: 'csv', close: true });
}

async function duckWrite(query, out) {
  const { DuckDBInstance } = await import('@duckdb/node-api');
  const c = await (await DuckDBInstance.create(':memory:')).connect();
  await c.run(`COPY (${query}) TO '${out}' (HEADER)`);
}

// Child mode: one output in a fresh process, reporting its peak RSS (DuckDB's rows sorted unless `unsorted`).
if (process.argv[2] === '--child') {
  const [, , , side, task, db, out, order] = process.argv;
  const t0 = performance.now();
  const sorted = order !== 'unsorted';
  if (side === 'pacta') await pactaWrite(db, task, out);
  else await duckWrite(task === 'ddy' ? DDY_QUERY(sorted) : FRAME_QUERY(sorted), out);
  // VmHWM is this process's own peak; getrusage's maxRSS can carry the parent's peak over a fork.
  const hwm = existsSync('/proc/self/status') ? /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'))?.[1] : undefined;
  console.log(JSON.stringify({ ms: performance.now() - t0, maxRssMiB: (hwm ? Number(hwm) : process.resourceUsage().maxRSS) / 1024 }));
  process.exit(0);
}

if (!existsSync(ATOP_MEMBER_FILE) || !existsSync(COW_STATES_FILE)) {
  report('dyad-year benchmarks', { skipped: `no ATOP/COW data under ${data}` });
  process.exit(0);
}

const { openSqliteStore } = await import('../dist/store/sqlite/sqlite-store.js');
const { openEngine } = await import('../dist/app/engine.js');
const { AllianceData } = await import('../dist/analytics/alliance-years.js');
const { allianceDyadYears } = await import('../dist/analytics/dyad-years.js');
const { frameDyadYears, systemStates } = await import('../dist/analytics/frame.js');
const { writeTable } = await import('../dist/analytics/write.js');
const { DuckDBInstance } = await import('@duckdb/node-api');

const dir = mkdtempSync(join(tmpdir(), 'pacta-bench-dyads-'));
/** Runs fn n times: wall-time median and minimum, and the median CPU time of this process (all its threads). */
async function time(n, fn) {
  const wall = [];
  const cpu = [];
  for (let i = 0; i < n; i++) {
    const c = process.cpuUsage();
    const t0 = performance.now();
    await fn(i);
    wall.push(performance.now() - t0);
    const d = process.cpuUsage(c);
    cpu.push((d.user + d.system) / 1000);
  }
  return { medianMs: Math.round(median(wall)), minMs: Math.round(Math.min(...wall)), cpuMedianMs: Math.round(median(cpu)) };
}
const ms = (r) => r.medianMs;
try {
  const db = join(dir, 'pacta.db');
  const store = await openSqliteStore(db);
  await importCowAndAtop(store);
  await store.close();
  const out = (name) => join(dir, name);
  const N = 5;

  // Pacta in-process: the engine is open, as in a server or a notebook session.
  const s2 = await openSqliteStore(db);
  const engine = await openEngine(s2, { source: 'atop', today: '2020-01-01' });
  await s2.close();
  let rows = { ddy: 0, frame: 0 };
  const pDdy = await time(N, async () => {
    const d = AllianceData.fromEngine(engine, { coverage: { from: 1815, to: 2018 } });
    rows.ddy = (await writeTable(allianceDyadYears(d, { from: 1815, to: 2018 }), createWriteStream(out('pacta-ddy.csv'), { highWaterMark: 1 << 22 }), { format: 'csv', close: true })).rows;
  });
  const pFrame = await time(N, async () => {
    const d = AllianceData.fromEngine(engine, { coverage: { from: 1815, to: 2018 } });
    rows.frame = (await writeTable(frameDyadYears(systemStates(engine.registry, 'cow'), d, { from: 1816, to: 2016 }), createWriteStream(out('pacta-frame.csv'), { highWaterMark: 1 << 22 }), { format: 'csv', close: true })).rows;
  });

  // Pacta from the store, in-process: open the database, build the engine, write. Like the
  // DuckDB query, which reads its CSV input every time, nothing is kept between runs but the
  // process (its loaded code).
  const fromStore = async (write) => {
    const s = await openSqliteStore(db, { readonly: true });
    const e = await openEngine(s, { source: 'atop', today: '2020-01-01' });
    await s.close();
    await write(e);
  };
  const sDdy = await time(N, () => fromStore((e) => writeTable(allianceDyadYears(AllianceData.fromEngine(e, { coverage: { from: 1815, to: 2018 } }), { from: 1815, to: 2018 }), createWriteStream(out('store-ddy.csv'), { highWaterMark: 1 << 22 }), { format: 'csv', close: true })));
  const sFrame = await time(N, () => fromStore((e) => writeTable(frameDyadYears(systemStates(e.registry, 'cow'), AllianceData.fromEngine(e, { coverage: { from: 1815, to: 2018 } }), { from: 1816, to: 2016 }), createWriteStream(out('store-frame.csv'), { highWaterMark: 1 << 22 }), { format: 'csv', close: true })));

  // Processes are timed twice when NODE_EXTRA_CA_CERTS is set: as the environment is, and without
  // it. Node 20 reads and parses that CA bundle when it starts, before any script runs (43–81 ms
  // on this machine, whose sandbox sets it for its network proxy: RESULTS.md); a user's shell
  // seldom has it. `nodeStartMs` is a bare `node -e 0` in each environment.
  const bareEnv = process.env.NODE_EXTRA_CA_CERTS ? Object.fromEntries(Object.entries(process.env).filter(([k]) => k !== 'NODE_EXTRA_CA_CERTS')) : null;
  const timed = (args, env = process.env) => {
    const t0 = performance.now();
    const r = spawnSync(process.execPath, args, { encoding: 'utf8', env });
    if (r.status !== 0) throw new Error(r.stderr);
    return performance.now() - t0;
  };
  const nodeStart = (env) => Math.round(median([0, 1, 2].map(() => timed(['-e', '0'], env))));

  // Pacta as a command: node start, open the store, build the engine, write.
  const cli = (args, env) => timed([join(root, 'bin', 'pacta.js'), '--db', db, '--source', 'atop', ...args, '--quiet'], env);
  const cliDdy = (env) => median([0, 1, 2].map(() => cli(['dyads', '--out', out('cli-ddy.csv')], env)));
  const cliFrame = (env) => median([0, 1, 2].map(() => cli(['dyads', '--frame', 'cow', '--out', out('cli-frame.csv')], env)));
  const cDdy = cliDdy();
  const cFrame = cliFrame();

  // Peak memory of each side in a fresh process.
  const child = (side, task) => JSON.parse(spawnSync(process.execPath, [fileURLToPath(import.meta.url), '--child', side, task, db, out(`child-${side}-${task}.csv`)], { encoding: 'utf8' }).stdout);
  const mem = { pactaDdy: child('pacta', 'ddy'), pactaFrame: child('pacta', 'frame'), duckdbDdy: child('duckdb', 'ddy'), duckdbFrame: child('duckdb', 'frame') };

  // DuckDB as a process, to set beside the Pacta CLI: node start, loading @duckdb/node-api, the
  // unsorted query from the CSV files to the output file. Median of 3, timed from outside like the CLI.
  const duckProcess = (task, env) => median([0, 1, 2].map(() => timed([fileURLToPath(import.meta.url), '--child', 'duckdb', task, db, out(`process-duckdb-${task}.csv`), 'unsorted'], env)));
  const pDuckDdy = duckProcess('ddy');
  const pDuckFrame = duckProcess('frame');
  const bare = bareEnv && {
    nodeStartMs: nodeStart(process.env),
    nodeStartWithoutExtraCaMs: nodeStart(bareEnv),
    ddy: { cli: cliDdy(bareEnv), duckProc: duckProcess('ddy', bareEnv) },
    frame: { cli: cliFrame(bareEnv), duckProc: duckProcess('frame', bareEnv) },
  };

  // DuckDB in-process, from the CSV files to the output file.
  const duck = await (await DuckDBInstance.create(':memory:')).connect();
  const q = async (sql) => duck.run(sql);
  const dDdy = await time(N, () => q(`COPY (${DDY_QUERY(true)}) TO '${out('duck-ddy.csv')}' (HEADER)`));
  const dDdyU = await time(N, () => q(`COPY (${DDY_QUERY(false)}) TO '${out('duck-ddy-unsorted.csv')}' (HEADER)`));
  const dFrame = await time(N, () => q(`COPY (${FRAME_QUERY(true)}) TO '${out('duck-frame.csv')}' (HEADER)`));
  const dFrameU = await time(N, () => q(`COPY (${FRAME_QUERY(false)}) TO '${out('duck-frame-unsorted.csv')}' (HEADER)`));

  // Same rows? Counts, then EXCEPT both ways on the columns whose definitions agree
  // (BILATNO/MULTINO/ASYMM: Pacta computes them from the engine, DuckDB takes ATOP's BILAT/ASYMM columns).
  const count = async (f) => Number((await duck.runAndReadAll(`SELECT count(*) FROM read_csv('${f}')`)).getRows()[0][0]);
  const except = async (a, b) => Number((await duck.runAndReadAll(`SELECT count(*) FROM (SELECT * EXCLUDE (bilatno, multino, asymm) FROM read_csv('${a}', all_varchar = true) EXCEPT SELECT * EXCLUDE (bilatno, multino, asymm) FROM read_csv('${b}', all_varchar = true))`)).getRows()[0][0]);
  const check = {};
  for (const [name, p, d] of [['ddy', out('pacta-ddy.csv'), out('duck-ddy.csv')], ['frame', out('pacta-frame.csv'), out('duck-frame.csv')]]) {
    check[name] = { pactaRows: await count(p), duckdbRows: await count(d), onlyInPacta: await except(p, d), onlyInDuckdb: await except(d, p), sameBytes: statSync(p).size === statSync(d).size };
    check[name].fromStoreSame = readFileSync(p).equals(readFileSync(out(`store-${name}.csv`)));
    if (check[name].pactaRows !== check[name].duckdbRows || check[name].onlyInPacta || check[name].onlyInDuckdb || !check[name].fromStoreSame) throw new Error(`outputs differ: ${JSON.stringify(check)}`);
  }

  const ratio = (a, b) => Math.round((a / b) * 100) / 100;
  // One result line: Pacta in-process and as a CLI against the DuckDB query, on the same rows.
  const compare = (label, { rows: n, pacta, store, cli, duck, duckU, duckProc, memP, memD, checked, noExtraCa }) =>
    report(label, {
      rows: n,
      pactaInProcessMs: ms(pacta),
      pactaInProcessMinMs: pacta.minMs,
      pactaInProcessCpuMs: pacta.cpuMedianMs,
      pactaFromStoreMs: ms(store),
      pactaFromStoreMinMs: store.minMs,
      pactaFromStoreCpuMs: store.cpuMedianMs,
      pactaCliMs: Math.round(cli),
      duckdbSortedMs: ms(duck),
      duckdbUnsortedMs: ms(duckU),
      duckdbUnsortedMinMs: duckU.minMs,
      duckdbUnsortedCpuMs: duckU.cpuMedianMs,
      ratioPactaToDuckdbUnsorted: ratio(ms(pacta), ms(duckU)),
      ratioPactaFromStoreToDuckdbUnsorted: ratio(ms(store), ms(duckU)),
      ratioPactaCliToDuckdbUnsorted: ratio(cli, ms(duckU)),
      duckdbProcessUnsortedMs: Math.round(duckProc),
      ratioPactaCliToDuckdbProcess: ratio(cli, duckProc),
      ...(noExtraCa && {
        nodeStartMs: bare.nodeStartMs,
        nodeStartWithoutExtraCaMs: bare.nodeStartWithoutExtraCaMs,
        pactaCliWithoutExtraCaMs: Math.round(noExtraCa.cli),
        duckdbProcessWithoutExtraCaMs: Math.round(noExtraCa.duckProc),
      }),
      pactaPeakRssMiB: Math.round(memP.maxRssMiB),
      duckdbPeakRssMiB: Math.round(memD.maxRssMiB),
      check: checked,
      loadavg: loadavg()[0],
    });
  compare('ATOP directed dyad-years 1815–2018, CSV (target < 500 ms; Pacta ≤ DuckDB)', {
    rows: rows.ddy, pacta: pDdy, store: sDdy, cli: cDdy, duck: dDdy, duckU: dDdyU, duckProc: pDuckDdy, memP: mem.pactaDdy, memD: mem.duckdbDdy, checked: check.ddy, noExtraCa: bare?.ddy,
  });
  compare('COW frame 1816–2016 with ATOP columns, CSV (target < 2000 ms and < 1 GiB; Pacta ≤ DuckDB)', {
    rows: rows.frame, pacta: pFrame, store: sFrame, cli: cFrame, duck: dFrame, duckU: dFrameU, duckProc: pDuckFrame, memP: mem.pactaFrame, memD: mem.duckdbFrame, checked: check.frame, noExtraCa: bare?.frame,
  });
} finally {
  rmSync(dir, { recursive: true, force: true });
}

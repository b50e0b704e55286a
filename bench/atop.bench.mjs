// Cost of the real datasets: importing ATOP 5.1 plus the COW state lists into a fresh SQLite
// file, building the engine from that store, and allies(state, date) on the full data.
// Run: npm run build && node bench/atop.bench.mjs   (or npm run bench -- atop)
// Reads ../shared/data (or $PACTA_SHARED/data) in place; prints a "skipped" line without it.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openSqliteStore } from '../dist/store/sqlite/sqlite-store.js';
import { importAtop } from '../dist/app/import-atop.js';
import { importCowStates } from '../dist/app/import-states.js';
import { openEngine } from '../dist/app/engine.js';
import { loadRegistry } from '../dist/app/registry.js';
import { mergeTreaties } from '../dist/app/merge.js';
import { Engine } from '../dist/core/engine.js';
import { alliesAnswer } from '../dist/server/answers.js';
import { time, report } from './lib.mjs';

/** Median CPU time (user + system, ms) of `fn` over n runs: less sensitive than wall time to other processes on the machine. */
async function cpu(n, fn) {
  const samples = [];
  for (let i = 0; i < n; i++) {
    const c0 = process.cpuUsage();
    await fn(i);
    const c = process.cpuUsage(c0);
    samples.push((c.user + c.system) / 1000);
  }
  samples.sort((a, b) => a - b);
  return { cpuMedianMs: Math.round(samples[Math.floor(n / 2)] * 10) / 10, cpuMinMs: Math.round(samples[0] * 10) / 10 };
}

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const shared = process.env.PACTA_SHARED ?? resolve(root, '..', 'shared');
const data = join(shared, 'data');
if (!existsSync(join(data, 'atop-5.1')) || !existsSync(join(data, 'cow-states-2016'))) {
  report('atop benchmarks', { skipped: `no ATOP/COW data under ${data}` });
  process.exit(0);
}

const dir = mkdtempSync(join(tmpdir(), 'pacta-bench-atop-'));
try {
  let i = 0;
  let treaties = 0;
  let polities = 0;
  const imp = await time(7, async () => {
    const store = await openSqliteStore(join(dir, `import-${i++}.db`));
    const cow = await importCowStates(store, join(data, 'cow-states-2016'));
    const atop = await importAtop(store, join(data, 'atop-5.1'));
    if (cow.status !== 'imported' || atop.status !== 'imported') throw new Error(`import failed: ${cow.status} ${atop.status}`);
    polities = cow.inserted.length;
    treaties = atop.inserted.length;
    await store.close();
  });
  const impCpu = await cpu(5, async () => {
    const store = await openSqliteStore(join(dir, `import-${i++}.db`));
    await importCowStates(store, join(data, 'cow-states-2016'));
    await importAtop(store, join(data, 'atop-5.1'));
    await store.close();
  });
  report('import ATOP 5.1 + COW states2016/majors/system into a fresh SQLite file (target < 1 s)', { treaties, polities, ...imp, ...impCpu, loadavg: loadavg()[0] });

  const store = await openSqliteStore(join(dir, 'import-0.db'));
  let engine;
  // The engine builds its obligation index on the first query that needs it; prepare() builds it
  // now, so the figure for the target includes it.
  let obligations = 0;
  const build = await time(15, async () => {
    engine = await openEngine(store, { today: '2026-11-28' });
    obligations = engine.prepare();
  });
  const buildCpu = await cpu(9, async () => (await openEngine(store, { today: '2026-11-28' })).prepare());
  report('build engine from store: read, merge, lifecycles, obligation index (target < 200 ms)', { treaties: engine.treatyIds().length, obligations, ...build, ...buildCpu, loadavg: loadavg()[0] });
  report('open engine without the obligation index (what dyad-years and state-years need)', { ...(await time(15, () => openEngine(store, { today: '2026-11-28' }))), loadavg: loadavg()[0] });

  const stored = await store.listTreaties();
  const registry = await loadRegistry(store);
  const merged = mergeTreaties(stored);
  report('Engine constructor and obligation index only (treaties already read and merged)', { ...(await time(15, () => new Engine(merged, registry, { today: '2026-11-28' }).prepare())), loadavg: loadavg()[0] });

  const states = [710, 365, 816, 2, 200, 220, 255, 740, 651, 2];
  const days = ['1979-02-17', '1960-01-01', '1985-06-01', '1952-05-01', '1991-01-01', '2010-07-01', '1914-08-01'];
  for (let k = 0; k < 2000; k++) engine.allies(states[k % states.length], days[k % days.length]);
  report('allies(state, date), ATOP 5.1 full data (target < 20 µs median)', { ...(await time(5000, (k) => engine.allies(states[k % states.length], days[(k >> 1) % days.length]))), loadavg: loadavg()[0] });
  report('alliesOf(code, day), ATOP 5.1 full data (the same allies and obligations, without the explanation)', { ...(await time(20000, (k) => engine.alliesOf(states[k % states.length], days[(k >> 1) % days.length]))), loadavg: loadavg()[0] });
  // The mix above is the largest states; for context, every state of the registry on the same days.
  const every = engine.registry.all().map((p) => p.ccode);
  report(`allies(state, date) over all ${every.length} states × the same 7 dates (context; the target figure is the mix above)`, { ...(await time(20000, (k) => engine.allies(every[k % every.length], days[Math.floor(k / every.length) % days.length]))), loadavg: loadavg()[0] });
  report('allyCodes(code, day), ATOP 5.1 full data (ally codes only)', { ...(await time(20000, (k) => engine.allyCodes(states[k % states.length], days[(k >> 1) % days.length]))), loadavg: loadavg()[0] });
  // What one large API answer costs, step by step: the United States on 1985-06-01.
  const us = (k) => `19${50 + (k % 50)}-0${1 + (k % 9)}-1${k % 10}`;
  for (let k = 0; k < 300; k++) JSON.stringify(alliesAnswer(engine.allies(2, us(k))));
  const sample = alliesAnswer(engine.allies(2, '1985-06-01'));
  const bytes = JSON.stringify(sample).length;
  report('API allies answer, USA on days of 1950-1999: the engine query', { ...(await time(1000, (k) => engine.allies(2, us(k)))), loadavg: loadavg()[0] });
  report('… with its explanation built', { ...(await time(1000, (k) => engine.allies(2, us(k)).explanation)), loadavg: loadavg()[0] });
  report('… in the API\'s compact shape', { ...(await time(1000, (k) => alliesAnswer(engine.allies(2, us(k))))), loadavg: loadavg()[0] });
  report('… serialised (JSON.stringify)', { bytesOn19850601: bytes, ...(await time(1000, (k) => JSON.stringify(alliesAnswer(engine.allies(2, us(k)))))), loadavg: loadavg()[0] });
  await store.close();
} finally {
  rmSync(dir, { recursive: true, force: true });
}

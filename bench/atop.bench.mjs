// Cost of the real datasets: importing ATOP 5.1 plus the COW state lists into a fresh SQLite
// file, building the engine from that store, and allies(state, date) on the full data.
// Run: npm run build && node bench/atop.bench.mjs   (or npm run bench -- atop)
// Reads ../shared/data (or $PACTA_SHARED/data) in place; prints a "skipped" line without it.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openSqliteStore } from '../dist/store/sqlite/sqlite-store.js';
import { importAtop } from '../dist/app/import-atop.js';
import { importCowStates } from '../dist/app/import-states.js';
import { openEngine } from '../dist/app/engine.js';
import { loadRegistry } from '../dist/app/registry.js';
import { mergeTreaties } from '../dist/app/merge.js';
import { Engine } from '../dist/core/engine.js';
import { time, report } from './lib.mjs';

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
  report('import ATOP 5.1 + COW states2016/majors/system into a fresh SQLite file (target < 1 s)', { treaties, polities, ...imp });

  const store = await openSqliteStore(join(dir, 'import-0.db'));
  let engine;
  const build = await time(15, async () => {
    engine = await openEngine(store, { today: '2026-11-28' });
  });
  let obligations = 0;
  for (const _ of engine.allObligations()) obligations++;
  report('build engine from store: read, merge, index (target < 200 ms)', { treaties: engine.treatyIds().length, obligations, ...build });

  const stored = await store.listTreaties();
  const registry = await loadRegistry(store);
  const merged = mergeTreaties(stored);
  report('Engine constructor only (treaties already read and merged)', await time(15, () => new Engine(merged, registry, { today: '2026-11-28' })));

  const states = [710, 365, 816, 2, 200, 220, 255, 740, 651, 2];
  const days = ['1979-02-17', '1960-01-01', '1985-06-01', '1952-05-01', '1991-01-01', '2010-07-01', '1914-08-01'];
  for (let k = 0; k < 2000; k++) engine.allies(states[k % states.length], days[k % days.length]);
  report('allies(state, date), ATOP 5.1 full data (target < 20 µs median)', await time(20000, (k) => engine.allies(states[k % states.length], days[(k >> 1) % days.length])));
  report('allyCodes(state, day), ATOP 5.1 full data (the index lookup without the explanation)', await time(20000, (k) => engine.allyCodes(states[k % states.length], days[(k >> 1) % days.length])));
  await store.close();
} finally {
  rmSync(dir, { recursive: true, force: true });
}

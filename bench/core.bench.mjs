// Cost of loading the curated corpus into a fresh SQLite file, building the engine from the
// store, and the core queries on the curated corpus. Run: npm run bench -- core
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSqliteStore, loadFiles, loadRegistry, openEngine, CORPUS_DIR } from '../dist/index.js';
import { time, report } from './lib.mjs';

const dir = mkdtempSync(join(tmpdir(), 'pacta-bench-'));
try {
  let i = 0;
  let files = 0;
  const load = await time(10, async () => {
    const store = await openSqliteStore(join(dir, `load-${i++}.db`));
    const r = await loadFiles(store, [CORPUS_DIR], await loadRegistry(store));
    files = r.files;
    if (r.problems.length) throw new Error('corpus has problems');
    await store.close();
  });
  report('load curated corpus into a fresh SQLite file', { files, ...load });

  const store = await openSqliteStore(join(dir, 'load-0.db'));
  let engine;
  const build = await time(20, async () => {
    engine = await openEngine(store, { today: '2026-11-28' });
  });
  report('build engine from store (curated corpus)', { treaties: engine.treatyIds().length, ...build });

  const states = [710, 365, 2, 200, 220, 740, 731, 816];
  const days = ['1979-02-17', '1960-01-01', '1985-06-01', '1952-05-01', '1991-01-01'];
  report('allies(state, date), explanation not read', await time(20000, (k) => engine.allies(states[k % states.length], days[k % days.length])));
  report('allies(state, date) with its explanation read', await time(20000, (k) => engine.allies(states[k % states.length], days[k % days.length]).explanation));
  report('alliesOf(code, day) without explanation, curated corpus', await time(20000, (k) => engine.alliesOf(states[k % states.length], days[k % days.length])));
  report('inForce(treaty, date)', await time(20000, (k) => engine.inForce('sino-soviet-1950', days[k % days.length])));
  report('triggered(attacker, target, date)', await time(5000, (k) => engine.triggered(740, 365, days[k % days.length])));
  await store.close();
} finally {
  rmSync(dir, { recursive: true, force: true });
}

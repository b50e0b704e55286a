// How long other requests wait while the server streams a large download: the COW frame with
// ATOP columns (1.9 million rows) as CSV and as Parquet, while a client asks GET /api/health
// every 20 ms. Data read in place from ../shared/data (or $PACTA_SHARED).
// Usage: npm run build && node bench/export-hold.bench.mjs
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { report, startServer } from './lib.mjs';

const root = resolve(import.meta.dirname, '..');
const data = join(process.env.PACTA_SHARED ?? resolve(root, '..', 'shared'), 'data');
if (!existsSync(join(data, 'atop-5.1')) || !existsSync(join(data, 'cow-states-2016'))) {
  console.log(`export-hold: skipped, the datasets are not at ${data} (set PACTA_SHARED)`);
  process.exit(0);
}
const { openSqliteStore } = await import(join(root, 'dist/store/sqlite/sqlite-store.js'));
const { importAtop } = await import(join(root, 'dist/app/import-atop.js'));
const { importCowStates } = await import(join(root, 'dist/app/import-states.js'));

const tmp = mkdtempSync(join(tmpdir(), 'pacta-bench-hold-'));

/** Downloads `path` while timing /api/health every 20 ms. */
async function holdDuring(url, path) {
  const waits = [];
  let done = false;
  const download = (async () => {
    const t0 = performance.now();
    const r = await fetch(url + path);
    const bytes = (await r.arrayBuffer()).byteLength;
    done = true;
    return { status: r.status, bytes, ms: Math.round(performance.now() - t0) };
  })();
  while (!done) {
    const t0 = performance.now();
    await (await fetch(`${url}/api/health`)).text();
    waits.push(performance.now() - t0);
    await new Promise((r) => setTimeout(r, 20));
  }
  waits.sort((a, b) => a - b);
  const at = (q) => Math.round(waits[Math.min(waits.length - 1, Math.floor(q * waits.length))]);
  return { download: await download, healthRequests: waits.length, healthMedianMs: at(0.5), healthP90Ms: at(0.9), healthMaxMs: Math.round(waits.at(-1)) };
}

try {
  const db = join(tmp, 'pacta.db');
  const store = await openSqliteStore(db);
  await importCowStates(store, join(data, 'cow-states-2016'));
  await importAtop(store, join(data, 'atop-5.1'));
  await store.close();
  const { child, url } = await startServer(db, tmp);
  try {
    // A first download builds the ATOP-only engine; not measured.
    await (await fetch(`${url}/api/exports/dyads?source=atop&from=2000&to=2000`)).arrayBuffer();
    for (const format of ['csv', 'parquet']) {
      const r = await holdDuring(url, `/api/exports/dyads?frame=cow&source=atop&format=${format}`);
      report(`GET /api/health during a COW-frame ${format} download (rows generated and sent as the client reads)`, { ...r, loadavg: loadavg()[0] });
    }
  } finally {
    child.kill('SIGTERM');
  }
} finally {
  rmSync(tmp, { recursive: true, force: true });
}

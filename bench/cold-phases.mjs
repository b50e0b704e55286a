#!/usr/bin/env node
// Times each phase of ATOP's directed dyad-years in this (fresh) process: what `pacta dyads`
// spends where when nothing is compiled yet. One line per run; run it several times, or for two
// builds alternately, and compare medians. Not a *.bench.mjs file: `npm run bench` does not run it.
//
// Usage: node bench/cold-phases.mjs DB [DIST] [FROM TO]   (DB: a database with ATOP 5.1 and COW states
//   imported; DIST: a built dist/ folder, default this package's; FROM TO: the years, default 1815 2018)
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const started = performance.now();
const db = process.argv[2];
if (!db) throw new Error('usage: node bench/cold-phases.mjs DB [DIST] [FROM TO]');
const dist = pathToFileURL(resolve(process.argv[3] ?? new URL('../dist', import.meta.url).pathname)).href;
const years = { from: Number(process.argv[4] ?? 1815), to: Number(process.argv[5] ?? 2018) };
const { openSqliteStore } = await import(`${dist}/store/sqlite/sqlite-store.js`);
const { openEngine } = await import(`${dist}/app/engine.js`);
const { AllianceData } = await import(`${dist}/analytics/alliance-years.js`);
const { allianceDyadYears } = await import(`${dist}/analytics/dyad-years.js`);
const { CsvEncoder } = await import(`${dist}/analytics/csv.js`);

const phases = { start: Math.round(started), imports: Math.round(performance.now() - started) };
let t = performance.now();
const lap = (name) => {
  const now = performance.now();
  phases[name] = Math.round(now - t);
  t = now;
};
const store = await openSqliteStore(db, { readonly: true });
const engine = await openEngine(store, { today: '2020-01-01', source: 'atop' });
lap('engine');
const data = AllianceData.fromEngine(engine, { coverage: { from: 1815, to: 2018 } });
lap('allianceIndex');
const table = allianceDyadYears(data, years);
lap('segments');
const enc = new CsvEncoder();
let bytes = 0;
for (const batch of table.batches({ keyedOnce: true })) bytes += enc.encode(batch).length;
lap('rowsAndCsv');
await store.close();
console.log(JSON.stringify({ ...phases, totalSinceProcessStart: Math.round(performance.now()), bytes }));

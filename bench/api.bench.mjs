#!/usr/bin/env node
// Load benchmark of the HTTP API: GET /api/allies?state=…&on=… on loopback, against the real
// server (`node dist/server/main.js`) in a child process.
//
//   npm run bench:api                      # builds, then runs every scenario
//   node bench/api.bench.mjs --db pacta.db # also measures an existing database
//   options: --rate 500 --duration 10 --connections 10 --append (add the section to bench/RESULTS.md)
//
// Scenarios: the curated corpus alone; the curated corpus with COW and ATOP 5.1 imported from
// ../shared/data (or $PACTA_SHARED/data), read in place; without those files, the synthetic
// ATOP-sized corpus instead (src/server/synthetic-atop.ts; test data, not real alliances); and
// --db if given. Each query mix runs
//   - at a steady rate (default 500 requests/s) as an open model (bench/lib.mjs steadyLoad): the
//     latency of each request from the moment it was due;
//   - at the same rate with autocannon's `overallRate` (bursts at the start of every second; its
//     own coordinated-omission correction), as earlier results were measured;
//   - unthrottled with autocannon, for the throughput.
// GET /api/health under the same steady load is the floor: what this machine and client add to
// an answer that costs the server nothing.
import { appendFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, totalmem, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { ATOP_MEMBER_FILE, COW_STATES_FILE, importCowAndAtop, startServer, steadyLoad } from './lib.mjs';

const root = resolve(import.meta.dirname, '..');
const dist = join(root, 'dist');
if (!existsSync(join(dist, 'server', 'main.js'))) {
  console.error('bench: dist/ is missing; run `npm run build` first (npm run bench:api does)');
  process.exit(2);
}
const { values } = parseArgs({
  options: {
    db: { type: 'string' },
    rate: { type: 'string', default: '500' },
    duration: { type: 'string', default: '10' },
    connections: { type: 'string', default: '10' },
    append: { type: 'boolean', default: false },
  },
});
const rate = Number(values.rate);
const duration = Number(values.duration);
const connections = Number(values.connections);

const { openSqliteStore } = await import(join(dist, 'store/sqlite/sqlite-store.js'));
const { loadFiles } = await import(join(dist, 'app/treaty-files.js'));
const { loadRegistry, bundledPolities } = await import(join(dist, 'app/registry.js'));
const { CORPUS_DIR } = await import(join(dist, 'app/files.js'));
const { syntheticAtop } = await import(join(dist, 'server/synthetic-atop.js'));

async function makeDb(file, withSynthetic) {
  const store = await openSqliteStore(file);
  const r = await loadFiles(store, [CORPUS_DIR], await loadRegistry(store));
  if (r.problems.length) throw new Error(`bench: the curated corpus has problems: ${r.problems.map((p) => p.message).join('; ')}`);
  if (withSynthetic) {
    const treaties = syntheticAtop((await bundledPolities()).map((p) => p.ccode));
    await store.transaction(async (w) => {
      for (const t of treaties) await w.putTreaty(t);
    });
  }
  const counts = await store.counts();
  await store.close();
  return counts;
}

/** A database with the curated corpus, COW states and ATOP 5.1 from the shared data, or null without it. */
async function makeAtopDb(file) {
  if (!existsSync(ATOP_MEMBER_FILE) || !existsSync(COW_STATES_FILE)) return null;
  await makeDb(file, false);
  const store = await openSqliteStore(file);
  await importCowAndAtop(store);
  const counts = await store.counts();
  await store.close();
  return counts;
}

async function originsOf(file) {
  const store = await openSqliteStore(file, { readonly: true });
  const origins = {};
  for (const t of await store.listTreaties()) origins[t.origin] = (origins[t.origin] ?? 0) + 1;
  await store.close();
  return origins;
}

/**
 * Query mixes. `repeating`: 500 state/date pairs in rotation (answers come from the server's
 * response cache after the first round). `distinct`: every request a new pair (state × day from
 * 1900 on), never the same URL twice: the URL cache never answers. The allies-answer cache
 * (src/server/answers.ts) does when an earlier day of the state had the same obligations in force.
 */
function mixes(states) {
  let x = 12345;
  const rnd = () => ((x = (x * 1103515245 + 12345) % 2147483648) / 2147483648);
  const day = (n) => `${1900 + Math.floor(n / 336)}-${String(1 + (Math.floor(n / 28) % 12)).padStart(2, '0')}-${String(1 + (n % 28)).padStart(2, '0')}`;
  const list = [];
  for (let i = 0; i < 500; i++) list.push(`/api/allies?state=${states[Math.floor(rnd() * states.length)]}&on=${day(Math.floor(rnd() * 336 * 116))}`);
  let r = 0;
  let n = 0;
  return {
    repeating: () => list[r++ % list.length],
    distinct: () => {
      n++;
      // A prime stride spreads the days over the whole range without repeating a pair.
      return `/api/allies?state=${states[n % states.length]}&on=${day((n * 7919) % (336 * 116))}`;
    },
  };
}

function run(url, nextPath, options) {
  return new Promise((res, rej) => {
    autocannon(
      {
        url,
        connections,
        duration: options.duration,
        ...(options.rate ? { overallRate: options.rate } : {}),
        requests: [{ setupRequest: (req) => ({ ...req, path: nextPath() }) }],
      },
      (err, result) => (err ? rej(err) : res(result)),
    );
  });
}

async function scenario(name, db, states) {
  const { child, url } = await startServer(db, tmp, { LOG_LEVEL: 'info', PACTA_TODAY: '2020-01-01' });
  const rows = [];
  try {
    for (const [mix, nextPath] of Object.entries({ ...mixes(states), 'floor: /api/health': () => '/api/health' })) {
      const first = nextPath();
      const check = await fetch(url + first);
      if (!check.ok) throw new Error(`bench: ${first} answered ${check.status}`);
      await run(url, nextPath, { duration: 3 }); // warm-up
      const steady = await steadyLoad({ url, rate, duration, connections, nextPath });
      const fixed = await run(url, nextPath, { duration, rate });
      const max = await run(url, nextPath, { duration: Math.min(duration, 10) });
      rows.push({
        name,
        mix,
        steady,
        fixed: { rps: fixed.requests.average, p99: fixed.latency.p99, errors: fixed.errors + fixed.non2xx },
        max: { rps: max.requests.average, p99: max.latency.p99 },
      });
    }
  } finally {
    child.kill('SIGTERM');
  }
  return rows;
}

const loadBefore = loadavg()[0];
const tmp = mkdtempSync(join(tmpdir(), 'pacta-bench-'));
const results = [];
try {
  const curatedStates = [365, 710, 2, 200, 220, 255, 325, 740, 375, 731];
  const everyState = (await bundledPolities()).map((p) => p.ccode);
  const a = join(tmp, 'curated.db');
  const ca = await makeDb(a, false);
  results.push(...(await scenario(`curated corpus (${ca.treaties} treaties)`, a, curatedStates)));
  const real = join(tmp, 'atop.db');
  const cr = await makeAtopDb(real);
  if (cr) results.push(...(await scenario(`curated + COW + ATOP 5.1 (${cr.treaties} treaties)`, real, everyState)));
  else {
    console.error('bench: no ATOP 5.1 / COW files under ../shared/data: measuring the synthetic ATOP-sized corpus instead');
    const b = join(tmp, 'synthetic.db');
    const cb = await makeDb(b, true);
    results.push(...(await scenario(`curated + synthetic ATOP-sized corpus (${cb.treaties} treaties; test data)`, b, everyState)));
  }
  if (values.db) {
    const origins = await originsOf(values.db);
    const atop = Object.entries(origins).filter(([o]) => o.startsWith('atop') && o !== 'atop-synthetic').reduce((n, [, c]) => n + c, 0);
    results.push(...(await scenario(`${values.db}: ${JSON.stringify(origins)}${atop ? '' : ' (no ATOP import)'}`, resolve(values.db), everyState)));
  }
} finally {
  rmSync(tmp, { recursive: true, force: true });
}

const cpu = cpus();
const lines = [
  '',
  `## API load: GET /api/allies (${new Date().toISOString().slice(0, 10)})`,
  '',
  `Machine: ${cpu.length} × ${cpu[0]?.model ?? 'cpu'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}, ${process.platform}. Server: \`node dist/server/main.js\` (Fastify, one JSON log line per request at info, to a file) in a child process; clients in this process on 127.0.0.1 with ${connections} connections. Queries: \`repeating\` = 500 state/date pairs in rotation (served from the response cache from the second round on), \`distinct\` = a new pair on every request (never a URL-cache hit; answered from the allies-answer cache when an earlier day of the state had the same obligations in force), \`floor\` = GET /api/health (no work: what the machine and the client add).`,
  `Steady: an open model at ${rate} requests/s (undici; each latency from the moment the request was due, so stalls of the server, the client or the machine count in full). autocannon at ${rate}/s: its \`overallRate\` (each second's requests sent in a burst at its start; its coordinated-omission correction uses a 1 ms interval). Unthrottled: autocannon as fast as the server answers.`,
  `Load average (1 min) before and after: ${loadBefore.toFixed(2)}, ${loadavg()[0].toFixed(2)} (other work on the machine shares its 2 cores and inflates the tails).`,
  `Command: \`npm run bench:api\` (= \`npm run build && node bench/api.bench.mjs\`; options --rate ${rate} --duration ${duration} --connections ${connections}).`,
  '',
  `| data | queries | steady ${rate}/s: achieved | p50 ms | p90 ms | p99 ms | max ms | errors | autocannon ${rate}/s: p99 ms | unthrottled req/s | p99 ms |`,
  '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
  ...results.map((r) => `| ${r.name} | ${r.mix} | ${r.steady.rps.toFixed(0)} | ${r.steady.p50} | ${r.steady.p90} | ${r.steady.p99} | ${r.steady.max} | ${r.steady.errors + r.fixed.errors} | ${r.fixed.p99} | ${r.max.rps.toFixed(0)} | ${r.max.p99} |`),
  '',
];
console.log(lines.join('\n'));
if (values.append) appendFileSync(join(root, 'bench', 'RESULTS.md'), lines.join('\n'));

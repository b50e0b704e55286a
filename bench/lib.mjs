// Small timing helpers shared by the benchmark files.
import { spawn } from 'node:child_process';
import { closeSync, openSync, readFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join, resolve } from 'node:path';

/** The shared research data the benchmarks read in place: ../shared/data, or $PACTA_SHARED/data. */
export const SHARED_DATA = join(process.env.PACTA_SHARED ?? resolve(import.meta.dirname, '..', '..', 'shared'), 'data');

/** ATOP 5.1's member-level file and the COW state list in SHARED_DATA: the benchmarks run on the real data when both exist. */
export const ATOP_MEMBER_FILE = join(SHARED_DATA, 'atop-5.1', 'atop5_1m.csv');
export const COW_STATES_FILE = join(SHARED_DATA, 'cow-states-2016', 'states2016.csv');

/** Imports the COW state list and ATOP 5.1 from SHARED_DATA into an open store (built code from dist/); throws unless both import. */
export async function importCowAndAtop(store) {
  const dist = resolve(import.meta.dirname, '..', 'dist');
  const { importCowStates } = await import(join(dist, 'app', 'import-states.js'));
  const { importAtop } = await import(join(dist, 'app', 'import-atop.js'));
  for (const r of [await importCowStates(store, join(SHARED_DATA, 'cow-states-2016')), await importAtop(store, join(SHARED_DATA, 'atop-5.1'))]) {
    if (r.status !== 'imported') throw new Error(`bench: import failed: ${r.kind} ${r.status}`);
  }
}

/** The median of numbers (the upper one of an even count), leaving `xs` as it is. */
export const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** Runs fn n times and returns timings in microseconds: median, p90, min. */
export async function time(n, fn) {
  const samples = [];
  for (let i = 0; i < n; i++) {
    const t0 = process.hrtime.bigint();
    await fn(i);
    samples.push(Number(process.hrtime.bigint() - t0) / 1000);
  }
  samples.sort((a, b) => a - b);
  const at = (q) => samples[Math.min(samples.length - 1, Math.floor(q * samples.length))];
  return { n, medianUs: round(at(0.5)), p90Us: round(at(0.9)), minUs: round(samples[0]) };
}

function round(x) {
  return Math.round(x * 100) / 100;
}

/** Prints one result line as JSON, with the machine. */
export function report(name, result) {
  console.log(JSON.stringify({ bench: name, ...result, node: process.version, cpus: cpus().length, cpu: cpus()[0]?.model }));
}

/**
 * Starts `dist/server/main.js` on the database `db` with its JSON log going to a file in `dir`,
 * as a deployed server's would (journald, a log file): written to a pipe that the busy benchmark
 * process drains, the log made the server wait on full pipe buffers and added that wait to the
 * latencies measured. Resolves with the child process and the URL it serves.
 */
export function startServer(db, dir, env = {}) {
  return new Promise((resolvePromise, reject) => {
    const log = join(dir, `server-${Date.now()}.log`);
    const fd = openSync(log, 'w');
    const child = spawn(process.execPath, [resolve(import.meta.dirname, '..', 'dist', 'server', 'main.js')], {
      env: { ...process.env, PACTA_DB: db, PORT: '0', HOST: '127.0.0.1', ...env },
      stdio: ['ignore', fd, 'pipe'],
    });
    closeSync(fd);
    const started = Date.now();
    const poll = setInterval(() => {
      const m = /at (http:\/\/127\.0\.0\.1:\d+)\//.exec(readFileSync(log, 'utf8'));
      if (m) {
        clearInterval(poll);
        resolvePromise({ child, url: m[1] });
      } else if (Date.now() - started > 30_000) {
        clearInterval(poll);
        reject(new Error(`bench: the server did not start: ${readFileSync(log, 'utf8').slice(0, 2000)}`));
      }
    }, 50);
    child.stderr.on('data', (chunk) => process.stderr.write(chunk));
    child.on('exit', (code) => {
      clearInterval(poll);
      reject(new Error(`bench: the server exited with ${code}`));
    });
  });
}

/**
 * An open-model load at a steady rate: request k is due at start + k / rate seconds and is sent
 * then, whether or not earlier answers have come back, over a keep-alive pool of `connections`
 * sockets (undici; requests beyond that wait in the pool's queue). Each latency runs from the
 * moment the request was due, so a stall of the server, of this client or of the machine counts
 * in full (no coordinated omission). autocannon's `overallRate` is not that: each connection
 * sends its share of a second as fast as it can at the start of the second and then waits, and
 * it corrects for coordinated omission with an expected interval of ceil(1 / rate) = 1 ms, which
 * records a 25 ms answer as 25 answers of 25, 24, …, 1 ms.
 * Resolves with the achieved rate and the latency percentiles in ms.
 */
export async function steadyLoad({ url, rate, duration, connections, nextPath }) {
  const { Pool } = await import('undici');
  const pool = new Pool(url, { connections, pipelining: 1 });
  const latencies = [];
  let errors = 0;
  let inFlight = 0;
  let sent = 0;
  const total = Math.round(rate * duration);
  const start = performance.now();
  await new Promise((done) => {
    const finish = () => {
      if (sent === total && inFlight === 0) {
        clearInterval(timer);
        done();
      }
    };
    const send = (due) => {
      inFlight++;
      pool
        .request({ path: nextPath(), method: 'GET' })
        .then(async (res) => {
          // Read the whole body: the latency includes the transfer, as a client's would.
          // (undici's `dump` stops at 128 KiB unless given a finite limit, and closes the socket.)
          for await (const chunk of res.body) void chunk;
          // Like autocannon, only answers that succeeded go into the percentiles.
          if (res.statusCode === 200) latencies.push(performance.now() - due);
          else errors++;
        }, () => errors++)
        .finally(() => {
          inFlight--;
          finish();
        });
    };
    // Timers fire about once a millisecond; each tick sends every request that has come due.
    const timer = setInterval(() => {
      const now = performance.now();
      while (sent < total && start + (sent * 1000) / rate <= now) send(start + (sent++ * 1000) / rate);
      finish();
    }, 1);
  });
  const elapsed = (performance.now() - start) / 1000;
  await pool.close();
  latencies.sort((a, b) => a - b);
  const at = (q) => (latencies.length ? Math.round(latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] * 10) / 10 : null);
  return { requests: latencies.length, rps: latencies.length / elapsed, errors, p50: at(0.5), p90: at(0.9), p99: at(0.99), max: at(1) };
}

// Small timing helpers shared by the benchmark files.
import { spawn } from 'node:child_process';
import { closeSync, openSync, readFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join, resolve } from 'node:path';

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

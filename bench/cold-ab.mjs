#!/usr/bin/env node
// Compares two builds of the CLI in cold processes, runs interleaved (A, B, A, B, …) so that the
// machine's drift hits both alike; prints each side's median, minimum and every run in ms.
// Not a *.bench.mjs file: `npm run bench` does not run it; it needs two checkouts.
//
// Usage: node bench/cold-ab.mjs --a ../old-checkout --b . [--runs 14] [--node-a FLAGS] [--node-b FLAGS] -- --db pacta.db --source atop dyads --out /tmp/x.csv
// Each side is a package folder with `npm run build` done (its bin/pacta.js is run). --node-a and
// --node-b give Node/V8 flags for that side's processes: `--a . --b . --node-b "--max-lazy"`
// compares a flag against none on one build.
import { spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { median } from './lib.mjs';

const argv = process.argv.slice(2);
const split = argv.indexOf('--');
if (split < 0) throw new Error('usage: node bench/cold-ab.mjs --a DIR --b DIR [--runs N] -- CLI ARGS…');
const opts = argv.slice(0, split);
const cliArgs = argv.slice(split + 1);
const opt = (name, fallback) => {
  const i = opts.indexOf(name);
  return i >= 0 ? opts[i + 1] : fallback;
};
const sides = { A: resolve(opt('--a')), B: resolve(opt('--b')) };
const flags = { A: (opt('--node-a') ?? '').split(' ').filter(Boolean), B: (opt('--node-b') ?? '').split(' ').filter(Boolean) };
const runs = Number(opt('--runs', '14'));

const times = { A: [], B: [] };
for (let i = 0; i < runs; i++) {
  for (const side of ['A', 'B']) {
    const t0 = performance.now();
    const r = spawnSync(process.execPath, [...flags[side], join(sides[side], 'bin', 'pacta.js'), ...cliArgs, '--quiet'], { stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
    const ms = performance.now() - t0;
    if (r.status !== 0) throw new Error(`${side} failed: ${r.stderr}`);
    times[side].push(ms);
  }
}
for (const side of ['A', 'B']) {
  const xs = times[side].sort((a, b) => a - b);
  console.log(JSON.stringify({ side, dir: sides[side], nodeFlags: flags[side].join(' '), args: cliArgs.join(' '), runs, medianMs: Math.round(median(xs)), minMs: Math.round(xs[0]), allMs: xs.map(Math.round) }));
}

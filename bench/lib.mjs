// Small timing helpers shared by the benchmark files.
import { cpus } from 'node:os';

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

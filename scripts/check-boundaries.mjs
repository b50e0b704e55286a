#!/usr/bin/env node
// Checks the folder boundaries of DESIGN.md §2: which layer may import which.
// A violation prints "file:line: <layer> may not import <target>" and exits 1.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative, dirname, resolve } from 'node:path';

const root = resolve(dirname(new URL(import.meta.url).pathname), '..');
const src = join(root, 'src');

// layer -> layers it may import (besides itself). Packages are checked separately for core.
const allowed = {
  core: [],
  sources: ['core'],
  store: ['core'],
  analytics: ['core'],
  app: ['core', 'sources', 'store', 'analytics'],
  cli: ['core', 'app', 'sources', 'store', 'analytics', 'server'],
  server: ['core', 'app', 'store', 'analytics'],
  web: [],
  'test-support': ['core', 'sources', 'store', 'app', 'analytics', 'cli'],
};
// The core is pure: no Node built-ins, no drivers, no I/O packages.
const corePackages = new Set(['temporal-polyfill', '@marcbachmann/cel-js']);

function* walk(dir) {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) yield* walk(p);
    else if (/\.(ts|tsx|mts)$/.test(name)) yield p;
  }
}

let failures = 0;
for (const file of walk(src)) {
  const rel = relative(src, file);
  const layer = rel.split('/')[0].replace(/\.ts$/, '');
  if (!(layer in allowed)) continue;
  const isTest = /\.test\.ts$|\.contract\.ts$/.test(file);
  const lines = readFileSync(file, 'utf8').split('\n');
  lines.forEach((line, i) => {
    const m = /^\s*(?:import|export)\b[^'"]*?from\s+['"]([^'"]+)['"]|^\s*import\s+['"]([^'"]+)['"]/.exec(line);
    if (!m) return;
    const spec = m[1] ?? m[2];
    if (spec.startsWith('.')) {
      const target = relative(src, resolve(dirname(file), spec)).split('/')[0].replace(/\.(js|ts)$/, '');
      if (target === layer || target === 'index') return;
      if (isTest && target === 'test-support') return;
      if (!allowed[layer].includes(target)) {
        console.error(`src/${rel}:${i + 1}: ${layer} may not import ${target} ('${spec}')`);
        failures++;
      }
    } else if (layer === 'core' && !isTest) {
      const pkg = spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0];
      if (!corePackages.has(pkg)) {
        console.error(`src/${rel}:${i + 1}: core must stay pure and may not import '${spec}'`);
        failures++;
      }
    }
  });
}
if (failures) process.exit(1);
console.log('folder boundaries ok');

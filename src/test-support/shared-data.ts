/**
 * Where the shared research data live for tests (`../shared` beside the repository, or
 * `PACTA_SHARED`), and a `describe` that skips with a message when they are absent, except
 * under `CI=true`, where their absence fails the run. The files are read in place, never copied
 * into the repository.
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, it } from 'vitest';
import { PACKAGE_ROOT } from '../app/files.js';

/** The shared folder: `$PACTA_SHARED`, else `../shared` relative to the repository root. */
export const SHARED_DIR = process.env.PACTA_SHARED ?? resolve(PACKAGE_ROOT, '..', 'shared');

/** The research data folder inside it. */
export const SHARED_DATA = join(SHARED_DIR, 'data');

/** Path of a file or folder under the shared data folder. */
export function sharedData(...parts: string[]): string {
  return join(SHARED_DATA, ...parts);
}

/** True when every listed path exists under the shared data folder. */
export function hasSharedData(...paths: string[]): boolean {
  return paths.every((p) => existsSync(sharedData(p)));
}

/**
 * `describe` for tests that need shared data: runs when the paths exist; otherwise skips with a
 * message, or, when `process.env.CI === 'true'`, registers a failing test saying what is missing.
 */
export function describeWithSharedData(name: string, paths: readonly string[], fn: () => void): void {
  if (hasSharedData(...paths)) {
    describe(name, fn);
    return;
  }
  const missing = paths.filter((p) => !existsSync(sharedData(p))).map((p) => sharedData(p));
  if (process.env.CI === 'true') {
    describe(name, () => {
      it('has the shared research data it needs', () => {
        throw new Error(`CI=true, but the shared data are missing: ${missing.join(', ')} (set PACTA_SHARED or put shared/ beside the repository)`);
      });
    });
    return;
  }
  console.warn(`skipping "${name}": shared data not found (${missing.join(', ')}); set PACTA_SHARED to run it`);
  describe.skip(`${name} (skipped: no shared data at ${SHARED_DATA})`, fn);
}

/**
 * File-system helpers for the application layer: where the bundled corpus and registry are,
 * which database to open, and how to expand "dir or file" arguments.
 */
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Root of the installed package (holds `treaties/` and `registry/`). */
export const PACKAGE_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** The version in the package's package.json. */
export const PACKAGE_VERSION: string = (JSON.parse(readFileSync(join(PACKAGE_ROOT, 'package.json'), 'utf8')) as { version: string }).version;

/** The bundled curated corpus folder. */
export const CORPUS_DIR = join(PACKAGE_ROOT, 'treaties');

/** The bundled polity registry file. */
export const REGISTRY_FILE = join(PACKAGE_ROOT, 'registry', 'polities.yaml');

/** The database path: explicit option, else `PACTA_DB`, else `./pacta.db`. */
export function databasePath(explicit?: string, env: NodeJS.ProcessEnv = process.env): string {
  return explicit ?? env.PACTA_DB ?? 'pacta.db';
}

/** Expands files and folders into a sorted list of files with one of the extensions. */
export function expandPaths(paths: readonly string[], extensions: readonly string[]): { files: string[]; missing: string[] } {
  const files: string[] = [];
  const missing: string[] = [];
  for (const p of paths) {
    if (!existsSync(p)) {
      missing.push(p);
      continue;
    }
    if (statSync(p).isDirectory()) {
      for (const name of readdirSync(p).sort()) if (extensions.some((e) => name.endsWith(e))) files.push(join(p, name));
    } else files.push(p);
  }
  return { files, missing };
}

/**
 * Builds the polity registry: the bundled curated registry, overlaid with the polities in the
 * store (from `pacta import cow-states`), which bring system-membership spells.
 *
 * `npm run build` also writes the bundled registry, checked and parsed, to a JSON cache beside
 * the compiled code, keyed by a hash of the YAML text. Every CLI command needs the registry, and
 * the cache spares it the YAML parser and the validator (about 0.2 s of a 0.3 s start). A cache
 * whose hash does not match the YAML (the file was edited since the build) is ignored.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { PolityRegistry } from '../core/polities.js';
import { PactaError, formatProblem } from '../core/errors.js';
import type { Polity } from '../core/model.js';
import type { Store } from '../store/store.js';
import { PACKAGE_ROOT, REGISTRY_FILE } from './files.js';

/** Where `npm run build` puts the parsed bundled registry. */
export const REGISTRY_CACHE = join(PACKAGE_ROOT, 'dist', 'registry', 'polities.json');

let bundled: Promise<Polity[]> | undefined;

const hashOf = (text: string): string => createHash('sha256').update(text).digest('hex');

/** The polities in a registry cache, if it was made from exactly this YAML text. */
export function readRegistryCache(text: string, cacheFile: string = REGISTRY_CACHE): Polity[] | undefined {
  if (!existsSync(cacheFile)) return undefined;
  let cache: { sha256?: string; polities?: Polity[] };
  try {
    cache = JSON.parse(readFileSync(cacheFile, 'utf8')) as typeof cache;
  } catch {
    return undefined; // a damaged cache is no cache: the YAML is parsed instead
  }
  return cache.sha256 === hashOf(text) && Array.isArray(cache.polities) ? cache.polities : undefined;
}

/** Parses and checks registry YAML text; throws `PactaError` E_REGISTRY listing every problem. */
export async function parseBundledRegistry(text: string, file: string = REGISTRY_FILE): Promise<Polity[]> {
  const { parseRegistryFile } = await import('../sources/registry-file/parse.js');
  const { polities, problems } = parseRegistryFile(file, text);
  if (problems.length) throw new PactaError('E_REGISTRY', `the bundled registry is invalid: ${problems.map(formatProblem).join('; ')}`);
  return polities;
}

/** Parses the registry file and writes its cache (run by `npm run build`); returns the cache path. */
export async function writeRegistryCache(file: string = REGISTRY_FILE, cacheFile: string = REGISTRY_CACHE): Promise<string> {
  const text = readFileSync(file, 'utf8');
  const polities = await parseBundledRegistry(text, file);
  mkdirSync(dirname(cacheFile), { recursive: true });
  writeFileSync(cacheFile, JSON.stringify({ source: file, sha256: hashOf(text), polities }));
  return cacheFile;
}

/** The bundled curated polities (read once per process; from the cache when it is current). */
export function bundledPolities(): Promise<Polity[]> {
  return (bundled ??= (async () => {
    const text = readFileSync(REGISTRY_FILE, 'utf8');
    return readRegistryCache(text) ?? parseBundledRegistry(text);
  })());
}

/** Registry of the curated polities plus those stored (stored ones add spells and names). */
export async function loadRegistry(store?: Store): Promise<PolityRegistry> {
  const [curated, stored] = await Promise.all([bundledPolities(), store ? store.listPolities() : []]);
  return new PolityRegistry([...curated, ...stored]);
}

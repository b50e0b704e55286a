/**
 * Builds the polity registry: the bundled curated registry, overlaid with the polities in the
 * store (from `pacta import cow-states`), which bring system-membership spells.
 */
import { readFileSync } from 'node:fs';
import { PolityRegistry } from '../core/polities.js';
import { PactaError, formatProblem } from '../core/errors.js';
import type { Polity } from '../core/model.js';
import { parseRegistryFile } from '../sources/registry-file/parse.js';
import type { Store } from '../store/store.js';
import { REGISTRY_FILE } from './files.js';

let bundled: Polity[] | undefined;

/** The bundled curated polities (read once per process). */
export function bundledPolities(): Polity[] {
  if (!bundled) {
    const { polities, problems } = parseRegistryFile(REGISTRY_FILE, readFileSync(REGISTRY_FILE, 'utf8'));
    if (problems.length) throw new PactaError('E_REGISTRY', `the bundled registry is invalid: ${problems.map(formatProblem).join('; ')}`);
    bundled = polities;
  }
  return bundled;
}

/** Registry of the curated polities plus those stored (stored ones add spells and names). */
export async function loadRegistry(store?: Store): Promise<PolityRegistry> {
  const stored = store ? await store.listPolities() : [];
  return new PolityRegistry([...bundledPolities(), ...stored]);
}

/**
 * Test helpers: the curated registry and corpus read from the repository, and small treaty builders.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { PolityRegistry } from '../core/polities.js';
import type { CCode, ProvisionType, Treaty } from '../core/model.js';
import { parseRegistryFile } from '../sources/registry-file/parse.js';
import { checkTreatyFiles } from '../sources/treaty-file/parse.js';
import { formatProblem } from '../core/errors.js';
import { CORPUS_DIR, REGISTRY_FILE } from '../app/files.js';

/** The bundled polity registry. */
export function testRegistry(): PolityRegistry {
  return new PolityRegistry(parseRegistryFile(REGISTRY_FILE, readFileSync(REGISTRY_FILE, 'utf8')).polities);
}

/** Every treaty of the curated corpus; throws if any file has a problem. */
export function corpusTreaties(registry = testRegistry()): Treaty[] {
  const inputs = readdirSync(CORPUS_DIR)
    .filter((f) => f.endsWith('.yaml'))
    .map((f) => ({ file: join('treaties', f), text: readFileSync(join(CORPUS_DIR, f), 'utf8') }));
  const results = checkTreatyFiles(inputs, registry);
  const problems = results.flatMap((r) => r.problems);
  if (problems.length) throw new Error(problems.map(formatProblem).join('\n'));
  return results.map((r) => r.treaty!);
}

/** A minimal bilateral treaty for unit tests; override any field. */
export function makeTreaty(over: Partial<Treaty> & { id: string }): Treaty {
  return {
    atopids: [],
    names: [{ text: over.id, lang: 'en' }],
    sources: { t: { id: 't', kind: 'treaty-text', title: 'text' } },
    parties: [
      { state: 365, role: 'original', sources: [{ source: 't' }] },
      { state: 710, role: 'original', sources: [{ source: 't' }] },
    ],
    signatories: [],
    events: [{ type: 'signature', date: '1950-02-14', sources: [{ source: 't' }] }],
    provisions: [],
    relations: [],
    claims: [],
    origin: 'curated',
    ...over,
  };
}

/**
 * A treaty in the shape the ATOP importer stores (id `atop-<id>`, origin `atop-5.1`, the release as
 * its source), all members from `start` to `end`, each type owed by all to the others. Test data,
 * not an ATOP record.
 */
export function atopTreaty(atopid: number, states: readonly CCode[], start: string, end: string | null, types: readonly ProvisionType[] = ['defense']): Treaty {
  const ref = [{ source: 'atop' }];
  return makeTreaty({
    id: `atop-${atopid}`,
    origin: 'atop-5.1',
    atopids: [atopid],
    sources: { atop: { id: 'atop', kind: 'dataset', title: 'ATOP 5.1 (test record)', dataset: 'ATOP', version: '5.1' } },
    parties: states.map((state) => ({ state, role: 'original' as const, spells: [{ start, end, sources: ref }], sources: ref })),
    provisions: types.map((type) => ({ id: type, type, bearers: 'all' as const, beneficiaries: 'others' as const, sources: ref })),
  });
}

/**
 * Test helpers: the curated registry and corpus read from the repository, and small treaty builders.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { PolityRegistry } from '../core/polities.js';
import type { Treaty } from '../core/model.js';
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

/**
 * Checking and loading curated treaty files: `pacta check` and `pacta load`.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Problem } from '../core/errors.js';
import type { PolityRegistry } from '../core/polities.js';
import { checkTreatyFiles, type TreatyFileInput } from '../sources/treaty-file/parse.js';
import { decodeUtf8 } from '../sources/tabular/table.js';
import type { Store } from '../store/store.js';
import { expandPaths } from './files.js';

/** Result of checking files. */
export interface CheckResult {
  readonly files: number;
  readonly treaties: number;
  readonly problems: Problem[];
}

function readInputs(paths: readonly string[]): { inputs: TreatyFileInput[]; problems: Problem[] } {
  const { files, missing } = expandPaths(paths, ['.yaml', '.yml']);
  const problems: Problem[] = missing.map((m) => ({ code: 'E_FILE_MISSING', message: 'no such file or folder', location: { file: m }, expected: 'a treaty file (.yaml) or a folder of them' }));
  const inputs: TreatyFileInput[] = [];
  for (const file of files) {
    const decoded = decodeUtf8(file, readFileSync(file));
    problems.push(...decoded.problems);
    if (decoded.text !== undefined) inputs.push({ file, text: decoded.text });
  }
  if (files.length === 0 && missing.length === 0) problems.push({ code: 'E_NO_FILES', message: 'no treaty files found', location: { file: paths.join(', ') }, expected: 'files ending in .yaml' });
  return { inputs, problems };
}

/** Checks treaty files (and folders of them) together; never throws on bad input. */
export function checkFiles(paths: readonly string[], registry: PolityRegistry, knownIds: ReadonlySet<string> = new Set()): CheckResult {
  const { inputs, problems } = readInputs(paths);
  const results = checkTreatyFiles(inputs, registry, knownIds);
  return { files: inputs.length, treaties: results.filter((r) => r.treaty).length, problems: [...problems, ...results.flatMap((r) => r.problems)] };
}

/** Result of loading treaty files into a store. */
export interface LoadResult {
  readonly files: number;
  readonly inserted: string[];
  readonly updated: string[];
  readonly unchanged: string[];
  readonly problems: Problem[];
  readonly dryRun: boolean;
}

/**
 * Loads treaty files into the store in one transaction: when any file has a problem nothing is
 * written. Relations may point at treaties already in the store.
 */
export async function loadFiles(store: Store, paths: readonly string[], registry: PolityRegistry, options: { dryRun?: boolean } = {}): Promise<LoadResult> {
  const { inputs, problems } = readInputs(paths);
  const known = new Set((await store.listTreaties()).map((t) => t.id));
  const results = checkTreatyFiles(inputs, registry, known);
  const all = [...problems, ...results.flatMap((r) => r.problems)];
  const out = { files: inputs.length, inserted: [] as string[], updated: [] as string[], unchanged: [] as string[], problems: all, dryRun: options.dryRun ?? false };
  if (all.length) return out;
  const write = async (): Promise<void> => {
    await store.transaction(async (w) => {
      for (const [i, r] of results.entries()) {
        const outcome = await w.putTreaty(r.treaty!);
        out[outcome].push(r.treaty!.id);
        await w.recordImport({ kind: 'treaty-file', origin: 'curated', file: inputs[i]!.file, sha256: createHash('sha256').update(inputs[i]!.text).digest('hex'), rows: 1 });
      }
      if (options.dryRun) throw new DryRun();
    });
  };
  try {
    await write();
  } catch (err) {
    if (!(err instanceof DryRun)) throw err;
  }
  return out;
}

class DryRun extends Error {}

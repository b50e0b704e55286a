/**
 * What the dataset importers share: reading a folder or a zip archive, hashing files, progress
 * reporting, the result shape, and the one-transaction write with dry run and "unchanged".
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { unzipSync } from 'fflate';
import type { Problem } from '../core/errors.js';
import type { ImportRecord, Store, StoreWriter, WriteOutcome } from '../store/store.js';

/** One input file: its base name (for matching and provenance), where it was read from, its bytes. */
export interface InputFile {
  readonly name: string;
  readonly path: string;
  readonly bytes: Uint8Array;
}

/** Progress of a long import, for a progress bar: a phase name and how far it is. */
export type ProgressListener = (event: { readonly phase: string; readonly done: number; readonly total: number }) => void;

/** Options every import takes. */
export interface ImportOptions {
  /** Report what would change and roll everything back. */
  readonly dryRun?: boolean;
  readonly onProgress?: ProgressListener;
}

/** The outcome of an import: what was (or would be) written, and every problem. */
export interface ImportResult {
  readonly kind: 'atop' | 'cow-states' | 'gw-states';
  /** The path given. */
  readonly input: string;
  /** Human label of what was read, e.g. `ATOP 5.1 (full files)`. */
  readonly label: string;
  /** Origin of the records written (`atop-5.1`, `cow-states-2016`…). */
  readonly origin: string;
  /** `treaties` or `polities`: what the id lists below hold. */
  readonly records: 'treaties' | 'polities';
  readonly files: { readonly file: string; readonly sha256: string; readonly rows: number }[];
  readonly inserted: string[];
  readonly updated: string[];
  readonly unchanged: string[];
  readonly deleted: string[];
  /** Errors: when there is any, nothing was written. */
  readonly problems: Problem[];
  /** Things worth knowing that did not stop the import (a repaired name, an ignored column). */
  readonly warnings: Problem[];
  readonly dryRun: boolean;
  /** `imported`, `unchanged` (the same data again: nothing written), `rejected` (problems), `dry-run`. */
  readonly status: 'imported' | 'unchanged' | 'rejected' | 'dry-run';
}

/** SHA-256 of bytes, hex. */
export function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/**
 * Reads the files of a folder (not recursive), a zip archive (any folder inside it), or a single
 * file. Problems: the path does not exist, or the archive cannot be read.
 */
export function readInputFiles(path: string): { files: InputFile[]; container: 'folder' | 'zip' | 'file'; problems: Problem[] } {
  if (!existsSync(path)) {
    return { files: [], container: 'file', problems: [{ code: 'E_FILE_MISSING', message: 'no such file or folder', location: { file: path }, expected: 'a folder or a zip archive of the release files' }] };
  }
  if (statSync(path).isDirectory()) {
    const files = readdirSync(path)
      .sort()
      .filter((n) => statSync(join(path, n)).isFile())
      .map((n) => {
        let bytes: Uint8Array | undefined;
        // Read on first use: a release folder also holds files the import does not need (the codebook).
        return { name: n, path: join(path, n), get bytes() { return (bytes ??= readFileSync(join(path, n))); } };
      });
    return { files, container: 'folder', problems: [] };
  }
  const bytes = readFileSync(path);
  const isZip = bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
  if (!isZip && !path.toLowerCase().endsWith('.zip')) return { files: [{ name: basename(path), path, bytes }], container: 'file', problems: [] };
  try {
    const entries = unzipSync(bytes, { filter: (f) => !f.name.endsWith('/') && !f.name.startsWith('__MACOSX/') });
    const files = Object.entries(entries)
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([name, data]) => ({ name: basename(name), path: `${path}!/${name}`, bytes: data }));
    return { files, container: 'zip', problems: [] };
  } catch (err) {
    return { files: [], container: 'zip', problems: [{ code: 'E_ZIP', message: `the archive cannot be read: ${(err as Error).message}`, location: { file: path }, expected: 'a zip archive (as the release is distributed)' }] };
  }
}

class DryRun extends Error {}

/** Counts of what one write did, collected by `writeInOneTransaction`. */
export interface Outcomes {
  readonly inserted: string[];
  readonly updated: string[];
  readonly unchanged: string[];
  readonly deleted: string[];
}

/**
 * Runs `write` in one store transaction and records the import files, so that the database holds
 * all of it or none of it. With `dryRun` everything is rolled back after counting. When nothing
 * changed and the same files (name and hash) were imported before, no import record is added
 * either, so that importing the same data again leaves the database exactly as it was.
 */
export async function writeInOneTransaction(
  store: Store,
  records: readonly ImportRecord[],
  dryRun: boolean,
  write: (w: StoreWriter, note: (id: string, outcome: WriteOutcome) => void, outcomes: Outcomes) => Promise<void>,
): Promise<{ outcomes: Outcomes; status: 'imported' | 'unchanged' | 'dry-run' }> {
  const outcomes: Outcomes = { inserted: [], updated: [], unchanged: [], deleted: [] };
  const previous = await store.listImports();
  const seen = (r: ImportRecord) => previous.some((p) => p.kind === r.kind && p.origin === r.origin && p.file === r.file && p.sha256 === r.sha256);
  let status: 'imported' | 'unchanged' | 'dry-run' = 'imported';
  try {
    await store.transaction(async (w) => {
      await write(w, (id, outcome) => outcomes[outcome].push(id), outcomes);
      const changed = outcomes.inserted.length + outcomes.updated.length + outcomes.deleted.length > 0;
      if (!changed && records.every(seen)) status = 'unchanged';
      else for (const r of records) await w.recordImport(r);
      if (dryRun) throw new DryRun();
    });
  } catch (err) {
    if (!(err instanceof DryRun)) throw err;
    status = 'dry-run';
  }
  return { outcomes, status };
}

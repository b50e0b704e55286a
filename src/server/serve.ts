/**
 * Starting the server, as `npm start` does: opens (creating if needed) the database, loads the
 * curated corpus when it is new or changed, builds the engine over everything in the database
 * (imports included), and serves the API and the explorer on 127.0.0.1.
 *
 * Environment: PACTA_DB (SQLite file or postgres:// URL, default ./pacta.db), PORT (default 8080), HOST
 * (default 127.0.0.1), PACTA_TODAY (the "today" of renewal computations), LOG_LEVEL (pino level).
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { formatProblem } from '../core/errors.js';
import { engineOver, readContents, today } from '../app/engine.js';
import { CORPUS_DIR, databasePath, expandPaths } from '../app/files.js';
import { loadRegistry } from '../app/registry.js';
import { loadFiles } from '../app/treaty-files.js';
import { openStore, storeExists } from '../app/store.js';
import { StoreOpenError, StoreReadOnlyError, type Store } from '../store/store.js';
import { buildApp } from './app.js';
import { networkIndex } from './network.js';
import { stateHistory } from './state-history.js';

/** What `syncCorpus` did. */
export interface CorpusSync {
  readonly loaded: boolean;
  readonly files: number;
  readonly inserted: number;
  readonly updated: number;
  readonly unchanged: number;
  readonly problems: string[];
  /** Why the corpus was not loaded although it changed: the database is read-only to this server. */
  readonly readOnly?: string;
}

/** Whether every corpus file is in the store with the same bytes (an empty corpus never is). */
async function corpusCurrent(store: Store, files: readonly string[]): Promise<boolean> {
  const loaded = new Set((await store.listImports()).filter((r) => r.kind === 'treaty-file').map((r) => `${r.file}\0${r.sha256}`));
  return files.length > 0 && files.every((f) => loaded.has(`${f}\0${createHash('sha256').update(readFileSync(f, 'utf8')).digest('hex')}`));
}

/**
 * Loads the curated corpus into the store unless every file was already loaded with the same
 * bytes. Loading is all-or-nothing: with a problem in any file nothing is written.
 */
export async function syncCorpus(store: Store, dir: string = CORPUS_DIR): Promise<CorpusSync> {
  const { files } = expandPaths([dir], ['.yaml', '.yml']);
  return (await corpusCurrent(store, files)) ? unchangedCorpus(files.length) : loadCorpus(store, dir);
}

/** What `syncCorpus` did when every file was loaded already. */
const unchangedCorpus = (files: number): CorpusSync => ({ loaded: false, files, inserted: 0, updated: 0, unchanged: files, problems: [] });

/** Loads the corpus files into the store (all or nothing). */
async function loadCorpus(store: Store, dir: string): Promise<CorpusSync> {
  const r = await loadFiles(store, [dir], await loadRegistry(store));
  return { loaded: r.problems.length === 0, files: r.files, inserted: r.inserted.length, updated: r.updated.length, unchanged: r.unchanged.length, problems: r.problems.map(formatProblem) };
}

/**
 * Opens the store to serve: read-only when it exists and holds the current corpus (so that a
 * database the server may only read can be served), else for writing, to load the corpus. A
 * database that is read-only to the server and holds an older corpus is served as it is.
 */
export async function openServedStore(location: string, dir: string = CORPUS_DIR): Promise<{ store: Store; sync: CorpusSync }> {
  const reader = storeExists(location) ? await openStore(location, { access: 'read' }).catch(needsWriting) : null;
  if (reader) {
    const { files } = expandPaths([dir], ['.yaml', '.yml']);
    if (await corpusCurrent(reader, files)) return { store: reader, sync: unchangedCorpus(files.length) };
    await reader.close();
    let store: Store | undefined;
    try {
      store = await openStore(location);
      // The reader found the corpus changed: load it without hashing the files again.
      return { store, sync: await loadCorpus(store, dir) };
    } catch (err) {
      await store?.close();
      if (!(err instanceof StoreReadOnlyError)) throw err;
      return { store: await openStore(location, { access: 'read' }), sync: { loaded: false, files: files.length, inserted: 0, updated: 0, unchanged: 0, problems: [], readOnly: err.message } };
    }
  }
  const store = await openStore(location);
  return { store, sync: await syncCorpus(store, dir) };
}

/** Null for the errors of a store that the server creates or upgrades (an empty one, an older schema); rethrows the others. */
function needsWriting(err: unknown): null {
  if (err instanceof StoreOpenError && (err.code === 'E_STORE_EMPTY' || err.code === 'E_STORE_OUTDATED')) return null;
  throw err;
}

/** A running server. */
export interface RunningServer {
  /** Its address, e.g. `http://127.0.0.1:8080`. */
  readonly url: string;
  /** The store it serves from: read-only when it held the current corpus. */
  readonly store: Store;
  /** What loading the curated corpus did. */
  readonly sync: CorpusSync;
  /** Stops listening and closes the store. */
  close(): Promise<void>;
}

/**
 * Starts the server on the database PACTA_DB names (a SQLite file or a postgres:// URL); resolves
 * once it listens.
 */
export async function startServer(env: NodeJS.ProcessEnv = process.env): Promise<RunningServer> {
  const file = databasePath(undefined, env);
  const { store, sync } = await openServedStore(file);
  try {
    const contents = await readContents(store);
    const engine = engineOver(contents, { today: today(env) });
    const app = await buildApp({ engine, contents, store, logger: { level: env.LOG_LEVEL ?? 'info' } });
    if (sync.problems.length) app.log.warn({ problems: sync.problems }, `the curated corpus has ${sync.problems.length} problem(s) and was not loaded; serving what the database holds`);
    else if (sync.readOnly) app.log.warn({ database: store.location }, `the curated corpus changed, but ${sync.readOnly}; serving what the database holds`);
    else app.log.info({ database: store.location, ...sync, problems: undefined }, sync.loaded ? 'curated corpus loaded' : 'curated corpus unchanged');
    // Build the obligation, network and state-history indexes now rather than on the first
    // visitor's request.
    engine.prepare();
    networkIndex(engine);
    stateHistory(engine, 2);
    const port = env.PORT === undefined ? 8080 : Number(env.PORT);
    const host = env.HOST ?? '127.0.0.1';
    const url = await app.listen({ port, host });
    return { url, store, sync, close: () => app.close().then(() => store.close()) };
  } catch (err) {
    await store.close();
    throw err;
  }
}

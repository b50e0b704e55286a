/**
 * Starting the server, as `npm start` does: opens (creating if needed) the SQLite database, loads the curated corpus when it
 * is new or changed, builds the engine over everything in the database (imports included),
 * and serves the API and the explorer on 127.0.0.1.
 *
 * Environment: PACTA_DB (database file, default ./pacta.db), PORT (default 8080), HOST
 * (default 127.0.0.1), PACTA_TODAY (the "today" of renewal computations), LOG_LEVEL (pino level).
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { formatProblem } from '../core/errors.js';
import { openEngine, today } from '../app/engine.js';
import { CORPUS_DIR, databasePath, expandPaths } from '../app/files.js';
import { loadRegistry } from '../app/registry.js';
import { loadFiles } from '../app/treaty-files.js';
import { openSqliteStore } from '../store/sqlite/sqlite-store.js';
import type { Store } from '../store/store.js';
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
}

/**
 * Loads the curated corpus into the store unless every file was already loaded with the same
 * bytes. Loading is all-or-nothing: with a problem in any file nothing is written.
 */
export async function syncCorpus(store: Store, dir: string = CORPUS_DIR): Promise<CorpusSync> {
  const { files } = expandPaths([dir], ['.yaml', '.yml']);
  const loaded = new Set((await store.listImports()).filter((r) => r.kind === 'treaty-file').map((r) => `${r.file}\0${r.sha256}`));
  const current = files.every((f) => loaded.has(`${f}\0${createHash('sha256').update(readFileSync(f, 'utf8')).digest('hex')}`));
  if (current && files.length > 0) return { loaded: false, files: files.length, inserted: 0, updated: 0, unchanged: files.length, problems: [] };
  const r = await loadFiles(store, [dir], await loadRegistry(store));
  return { loaded: r.problems.length === 0, files: r.files, inserted: r.inserted.length, updated: r.updated.length, unchanged: r.unchanged.length, problems: r.problems.map(formatProblem) };
}

/** Starts the server; resolves with its URL once it listens. */
export async function startServer(env: NodeJS.ProcessEnv = process.env): Promise<string> {
  const file = databasePath(undefined, env);
  const store = await openSqliteStore(file);
  const sync = await syncCorpus(store);
  const engine = await openEngine(store, { today: today(env) });
  const app = await buildApp({ engine, store, logger: { level: env.LOG_LEVEL ?? 'info' } });
  if (sync.problems.length) app.log.warn({ problems: sync.problems }, `the curated corpus has ${sync.problems.length} problem(s) and was not loaded; serving what the database holds`);
  else app.log.info({ database: file, ...sync, problems: undefined }, sync.loaded ? 'curated corpus loaded' : 'curated corpus unchanged');
  // Build the obligation, network and state-history indexes now rather than on the first
  // visitor's request.
  engine.prepare();
  networkIndex(engine);
  stateHistory(engine, 2);
  const port = env.PORT === undefined ? 8080 : Number(env.PORT);
  const host = env.HOST ?? '127.0.0.1';
  const address = await app.listen({ port, host });
  const counts = await store.counts();
  console.log(`Pacta is serving ${counts.treaties} treaties from ${file} at ${address}/ (API reference: ${address}/api/docs)`);
  const stop = (): void => {
    app.close().then(() => store.close()).then(() => process.exit(0), () => process.exit(1));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  return address;
}

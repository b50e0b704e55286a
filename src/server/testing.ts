/**
 * Test support for the server: an app over a throwaway database loaded from the curated corpus,
 * optionally with extra treaties (e.g. a synthetic ATOP-sized corpus).
 */
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Engine } from '../core/engine.js';
import type { Treaty } from '../core/model.js';
import { formatProblem } from '../core/errors.js';
import { engineOver, readContents } from '../app/engine.js';
import { CORPUS_DIR } from '../app/files.js';
import { loadRegistry } from '../app/registry.js';
import { loadFiles } from '../app/treaty-files.js';
import { openSqliteStore } from '../store/sqlite/sqlite-store.js';
import type { Store } from '../store/store.js';
import { buildApp, type AppOptions } from './app.js';

/** The treaties the server tests rely on, loaded alone when the whole corpus has a problem. */
export const CORE_CORPUS = ['sino-soviet-1945.yaml', 'sino-soviet-1950.yaml'].map((f) => join(CORPUS_DIR, f));

/** An app over a fresh in-memory store. */
export interface TestApp {
  readonly app: FastifyInstance;
  readonly engine: Engine;
  readonly store: Store;
  /** Problems of the whole corpus when it could not be loaded (the core files were loaded instead). */
  readonly corpusProblems: readonly string[];
  close(): Promise<void>;
}

/** Builds an app over `treaties/` (today fixed at 2020-01-01) plus `extra` treaties and whatever `prepare` imports. */
export async function openTestApp(options: { extra?: readonly Treaty[]; file?: string; prepare?: (store: Store) => Promise<void> } & Omit<Partial<AppOptions>, 'engine' | 'contents' | 'store'> = {}): Promise<TestApp> {
  const store = await openSqliteStore(options.file ?? ':memory:');
  const registry = await loadRegistry(store);
  let r = await loadFiles(store, [CORPUS_DIR], registry);
  const corpusProblems = r.problems.map(formatProblem);
  if (r.problems.length) {
    r = await loadFiles(store, CORE_CORPUS, registry);
    if (r.problems.length) throw new Error(`cannot load the core corpus: ${r.problems.map(formatProblem).join('; ')}`);
  }
  if (options.extra?.length) {
    await store.transaction(async (w) => {
      for (const t of options.extra!) await w.putTreaty(t);
    });
  }
  if (options.prepare) await options.prepare(store);
  const contents = await readContents(store);
  const engine = engineOver(contents, { today: '2020-01-01' });
  const { extra: _e, file: _f, prepare: _p, ...appOptions } = options;
  const app = await buildApp({ webRoot: null, ...appOptions, engine, contents, store });
  return {
    app,
    engine,
    store,
    corpusProblems,
    async close() {
      await app.close();
      await store.close();
    },
  };
}

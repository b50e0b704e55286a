// What `npm start` does, over a real SQLite file and a real PostgreSQL: load the curated corpus
// once, then serve; a database that already holds the current corpus is opened read-only.
import { randomBytes } from 'node:crypto';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CORPUS_DIR } from '../app/files.js';
import { startTestPostgres, type TestPostgres } from '../test-support/postgres.js';
import { openServedStore, startServer } from './serve.js';

const dir = mkdtempSync(join(tmpdir(), 'pacta-serve-'));
const pgServer = await startTestPostgres();
if ('skip' in pgServer && process.env.CI === 'true') throw new Error(`the PostgreSQL server test must run under CI: ${pgServer.skip}`);
if ('skip' in pgServer) console.warn(`skipping the PostgreSQL server test: ${pgServer.skip}`);
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
  if (!('skip' in pgServer)) pgServer.stop();
});

const env = (db: string) => ({ PACTA_DB: db, PORT: '0', PACTA_TODAY: '2020-01-01', LOG_LEVEL: 'silent' });

async function health(url: string): Promise<{ ok: boolean; treaties: number; store: { treaties: number } }> {
  const res = await fetch(`${url}/api/health`);
  expect(res.status).toBe(200);
  return (await res.json()) as { ok: boolean; treaties: number; store: { treaties: number } };
}

describe('startServer', () => {
  it('loads the corpus into a new SQLite file and serves it; started again, reads the file without writing to it', async () => {
    const db = join(dir, 'served.db');
    const first = await startServer(env(db));
    try {
      expect(first.sync).toMatchObject({ loaded: true, problems: [] });
      expect(first.sync.inserted).toBeGreaterThan(30);
      expect(first.store.writable).toBe(true);
      expect(await health(first.url)).toMatchObject({ ok: true, store: { treaties: first.sync.inserted } });
    } finally {
      await first.close();
    }
    const bytes = readFileSync(db);
    const second = await startServer(env(db));
    try {
      expect(second.sync).toMatchObject({ loaded: false, inserted: 0, unchanged: first.sync.files });
      expect(second.store.writable).toBe(false);
      expect((await health(second.url)).treaties).toBeGreaterThan(30);
    } finally {
      await second.close();
    }
    expect(readFileSync(db).equals(bytes)).toBe(true);
  });

  it('reloads a changed corpus, opening the database for writing only then', async () => {
    const corpus = join(dir, 'corpus');
    cpSync(CORPUS_DIR, corpus, { recursive: true });
    const db = join(dir, 'changing.db');
    const served = async (check: (s: Awaited<ReturnType<typeof openServedStore>>) => Promise<void>) => {
      const s = await openServedStore(db, corpus);
      try {
        await check(s);
      } finally {
        await s.store.close();
      }
    };
    await served(async (a) => expect(a.sync.loaded).toBe(true));
    await served(async (unchanged) => expect(unchanged.store.writable).toBe(false));
    const file = join(corpus, 'anzus-1951.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace(/^summary: >-\n/m, 'summary: >-\n  A changed summary.\n'));
    await served(async (b) => {
      expect(b.sync).toMatchObject({ loaded: true, updated: 1, problems: [] });
      expect(b.store.writable).toBe(true);
      expect((await b.store.getTreaty('anzus-1951'))?.summary).toMatch(/^A changed summary\. /);
    });
  });

  it.skipIf('skip' in pgServer)('serves a PostgreSQL database that PACTA_DB names by URL', async () => {
    const url = `${(pgServer as TestPostgres).url}?schema=served_${randomBytes(4).toString('hex')}`;
    const first = await startServer(env(url));
    try {
      expect(first.store.backend).toBe('postgres');
      expect(first.sync.loaded).toBe(true);
      expect(await health(first.url)).toMatchObject({ ok: true, store: { treaties: first.sync.inserted } });
    } finally {
      await first.close();
    }
    const second = await startServer(env(url));
    try {
      expect(second.store.writable).toBe(false);
      expect((await health(second.url)).store.treaties).toBe(first.sync.inserted);
    } finally {
      await second.close();
    }
  });
});

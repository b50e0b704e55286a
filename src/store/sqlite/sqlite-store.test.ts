import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { describeStoreContract } from '../store.contract.js';
import { openSqliteStore } from './sqlite-store.js';
import { UNMIGRATED_STORE, sqliteFile } from '../../test-support/sqlite.js';

const dir = mkdtempSync(join(tmpdir(), 'pacta-sqlite-'));
let n = 0;
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describeStoreContract(
  'sqlite (file)',
  () => openSqliteStore(join(dir, `store-${n++}.db`)),
  (store) => openSqliteStore(store.location, { readonly: true }),
);
describeStoreContract('sqlite (memory)', () => openSqliteStore(':memory:'));

describe('sqlite store', () => {
  it('keeps data across reopen of the same file', async () => {
    const file = join(dir, 'reopen.db');
    const a = await openSqliteStore(file);
    await a.transaction(async (w) => w.recordImport({ kind: 'x', origin: 'y', file: 'z', sha256: '0', rows: 0 }));
    await a.close();
    const b = await openSqliteStore(file);
    expect(await b.counts()).toEqual({ treaties: 0, polities: 0, imports: 1 });
    await b.close();
  });

  it('says so, and leaves the file alone, when the file is not a database', async () => {
    const file = join(dir, 'notes.db');
    const text = 'stateA,stateB\n2,20\n'.repeat(200);
    writeFileSync(file, text);
    for (const readonly of [false, true]) {
      await expect(openSqliteStore(file, { readonly })).rejects.toMatchObject({ code: 'E_STORE_NOT_A_DATABASE', message: expect.stringContaining(`'${file}' is not a Pacta database`) });
    }
    expect(readFileSync(file, 'utf8')).toBe(text);
    // Another program's SQLite database: refused, and not touched (no Pacta tables, no WAL).
    const foreign = join(dir, 'foreign.db');
    const other = new Database(foreign);
    other.exec('CREATE TABLE people (name TEXT); INSERT INTO people VALUES (1)');
    other.close();
    const before = readFileSync(foreign);
    await expect(openSqliteStore(foreign)).rejects.toMatchObject({ code: 'E_STORE_NOT_A_DATABASE', message: `'${foreign}' is not a Pacta database: it is another SQLite database (tables: people)` });
    expect(readFileSync(foreign).equals(before)).toBe(true);
    // Rails and golang-migrate name their table schema_migrations too.
    for (const [name, sql] of [
      ['rails.db', 'CREATE TABLE schema_migrations (version varchar PRIMARY KEY); CREATE TABLE users (id integer)'],
      ['migrate.db', "CREATE TABLE schema_migrations (version bigint, dirty boolean); INSERT INTO schema_migrations VALUES (1, 0); CREATE TABLE things (id integer)"],
      ['lookalike.db', "CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL); INSERT INTO schema_migrations VALUES (1, 'users')"],
    ] as const) {
      const f = join(dir, name);
      const bytes = sqliteFile(f, sql);
      await expect(openSqliteStore(f), name).rejects.toMatchObject({ code: 'E_STORE_NOT_A_DATABASE' });
      expect(readFileSync(f).equals(bytes), name).toBe(true);
    }
    // A store whose first migration had not run yet (schema_migrations alone) is Pacta's.
    const fresh = join(dir, 'fresh.db');
    sqliteFile(fresh, UNMIGRATED_STORE);
    const reopened = await openSqliteStore(fresh);
    expect(await reopened.schemaVersion()).toBe(1);
    await reopened.close();
    await expect(openSqliteStore(dir)).rejects.toMatchObject({ code: 'E_STORE_CANNOT_OPEN', message: expect.stringContaining(`cannot open '${dir}' as a database`) });
    await expect(openSqliteStore(join(dir, 'missing', 'x.db'))).rejects.toMatchObject({ code: 'E_STORE_CANNOT_OPEN' });
  });

  it('keeps a rollback journal, and switches a WAL database of an earlier version to one when it writes', async () => {
    const file = join(dir, 'journal.db');
    const store = await openSqliteStore(file);
    await store.close();
    const mode = (f: string) => {
      const d = new Database(f, { readonly: true });
      try {
        return d.pragma('journal_mode', { simple: true });
      } finally {
        d.close();
      }
    };
    expect(mode(file)).toBe('delete');
    const d = new Database(file);
    d.pragma('journal_mode = WAL');
    d.close();
    expect(mode(file)).toBe('wal');
    // Reading leaves it as it is; writing (any writable open) switches it.
    await (await openSqliteStore(file, { readonly: true })).close();
    expect(mode(file)).toBe('wal');
    await (await openSqliteStore(file)).close();
    expect(mode(file)).toBe('delete');
  });

  it('opened read-only, writes nothing to the file and leaves nothing beside it', async () => {
    const sub = mkdtempSync(join(dir, 'ro-'));
    const file = join(sub, 'store.db');
    const writer = await openSqliteStore(file);
    await writer.transaction(async (w) => w.recordImport({ kind: 'x', origin: 'y', file: 'z', sha256: '0', rows: 0 }));
    await writer.close();
    const bytes = readFileSync(file);
    const reader = await openSqliteStore(file, { readonly: true });
    expect(await reader.counts()).toEqual({ treaties: 0, polities: 0, imports: 1 });
    await reader.close();
    expect(readFileSync(file).equals(bytes)).toBe(true);
    expect(readdirSync(sub)).toEqual(['store.db']);
    await expect(openSqliteStore(join(sub, 'missing.db'), { readonly: true })).rejects.toMatchObject({ code: 'E_STORE_CANNOT_OPEN' });
    expect(readdirSync(sub)).toEqual(['store.db']);
  });

  it('opened read-only, a database without a Pacta store is E_STORE_EMPTY, and is left as it was', async () => {
    const file = join(dir, 'unmigrated.db');
    const bytes = sqliteFile(file, UNMIGRATED_STORE);
    await expect(openSqliteStore(file, { readonly: true })).rejects.toMatchObject({ code: 'E_STORE_EMPTY', message: `'${file}' holds no Pacta store yet` });
    expect(readFileSync(file).equals(bytes)).toBe(true);
  });
});

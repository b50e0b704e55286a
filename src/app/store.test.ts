import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openSqliteStore } from '../store/sqlite/sqlite-store.js';
import { openStore } from './store.js';
import { UNMIGRATED_STORE, killWriterMidTransaction, sqliteFile } from '../test-support/sqlite.js';

const dir = mkdtempSync(join(tmpdir(), 'pacta-open-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('openStore', () => {
  it('for reading, opens a current store read-only and leaves the file as it was', async () => {
    const file = join(dir, 'current.db');
    const writer = await openStore(file);
    expect(writer.writable).toBe(true);
    await writer.transaction(async (w) => w.recordImport({ kind: 'x', origin: 'y', file: 'z', sha256: '0', rows: 0 }));
    await writer.close();
    const bytes = readFileSync(file);
    const reader = await openStore(file, { access: 'read' });
    expect(reader.writable).toBe(false);
    expect(await reader.counts()).toEqual({ treaties: 0, polities: 0, imports: 1 });
    await reader.close();
    expect(readFileSync(file).equals(bytes)).toBe(true);
    expect(readdirSync(dir).filter((f) => f.startsWith('current'))).toEqual(['current.db']);
  });

  it('for reading, neither creates nor migrates a store: a file without one is E_STORE_EMPTY', async () => {
    const file = join(dir, 'unmigrated.db');
    const bytes = sqliteFile(file, UNMIGRATED_STORE);
    await expect(openStore(file, { access: 'read' })).rejects.toMatchObject({ code: 'E_STORE_EMPTY' });
    expect(readFileSync(file).equals(bytes)).toBe(true);
  });

  it('for reading, rolls back the unfinished write of a killed program (when it may write the file)', async () => {
    const file = join(dir, 'crashed.db');
    const writer = await openStore(file);
    await writer.transaction(async (w) => w.recordImport({ kind: 'x', origin: 'y', file: 'z', sha256: '0', rows: 0 }));
    await writer.close();
    expect(killWriterMidTransaction(file)).toBe('SIGKILL');
    expect(existsSync(`${file}-journal`)).toBe(true);
    await expect(openSqliteStore(file, { readonly: true })).rejects.toMatchObject({ code: 'E_STORE_RECOVERY' });
    const store = await openStore(file, { access: 'read' });
    expect(store.writable).toBe(false);
    expect(await store.counts()).toEqual({ treaties: 0, polities: 0, imports: 1 });
    await store.close();
    expect(existsSync(`${file}-journal`)).toBe(false);
  });

  it('for reading, an in-memory database is simply opened (there is nothing to protect)', async () => {
    const store = await openStore(':memory:', { access: 'read' });
    expect(await store.schemaVersion()).toBe(1);
    await store.close();
  });
});

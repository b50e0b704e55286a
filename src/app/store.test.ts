import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { openStore } from './store.js';

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

  it('for reading, upgrades an older schema once (a write), then opens it read-only', async () => {
    const file = join(dir, 'old.db');
    const d = new Database(file);
    d.exec('CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL)');
    d.close();
    const upgraded = await openStore(file, { access: 'read' });
    expect(upgraded.writable).toBe(true);
    expect(await upgraded.schemaVersion()).toBe(1);
    await upgraded.close();
    const again = await openStore(file, { access: 'read' });
    expect(again.writable).toBe(false);
    await again.close();
  });

  it('for reading, an in-memory database is simply opened (there is nothing to protect)', async () => {
    const store = await openStore(':memory:', { access: 'read' });
    expect(await store.schemaVersion()).toBe(1);
    await store.close();
  });
});

import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strToU8, zipSync } from 'fflate';
import { afterAll, describe, expect, it } from 'vitest';
import { openSqliteStore } from '../store/sqlite/sqlite-store.js';
import type { Store } from '../store/store.js';
import { allianceCsv, memberCsv } from '../test-support/atop-fixtures.js';
import { importAtop } from './import-atop.js';
import { openEngine } from './engine.js';

const dir = mkdtempSync(join(tmpdir(), 'pacta-import-atop-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;

const M = memberCsv([
  { atopid: 1001, member: 2 },
  { atopid: 1001, member: 200 },
  { atopid: 1002, member: 365, defense: 0, nonagg: 1, yrent: 1939, moent: 8, dayent: 23, yrexit: 1941, moexit: 6, dayexit: 22 },
  { atopid: 1002, member: 255, defense: 0, nonagg: 1, yrent: 1939, moent: 8, dayent: 23, yrexit: 1941, moexit: 6, dayexit: 22 },
]);
const A = allianceCsv([{ atopid: 1001 }, { atopid: 1002, begyr: 1939, begmo: 8, begday: 23, endyr: 1941, endmo: 6, endday: 22, mem1: 255, mem2: 365 }]);

function release(files: Record<string, string | Uint8Array>): string {
  const d = join(dir, `release-${n++}`);
  mkdirSync(d);
  for (const [name, text] of Object.entries(files)) writeFileSync(join(d, name), text);
  return d;
}

async function fresh(): Promise<Store> {
  return openSqliteStore(join(dir, `db-${n++}.db`));
}

/** Everything in the store, hashed: treaty docs, polities and import records. */
async function snapshot(store: Store): Promise<{ counts: unknown; hash: string }> {
  const docs = JSON.stringify([await store.listTreaties(), await store.listPolities(), await store.listImports()]);
  return { counts: await store.counts(), hash: createHash('sha256').update(docs).digest('hex') };
}

describe('importAtop (synthetic release)', () => {
  it('imports a folder, and importing it again changes nothing', async () => {
    const store = await fresh();
    const path = release({ 'atop5_1m.csv': M, 'atop5_1a.csv': A, 'atop_5_1_codebook.pdf': 'not read' });
    const r = await importAtop(store, path);
    expect(r.problems).toEqual([]);
    expect(r).toMatchObject({ status: 'imported', origin: 'atop-5.1', inserted: ['atop-1001', 'atop-1002'], records: 'treaties' });
    expect(r.files.map((f) => [f.file, f.rows])).toEqual([['atop5_1m.csv', 4], ['atop5_1a.csv', 2]]);
    const before = await snapshot(store);
    const again = await importAtop(store, path);
    expect(again).toMatchObject({ status: 'unchanged', unchanged: ['atop-1001', 'atop-1002'], inserted: [], updated: [] });
    expect(await snapshot(store)).toEqual(before);
    await store.close();
  });

  it('reads the release zip, whatever folder the files are in', async () => {
    const store = await fresh();
    const zip = join(dir, 'ATOP 5.1 (.csv).zip');
    writeFileSync(zip, zipSync({ 'ATOP 5.1 (.csv)/atop5_1m.csv': strToU8(M), 'ATOP 5.1 (.csv)/atop5_1a.csv': strToU8(A), 'ATOP 5.1 (.csv)/': new Uint8Array() }));
    const r = await importAtop(store, zip);
    expect(r.problems).toEqual([]);
    expect(r.inserted).toEqual(['atop-1001', 'atop-1002']);
    await store.close();
  });

  it('rejects a zip without the expected files, and bytes that are not a zip', async () => {
    const store = await fresh();
    const zip = join(dir, `other-${n++}.zip`);
    writeFileSync(zip, zipSync({ 'README.txt': strToU8('hello'), 'atop5_1a.csv': strToU8(A) }));
    const r = await importAtop(store, zip);
    expect(r.status).toBe('rejected');
    expect(r.problems).toMatchObject([{ code: 'E_ATOP_NO_MEMBER_FILE', location: { file: zip }, hint: 'found: README.txt, atop5_1a.csv' }]);
    const broken = join(dir, `broken-${n++}.zip`);
    writeFileSync(broken, new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]));
    expect((await importAtop(store, broken)).problems).toMatchObject([{ code: 'E_ZIP', location: { file: broken } }]);
    expect((await importAtop(store, join(dir, 'nowhere'))).problems).toMatchObject([{ code: 'E_FILE_MISSING' }]);
    await store.close();
  });

  it('is all or nothing: a bad row anywhere leaves the database exactly as it was', async () => {
    const store = await fresh();
    await importAtop(store, release({ 'atop5_1m.csv': M, 'atop5_1a.csv': A }));
    const before = await snapshot(store);
    const bad = M.replace('1002,255,', '1002,25x,');
    const r = await importAtop(store, release({ 'atop5_1m.csv': bad.replace('\n1001,2,', '\n1003,2,'), 'atop5_1a.csv': A }));
    expect(r.status).toBe('rejected');
    expect(r.problems.some((p) => p.code === 'E_NOT_A_NUMBER' && p.location.line === 5)).toBe(true);
    expect(await snapshot(store)).toEqual(before);
    await store.close();
  });

  it('reports what a dry run would do and writes nothing; a smaller release deletes what it no longer has', async () => {
    const store = await fresh();
    const dry = await importAtop(store, release({ 'atop5_1m.csv': M }), { dryRun: true });
    expect(dry).toMatchObject({ status: 'dry-run', inserted: ['atop-1001', 'atop-1002'] });
    expect(await store.counts()).toEqual({ treaties: 0, polities: 0, imports: 0 });
    await importAtop(store, release({ 'atop5_1m.csv': M }));
    const smaller = await importAtop(store, release({ 'atop5_1m.csv': memberCsv([{ member: 2 }, { member: 200 }]) }));
    expect(smaller).toMatchObject({ status: 'imported', unchanged: ['atop-1001'], deleted: ['atop-1002'] });
    await store.close();
  });

  it('picks the NNA files with --variant nna and refuses mixed versions', async () => {
    const store = await fresh();
    const path = release({ 'atop5_1m.csv': M, 'atop5_1m_NNA.csv': memberCsv([{ member: 2 }, { member: 200 }]) });
    expect((await importAtop(store, path, { variant: 'nna' })).inserted).toEqual(['atop-1001']);
    const mixed = await importAtop(store, release({ 'atop5_1m.csv': M, 'atop5_1a.csv': A.replace(/5\.1$/gm, '4.01') }));
    expect(mixed.problems.map((p) => p.code)).toContain('E_ATOP_VERSION');
    await store.close();
  });

  it('makes the imported alliances answer queries: allies and the end date from ATOP', async () => {
    const store = await fresh();
    await importAtop(store, release({ 'atop5_1m.csv': M, 'atop5_1a.csv': A }));
    const engine = await openEngine(store, { today: '2026-11-28' });
    expect(engine.allies(2, '1960-01-01').allies.map((a) => a.ccode)).toEqual([200]);
    expect(engine.allies(365, '1940-01-01', { type: 'nonaggression' }).allies.map((a) => a.ccode)).toEqual([255]);
    expect(engine.inForce('atop:1002', '1941-06-23').inForce).toBe(false);
    expect(engine.disagreements()).toEqual([]);
    await store.close();
  });
});

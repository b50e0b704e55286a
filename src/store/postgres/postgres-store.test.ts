import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeStoreContract } from '../store.contract.js';
import { openPostgresStore } from './postgres-store.js';
import { startTestPostgres, type TestPostgres } from '../../test-support/postgres.js';

const server = await startTestPostgres();
const ci = process.env.CI === 'true';
if ('skip' in server && ci) throw new Error(`PostgreSQL store tests must run under CI: ${server.skip}`);
if ('skip' in server) console.warn(`skipping PostgreSQL store tests: ${server.skip}`);

describe.skipIf('skip' in server)('postgres store', () => {
  const pgServer = server as TestPostgres;
  let pool: pg.Pool;
  // Names unique to this run (a PACTA_PG_URL server outlives runs), and dropped after it.
  const suffix = randomBytes(4).toString('hex');
  const schemas: string[] = [];
  const roles: string[] = [];
  const schemaName = (prefix: string): string => {
    schemas.push(`${prefix}_${suffix}_${schemas.length}`);
    return schemas.at(-1)!;
  };
  const roleName = (prefix: string): string => {
    roles.push(`${prefix}_${suffix}`);
    return roles.at(-1)!;
  };
  beforeAll(() => {
    pool = new pg.Pool({ connectionString: pgServer.url, max: 4 });
  });
  afterAll(async () => {
    try {
      for (const schema of schemas) await pool.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      for (const role of roles) await pool.query(`DROP OWNED BY ${role}; DROP ROLE ${role}`);
    } finally {
      await pool.end();
      pgServer.stop();
    }
  });

  /** Opened for writing by a role that may not write (a current schema needs no DDL), its first write is refused with E_STORE_READ_ONLY, and the server's words. */
  async function expectWritesRefused(url: string, schema: string, said: string): Promise<void> {
    const store = await openPostgresStore(url, { schema });
    try {
      await expect(store.transaction(async (w) => w.recordImport({ kind: 'x', origin: 'y', file: 'z', sha256: '0', rows: 0 }))).rejects.toMatchObject({
        code: 'E_STORE_READ_ONLY',
        message: expect.stringMatching(new RegExp(`this role may not write it \\(.*${said}`)),
      });
    } finally {
      await store.close();
    }
  }

  // Each test gets a schema of its own in the same server.
  describeStoreContract(
    'postgres',
    () => openPostgresStore(pool, { schema: schemaName('contract') }),
    (store) => openPostgresStore(pool, { schema: store.location.split(' schema ')[1]!, readonly: true }),
  );

  it('opens from a connection string and reports where it is', async () => {
    const schema = schemaName('conn');
    const store = await openPostgresStore(pgServer.url, { schema });
    expect(store.backend).toBe('postgres');
    expect(store.location).toContain(`schema ${schema}`);
    expect(await store.counts()).toEqual({ treaties: 0, polities: 0, imports: 0 });
    await store.close();
  });

  it('lets a role that may only read the tables query a store, and refuses its writes', async () => {
    const schema = schemaName('shared');
    const owner = await openPostgresStore(pool, { schema });
    await owner.transaction(async (w) => w.putPolity({ ccode: 2, abbrev: 'USA', name: 'United States of America', aliases: [], spells: [{ start: '1816-01-01', end: null }] }));
    await owner.close();
    const role = roleName('reader');
    await pool.query(`CREATE ROLE ${role} LOGIN; GRANT USAGE ON SCHEMA ${schema} TO ${role}; GRANT SELECT ON ALL TABLES IN SCHEMA ${schema} TO ${role}`);
    const url = new URL(pgServer.url);
    url.username = role;
    const reader = await openPostgresStore(url.toString(), { schema, readonly: true });
    try {
      expect(reader.writable).toBe(false);
      expect((await reader.listPolities()).map((p) => p.abbrev)).toEqual(['USA']);
    } finally {
      await reader.close();
    }
    // Opened for writing, the same role gets an error that says why, not the driver's.
    await expectWritesRefused(url.toString(), schema, 'permission denied for table');
    // A role whose sessions are read-only by default (as on a standby server) can read, and its
    // writes are refused with the same error, even with every right on the tables.
    await pool.query(`GRANT ALL ON SCHEMA ${schema} TO ${role}; GRANT ALL ON ALL TABLES IN SCHEMA ${schema} TO ${role}; ALTER ROLE ${role} SET default_transaction_read_only = on`);
    const standby = await openPostgresStore(url.toString(), { schema, readonly: true });
    expect((await standby.listPolities()).length).toBe(1);
    await standby.close();
    await expectWritesRefused(url.toString(), schema, 'read-only transaction');
    // On a shared pool, a read-only store leaves the sessions as it found them.
    const shared = await openPostgresStore(pool, { schema, readonly: true });
    expect(await shared.counts()).toEqual({ treaties: 0, polities: 1, imports: 0 });
    await shared.close();
    const settings = await Promise.all(Array.from({ length: 4 }, () => pool.query<{ ro: string; path: string }>("SELECT current_setting('default_transaction_read_only') AS ro, current_setting('search_path') AS path")));
    expect(settings.map((r) => r.rows[0])).toEqual(Array(4).fill({ ro: 'off', path: '"$user", public' }));
  });

  it('refuses a schema that holds another program\'s tables, and leaves it alone', async () => {
    for (const [name, sql] of [
      ['people', 'CREATE TABLE people (name TEXT)'],
      ['rails', 'CREATE TABLE schema_migrations (version varchar PRIMARY KEY); CREATE TABLE users (id integer)'],
    ] as const) {
      const schema = schemaName(`foreign_${name}`);
      await pool.query(`CREATE SCHEMA ${schema}; SET search_path TO ${schema}; ${sql}; RESET search_path`);
      for (const readonly of [false, true]) {
        await expect(openPostgresStore(pool, { schema, readonly }), name).rejects.toMatchObject({ code: 'E_STORE_NOT_A_DATABASE', message: expect.stringContaining(`schema '${schema}' of`) });
      }
      const tables = await pool.query<{ t: string }>('SELECT table_name AS t FROM information_schema.tables WHERE table_schema = $1 ORDER BY 1', [schema]);
      expect(tables.rows.map((r) => r.t), name).toEqual(name === 'people' ? ['people'] : ['schema_migrations', 'users']);
    }
  });

  it('opened for reading, a missing schema or one without Pacta\'s tables is E_STORE_EMPTY, and nothing is created', async () => {
    const missing = `missing_${suffix}`;
    await expect(openPostgresStore(pool, { schema: missing, readonly: true })).rejects.toMatchObject({ code: 'E_STORE_EMPTY', message: expect.stringContaining(`schema '${missing}' of`) });
    expect((await pool.query('SELECT 1 FROM pg_namespace WHERE nspname = $1', [missing])).rowCount).toBe(0);
    const empty = schemaName('empty');
    await pool.query(`CREATE SCHEMA ${empty}`);
    await expect(openPostgresStore(pool, { schema: empty, readonly: true })).rejects.toMatchObject({ code: 'E_STORE_EMPTY', message: expect.stringContaining('holds no Pacta store yet') });
    expect((await pool.query("SELECT 1 FROM pg_class WHERE relnamespace = $1::regnamespace", [empty])).rowCount).toBe(0);
    const store = await openPostgresStore(pool, { schema: empty });
    expect(await store.schemaVersion()).toBe(1);
    await store.close();
  });

  it('takes a schema a role owns without the right to create schemas, and a reserved word as its name', async () => {
    const owned = schemaName('owned');
    const role = roleName('owner');
    // A role that is not a superuser has no CREATE right on the database unless granted one.
    await pool.query(`CREATE ROLE ${role} LOGIN; CREATE SCHEMA ${owned} AUTHORIZATION ${role}`);
    const url = new URL(pgServer.url);
    url.username = role;
    const store = await openPostgresStore(url.toString(), { schema: owned });
    expect(await store.schemaVersion()).toBe(1);
    await store.close();
    await expect(openPostgresStore(url.toString(), { schema: schemaName('not_owned') })).rejects.toMatchObject({ code: 'E_STORE_READ_ONLY', message: expect.stringContaining('permission denied for database') });
    // A reserved word as the schema name, in a database of its own (a PACTA_PG_URL server may
    // have a real schema of that name).
    const database = `pacta_${suffix}`;
    await pool.query(`CREATE DATABASE ${database}`);
    try {
      const inDatabase = new URL(pgServer.url);
      inDatabase.pathname = `/${database}`;
      const reserved = await openPostgresStore(inDatabase.toString(), { schema: 'user' });
      try {
        expect(await reserved.schemaVersion()).toBe(1);
        await reserved.transaction(async (w) => w.recordImport({ kind: 'x', origin: 'y', file: 'z', sha256: '0', rows: 0 }));
        expect((await reserved.counts()).imports).toBe(1);
      } finally {
        await reserved.close();
      }
    } finally {
      await pool.query(`DROP DATABASE ${database}`);
    }
  });

  it('refuses extension objects no more than its own: a public schema with PostGIS-like extension tables is taken', async () => {
    const ext = schemaName('ext');
    // plpgsql is always installed; an extension's objects depend on it with deptype 'e'. A table
    // made a member of an extension by hand stands for spatial_ref_sys.
    await pool.query(`CREATE SCHEMA ${ext}; CREATE TABLE ${ext}.spatial_ref_sys (srid int); ALTER EXTENSION plpgsql ADD TABLE ${ext}.spatial_ref_sys`);
    try {
      const store = await openPostgresStore(pool, { schema: ext });
      expect(await store.schemaVersion()).toBe(1);
      await store.close();
    } finally {
      await pool.query(`ALTER EXTENSION plpgsql DROP TABLE ${ext}.spatial_ref_sys`);
    }
  });

  it('rejects a schema name that is not a plain identifier', async () => {
    await expect(openPostgresStore(pool, { schema: 'x; DROP TABLE y' })).rejects.toThrow(/lower-case SQL identifier/);
  });
});

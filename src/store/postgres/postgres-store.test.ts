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
  let n = 0;
  beforeAll(() => {
    pool = new pg.Pool({ connectionString: pgServer.url, max: 4 });
  });
  afterAll(async () => {
    await pool.end();
    pgServer.stop();
  });

  // Each test gets a schema of its own in the same server.
  describeStoreContract(
    'postgres',
    () => openPostgresStore(pool, { schema: `contract_${process.pid}_${n++}` }),
    (store) => openPostgresStore(pool, { schema: store.location.split(' schema ')[1]!, readonly: true }),
  );

  it('opens from a connection string and reports where it is', async () => {
    const store = await openPostgresStore(pgServer.url, { schema: `conn_${process.pid}` });
    expect(store.backend).toBe('postgres');
    expect(store.location).toContain(`schema conn_${process.pid}`);
    expect(await store.counts()).toEqual({ treaties: 0, polities: 0, imports: 0 });
    await store.close();
  });

  it('lets a role that may only read the tables query a store, and refuses its writes', async () => {
    const schema = `shared_${process.pid}`;
    const owner = await openPostgresStore(pool, { schema });
    await owner.transaction(async (w) => w.putPolity({ ccode: 2, abbrev: 'USA', name: 'United States of America', aliases: [], spells: [{ start: '1816-01-01', end: null }] }));
    await owner.close();
    const role = `reader_${process.pid}`;
    await pool.query(`DROP ROLE IF EXISTS ${role}; CREATE ROLE ${role} LOGIN; GRANT USAGE ON SCHEMA ${schema} TO ${role}; GRANT SELECT ON ALL TABLES IN SCHEMA ${schema} TO ${role}`);
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
    await expect(openPostgresStore(url.toString(), { schema })).rejects.toMatchObject({ code: 'E_STORE_READ_ONLY', message: expect.stringContaining('this role may not change it') });
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
      const schema = `foreign_${name}_${process.pid}`;
      await pool.query(`CREATE SCHEMA ${schema}; SET search_path TO ${schema}; ${sql}; RESET search_path`);
      for (const readonly of [false, true]) {
        await expect(openPostgresStore(pool, { schema, readonly }), name).rejects.toMatchObject({ code: 'E_STORE_NOT_A_DATABASE', message: expect.stringContaining(`schema '${schema}' of`) });
      }
      const tables = await pool.query<{ t: string }>('SELECT table_name AS t FROM information_schema.tables WHERE table_schema = $1 ORDER BY 1', [schema]);
      expect(tables.rows.map((r) => r.t), name).toEqual(name === 'people' ? ['people'] : ['schema_migrations', 'users']);
    }
  });

  it('opened for reading, a schema without Pacta\'s tables is outdated (opening it for writing creates them)', async () => {
    const schema = `empty_${process.pid}`;
    await pool.query(`CREATE SCHEMA ${schema}`);
    await expect(openPostgresStore(pool, { schema, readonly: true })).rejects.toMatchObject({ code: 'E_STORE_OUTDATED', message: expect.stringContaining('has schema version 0') });
    const store = await openPostgresStore(pool, { schema });
    expect(await store.schemaVersion()).toBe(1);
    await store.close();
  });

  it('rejects a schema name that is not a plain identifier', async () => {
    await expect(openPostgresStore(pool, { schema: 'x; DROP TABLE y' })).rejects.toThrow(/lower-case SQL identifier/);
  });
});

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
  describeStoreContract('postgres', () => openPostgresStore(pool, { schema: `contract_${process.pid}_${n++}` }));

  it('opens from a connection string and reports where it is', async () => {
    const store = await openPostgresStore(pgServer.url, { schema: `conn_${process.pid}` });
    expect(store.backend).toBe('postgres');
    expect(store.location).toContain(`schema conn_${process.pid}`);
    expect(await store.counts()).toEqual({ treaties: 0, polities: 0, imports: 0 });
    await store.close();
  });

  it('rejects a schema name that is not a plain identifier', async () => {
    await expect(openPostgresStore(pool, { schema: 'x; DROP TABLE y' })).rejects.toThrow(/lower-case SQL identifier/);
  });
});

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from './main.js';
import { memberCsv } from '../test-support/atop-fixtures.js';
import { CORPUS_DIR } from '../app/files.js';
import { startTestPostgres, type TestPostgres } from '../test-support/postgres.js';

const server = await startTestPostgres();
if ('skip' in server && process.env.CI === 'true') throw new Error(`PostgreSQL CLI tests must run under CI: ${server.skip}`);
if ('skip' in server) console.warn(`skipping PostgreSQL CLI tests: ${server.skip}`);

describe.skipIf('skip' in server)('pacta CLI on PostgreSQL', () => {
  const pgServer = server as TestPostgres;
  afterAll(() => pgServer.stop());
  const db = `${pgServer.url}?schema=cli_${process.pid}`;
  const runOn = async (url: string, ...args: string[]) => {
    let out = '';
    let err = '';
    const code = await runCli(['--db', url, '--today', '2026-11-28', ...args], { out: (t) => (out += t), err: (t) => (err += t), env: {} });
    return { code, out, err };
  };
  const run = (...args: string[]) => runOn(db, ...args);

  it('loads the corpus and answers the same as on SQLite', async () => {
    const load = await run('load', CORPUS_DIR);
    expect(load.err).toBe('');
    expect(load.out).toContain('new');
    const a = JSON.parse((await run('in-force', 'sino-soviet-1950', '--on', '1979-02-17', '--json')).out);
    expect(a).toMatchObject({ inForce: true, period: { start: '1950-04-11', end: '1980-04-11' } });
    expect((await run('load', CORPUS_DIR)).out).toMatch(/0 new, 0 updated/);
  });

  it('leaves no schema behind when a dry run, or a rejected import, would have created it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pacta-pg-'));
    const schemaExists = async (schema: string): Promise<boolean> => {
      const client = new pg.Client({ connectionString: pgServer.url });
      await client.connect();
      try {
        return (await client.query('SELECT 1 FROM pg_namespace WHERE nspname = $1', [schema])).rowCount === 1;
      } finally {
        await client.end();
      }
    };
    try {
      const schema = `fresh_${process.pid}`;
      const fresh = `${pgServer.url}?schema=${schema}`;
      expect(await runOn(fresh, 'load', '--dry-run', CORPUS_DIR)).toMatchObject({ code: 0, out: expect.stringMatching(/^would load \d+ file\(s\)/) });
      expect(await schemaExists(schema)).toBe(false);
      writeFileSync(join(dir, 'atop5_1m.csv'), memberCsv([{ member: 2 }, { member: 99999 }]));
      expect(await runOn(fresh, 'import', 'atop', dir)).toMatchObject({ code: 1, err: expect.stringContaining('nothing was imported') });
      expect(await schemaExists(schema)).toBe(false);
      // A schema that existed before, even empty of records, is kept.
      expect((await run('load', '--dry-run', CORPUS_DIR)).code).toBe(0);
      expect(await schemaExists(`cli_${process.pid}`)).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

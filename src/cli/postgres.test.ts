import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from './main.js';
import { CORPUS_DIR } from '../app/files.js';
import { startTestPostgres, type TestPostgres } from '../test-support/postgres.js';

const server = await startTestPostgres();
if ('skip' in server && process.env.CI === 'true') throw new Error(`PostgreSQL CLI tests must run under CI: ${server.skip}`);
if ('skip' in server) console.warn(`skipping PostgreSQL CLI tests: ${server.skip}`);

describe.skipIf('skip' in server)('pacta CLI on PostgreSQL', () => {
  const pgServer = server as TestPostgres;
  afterAll(() => pgServer.stop());
  const db = `${pgServer.url}?schema=cli_${process.pid}`;
  const run = async (...args: string[]) => {
    let out = '';
    let err = '';
    const code = await runCli(['--db', db, '--today', '2026-11-28', ...args], { out: (t) => (out += t), err: (t) => (err += t), env: {} });
    return { code, out, err };
  };

  it('loads the corpus and answers the same as on SQLite', async () => {
    const load = await run('load', CORPUS_DIR);
    expect(load.err).toBe('');
    expect(load.out).toContain('new');
    const a = JSON.parse((await run('in-force', 'sino-soviet-1950', '--on', '1979-02-17', '--json')).out);
    expect(a).toMatchObject({ inForce: true, period: { start: '1950-04-11', end: '1980-04-11' } });
    expect((await run('load', CORPUS_DIR)).out).toMatch(/0 new, 0 updated/);
  });
});

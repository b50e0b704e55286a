// A database the user may read but not write (a shared file, a folder someone else owns): the
// reading commands answer from it and leave it as it was; the writing ones say why they cannot.
// File modes do not bind root, so as root the CLI runs without the capabilities that bypass them
// (setpriv, from util-linux), whatever folder the package is in.
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CORPUS_DIR, PACKAGE_ROOT } from '../app/files.js';
import { cliRunner } from '../test-support/cli.js';
import { killWriterMidTransaction } from '../test-support/sqlite.js';

const asRoot = process.getuid?.() === 0;
const dir = mkdtempSync(join(tmpdir(), 'pacta-ro-'));
const db = join(dir, 'pacta.db');
const walDb = join(dir, 'wal.db');
const crashedDb = join(dir, 'crashed.db');

/** Root without CAP_DAC_OVERRIDE and CAP_DAC_READ_SEARCH: file modes apply to it as to anyone. */
const WITHOUT_OVERRIDE = ['setpriv', '--bounding-set=-dac_override,-dac_read_search', '--'];

/** Why the test cannot run here, or null. */
function obstacle(): string | null {
  if (process.platform === 'win32') return 'file modes do not apply on Windows';
  if (!asRoot) return null;
  const probe = spawnSync(WITHOUT_OVERRIDE[0]!, [...WITHOUT_OVERRIDE.slice(1), 'test', '-r', join(PACKAGE_ROOT, 'package.json')]);
  if (probe.error) return `running as root, and setpriv is missing (${probe.error.message}; apt-get install util-linux)`;
  if (probe.status !== 0) return `running as root, and setpriv cannot drop the capabilities that bypass file modes: ${probe.stderr.toString().trim()}`;
  return null;
}
const skip = obstacle();
if (skip && process.env.CI === 'true') throw new Error(`the read-only database test must run under CI: ${skip}`);
if (skip) console.warn(`skipping the read-only database test: ${skip}`);

/** The command line that runs `args` (a script and its arguments) with Node as a process without write access. */
function asReader(...args: string[]): [string, string[]] {
  const cmd = [process.execPath, '--import', 'tsx', ...args];
  return asRoot ? [WITHOUT_OVERRIDE[0]!, [...WITHOUT_OVERRIDE.slice(1), ...cmd]] : [cmd[0]!, cmd.slice(1)];
}

function pacta(...args: string[]): { code: number | null; out: string; err: string } {
  const [file, argv] = asReader(join(PACKAGE_ROOT, 'src/cli/bin.ts'), '--today', '2026-11-28', ...args);
  const r = spawnSync(file, argv, { encoding: 'utf8', cwd: dir });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

beforeAll(async () => {
  if (skip) return;
  const r = await cliRunner(db)('load', CORPUS_DIR);
  expect(r.code).toBe(0);
  // A database as an earlier Pacta left it: in WAL mode.
  copyFileSync(db, walDb);
  const d = new Database(walDb);
  d.pragma('journal_mode = WAL');
  d.close();
  // A database that a killed program left in the middle of a write, with a hot journal beside it.
  copyFileSync(db, crashedDb);
  expect(killWriterMidTransaction(crashedDb)).toBe('SIGKILL');
  chmodSync(db, 0o444);
  chmodSync(walDb, 0o444);
  // The file may be written, its folder not: the journal cannot be deleted, so no roll-back.
  chmodSync(crashedDb, 0o666);
  chmodSync(`${crashedDb}-journal`, 0o666);
  chmodSync(dir, 0o555);
});
afterAll(() => {
  chmodSync(dir, 0o755);
  rmSync(dir, { recursive: true, force: true });
});

describe.skipIf(skip !== null)('a database the user may only read', () => {
  // The file's mode already keeps the user from writing it: what is checked here is that reading
  // commands work without write access (src/app/store.test.ts checks that they write nothing).
  it('answers the reading commands', () => {
    const r = pacta('--db', db, '--json', 'in-force', 'sino-soviet-1950', '--on', '1960');
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toMatchObject({ treaty: 'sino-soviet-1950', inForce: true });
    const dyads = pacta('--db', db, 'dyads', '--from', '1951', '--to', '1951', '--out', '-');
    expect(dyads.code).toBe(0);
    expect(dyads.out.split('\n')[0]).toMatch(/^stateA,stateB,year,ddyad,atopally,/);
  });

  it('refuses a writing command with E_STORE_READ_ONLY', () => {
    const r = pacta('--db', db, 'load', CORPUS_DIR);
    expect(r.code).toBe(2);
    expect(r.err).toContain(`cannot write '${db}': the database file or its folder is read-only for this user [E_STORE_READ_ONLY]`);
    expect(r.err).not.toMatch(/\n\s+at /); // no stack trace
  });

  it('is served by npm start, read-only', async () => {
    const [file, argv] = asReader(join(PACKAGE_ROOT, 'src/server/main.ts'));
    const server = spawn(file, argv, { cwd: dir, env: { ...process.env, PACTA_DB: db, PORT: '0', LOG_LEVEL: 'silent', PACTA_TODAY: '2020-01-01' } });
    try {
      const url = await new Promise<string>((resolve, reject) => {
        let out = '';
        server.stdout.on('data', (d: Buffer) => {
          out += d.toString();
          const m = /\(read-only\) at (http:\/\/\S+)\//.exec(out);
          if (m) resolve(m[1]!);
        });
        server.on('exit', (code) => reject(new Error(`the server exited (${code}): ${out}`)));
      });
      const health = (await (await fetch(`${url}/api/health`)).json()) as { ok: boolean; treaties: number };
      expect(health.ok).toBe(true);
      expect(health.treaties).toBeGreaterThan(30);
    } finally {
      const exited = new Promise((resolve) => server.once('exit', resolve));
      if (server.exitCode === null) server.kill('SIGTERM');
      await exited;
    }
  });

  it('leaves a database with an unfinished write alone when it may not roll it back, and says so', () => {
    const before = readFileSync(crashedDb);
    const r = pacta('--db', crashedDb, 'in-force', 'sino-soviet-1950', '--on', '1960');
    expect(r.code).toBe(2);
    expect(r.err).toContain(`'${crashedDb}' holds an unfinished write`);
    expect(r.err).toContain('[E_STORE_RECOVERY]');
    expect(readFileSync(crashedDb).equals(before)).toBe(true);
  });

  it('says what to do with a WAL database in a folder it may not write', () => {
    const r = pacta('--db', walDb, 'in-force', 'sino-soviet-1950', '--on', '1960');
    expect(r.code).toBe(2);
    expect(r.err).toContain(`cannot read '${walDb}': it is in WAL mode (a database of an earlier Pacta)`);
    expect(r.err).toContain('[E_STORE_CANNOT_OPEN]');
  });
});

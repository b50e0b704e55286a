/**
 * SQLite files for tests: made from SQL, or in states that only a crash produces.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import Database from 'better-sqlite3';
import { PACKAGE_ROOT } from '../app/files.js';

/** A Pacta store whose first migration has not run yet: its `schema_migrations` table alone, empty. */
export const UNMIGRATED_STORE = 'CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL)';

/** Makes the SQLite database `file` by running `sql`; returns the file's bytes, to check later that nothing changed them. */
export function sqliteFile(file: string, sql: string): Buffer {
  const d = new Database(file);
  d.exec(sql);
  d.close();
  return readFileSync(file);
}

/**
 * Leaves `file` (a Pacta store) as a writer killed in the middle of a transaction does: a process
 * inserts more import records than its one-page cache holds, so some pages reach the file, and is
 * killed with SIGKILL, leaving the hot journal beside the file. Returns the signal the writer died of.
 */
export function killWriterMidTransaction(file: string): NodeJS.Signals | null {
  const script = `const D = require('better-sqlite3'); const d = new D(${JSON.stringify(file)}); d.pragma('cache_size = 1'); d.exec('BEGIN IMMEDIATE');
    const insert = d.prepare("INSERT INTO imports VALUES (?, 'k', 'o', 'f', 's', 0)"); for (let i = 1000; i < 4000; i++) insert.run(i); process.kill(process.pid, 'SIGKILL');`;
  return spawnSync(process.execPath, ['-e', script], { cwd: PACKAGE_ROOT }).signal;
}

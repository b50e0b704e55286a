/**
 * Runs the `pacta` CLI in-process against one database, capturing what it prints.
 */
import { runCli } from '../cli/main.js';

/** What one CLI run printed and returned. */
export interface CliRun {
  readonly code: number;
  readonly out: string;
  readonly err: string;
}

/** A runner bound to a database and a fixed "today", so runs are deterministic. */
export function cliRunner(db: string, today = '2026-11-28'): (...args: string[]) => Promise<CliRun> {
  return async (...args) => {
    let out = '';
    let err = '';
    const code = await runCli(['--db', db, '--today', today, ...args], { out: (t) => (out += t + '\n'), err: (t) => (err += t + '\n'), env: {} });
    return { code, out, err };
  };
}

/**
 * `pacta import atop|cow-states|gw-states`: dataset imports. Each is all or nothing; problems are
 * printed with file, line and column; `--dry-run` reports what would change. A progress bar shows
 * on a terminal (stderr) unless `--quiet` or `--json`. The importers (and their CSV and zip
 * readers) are loaded when a command runs, so that other commands start without them.
 */
import { Option, type Command } from 'commander';
import { formatProblem, type Problem } from '../core/errors.js';
import type { ImportOptions, ImportResult, ProgressListener } from '../app/import-common.js';
import type { Store } from '../store/store.js';
import { holdsCuratedTreaties } from '../app/store.js';

/** What the import commands need from the CLI that registers them. */
export interface ImportCommandContext {
  readonly io: { out(text: string): void; err(text: string): void };
  /** The global options (`--json`). */
  readonly options: () => { json?: boolean };
  /** Opens the database (created when missing), runs `fn`, closes it. */
  withStore<T>(fn: (store: Store) => Promise<T>, mustExist?: boolean): Promise<T>;
  /** Sets the process exit code. */
  setExit(code: number): void;
}

const MAX_LISTED = 50;

function listProblems(io: ImportCommandContext['io'], problems: readonly Problem[], prefix = ''): void {
  for (const p of problems.slice(0, MAX_LISTED)) io.err(prefix + formatProblem(p));
  if (problems.length > MAX_LISTED) io.err(`${prefix}… and ${problems.length - MAX_LISTED} more (use --json for the full list)`);
}

/** A progress bar on stderr when it is a terminal; otherwise nothing (and cli-progress is not loaded). */
async function progressBar(enabled: boolean): Promise<{ listener?: ProgressListener; stop(): void }> {
  if (!enabled || !process.stderr.isTTY) return { stop() {} };
  const { default: cliProgress } = await import('cli-progress');
  const bar = new cliProgress.SingleBar({ format: '{phase} [{bar}] {value}/{total}', stream: process.stderr, clearOnComplete: true, hideCursor: true }, cliProgress.Presets.shades_classic);
  let started = false;
  return {
    listener: ({ phase, done, total }) => {
      if (!started) {
        bar.start(total, done, { phase });
        started = true;
      } else {
        bar.setTotal(total);
        bar.update(done, { phase });
      }
    },
    stop: () => {
      if (started) bar.stop();
    },
  };
}

/** One line saying what happened, for people. */
export function describeImport(r: ImportResult, db: string): string {
  const n = r.inserted.length + r.updated.length + r.unchanged.length;
  const counts = `${r.inserted.length} new, ${r.updated.length} updated, ${r.unchanged.length} unchanged${r.records === 'treaties' ? `, ${r.deleted.length} deleted` : ''}`;
  const files = r.files.map((f) => `${f.file} (${f.rows} rows)`).join(', ');
  if (r.status === 'unchanged') return `${r.label} from ${r.input} is already in ${db}: nothing changed (${n} ${r.records} unchanged)`;
  if (r.status === 'dry-run') return `dry run: importing ${r.label} from ${r.input} would give ${n} ${r.records} in ${db}: ${counts}; nothing was written\nfiles: ${files}`;
  return `imported ${r.label} from ${r.input} into ${db}: ${n} ${r.records}: ${counts}\nfiles: ${files}`;
}

/** Registers `pacta import …` on the program. */
export function registerImportCommands(program: Command, ctx: ImportCommandContext): void {
  const cmd = program.command('import').description('import research datasets: ATOP alliances, COW and Gleditsch–Ward state lists (all or nothing)');
  const run = async (path: string, opts: { dryRun?: boolean; quiet?: boolean }, fn: (store: Store, o: ImportOptions) => Promise<ImportResult>): Promise<void> => {
    const json = ctx.options().json ?? false;
    await ctx.withStore(async (store) => {
      const bar = await progressBar(!opts.quiet && !json);
      let r: ImportResult;
      try {
        r = await fn(store, { dryRun: opts.dryRun ?? false, ...(bar.listener ? { onProgress: bar.listener } : {}) });
      } finally {
        bar.stop();
      }
      if (json) ctx.io.out(JSON.stringify(r, null, 2));
      else if (r.status === 'rejected') {
        listProblems(ctx.io, r.problems);
        ctx.io.err(`${r.problems.length} problem(s) in ${r.input}; nothing was imported, the database is unchanged`);
      } else {
        if (!opts.quiet) listProblems(ctx.io, r.warnings, 'warning: ');
        ctx.io.out(describeImport(r, store.location) + (r.warnings.length ? `\n${r.warnings.length} warning(s)${opts.quiet ? ' (not shown with --quiet)' : ''}` : ''));
        if (r.kind === 'atop' && !r.dryRun && !opts.quiet && !(await holdsCuratedTreaties(store))) {
          ctx.io.err(`note: ${store.location} holds no curated treaties (sino-soviet-1950 and the others in the package's treaties/); add them with: pacta load treaties/`);
        }
      }
      if (r.status === 'rejected') ctx.setExit(1);
    }, false);
  };
  const common = (c: Command) => c.option('--dry-run', 'report what would change without writing').option('--quiet', 'no progress bar and no warnings');

  common(
    cmd
      .command('atop')
      .description('import an ATOP release (5.1 or 4.01): a folder or the release zip with the member, alliance and alliance-phase CSV files')
      .argument('<path>', 'folder or zip archive')
      .addOption(new Option('--variant <variant>', 'full files, or the NNA files without pure non-aggression pacts').choices(['full', 'nna']).default('full')),
  ).action(async (path: string, opts: { dryRun?: boolean; quiet?: boolean; variant: 'full' | 'nna' }) => run(path, opts, async (store, o) => (await import('../app/import-atop.js')).importAtop(store, path, { ...o, variant: opts.variant })));

  common(
    cmd
      .command('cow-states')
      .description('import the COW State System Membership List (states2016.csv, majors2016.csv, system2016.csv) into the polity registry')
      .argument('<dir>', 'folder with the COW files'),
  ).action(async (path: string, opts: { dryRun?: boolean; quiet?: boolean }) => run(path, opts, async (store, o) => (await import('../app/import-states.js')).importCowStates(store, path, o)));

  common(
    cmd
      .command('gw-states')
      .description('import the Gleditsch–Ward list of independent states (iisystem.dat) into the polity registry')
      .argument('<file>', 'iisystem.dat or the folder holding it'),
  ).action(async (path: string, opts: { dryRun?: boolean; quiet?: boolean }) => run(path, opts, async (store, o) => (await import('../app/import-states.js')).importGwStates(store, path, o)));
}

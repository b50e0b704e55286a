/**
 * `pacta dyads`, `pacta state-years` and `pacta network`: research outputs streamed to a file
 * (CSV, Parquet, GraphML, GEXF, JSON, DOT) or to stdout (`--out -`, so that `| head` works). A
 * progress bar shows on stderr when it is a terminal, unless `--quiet`.
 */
import { createWriteStream, existsSync, lstatSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import type { Writable } from 'node:stream';
import { Option, type Command } from 'commander';
import type { Engine } from '../core/engine.js';
import { PactaError } from '../core/errors.js';
import { ALLIANCE_TYPES, PROVISION_TYPES } from '../core/model.js';
import type { YearRange } from '../analytics/alliance-years.js';
import type { DyadUnit } from '../analytics/dyad-years.js';
import type { StateSystem } from '../analytics/frame.js';
import type { TableStream } from '../analytics/table.js';
import { readerGone, writeTable, type TableFormat } from '../analytics/write.js';
import { NETWORK_FORMATS, type NetworkFormat } from '../analytics/network-formats.js';
import { checkNetworkPeriod, describeSource, engineRelease, exportNetwork, exportTable, outputFormat, planNetwork, planTable, sourceLabel, type OptionNames, type TableInput } from '../app/exports.js';

/** What the analytics commands need from the CLI that registers them. */
export interface AnalyticsCommandContext {
  readonly io: { out(text: string): void; err(text: string): void };
  /** The global options (`--source`, `--atop-version`, `--json`). */
  readonly options: () => { source?: string; atopVersion?: string; json?: boolean };
  /** Opens the engine over the database (with the global options applied), runs `fn`, closes it. */
  withEngine<T>(fn: (engine: Engine) => T): Promise<T>;
  /** Where `--out -` writes (default: process.stdout). */
  readonly stdout?: Writable;
}

/** What an export was made from: the source filter, the ATOP release used, and both in words. */
interface Provenance {
  readonly source: string;
  readonly atopVersion: string | null;
  readonly records: string;
}

function provenance(engine: Engine, ctx: AnalyticsCommandContext): Provenance {
  const source = ctx.options().source ?? 'all';
  return { source, atopVersion: engineRelease(engine) ?? null, records: describeSource(engine, source) };
}

/** Options named as typed: `--from 1990`. */
const CLI_NAMES: OptionNames = { name: (f) => `--${f}`, value: (f, v) => `--${f} ${v}` };

/** A progress bar over years on stderr when it is a terminal (cli-progress is loaded only then). */
async function yearBar(enabled: boolean, years: YearRange | undefined): Promise<{ tick(year: number, rows: number): void; stop(): void }> {
  if (!enabled || !years || !process.stderr.isTTY) return { tick() {}, stop() {} };
  const { default: cliProgress } = await import('cli-progress');
  const bar = new cliProgress.SingleBar({ format: '[{bar}] {value}/{total} years, {rows} rows', stream: process.stderr, clearOnComplete: true, hideCursor: true }, cliProgress.Presets.shades_classic);
  bar.start(years.to - years.from + 1, 0, { rows: 0 });
  let done = 0;
  let rows = 0;
  return {
    tick(_year, n) {
      rows += n;
      bar.update(++done, { rows });
    },
    stop: () => bar.stop(),
  };
}

/** An output file that cannot be written (a missing folder, no permission, a full disk). */
export class OutputError extends PactaError {}

/** What the file system said, in words, for the errors a user most often meets. */
const FS_REASONS: Readonly<Record<string, string>> = {
  ENOENT: 'its folder does not exist',
  ENOTDIR: 'part of its path is not a folder',
  EISDIR: 'it is a folder',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EROFS: 'the file system is read-only',
  ENOSPC: 'no space left on the device',
  EDQUOT: 'disk quota exceeded',
};

const isLink = (file: string): boolean => {
  try {
    return lstatSync(file).isSymbolicLink();
  } catch {
    return false;
  }
};

/** `err` as an OutputError naming `file`, when it is a system error (it has a code and a syscall); otherwise `err` itself. */
function outputError(file: string, err: unknown): unknown {
  const e = err as NodeJS.ErrnoException | null;
  if (!e?.code || !e.syscall) return err;
  // Node's messages read "ENAMETOOLONG: name too long, open '…'": the words between the code and the call.
  let reason = FS_REASONS[e.code] ?? /^[A-Z0-9]+: ([^,]+)/.exec(e.message)?.[1] ?? 'system error';
  // ENOENT with the folder there: a symbolic link into a missing folder, or a file system that
  // does not let files be made (/proc).
  if (e.code === 'ENOENT' && existsSync(dirname(resolve(file)))) reason = isLink(file) ? 'it is a symbolic link into a folder that does not exist' : 'no file can be created in its folder';
  return new OutputError('E_OUTPUT_WRITE', `cannot write '${file}': ${reason} (${e.code})`, { hint: 'give --out a file in a folder you can write to, or - for stdout', cause: err });
}

/**
 * Opens the output: stdout for `-`, else the file itself (with a large buffer, so that writing
 * overlaps generation), as any program writes a file: its permissions, owner and links stay, and
 * a device, a named pipe or /dev/stdout is written in place. The file is open before a row is
 * generated, so that a file that cannot be written fails at once (a pipe waits for its reader).
 */
async function openOut(ctx: AnalyticsCommandContext, out: string): Promise<{ stream: Writable; close: boolean }> {
  if (out === '-') return { stream: ctx.stdout ?? process.stdout, close: false };
  const stream = createWriteStream(out, { highWaterMark: 1 << 22 });
  await new Promise<void>((resolve, reject) => {
    stream.once('open', () => resolve());
    stream.once('error', reject);
  });
  // writeTable listens while it writes; this keeps a late error (after it returns) from being uncaught.
  stream.on('error', () => {});
  return { stream, close: true };
}

/** Writes a whole text output (a network); a reader that leaves early (a pipe) is not an error. */
async function writeOut(out: string, text: string): Promise<void> {
  try {
    await writeFile(out, text);
  } catch (err) {
    if (readerGone(err as Error)) return;
    throw outputError(out, err);
  }
}

/** Table formats by file extension. */
const TABLE_EXTENSIONS: Readonly<Record<string, TableFormat>> = { csv: 'csv', parquet: 'parquet', pq: 'parquet' };

/** Network formats by file extension. */
const NETWORK_EXTENSIONS: Readonly<Record<string, NetworkFormat>> = { graphml: 'graphml', gexf: 'gexf', json: 'json', dot: 'dot', gv: 'dot' };

/**
 * While a table is written to a file, Ctrl-C (SIGINT) or SIGTERM ends the run with a word that the
 * file holds an incomplete table; without it, the run would end in silence and leave a file that
 * looks whole up to its last row. The process then dies of the same signal, so that a shell loop
 * of exports stops too (an exit status of 130 would let it go on). Returns the function that stops
 * watching.
 */
function onInterrupt(ctx: AnalyticsCommandContext, out: string, bar: { stop(): void }): () => void {
  const stop = (): void => {
    process.off('SIGINT', handler);
    process.off('SIGTERM', handler);
  };
  const handler = (signal: NodeJS.Signals): void => {
    stop();
    bar.stop();
    ctx.io.err(`pacta: interrupted (${signal}); '${out}' holds an incomplete table`);
    process.kill(process.pid, signal);
  };
  process.on('SIGINT', handler);
  process.on('SIGTERM', handler);
  return stop;
}

/**
 * Writes a table to `opts.out` (a file, or `-` for stdout) with a progress bar. A failure is an
 * OutputError when the system refused the write; once rows were written to a file, the message
 * says that the file holds an incomplete table (it is not removed: it may be reached by other
 * names, or be another run's).
 */
export async function emitTable(ctx: AnalyticsCommandContext, table: TableStream, opts: { out: string; format?: TableFormat; quiet?: boolean }, from?: Provenance): Promise<void> {
  const format = outputFormat(opts.out, opts.format, TABLE_EXTENSIONS, 'csv', CLI_NAMES);
  let output;
  try {
    output = await openOut(ctx, opts.out);
  } catch (err) {
    throw outputError(opts.out, err);
  }
  const bar = await yearBar(!opts.quiet, table.years);
  const stopWatching = output.close ? onInterrupt(ctx, opts.out, bar) : () => {};
  let r;
  try {
    r = await writeTable(table, output.stream, { format, close: output.close, onBatch: (b) => bar.tick(b.year, b.length) });
  } catch (err) {
    if (output.close) output.stream.destroy();
    const e = outputError(opts.out, err);
    if (output.close && e instanceof Error) e.message += `; '${opts.out}' holds an incomplete table`;
    throw e;
  } finally {
    stopWatching();
    bar.stop();
  }
  if (opts.out === '-') return;
  // With --json the summary is the command's output, on stdout (the table went to a file).
  if (ctx.options().json) ctx.io.out(JSON.stringify({ file: opts.out, format, rows: r.rows, columns: table.columns.length, ...(from ? { source: from.source, atopVersion: from.atopVersion } : {}), complete: !r.closedEarly }));
  else if (!opts.quiet) ctx.io.err(`wrote ${r.rows} rows (${table.columns.length} columns) to ${opts.out} as ${format}${from ? ` (source ${from.records})` : ''}${r.closedEarly ? ' until the reader closed it' : ''}`);
}

interface TableOptions extends TableInput {
  out: string;
  format?: TableFormat;
  quiet?: boolean;
}

const tableOptions = (cmd: Command): Command =>
  cmd
    .option('--from <year>', 'first year (default: the first year of the data)')
    .option('--to <year>', 'last year (default: the last year of the data)')
    .option('--types <list>', `obligation types that make an alliance and fill the flag columns, comma-separated (default: ${ALLIANCE_TYPES.join(',')}; ATOP names neutral, nonagg, consul also work)`)
    .option('--nna', 'leave out alliances whose only obligation is non-aggression, as ATOP’s NNA files do')
    .option('--out <file|->', 'output file (.csv or .parquet), or - for stdout', '-')
    .addOption(new Option('--format <format>', 'output format (default: from the file name; csv for stdout)').choices(['csv', 'parquet']))
    .option('--quiet', 'no progress bar and no summary');

/** Registers `pacta dyads`, `pacta state-years` and `pacta network` on the program. */
export function registerAnalyticsCommands(program: Command, ctx: AnalyticsCommandContext): void {
  tableOptions(
    program
      .command('dyads')
      .description('alliance dyad-years in ATOP’s layout (directed or not), or with --frame every pair of system states per year with the alliance columns merged; --source atop for ATOP’s own coding (with all, curated treaties replace their ATOP records)')
      .addOption(new Option('--unit <unit>', 'directed-dyad-year (A’s obligations to B) or dyad-year (either way)').choices(['directed-dyad-year', 'dyad-year']).default('directed-dyad-year'))
      .addOption(new Option('--frame <system>', 'every pair of states in the COW or Gleditsch–Ward system on a common day of each year, alliance columns 0 where none, empty outside the alliance data').choices(['cow', 'gw'])),
  ).action(async (o: TableOptions & { unit: DyadUnit; frame?: StateSystem }) =>
    ctx.withEngine((engine) => emitTable(ctx, exportTable(engine, planTable(engine, 'dyads', o, CLI_NAMES)), o, provenance(engine, ctx))),
  );

  tableOptions(program.command('state-years').description('alliance state-years in ATOP’s layout: per state and year, the obligations it bears, the number of alliances and their ATOP ids')).action(async (o: TableOptions) =>
    ctx.withEngine((engine) => emitTable(ctx, exportTable(engine, planTable(engine, 'state-years', o, CLI_NAMES)), o, provenance(engine, ctx))),
  );

  program
    .command('network')
    .description('the alliance network of a day or a year: states as nodes (names, codes, degrees, components), obligations as edges, directed where one-way')
    .option('--on <date>', 'the day (YYYY-MM-DD; a vague date counts from its first day)')
    .option('--year <year>', 'the year: every obligation in force on at least one day of it')
    .addOption(new Option('--format <format>', 'export format (default: from the file name, else json)').choices([...NETWORK_FORMATS]))
    .option('--types <list>', `obligation types, comma-separated (default: ${ALLIANCE_TYPES.join(',')}; any of ${PROVISION_TYPES.join(', ')})`)
    .option('--out <file|->', 'output file, or - for stdout', '-')
    .option('--quiet', 'no summary')
    .action(async (o: { on?: string; year?: string; format?: NetworkFormat; types?: string; out: string; quiet?: boolean }) =>
      ctx.withEngine(async (engine) => {
        const plan = planNetwork(o, CLI_NAMES);
        checkNetworkPeriod(engine, plan, CLI_NAMES);
        const format = outputFormat(o.out, o.format, NETWORK_EXTENSIONS, 'json', CLI_NAMES);
        const from = provenance(engine, ctx);
        const { graph, text } = exportNetwork(engine, plan, format, sourceLabel(engine, from.source));
        if (o.out === '-') ctx.io.out(text.replace(/\n$/, ''));
        else await writeOut(o.out, text);
        if (o.out === '-') return;
        if (ctx.options().json) ctx.io.out(JSON.stringify({ file: o.out, format, when: plan.when, states: graph.nodes.length, pairs: graph.edges.length, source: from.source, atopVersion: from.atopVersion }));
        else if (!o.quiet) ctx.io.err(`wrote the network of ${plan.when} (${graph.nodes.length} states, ${graph.edges.length} pairs) to ${o.out} as ${format} (source ${from.records})`);
      }),
    );
}

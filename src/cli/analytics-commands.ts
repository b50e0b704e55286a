/**
 * `pacta dyads`, `pacta state-years` and `pacta network`: research outputs streamed to a file
 * (CSV, Parquet, GraphML, GEXF, JSON, DOT) or to stdout (`--out -`, so that `| head` works). A
 * progress bar shows on stderr when it is a terminal, unless `--quiet`.
 */
import { createWriteStream } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import type { Writable } from 'node:stream';
import { Option, type Command } from 'commander';
import type { Engine } from '../core/engine.js';
import { ALLIANCE_TYPES, PROVISION_TYPES } from '../core/model.js';
import type { YearRange } from '../analytics/alliance-years.js';
import type { DyadUnit } from '../analytics/dyad-years.js';
import type { StateSystem } from '../analytics/frame.js';
import type { TableStream } from '../analytics/table.js';
import { formatOf, writeTable, type TableFormat } from '../analytics/write.js';
import { NETWORK_FORMATS, type NetworkFormat } from '../analytics/network-formats.js';
import { exportNetwork, exportTable, planNetwork, planTable, type OptionNames, type TableInput } from '../app/exports.js';

/** What the analytics commands need from the CLI that registers them. */
export interface AnalyticsCommandContext {
  readonly io: { out(text: string): void; err(text: string): void };
  /** The global options (`--source`). */
  readonly options: () => { source?: string };
  /** Opens the engine over the database (with the global options applied), runs `fn`, closes it. */
  withEngine<T>(fn: (engine: Engine) => T): Promise<T>;
  /** Where `--out -` writes (default: process.stdout). */
  readonly stdout?: Writable;
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

/** Opens the output: stdout for `-`, else a file (with a large buffer so writing overlaps generation). */
function openOut(ctx: AnalyticsCommandContext, out: string): { stream: Writable; close: boolean } {
  if (out === '-') return { stream: ctx.stdout ?? process.stdout, close: false };
  return { stream: createWriteStream(out, { highWaterMark: 1 << 22 }), close: true };
}

async function emit(ctx: AnalyticsCommandContext, table: TableStream, opts: { out: string; format?: TableFormat; quiet?: boolean }): Promise<void> {
  const format = opts.format ?? (opts.out === '-' ? 'csv' : formatOf(opts.out));
  const { stream, close } = openOut(ctx, opts.out);
  const bar = await yearBar(!opts.quiet, table.years);
  let r;
  try {
    r = await writeTable(table, stream, { format, close, onBatch: (b) => bar.tick(b.year, b.length) });
  } finally {
    bar.stop();
  }
  if (!opts.quiet && opts.out !== '-') ctx.io.err(`wrote ${r.rows} rows (${table.columns.length} columns) to ${opts.out} as ${format}`);
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
  ).action(async (o: TableOptions & { unit: DyadUnit; frame?: StateSystem }) => ctx.withEngine((engine) => emit(ctx, exportTable(engine, planTable(engine, 'dyads', o, CLI_NAMES)), o)));

  tableOptions(program.command('state-years').description('alliance state-years in ATOP’s layout: per state and year, the obligations it bears, the number of alliances and their ATOP ids')).action(async (o: TableOptions) =>
    ctx.withEngine((engine) => emit(ctx, exportTable(engine, planTable(engine, 'state-years', o, CLI_NAMES)), o)),
  );

  program
    .command('network')
    .description('the alliance network of a day or a year: states as nodes (names, codes, degrees, components), obligations as edges, directed where one-way')
    .option('--on <date>', 'the day (YYYY-MM-DD; a vague date counts from its first day)')
    .option('--year <year>', 'the year: every obligation in force on at least one day of it')
    .addOption(new Option('--format <format>', 'export format (default: from the file name, else json)').choices([...NETWORK_FORMATS]))
    .option('--types <list>', `obligation types, comma-separated (default: ${ALLIANCE_TYPES.join(',')}; any of ${PROVISION_TYPES.join(', ')})`)
    .option('--out <file|->', 'output file, or - for stdout', '-')
    .action(async (o: { on?: string; year?: string; format?: NetworkFormat; types?: string; out: string }) =>
      ctx.withEngine(async (engine) => {
        const plan = planNetwork(o, CLI_NAMES);
        const ext = /\.(graphml|gexf|json|dot|gv)$/i.exec(o.out)?.[1]?.toLowerCase();
        const format: NetworkFormat = o.format ?? (ext === 'gv' ? 'dot' : (ext as NetworkFormat | undefined)) ?? 'json';
        const { graph, text } = exportNetwork(engine, plan, format, ctx.options().source ?? 'all');
        if (o.out === '-') ctx.io.out(text.replace(/\n$/, ''));
        else await writeFile(o.out, text);
        if (o.out !== '-') ctx.io.err(`wrote the network of ${plan.when} (${graph.nodes.length} states, ${graph.edges.length} pairs) to ${o.out} as ${format}`);
      }),
    );
}

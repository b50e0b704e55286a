/**
 * `pacta dyads`, `pacta state-years` and `pacta network`: research outputs streamed to a file
 * (CSV, Parquet, GraphML, GEXF, JSON, DOT) or to stdout (`--out -`, so that `| head` works). A
 * progress bar shows on stderr when it is a terminal, unless `--quiet`.
 */
import { createWriteStream } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import type { Writable } from 'node:stream';
import cliProgress from 'cli-progress';
import { Option, type Command } from 'commander';
import { PactaError } from '../core/errors.js';
import type { Engine } from '../core/engine.js';
import { earliestDay, parseCalendarDate, yearOf } from '../core/dates.js';
import { ALLIANCE_TYPES, PROVISION_TYPES, type AllianceType, type ProvisionType } from '../core/model.js';
import { dataEnd } from '../sources/atop/codebook.js';
import { AllianceData, type YearRange } from '../analytics/alliance-years.js';
import { allianceDyadYears, type DyadUnit } from '../analytics/dyad-years.js';
import { frameDyadYears, systemStates, type StateSystem } from '../analytics/frame.js';
import { allianceStateYears } from '../analytics/state-years.js';
import type { TableStream } from '../analytics/table.js';
import { formatOf, writeTable, type TableFormat } from '../analytics/write.js';
import { allianceNetwork, engineNetworkInput } from '../analytics/network.js';
import { NETWORK_FORMATS, formatNetwork, type NetworkFormat } from '../analytics/network-formats.js';

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

/** First year of ATOP's domain (codebook §1.3). */
const ATOP_FIRST_YEAR = 1815;
/** Years the state lists cover: COW states2016 runs 1816–2016, the Gleditsch–Ward list (2017 update) 1816–2017. */
const SYSTEM_YEARS: Readonly<Record<StateSystem, YearRange>> = { cow: { from: 1816, to: 2016 }, gw: { from: 1816, to: 2017 } };

/** The ATOP column names are accepted as well as Pacta's type names. */
const TYPE_ALIASES: Readonly<Record<string, AllianceType>> = { neutral: 'neutrality', nonagg: 'nonaggression', consul: 'consultation' };

function usage(message: string, hint?: string): PactaError {
  return new PactaError('E_USAGE', message, hint ? { hint } : {});
}

function parseTypes(text: string | undefined, allowed: readonly string[]): string[] | undefined {
  if (text === undefined) return undefined;
  const list = text.split(',').map((t) => t.trim()).filter(Boolean).map((t) => TYPE_ALIASES[t] ?? t);
  const bad = list.filter((t) => !allowed.includes(t));
  if (bad.length || !list.length) throw usage(`--types '${text}' names no obligation type${bad.length ? ` (unknown: ${bad.join(', ')})` : ''}`, `use a comma-separated list of: ${allowed.join(', ')}`);
  return list;
}

function parseYear(text: string | undefined, option: string): number | undefined {
  if (text === undefined) return undefined;
  if (!/^\d{4}$/.test(text.trim())) throw usage(`${option} '${text}' is not a year`, 'write a four-digit year, e.g. 1816');
  return Number(text);
}

/**
 * Years the alliance data cover: when the engine holds ATOP records and every other alliance is a
 * curated treaty merged with one (it carries an ATOP id and cites that release), 1815 to the last
 * year of the oldest release (5.1: 2018); otherwise (curated data alone) unbounded.
 */
export function allianceCoverage(engine: Engine): YearRange | null {
  const alliances = [...engine.periods()].map((p) => p.treaty).filter((t) => t.provisions.some((p) => (ALLIANCE_TYPES as readonly string[]).includes(p.type)));
  const releases = new Set(alliances.map((t) => /^atop-(.+)$/.exec(t.origin)?.[1]).filter((v): v is string => v !== undefined));
  if (releases.size === 0) return null;
  let to = Infinity;
  for (const t of alliances) {
    const m = /^atop-(.+)$/.exec(t.origin);
    const versions = m ? [m[1]!] : t.atopids.length ? Object.values(t.sources).filter((x) => x.dataset === 'ATOP' && x.version && releases.has(x.version)).map((x) => x.version!) : [];
    const ends = versions.map(dataEnd).filter((e): e is string => e !== null);
    if (!ends.length) return null;
    to = Math.min(to, ...ends.map(yearOf));
  }
  return { from: ATOP_FIRST_YEAR, to };
}

/** A progress bar over years on stderr when it is a terminal. */
function yearBar(enabled: boolean, years: YearRange | undefined): { tick(year: number, rows: number): void; stop(): void } {
  if (!enabled || !years || !process.stderr.isTTY) return { tick() {}, stop() {} };
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
  const bar = yearBar(!opts.quiet, table.years);
  let r;
  try {
    r = await writeTable(table, stream, { format, close, onBatch: (b) => bar.tick(b.year, b.length) });
  } finally {
    bar.stop();
  }
  if (!opts.quiet && opts.out !== '-') ctx.io.err(`wrote ${r.rows} rows (${table.columns.length} columns) to ${opts.out} as ${format}`);
}

interface TableOptions {
  from?: string;
  to?: string;
  types?: string;
  nna?: boolean;
  out: string;
  format?: TableFormat;
  quiet?: boolean;
}

function allianceData(engine: Engine, o: TableOptions): AllianceData {
  const types = parseTypes(o.types, [...ALLIANCE_TYPES]) as AllianceType[] | undefined;
  return AllianceData.fromEngine(engine, { ...(types ? { types } : {}), nna: o.nna ?? false, coverage: allianceCoverage(engine) });
}

function yearsOf(o: TableOptions, fallback: YearRange | null, what: string): YearRange {
  const from = parseYear(o.from, '--from') ?? fallback?.from;
  const to = parseYear(o.to, '--to') ?? fallback?.to;
  if (from === undefined || to === undefined) throw usage(`give the years with --from and --to (${what} has no fixed range)`);
  if (from > to) throw usage(`--from ${from} is after --to ${to}`);
  return { from, to };
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
    ctx.withEngine(async (engine) => {
      const data = allianceData(engine, o);
      if (o.frame) {
        const states = systemStates(engine.registry, o.frame);
        if (states.length < 50) {
          throw new PactaError('E_NO_SYSTEM', `the database holds ${states.length ? `only ${states.length}` : 'no'} states with ${o.frame === 'cow' ? 'COW' : 'Gleditsch–Ward'} system-membership spells`, {
            hint: o.frame === 'cow' ? 'import the COW state list first: pacta import cow-states <folder with states2016.csv>' : 'import the Gleditsch–Ward list first: pacta import gw-states <iisystem.dat>',
          });
        }
        const years = yearsOf(o, SYSTEM_YEARS[o.frame], 'the frame');
        await emit(ctx, frameDyadYears(states, data, { unit: o.unit, ...years }), o);
      } else {
        const years = yearsOf(o, data.coverage, 'these alliance data');
        await emit(ctx, allianceDyadYears(data, { unit: o.unit, ...years }), o);
      }
    }),
  );

  tableOptions(program.command('state-years').description('alliance state-years in ATOP’s layout: per state and year, the obligations it bears, the number of alliances and their ATOP ids')).action(async (o: TableOptions) =>
    ctx.withEngine(async (engine) => {
      const data = allianceData(engine, o);
      await emit(ctx, allianceStateYears(data, yearsOf(o, data.coverage, 'these alliance data')), o);
    }),
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
        if ((o.on === undefined) === (o.year === undefined)) throw usage('give either --on <date> or --year <year>');
        const year = parseYear(o.year, '--year');
        const period = year !== undefined ? { first: `${year}-01-01`, last: `${year}-12-31` } : { first: earliestDay(parseCalendarDate(o.on!)), last: earliestDay(parseCalendarDate(o.on!)) };
        const types = (parseTypes(o.types, [...PROVISION_TYPES]) ?? [...ALLIANCE_TYPES]) as ProvisionType[];
        const ext = /\.(graphml|gexf|json|dot|gv)$/i.exec(o.out)?.[1]?.toLowerCase();
        const format: NetworkFormat = o.format ?? (ext === 'gv' ? 'dot' : (ext as NetworkFormat | undefined)) ?? 'json';
        const graph = allianceNetwork(engineNetworkInput(engine, period), period, new Set(types));
        const text = formatNetwork(graph, format, { when: year !== undefined ? String(year) : period.first, types, source: ctx.options().source ?? 'all' });
        if (o.out === '-') ctx.io.out(text.replace(/\n$/, ''));
        else await writeFile(o.out, text);
        if (o.out !== '-') ctx.io.err(`wrote the network of ${year ?? period.first} (${graph.nodes.length} states, ${graph.edges.length} pairs) to ${o.out} as ${format}`);
      }),
    );
}

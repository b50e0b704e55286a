/**
 * The research exports as requests: the options that `pacta dyads`, `pacta state-years` and
 * `pacta network` share with the API's `/api/exports/*` downloads, checked in one place (types,
 * years and their defaults, whether the state list a frame needs is imported), and the tables
 * and networks they ask for. The CLI and the server only name the options their own way.
 */
import type { Engine } from '../core/engine.js';
import { DateError, PactaError } from '../core/errors.js';
import { IdentityNumbers, memoByIdentity } from '../core/identity.js';
import { earliestDay, parseCalendarDate, yearOf } from '../core/dates.js';
import { ALLIANCE_TYPES, PROVISION_TYPES, atopRelease, type AllianceType, type ProvisionType } from '../core/model.js';
import { dataEnd } from '../sources/atop/codebook.js';
import { AllianceData, type YearRange } from '../analytics/alliance-years.js';
import { allianceDyadYears, type DyadUnit } from '../analytics/dyad-years.js';
import { frameDyadYears, systemStates, type StateSystem } from '../analytics/frame.js';
import { allianceStateYears } from '../analytics/state-years.js';
import type { TableStream } from '../analytics/table.js';
import { allianceNetwork, engineNetworkInput, type NetworkGraph, type NetworkPeriod } from '../analytics/network.js';
import { formatNetwork, type NetworkFormat } from '../analytics/network-formats.js';

/** First year of ATOP's domain (codebook §1.3), and of the years an export may ask for. */
export const FIRST_YEAR = 1815;

/** Years the state lists cover: COW states2016 runs 1816–2016, the Gleditsch–Ward list (2017 update) 1816–2017. */
export const SYSTEM_YEARS: Readonly<Record<StateSystem, YearRange>> = { cow: { from: 1816, to: 2016 }, gw: { from: 1816, to: 2017 } };

/** The ATOP column names are accepted as well as Pacta's type names. */
const TYPE_ALIASES: Readonly<Record<string, AllianceType>> = { neutral: 'neutrality', nonagg: 'nonaggression', consul: 'consultation' };

/** An export option that cannot be honoured: which option, what it should have held. */
export class ExportOptionError extends PactaError {
  /** The option at fault, without dashes: `from`, `types`, `frame`, `on`… */
  readonly field: string;
  /** What the option should hold. */
  readonly expected: string;
  constructor(code: string, field: string, message: string, options: { expected: string; hint?: string; cause?: unknown }) {
    super(code, message, { ...(options.hint ? { hint: options.hint } : {}), ...(options.cause ? { cause: options.cause } : {}) });
    this.field = field;
    this.expected = options.expected;
  }
}

/** How a caller spells its options in messages: `--from 1990` on the command line, `from=1990` in a URL. */
export interface OptionNames {
  /** The option itself. */
  name(field: string): string;
  /** The option with a value. */
  value(field: string, value: string | number): string;
}

/** Query-string spelling, the default. */
export const QUERY_NAMES: OptionNames = { name: (f) => `'${f}'`, value: (f, v) => `${f}=${v}` };

/** Raw options of a dyad-year or state-year table, as typed or as given in a query string. */
export interface TableInput {
  readonly unit?: DyadUnit;
  /** The system frame (dyads only): every pair of system states, alliance columns merged. */
  readonly frame?: StateSystem;
  readonly from?: string | number;
  readonly to?: string | number;
  /** Comma-separated, or a list of comma-separated items. */
  readonly types?: string | readonly string[];
  readonly nna?: boolean;
}

/** A checked table request: everything that decides its rows. */
export interface TablePlan {
  readonly kind: 'dyads' | 'state-years';
  readonly unit: DyadUnit;
  readonly frame: StateSystem | null;
  readonly years: YearRange;
  /** Selected types, as given (deduplicated); null for the default, the ATOP five. */
  readonly types: readonly AllianceType[] | null;
  readonly nna: boolean;
}

/** Raw options of a network export. */
export interface NetworkExportInput {
  readonly on?: string;
  readonly year?: string | number;
  readonly types?: string | readonly string[];
}

/** A checked network request. */
export interface NetworkPlan {
  readonly period: NetworkPeriod;
  /** The day (`1979-02-17`) or the year (`1979`) the network is of. */
  readonly when: string;
  readonly types: readonly ProvisionType[];
}

function invalid(field: string, message: string, expected: string, hint?: string): ExportOptionError {
  return new ExportOptionError('E_INVALID_PARAMETER', field, message, { expected, ...(hint ? { hint } : {}) });
}

/**
 * Obligation types from a comma-separated text or a list of such texts (ATOP's names `neutral`,
 * `nonagg`, `consul` allowed); duplicates dropped, order kept. Undefined when none was given.
 */
export function parseTypes<T extends string>(raw: string | readonly string[] | undefined, allowed: readonly T[], names: OptionNames = QUERY_NAMES): T[] | undefined {
  if (raw === undefined) return undefined;
  const text = typeof raw === 'string' ? raw : raw.join(',');
  const list = [...new Set(text.split(',').map((t) => t.trim()).filter(Boolean).map((t) => TYPE_ALIASES[t] ?? t))];
  const bad = list.filter((t) => !(allowed as readonly string[]).includes(t));
  if (bad.length || !list.length) {
    throw invalid('types', `${names.value('types', list.length ? text.slice(0, 200) : `'${text.slice(0, 200)}'`)} names no obligation type${bad.length ? ` (unknown: ${bad.join(', ').slice(0, 200)})` : ''}`, `obligation types, comma-separated, from: ${allowed.join(', ')}`, `use a comma-separated list of: ${allowed.join(', ')}`);
  }
  return list as T[];
}

/** A four-digit year, or undefined when none was given. */
export function parseYear(raw: string | number | undefined, field: string, names: OptionNames = QUERY_NAMES): number | undefined {
  if (raw === undefined) return undefined;
  const text = String(raw).trim();
  if (!/^\d{4}$/.test(text)) throw invalid(field, `${names.value(field, text.slice(0, 40))} is not a year`, 'a four-digit year, e.g. 1816', 'write a four-digit year, e.g. 1816');
  return Number(text);
}

/**
 * Years the alliance data cover: when the engine holds ATOP records and every other alliance is a
 * curated treaty merged with one (it carries an ATOP id and cites that release), 1815 to the last
 * year of the oldest release (5.1: 2018); otherwise (curated data alone) unbounded. Computed
 * once per engine: an export asks twice (to check its years, then to build the index).
 */
export const allianceCoverage: (engine: Engine) => YearRange | null = memoByIdentity(coverageOf);

function coverageOf(engine: Engine): YearRange | null {
  const alliances = [...engine.periods()].map((p) => p.treaty).filter((t) => t.provisions.some((p) => (ALLIANCE_TYPES as readonly string[]).includes(p.type)));
  const releases = new Set(alliances.map((t) => atopRelease(t.origin)).filter((v): v is string => v !== undefined));
  if (releases.size === 0) return null;
  let to = Infinity;
  for (const t of alliances) {
    const release = atopRelease(t.origin);
    const versions = release ? [release] : t.atopids.length ? Object.values(t.sources).filter((x) => x.dataset === 'ATOP' && x.version && releases.has(x.version)).map((x) => x.version!) : [];
    const ends = versions.map(dataEnd).filter((e): e is string => e !== null);
    if (!ends.length) return null;
    to = Math.min(to, ...ends.map(yearOf));
  }
  return { from: FIRST_YEAR, to };
}

/**
 * The years of a table: `from` and `to` as given, else `defaults`; both must lie in `range`.
 * Without defaults (alliance data with no fixed range) both must be given.
 */
function yearsOf(input: TableInput, defaults: YearRange | null, range: YearRange, what: string, names: OptionNames): YearRange {
  const from = parseYear(input.from, 'from', names) ?? defaults?.from;
  const to = parseYear(input.to, 'to', names) ?? defaults?.to;
  const expected = `a year from ${range.from} to ${range.to}`;
  if (from === undefined || to === undefined) throw invalid(from === undefined ? 'from' : 'to', `give the years with ${names.name('from')} and ${names.name('to')} (${what} have no fixed range)`, expected);
  for (const [field, year] of [['from', from], ['to', to]] as const) {
    if (year < range.from || year > range.to) throw invalid(field, `${names.value(field, year)} is outside the years of ${what} (${range.from}–${range.to})`, expected);
  }
  if (from > to) throw invalid('from', `${names.value('from', from)} is after ${names.value('to', to)}`, `a year no later than ${to}`);
  return { from, to };
}

/**
 * Checks the options of a dyad-year (`kind` dyads) or state-year table against the engine's data:
 * types, years (default: the years the alliance data, or the frame's state list, cover) and, for
 * a frame, that the state list is imported. Throws `ExportOptionError`.
 */
export function planTable(engine: Engine, kind: TablePlan['kind'], input: TableInput, names: OptionNames = QUERY_NAMES): TablePlan {
  const types = parseTypes(input.types, ALLIANCE_TYPES, names) ?? null;
  const frame = kind === 'dyads' ? (input.frame ?? null) : null;
  let years: YearRange;
  if (frame) {
    const states = systemStates(engine.registry, frame).length;
    // A registry without an imported list still knows a few states (the curated registry's spells).
    if (states < 50) {
      const list = frame === 'cow' ? 'COW' : 'Gleditsch–Ward';
      throw new ExportOptionError('E_NO_SYSTEM', 'frame', `the database holds ${states ? `only ${states}` : 'no'} states with ${list} system-membership spells`, {
        expected: 'a state system whose list is imported',
        hint: frame === 'cow' ? 'import the COW state list first: pacta import cow-states <folder with states2016.csv>' : 'import the Gleditsch–Ward list first: pacta import gw-states <iisystem.dat>',
      });
    }
    years = yearsOf(input, SYSTEM_YEARS[frame], SYSTEM_YEARS[frame], `the ${frame === 'cow' ? 'COW' : 'Gleditsch–Ward'} frame`, names);
  } else {
    const coverage = allianceCoverage(engine);
    years = yearsOf(input, coverage, coverage ?? { from: FIRST_YEAR, to: yearOf(engine.today) }, 'these alliance data', names);
  }
  return { kind, unit: input.unit ?? 'directed-dyad-year', frame, years, types, nna: input.nna ?? false };
}

/**
 * The table a plan asks for, generated year by year as it is read. The alliance index and its
 * segments are built here (about half a second with all of ATOP); the rows, as they are read.
 */
export function exportTable(engine: Engine, plan: TablePlan, data: AllianceData = allianceDataFor(engine, plan)): TableStream {
  if (plan.kind === 'state-years') return allianceStateYears(data, plan.years);
  const options = { unit: plan.unit, ...plan.years };
  return plan.frame ? frameDyadYears(systemStates(engine.registry, plan.frame), data, options) : allianceDyadYears(data, options);
}

/** The alliance index a table plan reads: the engine's alliances of the plan's types, NNA or not. */
export function allianceDataFor(engine: Engine, plan: Pick<TablePlan, 'types' | 'nna'>): AllianceData {
  return AllianceData.fromEngine(engine, { ...(plan.types ? { types: plan.types } : {}), nna: plan.nna, coverage: allianceCoverage(engine) });
}

/**
 * Alliance indexes kept from one export to the next, for a process that serves many (the server):
 * building one and its segments takes about half a second with all of ATOP, and blocks meanwhile.
 * Keyed by engine, types and NNA; the `max` most recently used are kept. Downloads can share an
 * index: it changes only by memoising, synchronously, its records and the segments of its two
 * most recent year spans.
 */
export class AllianceDataCache {
  readonly #max: number;
  readonly #engineIds = new IdentityNumbers<Engine>();
  readonly #entries = new Map<string, AllianceData>();

  constructor(max = 4) {
    this.#max = max;
  }

  /** The index for this engine and plan, built now if it is not kept. */
  get(engine: Engine, plan: Pick<TablePlan, 'types' | 'nna'>): AllianceData {
    const key = `${this.#engineIds.of(engine)}|${plan.types ? [...plan.types].sort().join(',') : '*'}|${plan.nna}`;
    let data = this.#entries.get(key);
    if (data) this.#entries.delete(key);
    else data = allianceDataFor(engine, plan);
    this.#entries.set(key, data);
    while (this.#entries.size > this.#max) this.#entries.delete(this.#entries.keys().next().value!);
    return data;
  }

  /** Number of indexes kept. */
  get size(): number {
    return this.#entries.size;
  }
}

/**
 * The format of an output file: `format` when given, else the file name's extension (`names`:
 * extension to format), else `fallback` for stdout (`-`) and names without an extension
 * (/dev/null, a pipe). An extension not in `names` (`x.xlsx`), or one that `format` contradicts,
 * is an ExportOptionError rather than a file whose name lies about its content.
 */
export function outputFormat<F extends string>(out: string, format: F | undefined, names: Readonly<Record<string, F>>, fallback: F, optionNames: OptionNames = QUERY_NAMES): F {
  // The extension of the last path part, leading dots (hidden files) aside: `.hidden` has none.
  const base = out === '-' ? '' : (out.split(/[\\/]/).pop() ?? '').replace(/^\.+/, '');
  const ext = /\.([^.]+)$/.exec(base)?.[1]?.toLowerCase();
  const byName = ext === undefined ? undefined : Object.hasOwn(names, ext) ? names[ext] : undefined;
  if (ext !== undefined && byName === undefined && format === undefined) {
    const known = Object.keys(names).map((e) => `.${e}`).join(', ');
    throw invalid('out', `${optionNames.value('out', out)}: the name's extension .${ext} is not a format this command writes`, `a file name ending in ${known}, or - for stdout`, `rename the file, or give ${optionNames.name('format')}`);
  }
  if (format !== undefined && byName !== undefined && byName !== format) {
    throw invalid('format', `${optionNames.value('format', format)} contradicts the file name ${out}, which says ${byName}`, `${optionNames.value('format', byName)}, or a file name to match`);
  }
  return format ?? byName ?? fallback;
}

/** Checks the options of a network export: exactly one of `on` and `year`, and the types (default: the ATOP five). */
export function planNetwork(input: NetworkExportInput, names: OptionNames = QUERY_NAMES): NetworkPlan {
  if ((input.on === undefined) === (input.year === undefined)) {
    throw invalid(input.on === undefined ? 'on' : 'year', `give either ${names.name('on')} <date> or ${names.name('year')} <year>`, 'either a date (on) or a year (year), not both');
  }
  const types = parseTypes(input.types, PROVISION_TYPES, names) ?? [...ALLIANCE_TYPES];
  const year = parseYear(input.year, 'year', names);
  if (year !== undefined) return { period: { first: `${year}-01-01`, last: `${year}-12-31` }, when: String(year), types };
  let day: string;
  try {
    day = earliestDay(parseCalendarDate(input.on!));
  } catch (err) {
    if (err instanceof DateError) throw new ExportOptionError(err.code, 'on', err.message, { expected: 'a calendar date: YYYY, YYYY-MM or YYYY-MM-DD that exists (e.g. 1950-02-14)', ...(err.hint ? { hint: err.hint } : {}), cause: err });
    throw err;
  }
  return { period: { first: day, last: day }, when: day, types };
}

/**
 * Checks that a network's day or year lies in the years the engine's alliance data cover (as the
 * tables' years must): past the end of a release, its open-ended alliances would be extrapolated.
 * Throws `ExportOptionError` on the field given (`on` or `year`).
 */
export function checkNetworkPeriod(engine: Engine, plan: NetworkPlan, names: OptionNames = QUERY_NAMES): void {
  const range = allianceCoverage(engine) ?? { from: FIRST_YEAR, to: yearOf(engine.today) };
  const year = yearOf(plan.period.first);
  if (year >= range.from && year <= range.to) return;
  const field = plan.when.length === 4 ? 'year' : 'on';
  throw invalid(field, `${names.value(field, plan.when)} is outside the years of these alliance data (${range.from}–${range.to})`, `a ${field === 'year' ? 'year' : 'date'} from ${range.from} to ${range.to}`);
}

/** The ATOP release an engine's records come from (one at most: see `mergeTreaties`), if any. */
export const engineRelease: (engine: Engine) => string | undefined = memoByIdentity((engine: Engine) => {
  for (const { treaty } of engine.periods()) {
    const release = atopRelease(treaty.origin);
    if (release) return release;
  }
  return undefined;
});

/**
 * How files and answers name the records an engine answers from: the source filter, with the
 * ATOP release used (`atop-5.1`, `all-atop-4.01`, `curated`), so that a file says which release
 * it holds.
 */
export function sourceLabel(engine: Engine, source: string): string {
  const release = engineRelease(engine);
  if (release === undefined) return source;
  return source === 'atop' ? `atop-${release}` : `${source}-atop-${release}`;
}

/**
 * The records an engine answers from, in words for a summary line: `atop: ATOP 5.1`, `all:
 * curated treaties and ATOP 5.1`, `curated`.
 */
export function describeSource(engine: Engine, source: string): string {
  if (source === 'curated') return source;
  const release = engineRelease(engine);
  const curated = source !== 'atop' && [...engine.periods()].some(({ treaty }) => atopRelease(treaty.origin) === undefined);
  const parts = [...(curated ? ['curated treaties'] : []), ...(release ? [`ATOP ${release}`] : [])];
  return parts.length ? `${source}: ${parts.join(' and ')}` : source;
}

/** The network a plan asks for, and its text in `format`; `source` (see `sourceLabel`) is recorded in the file. */
export function exportNetwork(engine: Engine, plan: NetworkPlan, format: NetworkFormat, source: string): { graph: NetworkGraph; text: string } {
  const graph = allianceNetwork(engineNetworkInput(engine, plan.period), plan.period, new Set(plan.types));
  return { graph, text: formatNetwork(graph, format, { when: plan.when, types: plan.types, source }) };
}

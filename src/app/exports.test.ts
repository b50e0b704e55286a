import { describe, expect, it } from 'vitest';
import { Engine } from '../core/engine.js';
import { PolityRegistry } from '../core/polities.js';
import type { Polity } from '../core/model.js';
import { collectRecords } from '../analytics/table.js';
import { atopTreaty, corpusTreaties, testRegistry } from '../test-support/corpus.js';
import { thrown } from '../test-support/errors.js';
import { AllianceDataCache, ExportOptionError, QUERY_NAMES, allianceCoverage, checkNetworkPeriod, describeSource, exportNetwork, outputFormat, exportTable, parseTypes, parseYear, planNetwork, planTable, sourceLabel, type OptionNames } from './exports.js';
import { mergeTreaties } from './merge.js';

const registry = testRegistry();
const curated = new Engine(corpusTreaties(registry), registry, { today: '2020-01-01' });
const CLI: OptionNames = { name: (f) => `--${f}`, value: (f, v) => `--${f} ${v}` };

/** A defence pact between the USA and the UK in ATOP's shape (atopid 1001). */
const atopPact = atopTreaty(1001, [2, 200], '1950-02-14', '1980-04-11');

/** Runs `fn` and returns the ExportOptionError it throws. */
const failure = (fn: () => unknown): ExportOptionError => thrown(fn, ExportOptionError);

describe('option parsing', () => {
  it('reads types from a text or a list, with ATOP’s column names, without duplicates, in the order given', () => {
    expect(parseTypes('defense, nonagg', ['defense', 'nonaggression'])).toEqual(['defense', 'nonaggression']);
    expect(parseTypes(['consul,defense', 'defense'], ['defense', 'consultation'])).toEqual(['consultation', 'defense']);
    expect(parseTypes(undefined, ['defense'])).toBeUndefined();
    const e = failure(() => parseTypes('defence', ['defense', 'offense'], CLI));
    expect(e).toMatchObject({ code: 'E_INVALID_PARAMETER', field: 'types', message: '--types defence names no obligation type (unknown: defence)', hint: 'use a comma-separated list of: defense, offense' });
    expect(e.expected).toMatch(/from: defense, offense/);
    // A value that names nothing is quoted, so that the message shows it.
    expect(failure(() => parseTypes(' , ', ['defense'])).message).toBe("types=' , ' names no obligation type");
    expect(failure(() => parseTypes('', ['defense'], CLI)).message).toBe("--types '' names no obligation type");
  });

  it('reads four-digit years and names the option spelled the caller’s way', () => {
    expect(parseYear('1816', 'from')).toBe(1816);
    expect(parseYear(1816, 'from')).toBe(1816);
    expect(failure(() => parseYear('18x6', 'to', CLI))).toMatchObject({ field: 'to', message: '--to 18x6 is not a year', expected: 'a four-digit year, e.g. 1816' });
    expect(failure(() => parseYear(123, 'to', QUERY_NAMES)).message).toBe('to=123 is not a year');
  });
});

describe('table plans', () => {
  it('ask for the years when the alliance data have no fixed range, and check them against the years there can be data', () => {
    expect(allianceCoverage(curated)).toBeNull();
    expect(failure(() => planTable(curated, 'dyads', {}, CLI))).toMatchObject({ field: 'from', message: 'give the years with --from and --to (these alliance data have no fixed range)' });
    expect(failure(() => planTable(curated, 'dyads', { from: 1950 }))).toMatchObject({ field: 'to' });
    expect(failure(() => planTable(curated, 'dyads', { from: 1700, to: 1950 }))).toMatchObject({ field: 'from', message: 'from=1700 is outside the years of these alliance data (1815–2020)', expected: 'a year from 1815 to 2020' });
    expect(failure(() => planTable(curated, 'state-years', { from: 1950, to: 2030 }))).toMatchObject({ field: 'to', expected: 'a year from 1815 to 2020' });
    expect(failure(() => planTable(curated, 'dyads', { from: 1990, to: 1950 }, CLI))).toMatchObject({ field: 'from', message: '--from 1990 is after --to 1950', expected: 'a year no later than 1950' });
    expect(planTable(curated, 'dyads', { from: '1950', to: 1951, types: 'defense', nna: true })).toEqual({ kind: 'dyads', unit: 'directed-dyad-year', frame: null, years: { from: 1950, to: 1951 }, types: ['defense'], nna: true });
  });

  it('default to the years ATOP covers, and cut nothing the CLI would not', () => {
    const engine = new Engine([atopPact], registry, { today: '2020-01-01' });
    expect(allianceCoverage(engine)).toEqual({ from: 1815, to: 2018 });
    const plan = planTable(engine, 'dyads', { unit: 'dyad-year' });
    expect(plan).toMatchObject({ years: { from: 1815, to: 2018 }, unit: 'dyad-year', types: null, nna: false });
    const rows = collectRecords(exportTable(engine, plan).batches());
    expect(rows).toHaveLength(31);
    expect(rows[0]).toMatchObject({ mem1: 2, mem2: 200, year: 1950, defense: 1, atopid1: 1001 });
    expect(failure(() => planTable(engine, 'dyads', { to: 2019 }))).toMatchObject({ field: 'to', expected: 'a year from 1815 to 2018' });
    const states = collectRecords(exportTable(engine, planTable(engine, 'state-years', { from: 1979, to: 1981 })).batches());
    expect(states.map((r) => `${r.state}/${r.year}`)).toEqual(['2/1979', '200/1979', '2/1980', '200/1980']);
  });

  it('need the state list of a frame, and use its years', () => {
    const e = failure(() => planTable(curated, 'dyads', { frame: 'cow', from: 1950, to: 1951 }));
    expect(e).toMatchObject({ code: 'E_NO_SYSTEM', field: 'frame', hint: expect.stringMatching(/^import the COW state list first/) });
    expect(e.message).toMatch(/COW system-membership spells/);
    // 60 states in the system from 1900 on: enough to count as an imported list.
    const polities: Polity[] = Array.from({ length: 60 }, (_, i) => ({ ccode: 100 + i, abbrev: `S${i}`, name: `State ${i}`, aliases: [], spells: [{ start: '1900-01-01', end: null }] }));
    const engine = new Engine([], new PolityRegistry(polities), { today: '2020-01-01' });
    expect(planTable(engine, 'dyads', { frame: 'cow' }).years).toEqual({ from: 1816, to: 2016 });
    expect(failure(() => planTable(engine, 'dyads', { frame: 'gw', from: 1816 }))).toMatchObject({ code: 'E_NO_SYSTEM' });
    expect(failure(() => planTable(engine, 'dyads', { frame: 'cow', to: 2017 }))).toMatchObject({ field: 'to', message: 'to=2017 is outside the years of the COW frame (1816–2016)' });
    const frame = exportTable(engine, planTable(engine, 'dyads', { frame: 'cow', unit: 'dyad-year', from: 1950, to: 1950 }));
    expect(collectRecords(frame.batches())).toHaveLength((60 * 59) / 2);
    // state-years have no frame: the option is ignored rather than checked.
    expect(planTable(engine, 'state-years', { frame: 'cow', from: 1950, to: 1950 }).frame).toBeNull();
  });
});

describe('output formats', () => {
  const names = { csv: 'csv', parquet: 'parquet', pq: 'parquet' } as const;
  it('come from the option, else the extension, else the default (stdout, no extension, hidden names)', () => {
    expect(outputFormat('x.PQ', undefined, names, 'csv')).toBe('parquet');
    expect(outputFormat('out.v2/x', undefined, names, 'csv')).toBe('csv');
    expect(outputFormat('a.b/.hidden', undefined, names, 'csv')).toBe('csv');
    expect(outputFormat('-', 'parquet', names, 'csv')).toBe('parquet');
    expect(outputFormat('x.xlsx', 'csv', names, 'csv')).toBe('csv');
  });
  it('refuse an extension not written, and an option the name contradicts', () => {
    expect(failure(() => outputFormat('x.xlsx', undefined, names, 'csv', CLI))).toMatchObject({ field: 'out', message: "--out x.xlsx: the name's extension .xlsx is not a format this command writes", hint: 'rename the file, or give --format', expected: 'a file name ending in .csv, .parquet, .pq, or - for stdout' });
    expect(failure(() => outputFormat('x.constructor', undefined, names, 'csv'))).toMatchObject({ field: 'out' });
    expect(failure(() => outputFormat('d/x.csv', 'parquet', names, 'csv', CLI))).toMatchObject({ field: 'format', message: '--format parquet contradicts the file name d/x.csv, which says csv' });
  });
});

describe('network plans', () => {
  it('take a day or a year, not both, and the ATOP five by default', () => {
    expect(planNetwork({ on: '1979-02' })).toEqual({ period: { first: '1979-02-01', last: '1979-02-01' }, when: '1979-02-01', types: ['defense', 'offense', 'neutrality', 'nonaggression', 'consultation'] });
    expect(planNetwork({ year: 1979, types: 'economic-aid' })).toEqual({ period: { first: '1979-01-01', last: '1979-12-31' }, when: '1979', types: ['economic-aid'] });
    expect(failure(() => planNetwork({}, CLI))).toMatchObject({ field: 'on', message: 'give either --on <date> or --year <year>' });
    expect(failure(() => planNetwork({ on: '1979', year: 1979 }))).toMatchObject({ field: 'year' });
    expect(failure(() => planNetwork({ on: '1950-02-30' }))).toMatchObject({ code: 'E_DATE_INVALID', field: 'on', expected: expect.stringMatching(/calendar date/) });
    expect(failure(() => planNetwork({ year: 1979, types: 'alliance' }))).toMatchObject({ field: 'types' });
  });

  it('lie within the years of the alliance data, like the tables', () => {
    const atop = new Engine([atopPact], registry, { today: '2020-01-01' });
    expect(allianceCoverage(atop)).toEqual({ from: 1815, to: 2018 });
    expect(() => checkNetworkPeriod(atop, planNetwork({ year: 2018 }))).not.toThrow();
    expect(failure(() => checkNetworkPeriod(atop, planNetwork({ year: 2030 }), CLI))).toMatchObject({ code: 'E_INVALID_PARAMETER', field: 'year', message: '--year 2030 is outside the years of these alliance data (1815–2018)', expected: 'a year from 1815 to 2018' });
    expect(failure(() => checkNetworkPeriod(atop, planNetwork({ on: '1814-12-31' })))).toMatchObject({ field: 'on', message: 'on=1814-12-31 is outside the years of these alliance data (1815–2018)' });
    // Curated treaties alone: from 1815 to the engine's today.
    expect(failure(() => checkNetworkPeriod(curated, planNetwork({ year: 2021 })))).toMatchObject({ field: 'year', message: 'year=2021 is outside the years of these alliance data (1815–2020)' });
  });

  it('give the network and its file in one go', () => {
    const { graph, text } = exportNetwork(curated, planNetwork({ on: '1979-02-17', types: 'defense' }), 'json', 'curated');
    expect(graph.nodes.some((n) => n.ccode === 710)).toBe(true);
    expect(JSON.parse(text)).toMatchObject({ when: '1979-02-17', types: ['defense'], source: 'curated' });
  });
});

describe('AllianceDataCache', () => {
  const other = new Engine([atopPact], registry, { today: '2020-01-01' });

  it('hands out the same index for the same engine, types (in any order) and NNA setting', () => {
    const cache = new AllianceDataCache(4);
    const a = cache.get(curated, { types: ['defense', 'neutrality'], nna: false });
    expect(cache.get(curated, { types: ['neutrality', 'defense'], nna: false })).toBe(a);
    expect(cache.get(curated, { types: ['defense', 'neutrality'], nna: true })).not.toBe(a);
    expect(cache.get(other, { types: ['defense', 'neutrality'], nna: false })).not.toBe(a);
    expect(cache.size).toBe(3);
  });

  it('keeps the most recently used, and a table from a kept index equals one from a fresh index', () => {
    const cache = new AllianceDataCache(2);
    const all = cache.get(curated, { types: null, nna: false });
    cache.get(curated, { types: ['defense'], nna: false });
    expect(cache.get(curated, { types: null, nna: false })).toBe(all);
    cache.get(curated, { types: ['offense'], nna: false });
    expect(cache.size).toBe(2);
    expect(cache.get(curated, { types: null, nna: false })).toBe(all);
    expect(cache.get(curated, { types: ['defense'], nna: false })).not.toBe(cache.get(curated, { types: ['offense'], nna: false }));
    const plan = planTable(curated, 'dyads', { from: 1900, to: 1960 });
    const first = collectRecords(exportTable(curated, plan, all).batches());
    expect(collectRecords(exportTable(curated, plan, all).batches())).toEqual(first);
    expect(collectRecords(exportTable(curated, plan).batches())).toEqual(first);
    expect(first.length).toBeGreaterThan(100);
  });
});

describe('the records an export names', () => {
  it('says which source and which ATOP release a table or network comes from, in words and in a file label', () => {
    const records = [...corpusTreaties(registry), atopPact, { ...atopTreaty(1002, [2, 20], '1950-01-01', null), id: 'atop-4.01-1002', origin: 'atop-4.01' }];
    const engine = (source: 'all' | 'atop' | 'curated', atopVersion?: string) => new Engine(mergeTreaties(records, { source, ...(atopVersion ? { atopVersion } : {}) }), registry, { today: '2020-01-01' });
    const said = (source: 'all' | 'atop' | 'curated', atopVersion?: string) => [describeSource(engine(source, atopVersion), source), sourceLabel(engine(source, atopVersion), source)];
    expect(said('atop')).toEqual(['atop: ATOP 5.1', 'atop-5.1']);
    expect(said('atop', '4.01')).toEqual(['atop: ATOP 4.01', 'atop-4.01']);
    expect(said('all')).toEqual(['all: curated treaties and ATOP 5.1', 'all-atop-5.1']);
    expect(said('curated')).toEqual(['curated', 'curated']);
    expect([describeSource(curated, 'all'), sourceLabel(curated, 'all')]).toEqual(['all: curated treaties', 'all']);
  });
});

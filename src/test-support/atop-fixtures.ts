/**
 * Small synthetic ATOP and COW files for parser tests: the real column layout, a few rows with
 * defaults that any test overrides. Synthetic, written for these tests; not ATOP or COW data.
 */
import { MEMBER_REQUIRED } from '../sources/atop/codebook.js';

type Row = Readonly<Record<string, string | number>>;

/** Default member row: a bilateral defence pact between 2 (USA) and 200 (UK), 1950-02-14 to 1980-04-11. */
export const MEMBER_DEFAULTS: Row = {
  atopid: 1001, member: 2, cowsys: 1, yrent: 1950, moent: 2, dayent: 14, yrexit: 1980, moexit: 4, dayexit: 11, ineffect: 0,
  bilat: 1, phase: 0, maxphase: 0, speclgth: 0, length: 0, renounce: 0, proren: 0, renewlgt: 0, term: 1, termmode: 1, termcaus: 4,
  defense: 1, offense: 0, neutral: 0, nonagg: 0, consul: 0, asymm: 0, obvary: 0, specthrt: 0, statthr1: 0, statthr2: 0,
  ecaid: 0, milaid: 0, base: 0, organ1: 0, orgpurp1: 0, organ2: 0, orgpurp2: 0, version: '5.1',
};

/** The member-level columns the fixtures write (the required ones, in the release's order). */
export const MEMBER_COLUMNS: readonly string[] = [...MEMBER_REQUIRED];

/** Joins rows into CSV text with the given line ending (and a final one unless `final: false`). */
export function csv(header: readonly string[], rows: readonly (readonly (string | number)[])[], eol = '\n', final = true): string {
  return [header.join(','), ...rows.map((r) => r.join(','))].join(eol) + (final ? eol : '');
}

/** A member-level file: each row is the defaults overridden by the given fields. */
export function memberCsv(rows: readonly Row[], options: { eol?: string; columns?: readonly string[]; final?: boolean } = {}): string {
  const columns = options.columns ?? MEMBER_COLUMNS;
  return csv(columns, rows.map((r) => columns.map((c) => (c in r ? r[c]! : (MEMBER_DEFAULTS[c] ?? 0)))), options.eol, options.final);
}

/** The alliance-level columns the fixtures write. */
export const ALLIANCE_COLUMNS: readonly string[] = ['atopid', 'begyr', 'begmo', 'begday', 'endyr', 'endmo', 'endday', 'ineffect', 'maxphase', 'term', 'mem1', 'mem2', 'mem3', 'version'];

/** An alliance-level (or, with `phase` columns, alliance-phase) file. */
export function allianceCsv(rows: readonly Row[], options: { phase?: boolean } = {}): string {
  const columns = options.phase ? [...ALLIANCE_COLUMNS.slice(0, 1), 'phase', ...ALLIANCE_COLUMNS.slice(1)] : ALLIANCE_COLUMNS;
  const defaults: Row = { atopid: 1001, phase: 0, begyr: 1950, begmo: 2, begday: 14, endyr: 1980, endmo: 4, endday: 11, ineffect: 0, maxphase: 0, term: 1, mem1: 2, mem2: 200, mem3: '', version: '5.1' };
  return csv(columns, rows.map((r) => columns.map((c) => (c in r ? r[c]! : defaults[c]!))));
}

/** A states2016.csv-like file (with the spreadsheet's unnamed trailing columns when `padded`). */
export function statesCsv(rows: readonly (readonly (string | number)[])[], options: { eol?: string; padded?: boolean } = {}): string {
  const header = ['stateabb', 'ccode', 'statenme', 'styear', 'stmonth', 'stday', 'endyear', 'endmonth', 'endday', 'version'];
  const pad = options.padded ? Array<string>(11).fill('') : [];
  return csv([...header, ...pad], rows.map((r) => [...r, ...pad]), options.eol ?? '\r\n', false);
}

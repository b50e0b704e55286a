/**
 * The COW State System Membership List v2016: states2016.csv (spells of membership),
 * system2016.csv (state-years, used to cross-check the spells) and majors2016.csv (major-power
 * spells), parsed into polities. Pure: text in, polities and problems out.
 */
import { dayOf, previousDay, type IsoDay } from '../../core/dates.js';
import { DateError, type Problem } from '../../core/errors.js';
import type { CCode, Polity, SourceRef } from '../../core/model.js';
import { Cells, checkHeader, checkRowLengths, readTable, type Table, type TableRow } from '../tabular/table.js';

/** One row of states2016.csv or majors2016.csv: a spell of a state. */
export interface CowSpellRow {
  readonly line: number;
  readonly ccode: CCode;
  readonly abbrev: string;
  /** `statenme`; empty in majors2016.csv, which has no names. */
  readonly name: string;
  readonly start: IsoDay;
  /** `null` when the spell lasts to the end of the data (end date = 31 December of the version year). */
  readonly end: IsoDay | null;
}

/** One row of system2016.csv. */
export interface CowSystemRow {
  readonly line: number;
  readonly ccode: CCode;
  readonly abbrev: string;
  readonly year: number;
}

/** A parsed COW file. */
export interface CowFileResult<R> {
  readonly file: string;
  readonly rows: R[];
  /** The `version` column (2016), or `null` if unreadable. */
  readonly version: number | null;
  readonly problems: Problem[];
  readonly warnings: Problem[];
}

const STATES_COLUMNS = ['stateabb', 'ccode', 'statenme', 'styear', 'stmonth', 'stday', 'endyear', 'endmonth', 'endday', 'version'] as const;
const MAJORS_COLUMNS = ['stateabb', 'ccode', 'styear', 'stmonth', 'stday', 'endyear', 'endmonth', 'endday', 'version'] as const;
const SYSTEM_COLUMNS = ['stateabb', 'ccode', 'year', 'version'] as const;

/**
 * Unifications the COW codes imply, with ATOP's reading of treaty continuity (codebook §1.52:
 * unified Germany continued the FRG's commitments, most GDR agreements lapsed; unified Yemen
 * accepted the commitments of both predecessors). Each is checked against the spells.
 */
export const COW_SUCCESSIONS: readonly { readonly successor: CCode; readonly on: IsoDay; readonly predecessors: readonly { readonly ccode: CCode; readonly continuity: boolean }[] }[] = [
  { successor: 255, on: '1990-10-03', predecessors: [{ ccode: 260, continuity: true }, { ccode: 265, continuity: false }] },
  { successor: 679, on: '1990-05-22', predecessors: [{ ccode: 678, continuity: true }, { ccode: 680, continuity: true }] },
];

function open(file: string, text: string, required: readonly string[], what: string): { table?: Table; problems: Problem[]; warnings: Problem[] } {
  const { table, problems } = readTable(file, text, { what });
  if (!table) return { problems, warnings: [] };
  const header = checkHeader(table, required, [], what);
  problems.push(...header.problems);
  if (problems.length) return { problems, warnings: header.warnings };
  problems.push(...checkRowLengths(table, table.header.length));
  if (table.rows.length === 0) problems.push({ code: 'E_NO_ROWS', message: 'the file has a header but no data rows', location: { file, line: (table.headerRow?.line ?? 1) + 1, column: 1 }, expected: 'at least one data row' });
  // states2016.csv has passed through a spreadsheet: unnamed trailing columns, mostly empty, with
  // leftover cells (numbers, #REF!) in a few rows. They are not COW data and are ignored.
  const warnings = [...header.warnings];
  const unnamed = table.header.map((h, i) => (h === '' ? i : -1)).filter((i) => i >= 0);
  for (const r of table.rows) {
    const stray = unnamed.filter((i) => (r.fields[i] ?? '').trim() !== '');
    if (stray.length) {
      warnings.push({ code: 'W_EXTRA_VALUE', message: `values in columns without a name are ignored (spreadsheet residue): ${stray.map((i) => `'${r.fields[i]}'`).join(', ')}`, location: { file, line: r.line, column: r.columns[stray[0]!]! } });
    }
  }
  return { table, problems, warnings };
}

function readDay(c: Cells, row: TableRow, [y, m, d]: readonly [string, string, string]): IsoDay | undefined {
  const year = c.int(row, y, 'a four-digit year', { min: 1000, max: 9999 });
  const month = c.int(row, m, 'a month from 1 to 12', { min: 1, max: 12 });
  const day = c.int(row, d, 'a day of the month', { min: 1, max: 31 });
  if (typeof year !== 'number' || typeof month !== 'number' || typeof day !== 'number') return undefined;
  try {
    return dayOf(year, month, day);
  } catch (err) {
    if (!(err instanceof DateError)) throw err;
    c.problems.push({ code: 'E_DATE_INVALID', message: `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')} does not exist`, location: c.loc(row, d), expected: 'a day that exists in that month' });
    return undefined;
  }
}

function readVersion(c: Cells, rows: readonly TableRow[], problems: Problem[]): number | null {
  let version: number | null = null;
  for (const r of rows) {
    const v = c.int(r, 'version', 'the release year of the list, e.g. 2016', { min: 1 });
    if (typeof v !== 'number') continue;
    if (version === null) version = v;
    else if (v !== version) problems.push({ code: 'E_VERSION_MIXED', message: `'version' is ${v} here but ${version} in earlier rows`, location: c.loc(r, 'version'), expected: `version ${version} in every row` });
  }
  return version;
}

function spells(file: string, text: string, required: readonly string[], what: string, named: boolean): CowFileResult<CowSpellRow> {
  const { table, problems, warnings } = open(file, text, required, what);
  if (!table || problems.length) return { file, rows: [], version: null, problems, warnings };
  const c = new Cells(table, problems);
  const version = readVersion(c, table.rows, problems);
  const rows: CowSpellRow[] = [];
  for (const r of table.rows) {
    const before = problems.length;
    const ccode = c.int(r, 'ccode', 'a COW state code (a positive whole number)', { min: 1 });
    const abbrev = c.text(r, 'stateabb');
    if (!/^[A-Z]{2,4}$/.test(abbrev)) problems.push({ code: 'E_VALUE_FORMAT', message: `'stateabb' is '${abbrev}'`, location: c.loc(r, 'stateabb'), expected: 'a COW abbreviation of 2 to 4 capital letters' });
    const name = named ? c.text(r, 'statenme') : '';
    if (named && name === '') problems.push({ code: 'E_VALUE_MISSING', message: "'statenme' is blank", location: c.loc(r, 'statenme'), expected: 'the state name' });
    const start = readDay(c, r, ['styear', 'stmonth', 'stday']);
    const end = readDay(c, r, ['endyear', 'endmonth', 'endday']);
    if (start && end && end < start) problems.push({ code: 'E_DATE_ORDER', message: `the spell ends (${end}) before it starts (${start})`, location: c.loc(r, 'endyear'), expected: `an end on or after ${start}` });
    if (problems.length > before || typeof ccode !== 'number' || !start || !end) continue;
    rows.push({ line: r.line, ccode, abbrev, name, start, end: version !== null && end === `${version}-12-31` ? null : end });
  }
  // Spells of one state must not overlap.
  const byCode = new Map<CCode, CowSpellRow[]>();
  for (const s of rows) byCode.set(s.ccode, [...(byCode.get(s.ccode) ?? []), s]);
  for (const list of byCode.values()) {
    const sorted = [...list].sort((a, b) => (a.start < b.start ? -1 : 1));
    for (let i = 1; i < sorted.length; i++) {
      const prev = sorted[i - 1]!;
      if (prev.end === null || prev.end >= sorted[i]!.start) {
        problems.push({ code: 'E_SPELL_OVERLAP', message: `state ${sorted[i]!.ccode} has a spell from ${sorted[i]!.start} that overlaps its spell of line ${prev.line}`, location: { file, line: sorted[i]!.line, column: 1 }, expected: 'spells of one state that do not overlap' });
      }
    }
  }
  return { file, rows, version, problems, warnings };
}

/** Parses states2016.csv (or its peacesciencer copy, whose strings are quoted). */
export function parseCowStates(file: string, text: string): CowFileResult<CowSpellRow> {
  return spells(file, text, STATES_COLUMNS, 'the COW states2016 header', true);
}

/** Parses majors2016.csv. */
export function parseCowMajors(file: string, text: string): CowFileResult<CowSpellRow> {
  return spells(file, text, MAJORS_COLUMNS, 'the COW majors2016 header', false);
}

/** Parses system2016.csv (one row per state-year). */
export function parseCowSystem(file: string, text: string): CowFileResult<CowSystemRow> {
  const { table, problems, warnings } = open(file, text, SYSTEM_COLUMNS, 'the COW system2016 header');
  if (!table || problems.length) return { file, rows: [], version: null, problems, warnings };
  const c = new Cells(table, problems);
  const version = readVersion(c, table.rows, problems);
  const rows: CowSystemRow[] = [];
  for (const r of table.rows) {
    const ccode = c.int(r, 'ccode', 'a COW state code (a positive whole number)', { min: 1 });
    const year = c.int(r, 'year', 'a four-digit year', { min: 1000, max: 9999 });
    if (typeof ccode === 'number' && typeof year === 'number') rows.push({ line: r.line, ccode, abbrev: c.text(r, 'stateabb'), year });
  }
  return { file, rows, version, problems, warnings };
}

/**
 * Builds one polity per COW code from the parsed files: spells of system membership, major-power
 * spells and the successions of `COW_SUCCESSIONS` that the spells bear out. system2016 rows that
 * fall outside every spell are warnings; codes in majors or system that states2016 lacks are problems.
 */
export function cowPolities(
  states: CowFileResult<CowSpellRow>,
  majors?: CowFileResult<CowSpellRow>,
  system?: CowFileResult<CowSystemRow>,
): { polities: Polity[]; problems: Problem[]; warnings: Problem[] } {
  const problems: Problem[] = [];
  const warnings: Problem[] = [];
  const byCode = new Map<CCode, CowSpellRow[]>();
  for (const s of states.rows) byCode.set(s.ccode, [...(byCode.get(s.ccode) ?? []), s]);
  const ref = (file: string, line: number, source: string): SourceRef => ({ source, at: `${file}, line ${line}` });
  const majorsBy = new Map<CCode, CowSpellRow[]>();
  for (const m of majors?.rows ?? []) {
    if (!byCode.has(m.ccode)) {
      problems.push({ code: 'E_COW_CROSS', message: `state ${m.ccode} is not in ${states.file}`, location: { file: majors!.file, line: m.line, column: 1 }, expected: `a code listed in ${states.file}` });
      continue;
    }
    majorsBy.set(m.ccode, [...(majorsBy.get(m.ccode) ?? []), m]);
  }
  if (system) {
    const lastYear = system.version ?? Infinity;
    for (const y of system.rows) {
      const list = byCode.get(y.ccode);
      if (!list) {
        problems.push({ code: 'E_COW_CROSS', message: `state ${y.ccode} (${y.abbrev}) is not in ${states.file}`, location: { file: system.file, line: y.line, column: 1 }, expected: `a code listed in ${states.file}` });
        continue;
      }
      const covered = list.some((s) => Number(s.start.slice(0, 4)) <= y.year && (s.end === null ? lastYear : Number(s.end.slice(0, 4))) >= y.year);
      if (!covered) warnings.push({ code: 'W_COW_SYSTEM_YEAR', message: `${y.abbrev} (${y.ccode}) is a system member in ${y.year} in ${system.file}, but no spell in ${states.file} covers that year`, location: { file: system.file, line: y.line, column: 1 } });
    }
  }
  const successions = new Map<CCode, { ccode: CCode; on: IsoDay; continuity: boolean }[]>();
  for (const s of COW_SUCCESSIONS) {
    const starts = byCode.get(s.successor)?.some((x) => x.start === s.on);
    const ends = s.predecessors.every((p) => byCode.get(p.ccode)?.some((x) => x.end === previousDay(s.on)));
    if (!starts || !ends) {
      warnings.push({ code: 'W_COW_SUCCESSION', message: `the spells do not show ${s.predecessors.map((p) => p.ccode).join(' and ')} handing over to ${s.successor} on ${s.on}; the succession is not recorded`, location: { file: states.file } });
      continue;
    }
    successions.set(s.successor, s.predecessors.map((p) => ({ ccode: p.ccode, on: s.on, continuity: p.continuity })));
  }
  const polities: Polity[] = [];
  for (const [ccode, list] of [...byCode].sort((a, b) => a[0] - b[0])) {
    const sorted = [...list].sort((a, b) => (a.start < b.start ? -1 : 1));
    const last = sorted.at(-1)!;
    const names = [...new Set(sorted.map((s) => s.name))];
    const m = majorsBy.get(ccode);
    const succ = successions.get(ccode);
    polities.push({
      ccode,
      abbrev: last.abbrev,
      name: last.name,
      aliases: names.filter((n) => n !== last.name),
      spells: sorted.map((s) => ({ start: s.start, end: s.end })),
      ...(m ? { majorPower: [...m].sort((a, b) => (a.start < b.start ? -1 : 1)).map((s) => ({ start: s.start, end: s.end })) } : {}),
      ...(succ ? { succeeds: succ } : {}),
      sources: [...sorted.map((s) => ref(states.file, s.line, `cow-states-v${states.version}`)), ...(m ?? []).map((s) => ref(majors!.file, s.line, `cow-majors-v${majors!.version}`))],
    });
  }
  return { polities, problems, warnings };
}

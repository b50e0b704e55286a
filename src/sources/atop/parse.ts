/**
 * Parses the ATOP release files (member, alliance and alliance-phase level CSV, 5.1 or 4.01
 * layout, full or NNA) into typed rows, checking every field against the codebook and keeping
 * the line and column of each value for messages. Pure: text in, rows and problems out.
 */
import { dayOf, earliestDay, latestDay, type CalendarDate } from '../../core/dates.js';
import { DateError, type Problem } from '../../core/errors.js';
import type { CCode } from '../../core/model.js';
import { Cells, checkHeader, checkRowLengths, readTable, type Table, type TableRow } from '../tabular/table.js';
import {
  ALLIANCE_OTHER,
  ALLIANCE_REQUIRED,
  ANNAM_PLACEHOLDER,
  CONDITION_COLUMNS,
  DURATION_COLUMNS,
  MEMBER_OTHER,
  MEMBER_REQUIRED,
  PROVISION_COLUMNS,
  type AtopLevel,
} from './codebook.js';

/** One row of the member-level file: one member in one phase of one alliance, for one spell. */
export interface AtopMemberRow {
  /** Line in the file (header = 1). */
  readonly line: number;
  readonly atopid: number;
  readonly member: CCode;
  /** 0 for alliances without phases, else 1…MAXPHASE. */
  readonly phase: number;
  readonly maxphase: number;
  /** Signature (entry) date; month precision when DAYENT is blank. */
  readonly entry: CalendarDate;
  /** Exit date; `null` when in effect at the end of the data (INEFFECT=1, exit 0/0/0). */
  readonly exit: CalendarDate | null;
  /** The other integer columns Pacta uses, by lower-case name; `null` where ATOP leaves them blank (unknown). */
  readonly v: Readonly<Record<string, number | null>>;
}

/** One row of the alliance-level (phase 0) or alliance-phase-level file. */
export interface AtopAllianceRow {
  readonly line: number;
  readonly atopid: number;
  /** 0 in the alliance-level file. */
  readonly phase: number;
  readonly maxphase: number;
  readonly begin: CalendarDate;
  readonly end: CalendarDate | null;
  readonly term: number | null;
  /** MEM1…MEMn: every state that ever belonged to the alliance (phase). */
  readonly members: readonly CCode[];
}

/** What parsing one file produced. */
export interface AtopFileResult<R> {
  readonly file: string;
  readonly level: AtopLevel;
  readonly rows: R[];
  /** The release version the rows state (`5.1`, `4.01`), `null` if none could be read. */
  readonly version: string | null;
  readonly problems: Problem[];
  readonly warnings: Problem[];
}

/** `4.0100002` (a float artefact in one 4.01 file) → `4.01`; `5.1` → `5.1`. */
export function normalizeVersion(text: string): string | null {
  if (!/^\d+(\.\d+)?$/.test(text.trim())) return null;
  return String(Math.round(Number(text) * 100) / 100);
}

const BINARY = 'the codebook value 0 (no) or 1 (yes)';

/**
 * Reads an ATOP date from three columns. Day blank (unknown) gives month precision, as the
 * codebook codes an unknown day. `open` (all three 0) gives `null` when `allowOpen`.
 */
function readDate(c: Cells, row: TableRow, [y, m, d]: readonly [string, string, string], allowOpen: boolean): CalendarDate | null | undefined {
  const year = c.int(row, y, 'a four-digit year', { min: 0 });
  const month = c.int(row, m, 'a month from 1 to 12 (0 only for an ongoing alliance)', { min: 0 });
  const day = c.int(row, d, 'a day of the month, or blank when unknown', { optional: true, min: 0 });
  if (year === undefined || month === undefined || day === undefined || year === null || month === null) return undefined;
  if (year === 0 && month === 0 && (day === 0 || day === null)) {
    if (allowOpen) return null;
    c.problems.push({ code: 'E_DATE_INVALID', message: `'${y}/${m}/${d}' are 0, which ATOP uses only for exits of alliances in effect at the end of the data`, location: c.loc(row, y), expected: 'a date (year, month and day)' });
    return undefined;
  }
  if (year < 1000 || year > 9999) {
    c.problems.push({ code: 'E_DATE_INVALID', message: `'${y}' is ${year}, not a four-digit year`, location: c.loc(row, y), expected: 'a four-digit year' });
    return undefined;
  }
  if (month < 1 || month > 12) {
    c.problems.push({ code: 'E_DATE_INVALID', message: `'${m}' is ${month}; months run from 1 to 12`, location: c.loc(row, m), expected: 'a month from 1 to 12' });
    return undefined;
  }
  const ym = `${year}-${String(month).padStart(2, '0')}`;
  if (day === null) return ym;
  try {
    return dayOf(year, month, day);
  } catch (err) {
    if (!(err instanceof DateError)) throw err;
    c.problems.push({ code: 'E_DATE_INVALID', message: `${ym}-${String(day).padStart(2, '0')} does not exist (${d} = ${day})`, location: c.loc(row, d), expected: `a day that exists in ${ym}, or blank when unknown` });
    return undefined;
  }
}

function openTable(file: string, text: string, level: AtopLevel): { table?: Table; problems: Problem[]; warnings: Problem[] } {
  const what = `the ATOP ${level}-level header`;
  const { table, problems } = readTable(file, text, { what });
  if (!table) return { problems, warnings: [] };
  const required = level === 'member' ? MEMBER_REQUIRED : level === 'phase' ? [...ALLIANCE_REQUIRED, 'phase'] : ALLIANCE_REQUIRED;
  const other = level === 'member' ? MEMBER_OTHER : ALLIANCE_OTHER;
  const header = checkHeader(table, required, other, what);
  problems.push(...header.problems);
  if (problems.length) return { problems, warnings: header.warnings };
  problems.push(...checkRowLengths(table, table.header.length));
  if (table.rows.length === 0) {
    problems.push({ code: 'E_NO_ROWS', message: 'the file has a header but no data rows', location: { file, line: (table.headerRow?.line ?? 1) + 1, column: 1 }, expected: `at least one ${level} row` });
  }
  return { table, problems, warnings: header.warnings };
}

function readVersion(c: Cells, rows: readonly TableRow[], file: string, problems: Problem[]): string | null {
  let version: string | null = null;
  for (const row of rows) {
    const t = c.text(row, 'version');
    const v = normalizeVersion(t);
    if (v === null) {
      problems.push({ code: 'E_NOT_A_NUMBER', message: `'version' is '${t}', not a release number`, location: c.loc(row, 'version'), expected: 'the ATOP release number, e.g. 5.1' });
    } else if (version === null) version = v;
    else if (v !== version) {
      problems.push({ code: 'E_VERSION_MIXED', message: `'version' is ${v} here but ${version} in earlier rows of ${file}`, location: c.loc(row, 'version'), expected: `version ${version} in every row` });
    }
  }
  return version;
}

/**
 * Parses the member-level file. `isKnownState` says whether the registry knows a COW code;
 * ATOP's placeholder 8152 (Annam) is always accepted.
 */
export function parseAtopMembers(file: string, text: string, isKnownState: (ccode: CCode) => boolean): AtopFileResult<AtopMemberRow> {
  const { table, problems, warnings } = openTable(file, text, 'member');
  if (!table || problems.length) return { file, level: 'member', rows: [], version: null, problems, warnings };
  const c = new Cells(table, problems);
  const version = readVersion(c, table.rows, file, problems);
  const rows: AtopMemberRow[] = [];
  const unknownStates = new Set<CCode>();
  for (const row of table.rows) {
    const before = problems.length;
    const atopid = c.int(row, 'atopid', 'an ATOP alliance id (a positive whole number)', { min: 1 });
    const member = c.int(row, 'member', 'a COW state code (a positive whole number)', { min: 1 });
    const phase = c.int(row, 'phase', 'a phase number (0 for a single-phase alliance)', { min: 0 });
    const maxphase = c.int(row, 'maxphase', 'the number of phases (0 for a single-phase alliance)', { min: 0 });
    const ineffect = c.int(row, 'ineffect', BINARY, { min: 0, max: 1 });
    const entry = readDate(c, row, ['yrent', 'moent', 'dayent'], false);
    const exit = readDate(c, row, ['yrexit', 'moexit', 'dayexit'], true);
    const v: Record<string, number | null> = {};
    for (const col of ['defense', 'offense', 'neutral', 'nonagg', 'consul'] as const) {
      const n = c.int(row, col, BINARY, { min: 0, max: 1 });
      if (n !== undefined) v[col] = n;
    }
    for (const col of [...CONDITION_COLUMNS, 'asymm', 'obvary', 'bilat', 'cowsys'] as const) {
      const n = c.int(row, col, `${BINARY}, or blank when unknown`, { optional: true, min: 0, max: 1 });
      if (n !== undefined) v[col] = n;
    }
    for (const col of [...DURATION_COLUMNS, ...PROVISION_COLUMNS, 'term', 'termmode', 'termcaus', 'specthrt', 'statthr1', 'statthr2'] as const) {
      const n = c.int(row, col, 'a codebook value (a whole number), or blank when unknown', { optional: true, min: 0 });
      if (n !== undefined) v[col] = n;
    }
    if (member !== undefined && member !== null && member !== ANNAM_PLACEHOLDER && !isKnownState(member)) {
      unknownStates.add(member);
      problems.push({
        code: 'E_STATE_UNKNOWN',
        message: `member ${member} is not a state in the registry`,
        location: c.loc(row, 'member'),
        expected: 'a COW state code known to the registry (ATOP uses COW codes; 8152 is its placeholder for Annam)',
        hint: 'import the COW state list first: pacta import cow-states <dir>',
      });
    }
    if (ineffect === 1 && exit !== null && exit !== undefined) {
      problems.push({ code: 'E_ATOP_INEFFECT', message: `INEFFECT is 1 but the exit date is ${exit}`, location: c.loc(row, 'ineffect'), expected: 'exit 0/0/0 when the alliance is in effect at the end of the data (codebook §2.32)' });
    }
    if (ineffect === 0 && exit === null) {
      problems.push({ code: 'E_ATOP_INEFFECT', message: 'INEFFECT is 0 but the exit date is 0/0/0', location: c.loc(row, 'yrexit'), expected: 'an exit date, or INEFFECT=1 for an alliance still in effect' });
    }
    if (entry && exit && latestDay(exit) < earliestDay(entry)) {
      problems.push({ code: 'E_DATE_ORDER', message: `the exit ${exit} is before the entry ${entry}`, location: c.loc(row, 'yrexit'), expected: `an exit on or after ${entry}` });
    }
    if (problems.length > before || atopid == null || member == null || phase == null || maxphase == null || !entry || exit === undefined) continue;
    rows.push({ line: row.line, atopid, member, phase, maxphase, entry, exit, v });
  }
  return { file, level: 'member', rows, version, problems, warnings };
}

/** Parses the alliance-level (`level` = 'alliance') or alliance-phase-level file. */
export function parseAtopAlliances(file: string, text: string, level: 'alliance' | 'phase'): AtopFileResult<AtopAllianceRow> {
  const { table, problems, warnings } = openTable(file, text, level);
  if (!table || problems.length) return { file, level, rows: [], version: null, problems, warnings };
  const c = new Cells(table, problems);
  const version = readVersion(c, table.rows, file, problems);
  const memCols = table.header.filter((h) => /^mem\d+$/.test(h));
  const rows: AtopAllianceRow[] = [];
  for (const row of table.rows) {
    const before = problems.length;
    const atopid = c.int(row, 'atopid', 'an ATOP alliance id (a positive whole number)', { min: 1 });
    const phase = level === 'phase' ? c.int(row, 'phase', 'a phase number (0 for a single-phase alliance)', { min: 0 }) : 0;
    const maxphase = c.int(row, 'maxphase', 'the number of phases', { min: 0 });
    const ineffect = c.int(row, 'ineffect', BINARY, { min: 0, max: 1 });
    const term = c.int(row, 'term', 'a TERM code, or blank when unknown', { optional: true, min: 0 });
    const begin = readDate(c, row, ['begyr', 'begmo', 'begday'], false);
    const end = readDate(c, row, ['endyr', 'endmo', 'endday'], true);
    const members: CCode[] = [];
    for (const m of memCols) {
      const n = c.int(row, m, 'a COW state code, or blank', { optional: true, min: 1 });
      if (typeof n === 'number') members.push(n);
    }
    if (ineffect === 1 && end) problems.push({ code: 'E_ATOP_INEFFECT', message: `INEFFECT is 1 but the end date is ${end}`, location: c.loc(row, 'ineffect'), expected: 'end 0/0/0 for an alliance in effect at the end of the data' });
    if (ineffect === 0 && end === null) problems.push({ code: 'E_ATOP_INEFFECT', message: 'INEFFECT is 0 but the end date is 0/0/0', location: c.loc(row, 'endyr'), expected: 'an end date, or INEFFECT=1' });
    if (begin && end && latestDay(end) < earliestDay(begin)) problems.push({ code: 'E_DATE_ORDER', message: `the end ${end} is before the beginning ${begin}`, location: c.loc(row, 'endyr'), expected: `an end on or after ${begin}` });
    if (problems.length > before || atopid == null || phase == null || maxphase == null || !begin || end === undefined || term === undefined) continue;
    rows.push({ line: row.line, atopid, phase, maxphase, begin, end, term, members });
  }
  return { file, level, rows, version, problems, warnings };
}

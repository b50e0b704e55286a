import { describe, expect, it } from 'vitest';
import { formatProblem } from '../../core/errors.js';
import { csv, statesCsv } from '../../test-support/atop-fixtures.js';
import { GW_NAME_REPAIRS, parseGwStates } from './gw.js';
import { cowPolities, parseCowMajors, parseCowStates, parseCowSystem } from './states.js';

const GERMANY = [
  ['GMY', 255, 'Germany', 1816, 1, 1, 1945, 5, 8, 2016],
  ['GFR', 260, 'German Federal Republic', 1955, 5, 5, 1990, 10, 2, 2016],
  ['GDR', 265, 'German Democratic Republic', 1954, 3, 25, 1990, 10, 2, 2016],
  ['GMY', 255, 'Germany', 1990, 10, 3, 2016, 12, 31, 2016],
] as const;

describe('parseCowStates', () => {
  it('reads spells, with 31 December of the version year as "still a member", from padded CRLF text', () => {
    const r = parseCowStates('states2016.csv', statesCsv(GERMANY, { padded: true }));
    expect(r.problems).toEqual([]);
    expect(r.version).toBe(2016);
    expect(r.rows.map((s) => [s.line, s.ccode, s.start, s.end])).toEqual([
      [2, 255, '1816-01-01', '1945-05-08'],
      [3, 260, '1955-05-05', '1990-10-02'],
      [4, 265, '1954-03-25', '1990-10-02'],
      [5, 255, '1990-10-03', null],
    ]);
  });

  for (const [name, eol] of [['bare CR', '\r'], ['LF', '\n']] as const) {
    it(`reads ${name} line endings`, () => {
      expect(parseCowStates('s.csv', statesCsv(GERMANY, { eol })).rows).toHaveLength(4);
    });
  }

  it('ignores, with a warning, spreadsheet residue in unnamed columns', () => {
    const text = statesCsv(GERMANY, { padded: true }).replace('1945,5,8,2016,,,,,', '1945,5,8,2016,,,,,#REF!');
    const r = parseCowStates('s.csv', text);
    expect(r.problems).toEqual([]);
    expect(r.warnings).toMatchObject([{ code: 'W_EXTRA_VALUE', location: { line: 2 } }]);
  });

  it('reports bad input with file, line and column', () => {
    const bad = [
      ['GMY', 'x255', 'Germany', 1816, 1, 1, 1945, 5, 8, 2016],
      ['GFR', 260, 'German Federal Republic', 1955, 2, 30, 1990, 10, 2, 2016],
      ['gdr', 265, '', 1954, 3, 25, 1950, 10, 2, 2016],
    ];
    const r = parseCowStates('s.csv', statesCsv(bad, { eol: '\n' }));
    expect(r.problems.map(formatProblem)).toEqual([
      "file 's.csv', line 2, column 5: 'ccode' is 'x255', not a whole number [E_NOT_A_NUMBER]; expected a COW state code (a positive whole number)",
      "file 's.csv', line 3, column 40: 1955-02-30 does not exist [E_DATE_INVALID]; expected a day that exists in that month",
      "file 's.csv', line 4, column 1: 'stateabb' is 'gdr' [E_VALUE_FORMAT]; expected a COW abbreviation of 2 to 4 capital letters",
      "file 's.csv', line 4, column 9: 'statenme' is blank [E_VALUE_MISSING]; expected the state name",
      "file 's.csv', line 4, column 20: the spell ends (1950-10-02) before it starts (1954-03-25) [E_DATE_ORDER]; expected an end on or after 1954-03-25",
    ]);
  });

  it('reports a wrong header, an empty file and overlapping spells', () => {
    expect(parseCowStates('s.csv', 'abb,ccode\nGMY,255\n').problems[0]).toMatchObject({ code: 'E_HEADER_COLUMN_MISSING', location: { line: 1 } });
    expect(parseCowStates('s.csv', '').problems[0]).toMatchObject({ code: 'E_FILE_EMPTY' });
    const overlap = parseCowStates('s.csv', statesCsv([GERMANY[0], ['GMY', 255, 'Germany', 1940, 1, 1, 1950, 1, 1, 2016]]));
    expect(overlap.problems).toMatchObject([{ code: 'E_SPELL_OVERLAP', location: { line: 3 } }]);
  });
});

describe('cowPolities', () => {
  const states = parseCowStates('states2016.csv', statesCsv([...GERMANY, ['YAR', 678, 'Yemen Arab Republic', 1926, 9, 2, 1990, 5, 21, 2016], ['YPR', 680, "Yemen People's Republic", 1967, 11, 30, 1990, 5, 21, 2016], ['YEM', 679, 'Yemen', 1990, 5, 22, 2016, 12, 31, 2016]]));

  it('records the successions the codes imply, with ATOP’s reading of continuity', () => {
    const { polities, warnings } = cowPolities(states);
    expect(warnings).toEqual([]);
    expect(polities.find((p) => p.ccode === 255)).toMatchObject({
      spells: [{ start: '1816-01-01', end: '1945-05-08' }, { start: '1990-10-03', end: null }],
      succeeds: [{ ccode: 260, on: '1990-10-03', continuity: true }, { ccode: 265, on: '1990-10-03', continuity: false }],
    });
    expect(polities.find((p) => p.ccode === 679)!.succeeds).toEqual([{ ccode: 678, on: '1990-05-22', continuity: true }, { ccode: 680, on: '1990-05-22', continuity: true }]);
  });

  it('adds major-power spells and cross-checks the state-years', () => {
    const majors = parseCowMajors('majors2016.csv', csv(['stateabb', 'ccode', 'styear', 'stmonth', 'stday', 'endyear', 'endmonth', 'endday', 'version'], [['GMY', 255, 1816, 1, 1, 1918, 11, 11, 2016], ['JPN', 740, 1895, 4, 1, 1945, 8, 14, 2016]], '\r\n', false));
    const system = parseCowSystem('system2016.csv', csv(['stateabb', 'ccode', 'year', 'version'], [['GMY', 255, 1816, 2016], ['GMY', 255, 1960, 2016]]));
    const { polities, problems, warnings } = cowPolities(states, majors, system);
    expect(polities.find((p) => p.ccode === 255)!.majorPower).toEqual([{ start: '1816-01-01', end: '1918-11-11' }]);
    expect(problems).toMatchObject([{ code: 'E_COW_CROSS', location: { file: 'majors2016.csv', line: 3 } }]);
    expect(warnings).toMatchObject([{ code: 'W_COW_SYSTEM_YEAR', location: { file: 'system2016.csv', line: 3 } }]);
  });
});

describe('parseGwStates', () => {
  const line = (...f: (string | number)[]) => f.join('\t');

  it('reads tab-separated dd:mm:yyyy rows and repairs the two known damaged names with a warning', () => {
    const text = [line(260, 'GFR', 'German Federal Republic', '21:09:1949', '31:12:2017'), line(271, 'WRT', GW_NAME_REPAIRS[271]!.damaged, '01:01:1816', '17:01:1871'), line(437, 'CDI', 'Cote D\uFFFDIvoire', '07:08:1960', '31:12:2017')].join('\n') + '\n';
    const r = parseGwStates('iisystem.dat', text);
    expect(r.problems).toEqual([]);
    expect(r.rows.map((x) => [x.gwcode, x.name, x.start, x.end])).toEqual([
      [260, 'German Federal Republic', '1949-09-21', null],
      [271, 'Wuerttemberg', '1816-01-01', '1871-01-17'],
      [437, "Cote D'Ivoire", '1960-08-07', null],
    ]);
    expect(r.warnings.map((w) => [w.code, w.location.line, w.location.column])).toEqual([['W_NAME_REPAIRED', 2, 10], ['W_NAME_REPAIRED', 3, 15]]);
  });

  it('keeps an unknown damaged name as it is, with a warning', () => {
    const r = parseGwStates('iisystem.dat', line(999, 'XXX', 'Ab\uFFFDc', '01:01:1900', '01:01:1901') + '\n');
    expect(r.rows[0]!.name).toBe('Ab\uFFFDc');
    expect(r.warnings).toMatchObject([{ code: 'W_NAME_DAMAGED' }]);
  });

  it('reports a header line, bad dates and short rows', () => {
    const r = parseGwStates('iisystem.dat', 'gwcode\tstateabb\tstatename\tstart\tend\n2\tUSA\tUnited States\t31:02:1816\t31:12:2017\n');
    expect(r.problems.map(formatProblem)).toEqual([
      "file 'iisystem.dat', line 1, column 1: field 1 is 'gwcode', not a whole number [E_NOT_A_NUMBER]; expected a Gleditsch–Ward state code (a positive whole number); iisystem.dat has no header line",
      "file 'iisystem.dat', line 1, column 8: the abbreviation is 'stateabb' [E_VALUE_FORMAT]; expected an abbreviation of 2 to 4 capital letters",
      "file 'iisystem.dat', line 1, column 27: the start date is 'start' [E_DATE_INVALID]; expected a date written dd:mm:yyyy, e.g. 01:01:1816",
      "file 'iisystem.dat', line 1, column 33: the end date is 'end' [E_DATE_INVALID]; expected a date written dd:mm:yyyy, e.g. 01:01:1816",
      "file 'iisystem.dat', line 2, column 21: the start date '31:02:1816' does not exist [E_DATE_INVALID]; expected a date that exists, written dd:mm:yyyy",
    ]);
    expect(parseGwStates('iisystem.dat', '2\tUSA\tUnited States\r').problems).toMatchObject([{ code: 'E_ROW_LENGTH', location: { line: 1 } }]);
  });
});

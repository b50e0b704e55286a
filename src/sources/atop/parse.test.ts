import { describe, expect, it } from 'vitest';
import { formatProblem } from '../../core/errors.js';
import { allianceCsv, memberCsv, MEMBER_COLUMNS } from '../../test-support/atop-fixtures.js';
import { decodeUtf8 } from '../tabular/table.js';
import { normalizeVersion, parseAtopAlliances, parseAtopMembers } from './parse.js';
import { classifyAtopFile } from './release.js';

const known = (c: number) => [2, 200, 220, 365, 710, 816].includes(c);
const two = [{ member: 2 }, { member: 200 }];
/** 1-based character column of a member-level field in a default row. */
const columnOf = (text: string, line: number, name: string): number => {
  const row = text.split(/\r\n|\r|\n/)[line - 1]!.split(',');
  return row.slice(0, MEMBER_COLUMNS.indexOf(name)).join(',').length + (MEMBER_COLUMNS.indexOf(name) > 0 ? 2 : 1);
};

describe('parseAtopMembers', () => {
  it('reads a well-formed file: dates, obligations, conditions and the version', () => {
    const r = parseAtopMembers('m.csv', memberCsv(two), known);
    expect(r.problems).toEqual([]);
    expect(r.version).toBe('5.1');
    expect(r.rows).toHaveLength(2);
    expect(r.rows[0]).toMatchObject({ line: 2, atopid: 1001, member: 2, phase: 0, entry: '1950-02-14', exit: '1980-04-11' });
    expect(r.rows[0]!.v).toMatchObject({ defense: 1, nonagg: 0, termmode: 1, termcaus: 4 });
  });

  for (const [name, eol] of [['CRLF', '\r\n'], ['bare CR', '\r'], ['LF', '\n']] as const) {
    it(`imports ${name} line endings with the same rows and line numbers`, () => {
      const r = parseAtopMembers('m.csv', memberCsv(two, { eol }), known);
      expect(r.problems).toEqual([]);
      expect(r.rows.map((x) => [x.line, x.member])).toEqual([[2, 2], [3, 200]]);
    });
  }

  it('codes a blank day as month precision and exit 0/0/0 with INEFFECT=1 as no end', () => {
    const r = parseAtopMembers('m.csv', memberCsv([{ dayent: '', ineffect: 1, yrexit: 0, moexit: 0, dayexit: 0 }, { member: 200, dayexit: '' }]), known);
    expect(r.problems).toEqual([]);
    expect(r.rows.map((x) => [x.entry, x.exit])).toEqual([['1950-02', null], ['1950-02-14', '1980-04']]);
  });

  it('accepts the Annam placeholder 8152 although the registry lacks it', () => {
    expect(parseAtopMembers('m.csv', memberCsv([{ member: 220 }, { member: 8152 }]), known).problems).toEqual([]);
  });

  it('reports an empty file', () => {
    const r = parseAtopMembers('m.csv', '', known);
    expect(r.problems.map(formatProblem)).toEqual([
      "file 'm.csv', line 1, column 1: the file is empty [E_FILE_EMPTY]; expected the ATOP member-level header followed by data rows",
    ]);
  });

  it('reports a header without data rows', () => {
    expect(parseAtopMembers('m.csv', memberCsv([]), known).problems).toMatchObject([{ code: 'E_NO_ROWS', location: { line: 2 } }]);
  });

  it('reports a missing column, and a misspelt one at its place in the header', () => {
    const missing = MEMBER_COLUMNS.filter((c) => c !== 'dayexit');
    const r1 = parseAtopMembers('m.csv', memberCsv(two, { columns: missing }), known);
    expect(r1.problems.map(formatProblem)).toEqual([
      "file 'm.csv', line 1, column 1: column 'dayexit' is missing from the header [E_HEADER_COLUMN_MISSING]; expected the ATOP member-level header with a column named 'dayexit'",
    ]);
    const renamed = MEMBER_COLUMNS.map((c) => (c === 'member' ? 'membr' : c));
    const text = memberCsv(two, { columns: renamed });
    const r2 = parseAtopMembers('m.csv', text, known);
    expect(r2.problems).toHaveLength(1);
    expect(r2.problems[0]).toMatchObject({ code: 'E_HEADER_COLUMN_MISSING', location: { file: 'm.csv', line: 1, column: text.indexOf('membr') + 1 }, hint: "rename 'membr' to 'member'" });
    expect(r2.rows).toEqual([]);
  });

  it('reports a truncated file at the end of the cut row', () => {
    const full = memberCsv(two, { final: false });
    const cut = full.slice(0, full.length - 40);
    const r = parseAtopMembers('m.csv', cut, known);
    expect(r.problems).toHaveLength(1);
    expect(r.problems[0]).toMatchObject({ code: 'E_ROW_LENGTH', location: { file: 'm.csv', line: 3, column: cut.length - cut.lastIndexOf('\n') } });
    expect(r.problems[0]!.message).toMatch(/the row has \d+ fields, the header \d+; the file seems to be truncated/);
  });

  it('reports a non-numeric state code at its field', () => {
    const text = memberCsv([{ member: 'UKG' }, { member: 200 }]);
    const r = parseAtopMembers('m.csv', text, known);
    expect(r.problems.map(formatProblem)).toEqual([
      `file 'm.csv', line 2, column ${columnOf(text, 2, 'member')}: 'member' is 'UKG', not a whole number [E_NOT_A_NUMBER]; expected a COW state code (a positive whole number)`,
    ]);
  });

  it('reports an impossible date at the day or month field', () => {
    const text = memberCsv([{ moent: 2, dayent: 30 }, { member: 200, moexit: 13 }]);
    const r = parseAtopMembers('m.csv', text, known);
    expect(r.problems).toMatchObject([
      { code: 'E_DATE_INVALID', message: '1950-02-30 does not exist (dayent = 30)', location: { line: 2, column: columnOf(text, 2, 'dayent') }, expected: 'a day that exists in 1950-02, or blank when unknown' },
      { code: 'E_DATE_INVALID', location: { line: 3, column: columnOf(text, 3, 'moexit') }, expected: 'a month from 1 to 12' },
    ]);
  });

  it('reports an unknown state code with the hint to import the state list', () => {
    const text = memberCsv([{ member: 2 }, { member: 999 }]);
    const r = parseAtopMembers('m.csv', text, known);
    expect(r.problems).toMatchObject([{ code: 'E_STATE_UNKNOWN', message: 'member 999 is not a state in the registry', location: { line: 3, column: columnOf(text, 3, 'member') }, hint: 'import the COW state list first: pacta import cow-states <dir>' }]);
  });

  it('reports exit dates that contradict INEFFECT and exits before entries', () => {
    const r = parseAtopMembers('m.csv', memberCsv([{ ineffect: 1 }, { member: 200, yrexit: 0, moexit: 0, dayexit: 0 }, { member: 220, yrexit: 1949 }]), known);
    expect(r.problems.map((p) => [p.code, p.location.line])).toEqual([['E_ATOP_INEFFECT', 2], ['E_ATOP_INEFFECT', 3], ['E_DATE_ORDER', 4]]);
  });

  it('reports obligation flags outside 0/1 and a mixed version column', () => {
    const r = parseAtopMembers('m.csv', memberCsv([{ defense: 2 }, { member: 200, version: '4.01' }]), known);
    expect(r.problems.map((p) => p.code)).toEqual(['E_VERSION_MIXED', 'E_VALUE_RANGE']);
  });

  it('rejects Latin-1 bytes before parsing (the importer decodes first)', () => {
    const text = memberCsv(two);
    const bytes = new TextEncoder().encode(text);
    bytes[text.indexOf('\n') + 1] = 0xe9;
    expect(decodeUtf8('m.csv', bytes).problems).toMatchObject([{ code: 'E_ENCODING', location: { file: 'm.csv', line: 2, column: 1 } }]);
  });
});

describe('parseAtopAlliances', () => {
  it('reads alliance and phase rows with members, and 0/0/0 ends', () => {
    const a = parseAtopAlliances('a.csv', allianceCsv([{}, { atopid: 1002, ineffect: 1, endyr: 0, endmo: 0, endday: 0, begday: '' }]), 'alliance');
    expect(a.problems).toEqual([]);
    expect(a.rows).toMatchObject([
      { atopid: 1001, phase: 0, begin: '1950-02-14', end: '1980-04-11', term: 1, members: [2, 200] },
      { atopid: 1002, begin: '1950-02', end: null },
    ]);
    const ph = parseAtopAlliances('aph.csv', allianceCsv([{ phase: 1 }, { phase: 2 }], { phase: true }), 'phase');
    expect(ph.rows.map((r) => r.phase)).toEqual([1, 2]);
  });

  it('reports a phase file without its phase column', () => {
    expect(parseAtopAlliances('aph.csv', allianceCsv([{}]), 'phase').problems).toMatchObject([{ code: 'E_HEADER_COLUMN_MISSING', message: "column 'phase' is missing from the header" }]);
  });
});

describe('file names and versions', () => {
  it('recognises the release files, the NNA variants and the 4.01 names', () => {
    expect(classifyAtopFile('atop5_1m.csv')).toEqual({ level: 'member', version: '5.1', nna: false });
    expect(classifyAtopFile('atop5_1aph_NNA.csv')).toEqual({ level: 'phase', version: '5.1', nna: true });
    expect(classifyAtopFile('atop5_0mNNA.csv')).toEqual({ level: 'member', version: '5.0', nna: true });
    expect(classifyAtopFile('atop4_01a.csv')).toEqual({ level: 'alliance', version: '4.01', nna: false });
    expect(classifyAtopFile('atop-member-level.csv')).toEqual({ level: 'member', nna: false });
    expect(classifyAtopFile('atop_5_1_codebook.pdf')).toBeNull();
  });

  it('normalises the version column, including the 4.01 float artefact', () => {
    expect(normalizeVersion('4.0100002')).toBe('4.01');
    expect(normalizeVersion('5.1')).toBe('5.1');
    expect(normalizeVersion('v5')).toBeNull();
  });
});

import { describe, expect, it } from 'vitest';
import { formatProblem } from '../../core/errors.js';
import { Cells, checkHeader, checkRowLengths, decodeUtf8, firstInvalidUtf8, positionOf, readTable } from './table.js';

const enc = (s: string) => new TextEncoder().encode(s);

describe('decodeUtf8', () => {
  it('decodes ASCII and UTF-8 and strips a byte-order mark', () => {
    expect(decodeUtf8('f', enc('\uFEFFa,b\nü,中\n'))).toEqual({ text: 'a,b\nü,中\n', problems: [] });
  });

  it('rejects Latin-1 bytes with the line and column of the first one', () => {
    const bytes = new Uint8Array([...enc('name,code\r\nMan'), 0xe9, ...enc(' Junta,1\r\n')]);
    const { text, problems } = decodeUtf8('wars.csv', bytes);
    expect(text).toBeUndefined();
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ code: 'E_ENCODING', location: { file: 'wars.csv', line: 2, column: 4 }, expected: 'ASCII or UTF-8 text' });
    expect(formatProblem(problems[0]!)).toContain("file 'wars.csv', line 2, column 4: byte 0xE9 is not valid UTF-8");
  });

  it('finds truncated and overlong sequences', () => {
    expect(firstInvalidUtf8(new Uint8Array([0x61, 0xe4, 0xb8]))).toBe(1);
    expect(firstInvalidUtf8(new Uint8Array([0xc0, 0xaf]))).toBe(0);
    expect(firstInvalidUtf8(enc('ok 中文'))).toBe(-1);
  });
});

describe('readTable', () => {
  for (const [name, eol] of [['LF', '\n'], ['CRLF', '\r\n'], ['bare CR', '\r']] as const) {
    it(`reads ${name} line endings with the right line numbers and columns`, () => {
      const { table, problems } = readTable('t.csv', ['a,bb,c', '1,22,333', '4,,6'].join(eol));
      expect(problems).toEqual([]);
      expect(table!.header).toEqual(['a', 'bb', 'c']);
      expect(table!.rows.map((r) => [r.line, r.fields, r.columns])).toEqual([
        [2, ['1', '22', '333'], [1, 3, 6]],
        [3, ['4', '', '6'], [1, 3, 4]],
      ]);
    });
  }

  it('counts lines inside quoted fields and skips blank lines', () => {
    const { table } = readTable('t.csv', 'a,b\n"x\ny",2\n\n3,"4,5"\n');
    expect(table!.rows.map((r) => [r.line, r.fields, r.columns])).toEqual([
      [2, ['x\ny', '2'], [1, 7]],
      [5, ['3', '4,5'], [1, 3]],
    ]);
  });

  it('reports an empty file', () => {
    expect(readTable('e.csv', '  \r\n').problems).toMatchObject([{ code: 'E_FILE_EMPTY', location: { file: 'e.csv', line: 1, column: 1 } }]);
  });

  it('reports an unclosed quote as a truncated file', () => {
    const { problems } = readTable('q.csv', 'a,b\n1,"2\n');
    expect(problems[0]).toMatchObject({ code: 'E_CSV_SYNTAX', location: { file: 'q.csv' } });
    expect(problems[0]!.message).toContain('truncated');
  });

  it('reports short rows at the column where the missing field would start', () => {
    const { table } = readTable('t.csv', 'a,b,c\n1,2,3\n4,5');
    expect(checkRowLengths(table!, 3)).toMatchObject([{ code: 'E_ROW_LENGTH', location: { line: 3, column: 4 }, expected: '3 fields per row' }]);
    expect(checkRowLengths(table!, 3)[0]!.message).toContain('truncated');
  });

  it('reports a missing header column at the misspelt field and names extra columns', () => {
    const { table } = readTable('h.csv', 'atopid,membr,yrent,extra\n1,2,3,4\n');
    const { problems, warnings } = checkHeader(table!, ['atopid', 'member', 'yrent'], [], 'the test header');
    expect(problems).toEqual([
      {
        code: 'E_HEADER_COLUMN_MISSING',
        message: "column 'member' is missing; field 2 of the header is 'membr'",
        location: { file: 'h.csv', line: 1, column: 8 },
        expected: "the test header with a column named 'member'",
        hint: "rename 'membr' to 'member'",
      },
    ]);
    expect(warnings.map((w) => w.message)).toEqual(["column 'extra' is not part of the test header; it is ignored"]);
  });

  it('reads tab-separated text without quoting', () => {
    const { table } = readTable('t.dat', '1\tA "B"\tx\n', { delimiter: '\t', quote: false, header: false });
    expect(table!.rows[0]!.fields).toEqual(['1', 'A "B"', 'x']);
  });
});

describe('Cells', () => {
  it('reads integers and reports blanks, non-numbers and ranges at their field', () => {
    const { table } = readTable('c.csv', 'n,m\n12,x\n,7\n');
    const problems: never[] = [];
    const c = new Cells(table!, problems);
    const [r1, r2] = table!.rows;
    expect(c.int(r1!, 'n', 'a number')).toBe(12);
    expect(c.int(r1!, 'm', 'a number')).toBeUndefined();
    expect(c.int(r2!, 'n', 'a number', { optional: true })).toBeNull();
    expect(c.int(r2!, 'n', 'a number')).toBeUndefined();
    expect(c.int(r2!, 'm', 'a small number', { max: 5 })).toBeUndefined();
    expect(problems).toMatchObject([
      { code: 'E_NOT_A_NUMBER', location: { line: 2, column: 4 }, message: "'m' is 'x', not a whole number" },
      { code: 'E_VALUE_MISSING', location: { line: 3, column: 1 } },
      { code: 'E_VALUE_RANGE', location: { line: 3, column: 2 }, expected: 'a small number' },
    ]);
  });

  it('positionOf counts CRLF, LF and CR as line ends', () => {
    expect(positionOf('ab\r\ncd\ref\ng', 10)).toEqual({ line: 4, column: 1 });
    expect(positionOf('ab\r\ncd', 5)).toEqual({ line: 2, column: 2 });
  });
});

/**
 * Delimited text (CSV, TSV) read with csv-parse, keeping for every field the line and column it
 * came from, so that dataset importers can point each problem at the exact spot. Pure: the
 * caller passes the bytes and the name to report them under.
 */
import { parse } from 'csv-parse/sync';
import type { Problem, SourceLocation } from '../../core/errors.js';

/** One record of a delimited file. */
export interface TableRow {
  /** Line (1-based) on which the record starts. */
  readonly line: number;
  readonly fields: readonly string[];
  /** Column (1-based character position in its line) at which each field starts. */
  readonly columns: readonly number[];
  /** Column just past the last field, where a missing field would have started. */
  readonly endColumn: number;
}

/** A delimited file split into its header and records. */
export interface Table {
  readonly file: string;
  /** Header names (trimmed); empty when the format has no header. */
  readonly header: readonly string[];
  readonly headerRow: TableRow | undefined;
  readonly rows: readonly TableRow[];
  /** Position of each non-empty header name. */
  readonly index: ReadonlyMap<string, number>;
  /** The line ending the file uses, for messages and tests. */
  readonly lineEnding: 'crlf' | 'lf' | 'cr' | 'none';
}

/** Options of `readTable`. */
export interface ReadTableOptions {
  readonly delimiter?: ',' | '\t';
  /** `false` for formats without quoting (tab-separated lists whose names contain quotes). */
  readonly quote?: boolean;
  /** Whether the first record is a header (default true). */
  readonly header?: boolean;
  /** Describes the expected content in messages, e.g. "the ATOP member-level header". */
  readonly what?: string;
}

/** Line and column (1-based) of a character offset in `text`; CRLF, LF and bare CR all end a line. */
export function positionOf(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

/** Offset of the first byte that is not part of a valid UTF-8 sequence, or -1. */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    if (b < 0x80) {
      i++;
      continue;
    }
    const need = b >= 0xc2 && b <= 0xdf ? 1 : b >= 0xe0 && b <= 0xef ? 2 : b >= 0xf0 && b <= 0xf4 ? 3 : -1;
    if (need < 0 || i + need >= bytes.length) return i;
    for (let k = 1; k <= need; k++) if (((bytes[i + k] ?? 0) & 0xc0) !== 0x80) return i;
    // Overlong three-byte forms, surrogates, and code points above U+10FFFF.
    const b1 = bytes[i + 1]!;
    if ((b === 0xe0 && b1 < 0xa0) || (b === 0xed && b1 > 0x9f) || (b === 0xf0 && b1 < 0x90) || (b === 0xf4 && b1 > 0x8f)) return i;
    i += need + 1;
  }
  return -1;
}

/**
 * Decodes bytes as UTF-8 (ASCII is a subset). Bytes that are not UTF-8, typically Latin-1 or
 * Windows-1252 text, are a problem pointing at the first such byte; nothing is guessed.
 */
export function decodeUtf8(file: string, bytes: Uint8Array): { text?: string; problems: Problem[] } {
  const bad = firstInvalidUtf8(bytes);
  if (bad >= 0) {
    const prefix = new TextDecoder('utf-8').decode(bytes.subarray(0, bad));
    const { line, column } = positionOf(prefix + ' ', prefix.length);
    const byte = bytes[bad]!.toString(16).toUpperCase().padStart(2, '0');
    return {
      problems: [
        {
          code: 'E_ENCODING',
          message: `byte 0x${byte} is not valid UTF-8; the file looks like Latin-1 (ISO 8859-1) or Windows-1252 text`,
          location: { file, line, column },
          expected: 'ASCII or UTF-8 text',
          hint: `convert it first, e.g. iconv -f latin1 -t utf-8 '${file}'`,
        },
      ],
    };
  }
  let text = new TextDecoder('utf-8').decode(bytes);
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  return { text, problems: [] };
}

function lineEndingOf(text: string): Table['lineEnding'] {
  const i = text.search(/[\r\n]/);
  if (i < 0) return 'none';
  return text[i] === '\n' ? 'lf' : text[i + 1] === '\n' ? 'crlf' : 'cr';
}

/** Start columns of the fields of one raw record (quote-aware), as csv-parse split them. */
function fieldColumns(raw: string, count: number, delimiter: string, quote: boolean): { columns: number[]; end: number } {
  const columns = [1];
  let inQuote = false;
  let i = 0;
  for (; i < raw.length && columns.length <= count; i++) {
    const c = raw[i]!;
    if (quote && c === '"') inQuote = !inQuote;
    else if (!inQuote && c === delimiter) columns.push(i + 2);
    else if (!inQuote && (c === '\r' || c === '\n')) break;
  }
  return { columns: columns.slice(0, count), end: i + 1 };
}

/**
 * Splits delimited text into header and records with csv-parse. Blank lines are skipped.
 * Problems: an empty file, text csv-parse cannot split (an unclosed quote), duplicate header names.
 * Record lengths are checked by `checkRowLengths`, so that callers choose what is expected.
 */
export function readTable(file: string, text: string, options: ReadTableOptions = {}): { table?: Table; problems: Problem[] } {
  const delimiter = options.delimiter ?? ',';
  const quote = options.quote ?? true;
  const hasHeader = options.header ?? true;
  if (text.trim() === '') {
    return {
      problems: [{ code: 'E_FILE_EMPTY', message: 'the file is empty', location: { file, line: 1, column: 1 }, expected: hasHeader ? `${options.what ?? 'a header line'} followed by data rows` : 'data rows' }],
    };
  }
  let records: { record: string[]; raw: string; info: { lines: number } }[];
  try {
    records = parse(text, { delimiter, quote: quote ? '"' : false, relax_column_count: true, relax_quotes: false, raw: true, info: true, skip_empty_lines: false, bom: true }) as unknown as typeof records;
  } catch (err) {
    const e = err as { code?: string; message: string; lines?: number };
    const line = e.lines ?? positionOf(text, text.length).line;
    const message = e.code === 'CSV_QUOTE_NOT_CLOSED' ? 'a quoted field is not closed before the end of the file; the file may be truncated' : `the text cannot be split into fields: ${e.message}`;
    return { problems: [{ code: 'E_CSV_SYNTAX', message, location: { file, line, column: 1 }, expected: 'well-formed delimited text (RFC 4180 quoting)' }] };
  }
  const rows: TableRow[] = [];
  let nextLine = 1;
  for (const r of records) {
    const line = nextLine;
    nextLine = r.info.lines + 1;
    if (r.record.length === 1 && r.record[0]!.trim() === '') continue;
    const { columns, end } = fieldColumns(r.raw, r.record.length, delimiter, quote);
    rows.push({ line, fields: r.record, columns, endColumn: end });
  }
  const problems: Problem[] = [];
  const headerRow = hasHeader ? rows.shift() : undefined;
  const header = headerRow ? headerRow.fields.map((h) => h.trim()) : [];
  const index = new Map<string, number>();
  header.forEach((h, i) => {
    if (h === '') return;
    if (index.has(h)) {
      problems.push({ code: 'E_HEADER_DUPLICATE', message: `column '${h}' appears twice in the header`, location: { file, line: headerRow!.line, column: headerRow!.columns[i] }, expected: 'each column name once' });
      return;
    }
    index.set(h, i);
  });
  return { table: { file, header, headerRow, rows, index, lineEnding: lineEndingOf(text) }, problems };
}

/** Edit distance, for suggesting the column a misspelt header name meant. */
function distance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0]![j] = j;
  for (let i = 1; i <= a.length; i++) for (let j = 1; j <= b.length; j++) d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
  return d[a.length]![b.length]!;
}

/**
 * Checks that the header has every required column. A missing column is reported at the header
 * field that most likely meant it (a misspelling), else at the start of the header line.
 * Columns that are neither required nor `known` come back as warnings.
 */
export function checkHeader(table: Table, required: readonly string[], known: readonly string[], what: string): { problems: Problem[]; warnings: Problem[] } {
  const problems: Problem[] = [];
  const warnings: Problem[] = [];
  const h = table.headerRow!;
  const knownSet = new Set([...required, ...known]);
  const unknown = table.header.map((name, i) => ({ name, i })).filter((c) => c.name !== '' && !knownSet.has(c.name));
  for (const name of required) {
    if (table.index.has(name)) continue;
    const near = unknown.map((u) => ({ ...u, d: distance(u.name.toLowerCase(), name) })).filter((u) => u.d <= Math.max(1, Math.floor(name.length / 3))).sort((a, b) => a.d - b.d)[0];
    problems.push({
      code: 'E_HEADER_COLUMN_MISSING',
      message: near ? `column '${name}' is missing; field ${near.i + 1} of the header is '${near.name}'` : `column '${name}' is missing from the header`,
      location: { file: table.file, line: h.line, column: near ? h.columns[near.i]! : 1 },
      expected: `${what} with a column named '${name}'`,
      ...(near ? { hint: `rename '${near.name}' to '${name}'` } : {}),
    });
  }
  for (const u of unknown) {
    if (problems.some((p) => p.location.column === h.columns[u.i])) continue;
    warnings.push({ code: 'W_HEADER_EXTRA_COLUMN', message: `column '${u.name}' is not part of ${what}; it is ignored`, location: { file: table.file, line: h.line, column: h.columns[u.i]! } });
  }
  return { problems, warnings };
}

/** Checks that every record has `expected` fields; a short last record is reported as a truncated file. */
export function checkRowLengths(table: Table, expected: number, what = 'fields'): Problem[] {
  const problems: Problem[] = [];
  table.rows.forEach((r, k) => {
    if (r.fields.length === expected) return;
    const last = k === table.rows.length - 1;
    problems.push({
      code: 'E_ROW_LENGTH',
      message: `the row has ${r.fields.length} ${what}, the header ${expected}${last && r.fields.length < expected ? '; the file seems to be truncated' : ''}`,
      location: { file: table.file, line: r.line, column: r.fields.length < expected ? r.endColumn : r.columns[expected]! },
      expected: `${expected} ${what} per row`,
    });
  });
  return problems;
}

/** Typed access to the fields of a table by column name; every problem is collected with its location. */
export class Cells {
  constructor(
    readonly table: Table,
    readonly problems: Problem[],
  ) {}

  /** Location of a field (or of the row when the column is absent). */
  loc(row: TableRow, column: string | number): SourceLocation {
    const i = typeof column === 'number' ? column : this.table.index.get(column);
    return { file: this.table.file, line: row.line, column: i === undefined ? 1 : (row.columns[i] ?? row.endColumn) };
  }

  /** The trimmed text of a field; empty when the column or field is absent. */
  text(row: TableRow, column: string | number): string {
    const i = typeof column === 'number' ? column : this.table.index.get(column);
    return i === undefined ? '' : (row.fields[i] ?? '').trim();
  }

  /**
   * An integer field. Blank gives `null` when `optional`, else a problem. Returns `undefined`
   * after recording a problem.
   */
  int(row: TableRow, column: string | number, what: string, options: { optional?: boolean; min?: number; max?: number } = {}): number | null | undefined {
    const t = this.text(row, column);
    const name = typeof column === 'number' ? `field ${column + 1}` : `'${column}'`;
    if (t === '') {
      if (options.optional) return null;
      this.problems.push({ code: 'E_VALUE_MISSING', message: `${name} is blank`, location: this.loc(row, column), expected: what });
      return undefined;
    }
    if (!/^-?\d+$/.test(t)) {
      this.problems.push({ code: 'E_NOT_A_NUMBER', message: `${name} is '${t}', not a whole number`, location: this.loc(row, column), expected: what });
      return undefined;
    }
    const n = Number(t);
    if ((options.min !== undefined && n < options.min) || (options.max !== undefined && n > options.max)) {
      this.problems.push({ code: 'E_VALUE_RANGE', message: `${name} is ${n}, outside the codebook's range`, location: this.loc(row, column), expected: what });
      return undefined;
    }
    return n;
  }
}

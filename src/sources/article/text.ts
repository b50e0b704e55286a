/**
 * Line model of an article: each line normalised for matching (odd spaces folded, invisible
 * characters dropped, runs of spaces collapsed) while remembering, for every character, the
 * column it had in the original line, so that extracted values point at the exact spot.
 */

/** One line of an article, normalised, with the original column of each character. */
export interface TextLine {
  /** 1-based line number in the original text. */
  readonly n: number;
  /** The normalised text (NFC, one plain space for any run of spacing, trailing spaces cut). */
  readonly text: string;
  /** `cols[i]` is the 1-based column, in code points of the NFC line, of `text[i]`. */
  readonly cols: readonly number[];
}

// No-break, figure, thin, hair, ideographic and similar spaces, and tabs, all read as a space.
const SPACES = /[\t\v\f \u00A0\u1680\u2000-\u200A\u202F\u205F\u3000]/u;
// Zero-width space, word joiner, BOM, soft hyphen, direction marks: they carry no text.
const INVISIBLE = /[\u200B\u2060\uFEFF\u00AD\u200E\u200F\u202A-\u202E]/u;

/** Normalises one line and records the original column of every kept character. */
export function normalizeLine(raw: string, n: number): TextLine {
  let text = '';
  const cols: number[] = [];
  let col = 0;
  let pendingSpace = 0;
  for (const ch of raw.normalize('NFC')) {
    col++;
    if (INVISIBLE.test(ch)) continue;
    if (SPACES.test(ch)) {
      if (!pendingSpace) pendingSpace = col;
      continue;
    }
    if (pendingSpace) {
      text += ' ';
      cols.push(pendingSpace);
      pendingSpace = 0;
    }
    text += ch;
    for (let i = 0; i < ch.length; i++) cols.push(col);
  }
  return { n, text, cols };
}

/** Splits a text into normalised lines (LF, CRLF or CR endings). */
export function toLines(text: string): TextLine[] {
  return text.split(/\r\n|\r|\n|\u2028|\u2029/).map((raw, i) => normalizeLine(raw, i + 1));
}

/** The original 1-based column of the character at `index` of a normalised line. */
export function columnAt(line: TextLine, index: number): number {
  if (line.cols.length === 0) return 1;
  const i = Math.max(0, Math.min(index, line.cols.length - 1));
  return line.cols[i]!;
}

/** Offset of the first non-space character at or after `index`. */
export function skipSpaces(s: string, index: number): number {
  let i = index;
  while (i < s.length && s[i] === ' ') i++;
  return i;
}

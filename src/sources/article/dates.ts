/**
 * Date phrases as encyclopedia articles write them: `14 February 1950`, `February 16, 1979`,
 * `September 27 1940`, `1950-02-14`, `February 1950`, and (in infobox cells only) a bare year.
 * Every value is checked with `parseCalendarDate`, so `30 February 1950` is reported, never emitted.
 */
import { parseCalendarDate, type CalendarDate } from '../../core/dates.js';
import { DateError } from '../../core/errors.js';

const MONTHS: Readonly<Record<string, number>> = {
  january: 1, february: 2, march: 3, april: 4, may: 5, june: 6, july: 7, august: 8,
  september: 9, october: 10, november: 11, december: 12,
  jan: 1, feb: 2, mar: 3, apr: 4, jun: 6, jul: 7, aug: 8, sep: 9, sept: 9, oct: 10, nov: 11, dec: 12,
};

// Capitalised month names only: lower-case "may" and "march" are verbs in running text.
const MONTH =
  '(January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)';
// A year must not run on into a range ("1947–1997") or a decade ("1950s").
const YEAR_END = '(?![\\p{L}\\p{N}]|\\s?[–—-]\\s?\\d)';

const PATTERNS: readonly { kind: DateKind; re: RegExp }[] = [
  { kind: 'iso', re: /(?<![\p{N}-])(\d{4})-(\d{2})-(\d{2})(?![\p{N}-])/gu },
  {
    kind: 'dmy',
    re: new RegExp(`(?<![\\p{L}\\p{N}–—/.-]|[–—-] )(\\d{1,2})(?:st|nd|rd|th)?(?: of)? ${MONTH}\\.?,? (\\d{4})${YEAR_END}`, 'gu'),
  },
  { kind: 'mdy', re: new RegExp(`(?<![\\p{L}\\p{N}])${MONTH}\\.? (\\d{1,2})(?:st|nd|rd|th)?,? (\\d{4})${YEAR_END}`, 'gu') },
  { kind: 'my', re: new RegExp(`(?<![\\p{L}\\p{N}]|\\d |\\d(?:st|nd|rd|th) |of )${MONTH}\\.?,? (\\d{4})${YEAR_END}`, 'gu') },
];

/** How a date phrase was written. */
export type DateKind = 'iso' | 'dmy' | 'mdy' | 'my' | 'year';

/** A date phrase found in a string, with its offsets. */
export interface DateMatch {
  readonly value: CalendarDate;
  readonly kind: DateKind;
  /** Offset of the first character and one past the last. */
  readonly index: number;
  readonly end: number;
  readonly text: string;
}

/** A phrase shaped like a date that names no real day (e.g. `30 February 1950`). */
export interface InvalidDate {
  readonly text: string;
  readonly index: number;
  readonly message: string;
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

function build(kind: DateKind, m: RegExpExecArray): string {
  switch (kind) {
    case 'iso':
      return `${m[1]}-${m[2]}-${m[3]}`;
    case 'dmy':
      return `${m[3]}-${pad(MONTHS[m[2]!.toLowerCase()]!)}-${pad(Number(m[1]))}`;
    case 'mdy':
      return `${m[3]}-${pad(MONTHS[m[1]!.toLowerCase()]!)}-${pad(Number(m[2]))}`;
    default:
      return `${m[2]}-${pad(MONTHS[m[1]!.toLowerCase()]!)}`;
  }
}

/**
 * Finds the date phrases of day or month precision in `s` (bare years are not dates in
 * running text). Overlapping matches keep the more precise one.
 */
export function findDates(s: string): { dates: DateMatch[]; invalid: InvalidDate[] } {
  const found: { kind: DateKind; m: RegExpExecArray }[] = [];
  for (const { kind, re } of PATTERNS) {
    re.lastIndex = 0;
    for (let m = re.exec(s); m; m = re.exec(s)) found.push({ kind, m });
  }
  // Earlier start first; at the same start the longer (more precise) phrase wins.
  found.sort((a, b) => a.m.index - b.m.index || b.m[0].length - a.m[0].length);
  const dates: DateMatch[] = [];
  const invalid: InvalidDate[] = [];
  let taken = -1;
  for (const { kind, m } of found) {
    if (m.index < taken) continue;
    taken = m.index + m[0].length;
    try {
      const value = parseCalendarDate(build(kind, m));
      dates.push({ value, kind, index: m.index, end: taken, text: m[0] });
    } catch (e) {
      if (!(e instanceof DateError)) throw e;
      invalid.push({ text: m[0], index: m.index, message: e.message });
    }
  }
  return { dates, invalid };
}

/** Footnote markers such as `[1]`, `[a]`, `[note 2]`, `[citation needed]`. */
export const FOOTNOTE = /\[\s*(?:\d{1,3}|[a-z]|[a-z]+ \d{1,3}|citation needed|clarification needed|when\?|which\?)\s*\]/giu;

/** Result of reading an infobox cell that should hold one date. */
export interface DateCell {
  /** The date, when the cell states exactly one. */
  readonly value?: CalendarDate;
  /** Offset of the date phrase in the cell. */
  readonly index?: number;
  /** Why the cell was not read as a date, when it is not empty. */
  readonly problem?: string;
}

/**
 * Reads an infobox cell that must state one date and nothing else, e.g.
 * `14 February 1950 (1950-02-14)`, `February 16, 1979`, `1950`. A cell with words besides the
 * date ("by both parties in 1950", "1 October 1939 (definitive)"), with a range, with two
 * different dates, or with a date that does not exist gives a `problem` and no value.
 */
export function parseDateCell(cell: string): DateCell {
  // Old Style dates in brackets accompany the New Style date; the latter is kept.
  const s = cell
    .replace(FOOTNOTE, ' ')
    .replace(/[[(]\s*O\.\s?S\.[^\])]*[\])]/gu, ' ')
    .replace(/;?\s*\(?\d+ years?(?:,? (?:and )?\d+ months?)? ago\)?/gu, ' ')
    .replace(/ {2,}/g, ' ')
    .trim();
  if (s === '') return {};
  if (/(?:^|[\s(])(?:c|ca)\.|\b(?:circa|about|around|before|after|between|or|until|till|from)\b|\?/iu.test(s)) {
    return { problem: `'${cell.trim()}' is not one exact date` };
  }
  const { dates, invalid } = findDates(s);
  if (invalid.length) return { problem: invalid[0]!.message };
  let rest = s;
  for (const d of [...dates].reverse()) rest = rest.slice(0, d.index) + ' ' + rest.slice(d.end);
  const all: { value: string; index: number }[] = dates.map((d) => ({ value: d.value, index: d.index }));
  rest = rest.replace(/(?<![\p{N}-])(\d{4})(?![\p{N}-])/gu, (y: string) => {
    all.push({ value: y, index: cell.indexOf(y) });
    return ' ';
  });
  if (/[\p{L}\p{N}]/u.test(rest)) return { problem: `'${cell.trim()}' holds more than a date` };
  if (all.length === 0) return {};
  const values = new Set(all.map((d) => d.value));
  if (values.size > 1) return { problem: `'${cell.trim()}' states different dates: ${[...values].join(', ')}` };
  const first = dates[0];
  return { value: all[0]!.value, index: Math.max(0, first ? cell.indexOf(first.text) : all[0]!.index) };
}

/** True when two dates can mean the same day (`1950-02` and `1950-02-14` can; `1950-02-14` and `1950-02-15` cannot). */
export function compatibleDates(a: CalendarDate, b: CalendarDate): boolean {
  return a.startsWith(b) || b.startsWith(a);
}

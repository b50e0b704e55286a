/**
 * Calendar dates with precision. A date is an ISO 8601 calendar string:
 * `YYYY` (year precision), `YYYY-MM` (month precision) or `YYYY-MM-DD` (day precision).
 * There is no time of day and no time zone anywhere in Pacta.
 *
 * Arithmetic is delegated to the Temporal polyfill's `PlainDate`, which is exact
 * calendar arithmetic in the proleptic Gregorian calendar (but for whole years added to a day
 * other than 29 February, which only change the year: see `addPeriod`). Edge cases, decided
 * once here:
 * - adding years or months clamps to the end of the month: 1952-02-29 + 1 year = 1953-02-28,
 *   1950-01-31 + 1 month = 1950-02-28 (Temporal's `overflow: 'constrain'`);
 * - a vague date stands for an interval: 1950-02 is 1950-02-01..1950-02-28, 1950 is
 *   1950-01-01..1950-12-31. Day-precision comparisons use the earliest day unless stated.
 */
import { Temporal } from 'temporal-polyfill';
import { DateError } from './errors.js';
import { memoByIdentity } from './identity.js';

/** A day-precision ISO date string, `YYYY-MM-DD`. Comparable with `<` and `>`. */
export type IsoDay = string;

/** A calendar date of year, month or day precision (`1950`, `1950-02`, `1950-02-14`). */
export type CalendarDate = string;

/** How precisely a date is known. */
export type Precision = 'year' | 'month' | 'day';

/** A span of whole years, months and days, as a treaty clause states it ("30 years"). */
export interface Period {
  readonly years?: number;
  readonly months?: number;
  readonly days?: number;
}

const DATE_RE = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/;

/** Precision of a well-formed calendar date. */
export function precisionOf(date: CalendarDate): Precision {
  const n = date.length;
  return n === 4 ? 'year' : n === 7 ? 'month' : 'day';
}

/** Days in a month of the proleptic Gregorian calendar. */
export function daysInMonth(year: number, month: number): number {
  // Only February's length changes from year to year: other months are asked once each.
  const key = month === 2 ? year * 16 + month : month;
  let days = monthLengths.get(key);
  if (days === undefined) monthLengths.set(key, (days = Temporal.PlainYearMonth.from({ year, month }).daysInMonth));
  return days;
}
// Memo of daysInMonth: every date a query receives is checked against its month's length.
const monthLengths = new Map<number, number>();

/**
 * Checks that `text` is a real calendar date of year, month or day precision and returns it.
 * Throws `DateError` (code `E_DATE_INVALID`) naming what was expected.
 */
export function parseCalendarDate(text: string): CalendarDate {
  const m = DATE_RE.exec(text.trim());
  if (!m) {
    throw new DateError('E_DATE_INVALID', `'${text}' is not a calendar date`, {
      hint: 'write YYYY, YYYY-MM or YYYY-MM-DD, e.g. 1950-02-14',
    });
  }
  const year = Number(m[1]);
  if (m[2] === undefined) return m[1]!;
  const month = Number(m[2]);
  if (month < 1 || month > 12) {
    throw new DateError('E_DATE_INVALID', `'${text}' has month ${m[2]}; months run from 01 to 12`);
  }
  if (m[3] === undefined) return `${m[1]}-${m[2]}`;
  const day = Number(m[3]);
  const max = daysInMonth(year, month);
  if (day < 1) throw new DateError('E_DATE_INVALID', `'${text}' has day ${m[3]}; days run from 01 to ${max}`);
  if (day > max) throw new DateError('E_DATE_INVALID', `'${text}' does not exist: ${m[1]}-${m[2]} has ${max} days`);
  return `${m[1]}-${m[2]}-${m[3]}`;
}

/** True when `text` is a valid calendar date. */
export function isCalendarDate(text: string): boolean {
  try {
    parseCalendarDate(text);
    return true;
  } catch {
    return false;
  }
}

/** Builds a day-precision date from numbers, or throws `DateError` if it does not exist. */
export function dayOf(year: number, month: number, day: number): IsoDay {
  return parseCalendarDate(`${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`);
}

/** First day a vague date can mean: 1950 → 1950-01-01, 1950-02 → 1950-02-01. */
export function earliestDay(date: CalendarDate): IsoDay {
  const p = precisionOf(date);
  return p === 'day' ? date : p === 'month' ? `${date}-01` : `${date}-01-01`;
}

/** Last day a vague date can mean: 1950 → 1950-12-31, 1950-02 → 1950-02-28. */
export function latestDay(date: CalendarDate): IsoDay {
  const p = precisionOf(date);
  if (p === 'day') return date;
  if (p === 'year') return `${date}-12-31`;
  const [y, m] = date.split('-').map(Number) as [number, number];
  return `${date}-${String(daysInMonth(y, m)).padStart(2, '0')}`;
}

function toPlain(day: IsoDay): Temporal.PlainDate {
  // The constructor rejects days that do not exist, like `from` with overflow 'reject', and is
  // several times faster than parsing the string (engine builds call this tens of thousands of times).
  const y = Number(day.slice(0, 4));
  const m = Number(day.slice(5, 7));
  const d = Number(day.slice(8, 10));
  if (day.length !== 10 || day[4] !== '-' || day[7] !== '-' || !Number.isInteger(y) || !Number.isInteger(m) || !Number.isInteger(d)) return Temporal.PlainDate.from(day, { overflow: 'reject' });
  return new Temporal.PlainDate(y, m, d);
}

/**
 * A day as the integer yyyymmdd (1950-04-11 → 19500411): ordered like the day, and compared far
 * faster than strings in the engine's index.
 */
export function dayNumber(day: IsoDay): number {
  // Digit arithmetic rather than slicing: the engine's index converts every obligation's days.
  const c = (i: number): number => day.charCodeAt(i) - 48;
  return c(0) * 10000000 + c(1) * 1000000 + c(2) * 100000 + c(3) * 10000 + c(5) * 1000 + c(6) * 100 + c(8) * 10 + c(9);
}

/** Adds a period to a day; month ends clamp (see the module comment). */
export function addPeriod(day: IsoDay, period: Period): IsoDay {
  const years = period.years ?? 0;
  // Whole years added to a month and day that every year has (all but 29 February, see
  // monthDaysOfEveryYear) change only the year, which Temporal would confirm at many times the
  // cost: an engine build adds terms and renewals about 1,500 times for ATOP, mostly this way.
  if (!period.months && !period.days && Number.isInteger(years) && years >= 0 && DAY_RE.test(day) && monthDaysOfEveryYear().has(day.slice(5))) {
    const year = Number(day.slice(0, 4)) + years;
    if (year <= 9999) return `${String(year).padStart(4, '0')}${day.slice(4)}`;
  }
  // Temporal's default overflow is 'constrain' (31 January + 1 month = 28/29 February).
  return toPlain(day).add(durationOf(period)).toString();
}

const DAY_RE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * `MM-DD` of every day of a common year (2001): the month-days that exist in every year, as
 * Temporal counts the months. Built on first use.
 */
let everyYear: Set<string> | undefined;
function monthDaysOfEveryYear(): Set<string> {
  if (everyYear) return everyYear;
  everyYear = new Set();
  for (let m = 1; m <= 12; m++) for (let d = 1; d <= daysInMonth(2001, m); d++) everyYear.add(`${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`);
  return everyYear;
}

/** Subtracts a period from a day; month ends clamp. */
export function subtractPeriod(day: IsoDay, period: Period): IsoDay {
  return toPlain(day).subtract(durationOf(period)).toString();
}

// Duration objects by period: building one from a plain object is half the cost of an addition,
// and a treaty's renewals add the same period again and again.
const durations = new Map<string, Temporal.Duration>();
function durationOf(period: Period): Temporal.Duration {
  const key = `${period.years ?? 0},${period.months ?? 0},${period.days ?? 0}`;
  let d = durations.get(key);
  if (!d) durations.set(key, (d = Temporal.Duration.from({ years: period.years ?? 0, months: period.months ?? 0, days: period.days ?? 0 })));
  return d;
}

/** The day after `day`. */
export function nextDay(day: IsoDay): IsoDay {
  return addPeriod(day, { days: 1 });
}

/** The day before `day`. */
export function previousDay(day: IsoDay): IsoDay {
  return subtractPeriod(day, { days: 1 });
}

/** Whole days from `a` to `b` (negative when b is earlier). */
export function daysBetween(a: IsoDay, b: IsoDay): number {
  return toPlain(a).until(toPlain(b), { largestUnit: 'days' }).days;
}

/** Compares two day-precision dates: negative, zero or positive. */
export function compareDays(a: IsoDay, b: IsoDay): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Human-readable period, e.g. "30 years", "1 year and 6 months". Computed once per period object:
 * a treaty's renewal term is one object, formatted at every renewal.
 */
export const formatPeriod: (p: Period) => string = memoByIdentity(periodText);

function periodText(p: Period): string {
  const parts: string[] = [];
  const unit = (n: number | undefined, word: string): void => {
    if (n) parts.push(`${n} ${word}${n === 1 ? '' : 's'}`);
  };
  unit(p.years, 'year');
  unit(p.months, 'month');
  unit(p.days, 'day');
  if (parts.length === 0) return '0 days';
  return parts.length === 1 ? parts[0]! : `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]!}`;
}

/** Year of a calendar date. */
export function yearOf(date: CalendarDate): number {
  return Number(date.slice(0, 4));
}

/** True when the day lies in the closed interval [start, end]; an absent end is open-ended. */
export function within(day: IsoDay, start: IsoDay, end: IsoDay | null): boolean {
  return day >= start && (end === null || day <= end);
}

/**
 * Calendar-day arithmetic for the time slider, on ISO strings and day numbers (days since
 * 1970-01-01 in the proleptic Gregorian calendar); no `Date` objects, no time zones.
 */

/** First and last day of the network's time slider. */
export const SLIDER_FIRST = '1815-01-01';
/** Last day of the time slider. */
export const SLIDER_LAST = '2018-12-31';

/** Day number of a year, month and day. */
export function dayNumber(y: number, m: number, d: number): number {
  // Count years from March so that the leap day falls at the end of the counted year.
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const mp = (m + 9) % 12;
  const doy = Math.floor((153 * mp + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** The year, month and day of a day number. */
export function fromDayNumber(n: number): [number, number, number] {
  const z = n + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return [yoe + era * 400 + (m <= 2 ? 1 : 0), m, d];
}

const ISO = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True when `s` is an existing YYYY-MM-DD day. */
export function isIsoDay(s: string): boolean {
  const m = ISO.exec(s);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const back = fromDayNumber(dayNumber(y, mo, d));
  return back[0] === y && back[1] === mo && back[2] === d;
}

/** Day number of an ISO day (YYYY-MM-DD). */
export function isoToNumber(s: string): number {
  const [y, m, d] = s.split('-').map(Number) as [number, number, number];
  return dayNumber(y, m, d);
}

/** ISO day of a day number. */
export function numberToIso(n: number): string {
  const [y, m, d] = fromDayNumber(n);
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** Adds whole months to an ISO day, clamping to the month's last day. */
export function addMonths(s: string, months: number): string {
  const [y, m, d] = s.split('-').map(Number) as [number, number, number];
  const total = y * 12 + (m - 1) + months;
  const ny = Math.floor(total / 12);
  const nm = (total % 12) + 1;
  const last = fromDayNumber(dayNumber(nm === 12 ? ny + 1 : ny, nm === 12 ? 1 : nm + 1, 1) - 1)[2];
  return `${String(ny).padStart(4, '0')}-${String(nm).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

/** Clamps an ISO day to the slider's range. */
export function clampDay(s: string): string {
  return s < SLIDER_FIRST ? SLIDER_FIRST : s > SLIDER_LAST ? SLIDER_LAST : s;
}

/** Fraction of a year elapsed at an ISO day (for timelines): 1950-07-02 → about 1950.5. */
export function yearFraction(s: string): number {
  const y = Number(s.slice(0, 4));
  const start = dayNumber(y, 1, 1);
  const next = dayNumber(y + 1, 1, 1);
  return y + (isoToNumber(s) - start) / (next - start);
}

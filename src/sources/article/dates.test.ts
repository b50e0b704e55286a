import { describe, expect, it } from 'vitest';
import { compatibleDates, findDates, parseDateCell } from './dates.js';

describe('parseDateCell', () => {
  it.each([
    ['14 February 1950 (1950-02-14)', '1950-02-14'],
    ['February 16, 1979 (1979-02-16)', '1979-02-16'],
    ['4 March 1947', '1947-03-04'],
    ['September 27, 1940', '1940-09-27'],
    ['September 27 1940', '1940-09-27'],
    ['14th of February 1950', '1950-02-14'],
    ['Feb. 14, 1950', '1950-02-14'],
    ['1950-02-14', '1950-02-14'],
    ['February 1950', '1950-02'],
    ['1950', '1950'],
    ['1950 (1950)', '1950'],
    ['8 September 1947[2]', '1947-09-08'],
    ['February 14, 1950; 73 years ago', '1950-02-14'],
    ['3 March [O.S. 19 February] 1918', '1918-03-03'],
    ['29 February 1952', '1952-02-29'],
  ])('%s → %s', (cell, value) => {
    expect(parseDateCell(cell).value).toBe(value);
  });

  it.each([
    ['30 February 1950', /does not exist/],
    ['29 February 1950', /does not exist/],
    ['by both parties in 1950', /more than a date/],
    ['14–15 February 1950', /more than a date/],
    ['1 October 1939 (definitive)', /more than a date/],
    ['14 February 1950 (1950-02-15)', /different dates/],
    ['c. 1950', /not one exact date/],
    ['1950 or 1951', /not one exact date/],
    ['1950-13-01', /month 13/],
  ])('%s is not a date', (cell, why) => {
    const r = parseDateCell(cell);
    expect(r.value).toBeUndefined();
    expect(r.problem).toMatch(why);
  });

  it('gives nothing for an empty or dateless cell', () => {
    expect(parseDateCell('')).toEqual({});
    expect(parseDateCell('  [1] ')).toEqual({});
  });
});

describe('findDates', () => {
  it('finds day and month precision phrases, never bare years', () => {
    const { dates } = findDates('first signed in 1952, amended on January 1960, signed on 4 March 1947 and on May 5, 1955.');
    expect(dates.map((d) => d.value)).toEqual(['1960-01', '1947-03-04', '1955-05-05']);
  });

  it('does not read a range or a decade as a date', () => {
    expect(findDates('from 14–15 February 1950 and in the 1950s, 4 March 1947–1997').dates).toEqual([]);
  });

  it('reports a phrase that names no real day', () => {
    const r = findDates('signed on 31 April 1950');
    expect(r.dates).toEqual([]);
    expect(r.invalid[0]!.message).toMatch(/does not exist/);
  });

  it('reads only capitalised month names ("may" is a verb)', () => {
    expect(findDates('the parties may 1950 differ').dates).toEqual([]);
  });
});

describe('compatibleDates', () => {
  it('accepts a less precise date containing the other', () => {
    expect(compatibleDates('1950', '1950-02-14')).toBe(true);
    expect(compatibleDates('1950-02-14', '1950-02')).toBe(true);
    expect(compatibleDates('1950-02-14', '1950-02-15')).toBe(false);
  });
});

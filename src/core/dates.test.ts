import { Temporal } from 'temporal-polyfill';
import { describe, expect, it } from 'vitest';
import { addPeriod, daysBetween, earliestDay, formatPeriod, latestDay, parseCalendarDate, precisionOf, subtractPeriod } from './dates.js';
import { DateError } from './errors.js';

describe('calendar dates', () => {
  it('accepts year, month and day precision', () => {
    expect(parseCalendarDate('1950')).toBe('1950');
    expect(parseCalendarDate('1950-02')).toBe('1950-02');
    expect(parseCalendarDate(' 1950-02-14 ')).toBe('1950-02-14');
    expect(precisionOf('1950')).toBe('year');
    expect(precisionOf('1950-02')).toBe('month');
    expect(precisionOf('1950-02-14')).toBe('day');
  });

  it.each(['1950-02-30', '1900-02-29', '1950-13', '1950-00-10', '1950-04-31', '14 February 1950', '', '195', '1950-2-14'])('rejects %j with a DateError', (text) => {
    expect(() => parseCalendarDate(text)).toThrow(DateError);
  });

  it('knows leap years: 2000-02-29 and 1952-02-29 exist, 1900-02-29 does not', () => {
    expect(parseCalendarDate('2000-02-29')).toBe('2000-02-29');
    expect(parseCalendarDate('1952-02-29')).toBe('1952-02-29');
    expect(() => parseCalendarDate('1900-02-29')).toThrow(/has 28 days/);
    expect(() => parseCalendarDate('1950-02-00')).toThrow(/'1950-02-00' has day 00; days run from 01 to 28/);
  });

  it('clamps 29 February plus years to 28 February, and keeps it in leap years', () => {
    expect(addPeriod('1952-02-29', { years: 1 })).toBe('1953-02-28');
    expect(addPeriod('1952-02-29', { years: 4 })).toBe('1956-02-29');
    expect(addPeriod('1896-02-29', { years: 4 })).toBe('1900-02-28');
    expect(subtractPeriod('1956-02-29', { years: 1 })).toBe('1955-02-28');
  });

  it('adds whole years exactly as Temporal does, from every day of 1899–1901 (1900 is no leap year) and of 2000', () => {
    for (let d = Temporal.PlainDate.from('1899-01-01'); d.year <= 1901; d = d.add({ days: 1 })) {
      const day = d.toString();
      for (const years of [0, 1, 3, 4, 5, 10, 30, 100, 101]) expect(addPeriod(day, { years }), `${day} + ${years} years`).toBe(d.add({ years }).toString());
    }
    for (let d = Temporal.PlainDate.from('1999-12-01'); d.year <= 2000; d = d.add({ days: 1 })) {
      const day = d.toString();
      for (const years of [1, 4, 8, 100]) expect(addPeriod(day, { years }), `${day} + ${years} years`).toBe(d.add({ years }).toString());
    }
    expect(addPeriod('0950-06-01', { years: 50 })).toBe('1000-06-01');
    expect(addPeriod('9998-06-01', { years: 1 })).toBe('9999-06-01');
    expect(() => addPeriod('1950-02-30', { years: 1 })).toThrow();
    expect(() => addPeriod('1950-13-01', { years: 1 })).toThrow();
  });

  it('clamps month ends when adding months', () => {
    expect(addPeriod('1950-01-31', { months: 1 })).toBe('1950-02-28');
    expect(addPeriod('1952-01-31', { months: 1 })).toBe('1952-02-29');
    expect(addPeriod('1950-03-31', { months: 1 })).toBe('1950-04-30');
    expect(addPeriod('1950-08-31', { years: 1, months: 6 })).toBe('1952-02-29');
  });

  it('computes the 1950 treaty term exactly', () => {
    expect(addPeriod('1950-04-11', { years: 30 })).toBe('1980-04-11');
    expect(subtractPeriod('1980-04-11', { years: 1 })).toBe('1979-04-11');
    expect(daysBetween('1979-04-03', '1980-04-11')).toBe(374);
  });

  it('turns vague dates into their first and last days', () => {
    expect(earliestDay('1950')).toBe('1950-01-01');
    expect(latestDay('1950')).toBe('1950-12-31');
    expect(earliestDay('1950-02')).toBe('1950-02-01');
    expect(latestDay('1950-02')).toBe('1950-02-28');
    expect(latestDay('1952-02')).toBe('1952-02-29');
  });

  it('formats periods in words', () => {
    expect(formatPeriod({ years: 30 })).toBe('30 years');
    expect(formatPeriod({ years: 1, months: 6 })).toBe('1 year and 6 months');
  });
});

import { describe, expect, it } from 'vitest';
import { IntervalIndex } from './interval-index.js';

describe('IntervalIndex', () => {
  const items = [
    { id: 'a', start: '1949-04-04', end: null },
    { id: 'b', start: '1950-04-11', end: '1980-04-11' },
    { id: 'c', start: '1979-12-31', end: '1980-01-01' },
    { id: 'd', start: '2001-01-01', end: null },
    { id: 'e', start: '1815-01-03', end: '1815-02-08' },
    { id: 'f', start: '1890-06-30', end: '1990-06-30' },
  ];
  const index = new IntervalIndex(items);
  const on = (day: string) => index.on(day).map((i) => i.id);

  it('finds exactly the items whose closed interval contains the day, in the order given, by brute force on many days', () => {
    for (let y = 1800; y <= 2060; y++) {
      for (const md of ['01-01', '02-08', '04-11', '06-30', '12-31']) {
        const day = `${y}-${md}`;
        const expected = items.filter((i) => i.start <= day && (i.end === null || day <= i.end)).map((i) => i.id);
        expect(on(day), day).toEqual(expected);
      }
    }
    expect(index.size).toBe(6);
  });

  it('counts both ends of an interval as inside it', () => {
    expect(on('1980-04-11')).toEqual(['a', 'b', 'f']);
    expect(on('1980-04-12')).toEqual(['a', 'f']);
    expect(on('1815-02-08')).toEqual(['e']);
  });

  it('keeps open-ended items after the last decade any item touches', () => {
    expect(on('2999-12-31')).toEqual(['a', 'd']);
  });

  it('applies the filter and answers nothing when empty', () => {
    expect(index.on('1979-12-31', (i) => i.id !== 'b').map((i) => i.id)).toEqual(['a', 'c', 'f']);
    expect(new IntervalIndex<(typeof items)[number]>([]).on('1950-01-01')).toEqual([]);
  });
});

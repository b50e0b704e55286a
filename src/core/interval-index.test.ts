import { describe, expect, it } from 'vitest';
import { IntervalIndex } from './interval-index.js';

describe('IntervalIndex', () => {
  const items = [
    { id: 'a', start: '1949-04-04', end: null },
    { id: 'b', start: '1950-04-11', end: '1980-04-11' },
    { id: 'c', start: '1979-12-31', end: '1980-01-01' },
    { id: 'd', start: '2001-01-01', end: null },
    { id: 'e', start: '1815-01-03', end: '1815-02-08' },
  ];
  const index = new IntervalIndex<(typeof items)[number]>();
  for (const i of items) index.add(i);
  const on = (day: string) => {
    const out: string[] = [];
    index.forEachOn(day, (i) => out.push(i.id));
    return out.sort();
  };

  it('finds exactly the items whose closed interval contains the day, by brute force on many days', () => {
    for (let y = 1810; y <= 2030; y++) {
      for (const md of ['01-01', '02-08', '04-11', '12-31']) {
        const day = `${y}-${md}`;
        const expected = items.filter((i) => i.start <= day && (i.end === null || day <= i.end)).map((i) => i.id).sort();
        expect(on(day)).toEqual(expected);
      }
    }
    expect(index.size).toBe(5);
  });

  it('counts both ends of an interval as inside it', () => {
    expect(on('1980-04-11')).toEqual(['a', 'b']);
    expect(on('1980-04-12')).toEqual(['a']);
    expect(on('1815-02-08')).toEqual(['e']);
  });
});

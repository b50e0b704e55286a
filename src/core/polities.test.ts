import { describe, expect, it } from 'vitest';
import { LookupError } from './errors.js';
import type { Polity } from './model.js';
import { PolityRegistry, matchScore } from './polities.js';
import { thrown } from '../test-support/errors.js';

const polity = (ccode: number, name: string, aliases: string[], spells: Polity['spells']): Polity => ({ ccode, abbrev: name.slice(0, 3).toUpperCase(), name, aliases, spells });

/** Korea as COW lists it: the kingdom (1887–1905), then North and South Korea. */
const registry = new PolityRegistry([
  polity(730, 'Korea', ['Joseon'], [{ start: '1887-05-01', end: '1905-11-17' }]),
  polity(731, 'North Korea', ['DPRK'], [{ start: '1948-09-09', end: null }]),
  polity(732, 'South Korea', ['Republic of Korea'], [{ start: '1949-01-01', end: null }]),
  polity(365, 'Russia', ['USSR'], [{ start: '1816-01-01', end: null }]),
]);

describe('resolving a state on a date', () => {
  it('takes the state of that name when it existed then', () => {
    expect(registry.resolve('Korea', '1900-01-01')).toBe(730);
    expect(registry.resolve('Russia', '1960-01-01')).toBe(365);
  });

  it('calls a name ambiguous on a day its state did not exist while states of that day bear it', () => {
    const e = thrown(() => registry.resolve('Korea', '1960-01-01'), LookupError);
    expect(e.code).toBe('E_STATE_AMBIGUOUS');
    expect(e.message).toBe("'Korea' on 1960-01-01 may mean North Korea (731), South Korea (732); Korea (730), which bears the name, was not a state then");
    expect(e.candidates.map((c) => c.id)).toEqual(['731', '732', '730']);
  });

  it('keeps codes, and dateless lookups, as they are', () => {
    expect(registry.resolve('730', '1960-01-01')).toBe(730);
    expect(registry.resolve(730, '1960-01-01')).toBe(730);
    expect(registry.resolve('Korea')).toBe(730);
    // No state of 1946 bears the name: the one that does is taken.
    expect(registry.resolve('Korea', '1946-01-01')).toBe(730);
  });
});

describe('matching names', () => {
  const never = (): boolean => false;
  it('ranks an exact key, then a prefix, then the start of a later word, then a match inside a word', () => {
    expect(matchScore('rus', ['rus'], never)).toBe(0);
    expect(matchScore('rus', ['russia'], never)).toBe(1);
    // The first occurrence is inside "prussia"; a later word begins with it.
    expect(matchScore('rus', ['austria prussia and russia'], never)).toBe(2);
    expect(matchScore('rus', ['cyprus'], never)).toBe(3);
    expect(matchScore('rus', ['cyprus', 'russia'], never)).toBe(1);
    expect(matchScore('rus', ['france'], () => true)).toBe(4);
    expect(matchScore('rus', ['france'], never)).toBe(Infinity);
  });
});

import { describe, expect, it } from 'vitest';
import { Engine } from '../core/engine.js';
import { ALLIANCE_TYPES } from '../core/model.js';
import { corpusTreaties, testRegistry } from '../test-support/corpus.js';
import { AlliesBodies, alliesAnswer } from './answers.js';
import { syntheticAtop } from './synthetic-atop.js';

const registry = testRegistry();
const engine = new Engine([...corpusTreaties(registry), ...syntheticAtop(registry.all().map((p) => p.ccode), { count: 200 })], registry, { today: '2020-01-01' });

/** A day in each year from 1900 on, as the API gets them (a day, a month or a year). */
const days = Array.from({ length: 120 }, (_, i) => {
  const n = i * 365 + ((i * 37) % 365);
  const year = 1900 + Math.floor(n / 365);
  const month = 1 + Math.floor((n % 365) / 31) % 12;
  const day = 1 + (n % 28);
  return i % 25 === 0 ? String(year) : i % 10 === 0 ? `${year}-${String(month).padStart(2, '0')}` : `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
});

describe('allies bodies kept by what they are computed from', () => {
  it('are byte for byte the computed answer on every day, names and types included', () => {
    const bodies = new AlliesBodies(8 * 1024 * 1024);
    let compared = 0;
    // Three times over: the first pass offers each key, the second keeps it, the third reads it back.
    for (let pass = 0; pass < 3; pass++) {
      for (const state of [2, 200, 255, 365, 710, 740, 220, 2]) {
        for (const [i, on] of days.entries()) {
          const types = i % 11 === 0 ? { type: ['defense' as const] } : i % 13 === 0 ? { type: [...ALLIANCE_TYPES].reverse() } : {};
          const expected = JSON.stringify(alliesAnswer(engine.allies(state, on, types)));
          expect(bodies.body(engine.allies(state, on, types))).toBe(expected);
          compared++;
        }
      }
    }
    expect(compared).toBe(3 * 8 * days.length);
    // Far fewer bodies than days: a state's answer changes only when its obligations (or names) do.
    expect(bodies.size).toBeGreaterThan(20);
    expect(bodies.size).toBeLessThan(compared / 10);
  });

  it('give two days with the same obligations the same body but for `on`', () => {
    const bodies = new AlliesBodies(1024 * 1024);
    const a = engine.allies(365, '1979-02-17');
    const b = engine.allies(365, '1979-03-17');
    expect(b.allies.flatMap((x) => x.obligations)).toEqual(a.allies.flatMap((x) => x.obligations));
    bodies.body(a);
    bodies.body(a);
    expect(bodies.size).toBe(1);
    const kept = bodies.body(b);
    expect(JSON.parse(kept)).toEqual({ ...JSON.parse(JSON.stringify(alliesAnswer(a))), on: '1979-03-17' });
    expect(kept).toBe(JSON.stringify(alliesAnswer(b)));
  });
});

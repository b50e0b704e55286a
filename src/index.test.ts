import { describe, expect, it } from 'vitest';
import * as pacta from './index.js';
import { corpusTreaties, testRegistry } from './test-support/corpus.js';

describe('the library entry', () => {
  it('gives the research outputs as docs/datasets/atop.md shows them: one alliance index, several tables', () => {
    const registry = testRegistry();
    const engine = new pacta.Engine(corpusTreaties(registry), registry, { today: '2020-01-01' });
    const data = pacta.AllianceData.fromEngine(engine);
    const years = { from: 1945, to: 1990 };
    const ddy = pacta.collectRecords(pacta.allianceDyadYears(data, { unit: 'directed-dyad-year', ...years }).batches());
    // The one-call forms build their own index from the engine and give the same rows.
    expect(ddy.length).toBeGreaterThan(100);
    expect(pacta.collectRecords(pacta.dyadYears(engine, years).batches())).toEqual(ddy);
    expect(pacta.collectRecords(pacta.allianceStateYears(data, years).batches())).toEqual(pacta.collectRecords(pacta.stateYears(engine, years).batches()));
    const frame = pacta.frameDyadYears(pacta.systemStates(engine.registry, 'cow'), data, years);
    expect(frame.columns.slice(0, 3).map((c) => c.name)).toEqual(['stateA', 'stateB', 'year']);
    expect(pacta.FLAG_COLUMNS).toEqual(['defense', 'offense', 'neutral', 'nonagg', 'consul']);
  });
});

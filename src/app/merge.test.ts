import { describe, expect, it } from 'vitest';
import type { Treaty } from '../core/model.js';
import { makeTreaty } from '../test-support/corpus.js';
import { atopVersions, compareVersions, foldAtop, mergeTreaties } from './merge.js';

const atopRecord = (version: string, atopid = 3200, end = '1980-04-11'): Treaty =>
  makeTreaty({
    id: version === '5.1' ? `atop-${atopid}` : `atop-${version}-${atopid}`,
    atopids: [atopid],
    origin: `atop-${version}`,
    sources: { [`atop-${version}-${atopid}-a`]: { id: `atop-${version}-${atopid}-a`, kind: 'dataset', title: `ATOP ${version} alliance-level file`, dataset: 'ATOP', version, file: 'a.csv' } },
    claims: [
      { field: 'signed', value: '1950-02-14', sources: [{ source: `atop-${version}-${atopid}-a`, at: 'line 261' }] },
      { field: 'end', value: end, sources: [{ source: `atop-${version}-${atopid}-a`, at: 'line 261' }] },
      { field: 'end', value: end, party: 710, sources: [{ source: `atop-${version}-${atopid}-a`, at: 'line 261' }] },
    ],
  });

const curated = makeTreaty({
  id: 'sino-soviet-1950',
  atopids: [3200],
  sources: {
    seed: { id: 'seed', kind: 'encyclopedia', title: 'Encyclopedia' },
    atop: { id: 'atop', kind: 'dataset', title: 'ATOP 5.1 member-level file', dataset: 'ATOP', version: '5.1', file: 'atop5_1m.csv' },
  },
  claims: [
    { field: 'signed', value: '1950-02-14', sources: [{ source: 'seed', at: 'infobox' }, { source: 'atop', at: 'line 891' }] },
    { field: 'end', value: '1979-02-16', sources: [{ source: 'seed', at: 'infobox expiry' }] },
    { field: 'end', value: '1980-04-11', sources: [{ source: 'atop', at: 'line 891' }] },
  ],
});

describe('foldAtop', () => {
  it('adds the imported claims and sources and drops the hand-written citation of the same ATOP version', () => {
    const t = foldAtop(curated, [atopRecord('5.1')]);
    expect(t.id).toBe('sino-soviet-1950');
    expect(Object.keys(t.sources).sort()).toEqual(['atop', 'atop-5.1-3200-a', 'seed']);
    const ends = t.claims.filter((c) => c.field === 'end' && c.party === undefined);
    expect(ends.map((c) => [c.value, c.sources.map((s) => s.source)])).toEqual([
      ['1979-02-16', ['seed']],
      ['1980-04-11', ['atop-5.1-3200-a']],
    ]);
    expect(t.claims.find((c) => c.field === 'signed' && c.party === undefined)!.sources).toEqual([{ source: 'seed', at: 'infobox' }]);
    expect(t.claims.some((c) => c.party === 710)).toBe(true);
  });

  it('keeps a hand-written ATOP claim the import does not state, or from another version', () => {
    expect(foldAtop(curated, [atopRecord('5.1', 3200, '1980-04-12')]).claims.filter((c) => c.value === '1980-04-11' && c.party === undefined)).toHaveLength(1);
    const t = foldAtop(curated, [atopRecord('4.01')]);
    expect(t.claims.filter((c) => c.value === '1980-04-11' && c.party === undefined).map((c) => c.sources[0]!.source)).toEqual(['atop', 'atop-4.01-3200-a']);
  });
});

describe('mergeTreaties', () => {
  const other = atopRecord('5.1', 3825);
  const all = [curated, atopRecord('5.1'), atopRecord('4.01'), other, atopRecord('4.01', 6065)];

  it('makes a curated treaty and its ATOP record one treaty and keeps other alliances, of the newest version', () => {
    const ids = mergeTreaties(all).map((t) => t.id);
    expect(ids).toEqual(['sino-soviet-1950', 'atop-3825']);
  });

  it('uses another stored version on request', () => {
    expect(mergeTreaties(all, { atopVersion: '4.01' }).map((t) => t.id)).toEqual(['sino-soviet-1950', 'atop-4.01-6065']);
  });

  it('rejects a version that is not stored, naming the ones that are', () => {
    for (const source of ['all', 'atop', 'curated'] as const) {
      expect(() => mergeTreaties(all, { source, atopVersion: '4' })).toThrow(expect.objectContaining({ code: 'E_ATOP_VERSION_UNKNOWN', message: "ATOP version '4' is not in the database, which holds 4.01 and 5.1", hint: 'choose one of: 4.01, 5.1' }));
    }
    expect(() => mergeTreaties([curated], { atopVersion: '5.1' })).toThrow(/which holds no ATOP data/);
  });

  it('answers from one source only with --source', () => {
    expect(mergeTreaties(all, { source: 'curated' })).toEqual([curated]);
    expect(mergeTreaties(all, { source: 'atop' }).map((t) => t.id)).toEqual(['atop-3200', 'atop-3825']);
  });

  it('refuses source atop on a database without ATOP data rather than answering with nothing', () => {
    expect(() => mergeTreaties([curated], { source: 'atop' })).toThrow(expect.objectContaining({ code: 'E_NO_ATOP_DATA', message: 'the database holds no ATOP data, so there is nothing to answer from with source atop' }));
    expect(mergeTreaties([curated], { source: 'curated' })).toEqual([curated]);
    expect(mergeTreaties([curated]).map((t) => t.id)).toEqual(['sino-soviet-1950']);
  });

  it('orders versions numerically', () => {
    expect(compareVersions('4.01', '5.1')).toBeLessThan(0);
    expect(compareVersions('5.10', '5.9')).toBeGreaterThan(0);
    expect(atopVersions(all)).toEqual(['4.01', '5.1']);
  });
});

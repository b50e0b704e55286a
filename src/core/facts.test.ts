import { describe, expect, it } from 'vitest';
import { computeLifecycle } from './lifecycle.js';
import { DEFAULT_POLICY, policyFrom, resolveFacts } from './facts.js';
import { makeTreaty } from '../test-support/corpus.js';
import type { Treaty } from './model.js';

const sources: Treaty['sources'] = {
  t: { id: 't', kind: 'treaty-text', title: 'text' },
  enc: { id: 'enc', kind: 'encyclopedia', title: 'article' },
  ds: { id: 'ds', kind: 'dataset', title: 'dataset' },
};
const facts = (t: Treaty, policy = DEFAULT_POLICY) => resolveFacts(t, computeLifecycle(t, { horizon: '2000-01-01' }), policy);

describe('facts and disagreements', () => {
  const base = makeTreaty({
    id: 'x',
    sources,
    events: [
      { type: 'signature', date: '1950-02-14', sources: [{ source: 't' }] },
      { type: 'termination', date: '1960-05-01', sources: [{ source: 't' }] },
    ],
  });

  it('sees no disagreement when a vaguer date contains the precise one', () => {
    const f = facts({ ...base, claims: [{ field: 'end', value: '1960', sources: [{ source: 'enc' }] }, { field: 'end', value: '1960-05', sources: [{ source: 'ds' }] }] });
    expect(f.end!.disagreement).toBe(false);
    expect(f.end!.alternatives).toHaveLength(3);
  });

  it('flags dates that cannot both be right, and keeps every alternative', () => {
    const f = facts({ ...base, claims: [{ field: 'end', value: '1959-12-31', sources: [{ source: 'enc' }] }] });
    expect(f.end!.disagreement).toBe(true);
    expect(f.end!.value).toBe('1960-05-01');
    expect(f.end!.alternatives.map((a) => [a.value, a.basis, a.kind])).toEqual([
      ['1960-05-01', 'derived', 'derived'],
      ['1959-12-31', 'stated', 'encyclopedia'],
    ]);
  });

  it('treats "not ended" as disagreeing with any stated end', () => {
    const open = makeTreaty({ id: 'y', sources, claims: [{ field: 'end', value: '1970', sources: [{ source: 'ds' }] }] });
    const f = facts(open);
    expect(f.end!.value).toBeNull();
    expect(f.end!.disagreement).toBe(true);
  });

  it('lets the policy prefer a kind of source', () => {
    const t = { ...base, claims: [{ field: 'end' as const, value: '1959-12-31', sources: [{ source: 'enc' }] }] };
    expect(facts(t, policyFrom(['encyclopedia'])).end!.value).toBe('1959-12-31');
    expect(() => policyFrom(['gossip'])).toThrow(/unknown source kind 'gossip'/);
  });
});

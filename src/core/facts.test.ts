import { describe, expect, it } from 'vitest';
import { computeLifecycle } from './lifecycle.js';
import { DEFAULT_POLICY, policyFrom, resolveFacts, resolvePartyFacts } from './facts.js';
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

describe('sources of the computed dates', () => {
  const derivedRefs = (t: Treaty, field: 'in-force' | 'end') => facts(t)[field].alternatives.find((a) => a.basis === 'derived')!.sources.map((r) => `${r.source}${r.at ? ` ${r.at}` : ''}`);
  const clause = (entryIntoForce: 'exchange-of-ratifications' | 'signature') => ({ entryIntoForce, anchor: 'entry-into-force' as const, term: { years: 10 }, article: '6', sources: [{ source: 't', at: 'art. 6' }] });

  it('cite, for entry into force on the exchange of ratifications, the rule and the exchange, not the signature', () => {
    const t = makeTreaty({
      id: 'ratified',
      sources,
      duration: clause('exchange-of-ratifications'),
      events: [
        { type: 'signature', date: '1950-02-14', sources: [{ source: 'enc', at: 'infobox signed' }] },
        { type: 'exchange-of-ratifications', date: '1950-04-11', sources: [{ source: 'ds', at: 'line 9' }] },
      ],
    });
    expect(derivedRefs(t, 'in-force')).toEqual(['t art. 6', 'ds line 9']);
    expect(derivedRefs(t, 'end')).toEqual(['t art. 6', 'ds line 9']);
  });

  it('cite the signature for the end when the term counts from it', () => {
    const t = makeTreaty({
      id: 'anchored',
      sources,
      duration: { ...clause('exchange-of-ratifications'), anchor: 'signature' },
      events: [
        { type: 'signature', date: '1950-02-14', sources: [{ source: 'enc', at: 'infobox signed' }] },
        { type: 'exchange-of-ratifications', date: '1950-04-11', sources: [{ source: 'ds', at: 'line 9' }] },
      ],
    });
    expect(derivedRefs(t, 'in-force')).toEqual(['t art. 6', 'ds line 9']);
    expect(derivedRefs(t, 'end')).toEqual(['enc infobox signed', 't art. 6', 'ds line 9']);
  });

  it('cite the signature when the treaty enters into force on signature', () => {
    const t = makeTreaty({ id: 'signed', sources, duration: clause('signature'), events: [{ type: 'signature', date: '1950-02-14', sources: [{ source: 'enc', at: 'infobox signed' }] }] });
    expect(derivedRefs(t, 'in-force')).toEqual(['enc infobox signed', 't art. 6']);
  });
});

describe('party-level facts', () => {
  // Three parties from 1950-02-14 (entry into force on signature), terminated on 1960-05-01; the
  // dataset states the members' entries and exits row by row.
  const member = (party: number, field: 'signed' | 'end', value: string, line: number) => ({ field, value, party, note: `row ${line}`, sources: [{ source: 'ds', at: `line ${line}` }] });
  const t = makeTreaty({
    id: 'p',
    sources,
    parties: [
      { state: 365, role: 'original', sources: [{ source: 't' }] },
      { state: 710, role: 'original', sources: [{ source: 't' }] },
      { state: 2, role: 'original', sources: [{ source: 't' }] },
    ],
    events: [
      { type: 'signature', date: '1950-02-14', sources: [{ source: 't' }] },
      { type: 'termination', date: '1960-05-01', sources: [{ source: 't' }] },
    ],
    duration: { entryIntoForce: 'signature', sources: [{ source: 't' }] },
    claims: [
      // 365: two rows (phases), the last exit agrees with the termination.
      member(365, 'signed', '1950-02-14', 10),
      member(365, 'end', '1955-01-01', 10),
      member(365, 'signed', '1955-01-02', 20),
      member(365, 'end', '1960-05', 20),
      // 710: the dataset has it leave in 1958.
      member(710, 'signed', '1950-02-14', 11),
      member(710, 'end', '1958-03-01', 11),
      // 2: no exit in the dataset (not ended), against the termination.
      member(2, 'signed', '1950-02-14', 12),
      // 200: a member the treaty record does not list.
      member(200, 'signed', '1952-01-01', 13),
      member(200, 'end', '1956-01-01', 13),
    ],
  });
  const life = computeLifecycle(t, { horizon: '2000-01-01' });
  const listed = new Set(life.parties.map((s) => s.state));
  const byParty = Object.fromEntries(resolvePartyFacts(t, life.parties, listed).map((f) => [f.party, f]));

  it('compares the last exit of each member with the end of its last spell, precision-aware', () => {
    expect(byParty[365]).toMatchObject({ field: 'party-end', value: '1960-05-01', disagreement: false });
    expect(byParty[365]!.alternatives.map((a) => a.value)).toEqual(['1960-05-01', '1960-05']);
    expect(byParty[710]).toMatchObject({ field: 'party-end', value: '1960-05-01', disagreement: true });
    expect(byParty[710]!.alternatives[1]).toMatchObject({ value: '1958-03-01', basis: 'stated', kind: 'dataset', note: 'row 11', sources: [{ source: 'ds', at: 'line 11' }] });
  });

  it('reads a member with an entry and no exit as one at the end of the data: no claim about its end', () => {
    expect(byParty[2]).toBeUndefined();
    const open = { ...t, claims: [member(365, 'signed', '1950-02-14', 10), member(365, 'end', '1955-01-01', 10), member(365, 'signed', '1955-01-02', 20)] };
    expect(resolvePartyFacts(open, life.parties, listed)).toEqual([]);
  });

  it('flags a member that only a source lists, citing its rows once', () => {
    expect(byParty[200]).toMatchObject({ field: 'membership', value: null, disagreement: true });
    expect(byParty[200]!.alternatives[1]).toMatchObject({ value: '1952-01-01', sources: [{ source: 'ds', at: 'line 13' }] });
  });

  it('names a member that a source only has leaving by its exit', () => {
    const exitOnly = { ...t, claims: [member(200, 'end', '1956-01-01', 13)] };
    const [f] = resolvePartyFacts(exitOnly, life.parties, listed);
    expect(f!.alternatives[1]).toMatchObject({ value: '1956-01-01', note: 'a member that left on this date' });
  });

  it('does not compare a listed party whose spells the period in use cuts away', () => {
    expect(resolvePartyFacts(t, life.parties.filter((s) => s.state !== 710), listed).map((f) => f.party)).not.toContain(710);
  });

  it('reads an exit on the day after a state ceased to exist as the same hand-over', () => {
    const spells = life.parties.map((s) => (s.state === 710 ? { ...s, end: '1958-02-28', endReason: 'China ceased to exist as a state after 1958-02-28' } : s));
    expect(resolvePartyFacts(t, spells, listed).find((f) => f.party === 710)).toMatchObject({ value: '1958-02-28', disagreement: false });
    const other = life.parties.map((s) => (s.state === 710 ? { ...s, end: '1958-02-28', endReason: 'left, as the source states' } : s));
    expect(resolvePartyFacts(t, other, listed).find((f) => f.party === 710)).toMatchObject({ disagreement: true });
  });

  it('says nothing of parties no source states anything about', () => {
    expect(resolvePartyFacts({ ...t, claims: [] }, life.parties, listed)).toEqual([]);
  });
});

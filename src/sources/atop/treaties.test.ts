import { describe, expect, it } from 'vitest';
import { checkCondition, evaluateCondition } from '../../core/conditions.js';
import { computeLifecycle } from '../../core/lifecycle.js';
import { resolveFacts } from '../../core/facts.js';
import type { Provision } from '../../core/model.js';
import { allianceCsv, memberCsv } from '../../test-support/atop-fixtures.js';
import { atopCondition } from './conditions.js';
import { parseAtopAlliances, parseAtopMembers } from './parse.js';
import { atopTreaties, atopTreatyId, type AtopRelease } from './treaties.js';

const naming = { abbrevOf: (c: number) => ({ 2: 'USA', 200: 'UKG', 220: 'FRN', 365: 'RUS', 740: 'JPN' })[c] ?? String(c), nameOf: (c: number) => `state ${c}` };

function build(rows: Parameters<typeof memberCsv>[0], alliances?: Parameters<typeof allianceCsv>[0], phases?: Parameters<typeof allianceCsv>[0]) {
  const m = parseAtopMembers('atop5_1m.csv', memberCsv(rows), () => true);
  expect(m.problems).toEqual([]);
  const release: AtopRelease = {
    version: '5.1',
    variant: 'full',
    members: { file: 'atop5_1m.csv', rows: m.rows },
    ...(alliances ? { alliances: { file: 'atop5_1a.csv', rows: parseAtopAlliances('atop5_1a.csv', allianceCsv(alliances), 'alliance').rows } } : {}),
    ...(phases ? { phases: { file: 'atop5_1aph.csv', rows: parseAtopAlliances('atop5_1aph.csv', allianceCsv(phases, { phase: true }), 'phase').rows } } : {}),
  };
  return atopTreaties(release, naming);
}

describe('atopTreaties', () => {
  it('builds one treaty per alliance with signature, termination, sources and claims at line level', () => {
    const { treaties, problems } = build([{ member: 2 }, { member: 200 }], [{}]);
    expect(problems).toEqual([]);
    const t = treaties[0]!;
    expect(t).toMatchObject({ id: 'atop-1001', atopids: [1001], origin: 'atop-5.1' });
    expect(t.names[0]!.text).toBe('ATOP 1001: USA, UKG (1950)');
    expect(t.events.map((e) => [e.type, e.date])).toEqual([['signature', '1950-02-14'], ['termination', '1980-04-11']]);
    expect(t.sources['atop-5.1-1001-m']).toMatchObject({ kind: 'dataset', dataset: 'ATOP', version: '5.1', file: 'atop5_1m.csv' });
    expect(t.claims.filter((c) => c.party === undefined)).toMatchObject([
      { field: 'signed', value: '1950-02-14', sources: [{ source: 'atop-5.1-1001-a', at: 'line 2' }] },
      { field: 'end', value: '1980-04-11', sources: [{ source: 'atop-5.1-1001-a', at: 'line 2' }] },
    ]);
    expect(t.claims.filter((c) => c.party === 200)).toMatchObject([
      { field: 'signed', value: '1950-02-14', sources: [{ source: 'atop-5.1-1001-m', at: 'line 3' }] },
      { field: 'end', value: '1980-04-11', sources: [{ source: 'atop-5.1-1001-m', at: 'line 3' }] },
    ]);
    expect(t.claims.find((c) => c.party === 200 && c.field === 'end')!.note).toContain('TERMMODE=1: not renewed at its scheduled termination date');
  });

  it('derives the same end as ATOP states, so that no false disagreement appears', () => {
    const cases: Record<string, string | number>[][] = [
      [{ member: 2 }, { member: 200 }],
      [{ member: 2, dayexit: '' }, { member: 200, dayexit: '' }],
      [{ member: 2, speclgth: 1, length: 120, proren: 0 }, { member: 200, speclgth: 1, length: 120, proren: 0 }],
      [{ member: 2, speclgth: 1, length: 600, proren: 2, renewlgt: 60 }, { member: 200, speclgth: 1, length: 600, proren: 2, renewlgt: 60 }],
    ];
    for (const rows of cases) {
      const t = build(rows).treaties[0]!;
      const life = computeLifecycle(t, { horizon: '2026-11-28' });
      const facts = resolveFacts(t, life);
      expect(facts.end!.disagreement).toBe(false);
      expect(facts.signed!.disagreement).toBe(false);
      expect(life.end).toBe(rows[0]!.dayexit === '' ? '1980-04-30' : '1980-04-11');
    }
  });

  it('keeps a duration clause only where it agrees with the dates', () => {
    const renewing = build([{ member: 2, speclgth: 1, length: 360, proren: 2, renewlgt: 60 }, { member: 200, speclgth: 1, length: 360, proren: 2, renewlgt: 60 }]).treaties[0]!;
    expect(renewing.duration).toMatchObject({ entryIntoForce: 'signature', anchor: 'signature', term: { years: 30 }, renewal: { term: { years: 5 } } });
    // A ten-year term without tacit renewal would end in 1960, but ATOP has the pact until 1980: an active renewal the data do not date.
    const contradicted = build([{ member: 2, speclgth: 1, length: 120, proren: 1 }, { member: 200, speclgth: 1, length: 120, proren: 1 }]).treaties[0]!;
    expect(contradicted.duration).toBeUndefined();
    expect(contradicted.summary).toContain('not turned into a duration clause');
    const ongoing = build([{ member: 2, speclgth: 3, ineffect: 1, yrexit: 0, moexit: 0, dayexit: 0 }, { member: 200, speclgth: 3, ineffect: 1, yrexit: 0, moexit: 0, dayexit: 0 }]).treaties[0]!;
    expect(ongoing.duration).toMatchObject({ entryIntoForce: 'signature' });
    expect(ongoing.events.map((e) => e.type)).toEqual(['signature']);
    expect(computeLifecycle(ongoing, { horizon: '2026-11-28' }).end).toBeNull();
  });

  it('makes a member who leaves and rejoins two spells, and touching phase rows one', () => {
    const { treaties } = build(
      [
        { atopid: 3015, member: 651, yrent: 1945, moent: 3, dayent: 22, yrexit: 1979, moexit: 3, dayexit: 31, maxphase: 0 },
        { atopid: 3015, member: 651, yrent: 1989, moent: 5, dayent: 22, yrexit: 0, moexit: 0, dayexit: 0, ineffect: 1 },
        { atopid: 3015, member: 652, yrent: 1945, moent: 3, dayent: 22, yrexit: 0, moexit: 0, dayexit: 0, ineffect: 1 },
      ],
    );
    expect(treaties[0]!.parties.find((p) => p.state === 651)!.spells!.map((s) => [s.start, s.end])).toEqual([['1945-03-22', '1979-03-31'], ['1989-05-22', null]]);
    const phased = build([
      { member: 2, phase: 1, maxphase: 2, yrexit: 1960, moexit: 1, dayexit: 1 },
      { member: 200, phase: 1, maxphase: 2, yrexit: 1960, moexit: 1, dayexit: 1 },
      { member: 2, phase: 2, maxphase: 2, yrent: 1960, moent: 1, dayent: 1, defense: 0, consul: 1 },
      { member: 200, phase: 2, maxphase: 2, yrent: 1960, moent: 1, dayent: 1, defense: 0, consul: 1 },
    ]).treaties[0]!;
    const spells = phased.parties[0]!.spells!;
    expect(spells.map((s) => [s.start, s.end, s.sources.map((r) => r.at)])).toEqual([['1950-02-14', '1980-04-11', ['line 2', 'line 4']]]);
    expect(phased.provisions.map((p) => [p.id, p.type, p.from, p.until])).toEqual([
      ['defense-phase-1', 'defense', '1950-02-14', '1960-01-01'],
      ['consultation-phase-2', 'consultation', '1960-01-01', '1980-04-11'],
    ]);
  });

  it('records asymmetric obligations per member row and keeps phase partners apart', () => {
    const { treaties } = build([
      { member: 200, defense: 1, consul: 1, bilat: 0, asymm: 1 },
      { member: 220, defense: 1, consul: 1, bilat: 0, asymm: 1 },
      { member: 380, defense: 0, consul: 1, bilat: 0, asymm: 1 },
    ]);
    const byId = Object.fromEntries(treaties[0]!.provisions.map((p) => [p.id, p] as const));
    expect(byId.defense).toMatchObject({ bearers: [200, 220], beneficiaries: 'others' });
    expect(byId.consultation).toMatchObject({ bearers: 'all', beneficiaries: 'others' });
    const succession = build([
      { member: 220, phase: 2, maxphase: 3, yrent: 1993, moent: 1, dayent: 1, yrexit: 1994 },
      { member: 316, phase: 2, maxphase: 3, yrent: 1993, moent: 1, dayent: 1, yrexit: 1994 },
      { member: 220, phase: 3, maxphase: 3, yrent: 1993, moent: 1, dayent: 1, yrexit: 1994 },
      { member: 317, phase: 3, maxphase: 3, yrent: 1993, moent: 1, dayent: 1, yrexit: 1994 },
    ]).treaties[0]!;
    expect(succession.provisions.map((p) => [p.id, p.bearers, p.beneficiaries])).toEqual([
      ['defense-phase-2', [220, 316], [220, 316]],
      ['defense-phase-3', [220, 317], [220, 317]],
    ]);
  });

  it('turns aid, bases and organisation codes into provisions with terms', () => {
    const t = build([{ member: 2, ecaid: 3, milaid: 2, base: 3, organ1: 2, orgpurp1: 1 }, { member: 200, ecaid: 3, milaid: 2, base: 3, organ1: 2, orgpurp1: 1 }]).treaties[0]!;
    const byId = Object.fromEntries(t.provisions.map((p) => [p.id, p] as const));
    expect(byId['economic-aid']).toMatchObject({ type: 'economic-aid', terms: { atopVariable: 'ECAID', atopCode: 3, kind: 'trade concessions (including MFN status)' } });
    expect(byId['military-aid']).toMatchObject({ type: 'military-aid', terms: { atopCode: 2 } });
    expect(byId.bases).toMatchObject({ type: 'bases', terms: { atopCode: 3 } });
    expect(byId.organisation).toMatchObject({ type: 'other', beneficiaries: [] });
  });

  it('reports alliances missing from the alliance file and extra members', () => {
    const { problems } = build([{ member: 2 }, { member: 200 }, { atopid: 1002, member: 2 }, { atopid: 1002, member: 220 }], [{ mem2: 220 }]);
    expect(problems.map((p) => [p.code, p.location.file, p.location.line])).toEqual([
      ['E_ATOP_CROSS', 'atop5_1m.csv', 3],
      ['E_ATOP_CROSS', 'atop5_1m.csv', 4],
    ]);
  });

  it('names treaties of other versions with the version', () => {
    expect(atopTreatyId('5.1', 3200)).toBe('atop-3200');
    expect(atopTreatyId('4.01', 3200)).toBe('atop-4.01-3200');
  });
});

describe('atopCondition', () => {
  const row = (v: Record<string, number>) => (c: string) => v[c] ?? 0;
  const ctx = { attacker: 740, target: 365, attackerAllies: [2], targetAllies: [] };

  it('tests the attacker where ATOP names the threat states', () => {
    const c = atopCondition('defense', row({ defcoadv: 1, defcon: 1, specthrt: 1, statthr1: 740 }), 1, (s) => `state ${s}`);
    expect(c.condition).toBe('attacker == 740');
    expect(evaluateCondition(c.condition!, ctx)).toEqual({ status: 'met' });
    expect(evaluateCondition(c.condition!, { ...ctx, attacker: 2 })).toEqual({ status: 'not-met' });
    expect(atopCondition('defense', row({ defcoadv: 1, statthr1: 255, statthr2: 300 }), 1, String).condition).toBe('attacker in [255, 300]');
  });

  it('tests provocation, and leaves unnamed restrictions undetermined whatever the caller supplies', () => {
    const c = atopCondition('defense', row({ defcoadv: 1, statthr1: 740, defconpr: 1, defcoloc: 1 }), 1, String);
    expect(c.condition).toBe('attacker == 740 && unstated["defcoloc"] && provoked == false');
    expect(evaluateCondition(c.condition!, { ...ctx, provoked: false })).toMatchObject({ status: 'undetermined', missing: 'unstated' });
    expect(evaluateCondition(c.condition!, { ...ctx, provoked: false, location: 'europe' })).toMatchObject({ status: 'undetermined', missing: 'unstated' });
    expect(evaluateCondition(c.condition!, { ...ctx, attacker: 2 })).toEqual({ status: 'not-met' });
    const unnamed = atopCondition('neutrality', row({ neucoadv: 1, neucodem: 1 }), 1, String);
    expect(evaluateCondition(unnamed.condition!, { ...ctx, conflict: 'war' })).toMatchObject({ status: 'undetermined', missing: 'unstated' });
    expect(unnamed.conditionText).toContain('that the data do not name (NEUCOADV=1)');
  });

  it('applies OLIMOB only when the member has a single obligation', () => {
    expect(atopCondition('defense', row({ olimob: 1 }), 1, String).condition).toBe('unstated["olimob"]');
    const two = atopCondition('defense', row({ olimob: 1 }), 2, String);
    expect(two.condition).toBeUndefined();
    expect(two.conditionText).toContain('not applied here');
  });

  it('writes only conditions that type-check', () => {
    const all: Record<string, number> = Object.fromEntries(['defcoadv', 'defcoloc', 'defcocon', 'defconum', 'defcodem', 'defconpr', 'offcoadv', 'offcoloc', 'offcocon', 'offconum', 'offcodem', 'neucoadv', 'neucoloc', 'neucocon', 'neuconum', 'neucodem', 'neuconpr', 'neucoatt', 'concoadv', 'concoloc', 'concocon', 'concoreq', 'olimob'].map((k) => [k, 1]));
    for (const type of ['defense', 'offense', 'neutrality', 'nonaggression', 'consultation'] as Provision['type'][]) {
      const c = atopCondition(type as 'defense', row(all), 1, String);
      if (c.condition) expect(checkCondition(c.condition)).toEqual({ ok: true });
    }
  });
});

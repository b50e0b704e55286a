import { describe, expect, it } from 'vitest';
import { Engine } from './engine.js';
import { PolityRegistry } from './polities.js';
import { LookupError } from './errors.js';
import { policyFrom } from './facts.js';
import { atopTreaty, corpusTreaties, makeTreaty, testRegistry } from '../test-support/corpus.js';
import { thrown } from '../test-support/errors.js';

const registry = testRegistry();
const src = [{ source: 't' }];
// A stand-in for a US–Japan alliance in force from 1952-04-28, so the test does not depend on the corpus.
const usJapan = makeTreaty({
  id: 'test-us-japan',
  parties: [
    { state: 2, role: 'original', sources: src },
    { state: 740, role: 'original', sources: src },
  ],
  events: [
    { type: 'signature', date: '1951-09-08', sources: src },
    { type: 'entry-into-force', date: '1952-04-28', sources: src },
  ],
  provisions: [{ id: 'defense', type: 'defense', bearers: [2], beneficiaries: [740], sources: src }],
});
const sino = corpusTreaties(registry).filter((t) => t.id.startsWith('sino-soviet-'));
const engine = new Engine([...sino, usJapan], registry, { today: '2026-11-28' });

describe('in force', () => {
  it('answers the 1950 treaty on 1979-02-17 with its period and the disagreement on its end', () => {
    const a = engine.inForce('sino-soviet-1950', '1979-02-17');
    expect(a.inForce).toBe(true);
    expect(a.period).toEqual({ start: '1950-04-11', end: '1980-04-11' });
    const end = a.disagreements.find((d) => d.field === 'end')!;
    expect(end.value).toBe('1980-04-11');
    expect(end.alternatives.map((x) => [x.value, x.kind])).toEqual([
      ['1980-04-11', 'derived'],
      ['1979-02-16', 'encyclopedia'],
      ['1980-04-11', 'dataset'],
    ]);
    expect(a.explanation.steps.at(-1)!.text).toContain('1979-02-17 is inside');
  });

  it('is not in force before entry into force or after the end, and partly for a vague date that straddles the end', () => {
    expect(engine.inForce('sino-soviet-1950', '1950-03-01').inForce).toBe(false);
    expect(engine.inForce('sino-soviet-1950', '1980-04-12').inForce).toBe(false);
    expect(engine.inForce('sino-soviet-1950', '1980').inForce).toBe('partly');
    expect(engine.inForce('sino-soviet-1950', '1979').inForce).toBe(true);
  });

  it('follows the resolution policy: preferring the encyclopedia ends the treaty on 1979-02-16', () => {
    const e = new Engine(sino, registry, { today: '2026-11-28', policy: policyFrom(['encyclopedia']) });
    expect(e.inForce('sino-soviet-1950', '1979-02-17').inForce).toBe(false);
    expect(e.inForce('sino-soviet-1950', '1979-02-16').period.end).toBe('1979-02-16');
  });

  it('finds treaties by name in any script and case, and by ATOP id', () => {
    expect(engine.resolveTreaty('中苏友好同盟互助条约')).toBe('sino-soviet-1950');
    expect(engine.resolveTreaty('sino-soviet treaty of friendship, alliance and mutual assistance')).toBe('sino-soviet-1950');
    expect(engine.resolveTreaty('atop:3200')).toBe('sino-soviet-1950');
    expect(() => engine.resolveTreaty('Treaty of Versailles')).toThrow(LookupError);
  });

  it('names the parties and signatories of a treaty as they were called then: the Soviet Union in 1950', () => {
    const t = engine.treaty('sino-soviet-1950');
    expect(t.parties.map((p) => p.name)).toEqual(['Soviet Union', 'China']);
    expect(t.signatories.map((s) => s.partyName)).toContain('Soviet Union');
    expect(t.signatories.map((s) => s.partyName)).not.toContain('Russia');
  });

  it('gives the relations other treaties state towards one, with their notes and sources', () => {
    const t = engine.treaty('sino-soviet-1950');
    expect(t.relations.map((r) => [r.type, r.treaty])).toEqual([['based-on', 'sino-soviet-1945']]);
    expect(t.relatedFrom).toHaveLength(1);
    const from = t.relatedFrom[0]!;
    expect([from.type, from.treaty]).toEqual(['related', 'sino-soviet-1945']);
    expect(from.note).toMatch(/^Declared void by the notes/);
    expect(from.sources.map((s) => s.treaty)).toEqual(['sino-soviet-1945']);
    expect(from.sources[0]!.title).not.toBe(from.sources[0]!.source);
  });

  it('lists, among equal matches, treaties with names of their own before ATOP records', () => {
    const record = { ...atopTreaty(1001, [2, 20], '1990-01-01', null), names: [{ text: 'ATOP 1001: USA, CAN (1990)', lang: 'en' }] };
    const e = new Engine([record, makeTreaty({ id: 'zeta-pact', names: [{ text: 'Zeta Pact of 1990', lang: 'en' }] })], registry, { today: '2026-11-28' });
    const found = e.searchTreaties('1990').map((t) => t.id);
    expect(found).toEqual(['zeta-pact', 'atop-1001']);
  });

  it('names a party in a disagreement on its membership as it was called when it joined', () => {
    const t = makeTreaty({ id: 'test-party-end', claims: [{ field: 'end', party: 365, value: '1960-01-01', sources: [{ source: 't' }] }] });
    const [d] = new Engine([t], registry, { today: '2026-11-28' }).disagreements({ field: 'party-end' });
    expect(d!.party).toEqual({ ccode: 365, name: 'Soviet Union' });
  });

  it('suggests the treaties of an unknown id’s words when its year or number is wrong, without taking one', () => {
    const err = thrown(() => engine.resolveTreaty('sino-soviet-1951'), LookupError);
    expect(err).toMatchObject({ code: 'E_TREATY_UNKNOWN', hint: 'did you mean sino-soviet-1945, sino-soviet-1950?' });
    expect(err.candidates.map((c) => c.id)).toEqual(['sino-soviet-1945', 'sino-soviet-1950']);
  });

  it('takes a lone loose match for a name, but not for digits that only resemble an ATOP id', () => {
    expect(engine.resolveTreaty('Friendship, Alliance and Mutual Assistance')).toBe('sino-soviet-1950');
    expect(() => engine.resolveTreaty('3.200')).toThrow(/no treaty is called '3\.200'/);
    try {
      engine.resolveTreaty('3.200');
    } catch (err) {
      expect((err as LookupError).candidates.map((c) => c.id)).toContain('sino-soviet-1950');
    }
  });
});

describe('allies and obligations', () => {
  it('names the Soviet Union as China’s defence ally on 1979-02-17, under the 1950 treaty', () => {
    const a = engine.allies('China', '1979-02-17', { type: 'defense' });
    expect(a.allies.map((x) => [x.ccode, x.treaties])).toEqual([[365, ['sino-soviet-1950']]]);
    expect(a.allies[0]!.obligations.map((o) => `${o.bearer}->${o.beneficiary}`).sort()).toEqual(['365->710', '710->365']);
  });

  it('names states as they were called on the day', () => {
    expect(engine.allies('China', '1979-02-17').allies[0]!.name).toBe('Soviet Union');
    expect(engine.allies('China', '1979-02-17').state.name).toBe('China');
    expect(registry.nameOn(365, '1992-01-01')).toBe('Russia');
  });

  it('finds states by code, name, alias or abbreviation in any case', () => {
    for (const q of ['USSR', 'Soviet Union', '365', 'RUS', 'soviet union', 'Россия']) expect(engine.allies(q, '1960-01-01').state.ccode).toBe(365);
  });

  it('keeps asymmetric obligations directed: the credit is owed by the USSR to China only, while it is drawn (1950–1954)', () => {
    const o = engine.obligations('USSR', '1952-01-01');
    expect(o.owes.find((x) => x.provision === 'credit-300m')!.to.map((t) => t.ccode)).toEqual([710]);
    expect(engine.obligations('China', '1952-01-01').owes.some((x) => x.provision === 'credit-300m')).toBe(false);
    expect(engine.obligations('USSR', '1955-01-01').owes.some((x) => x.provision === 'credit-300m')).toBe(false);
  });

  it('has no allies for a state outside every treaty', () => {
    expect(engine.allies('Switzerland', '1960-01-01').allies).toEqual([]);
  });
});

describe('triggered', () => {
  it('triggers China’s defence pledge when Japan attacks the USSR', () => {
    const t = engine.triggered('Japan', 'USSR', '1960-01-01');
    const defense = t.obligations.find((o) => o.provision === 'mutual-defense')!;
    expect(defense).toMatchObject({ treaty: 'sino-soviet-1950', bearer: 710, status: 'triggered' });
  });

  it('triggers it for an attack by the United States only once the US is allied with Japan', () => {
    const before = engine.triggered('United States', 'USSR', '1951-01-01').obligations.find((o) => o.provision === 'mutual-defense')!;
    const after = engine.triggered('United States', 'USSR', '1960-01-01').obligations.find((o) => o.provision === 'mutual-defense')!;
    expect(before.status).toBe('not-triggered');
    expect(after.status).toBe('triggered');
  });

  it('triggers nothing after the treaty ended', () => {
    expect(engine.triggered('Japan', 'USSR', '1985-01-01').obligations).toEqual([]);
  });

  it('leaves a condition undetermined when it needs a fact the caller did not give', () => {
    const t = makeTreaty({
      id: 'test-located',
      provisions: [{ id: 'europe-only', type: 'defense', bearers: 'all', beneficiaries: 'others', condition: 'location == "europe"', sources: src }],
    });
    const e = new Engine([t], registry, { today: '2026-11-28' });
    expect(e.triggered(2, 365, '1960-01-01').obligations[0]!.status).toBe('undetermined');
    expect(e.triggered(2, 365, '1960-01-01', { location: 'europe' }).obligations[0]!.status).toBe('triggered');
    expect(e.triggered(2, 365, '1960-01-01', { location: 'asia' }).obligations[0]!.status).toBe('not-triggered');
  });
});

describe('obligation index', () => {
  it('is built on the first query that needs it, or by prepare(), with the same obligations', () => {
    const lazy = new Engine([...sino, usJapan], registry, { today: '2026-11-28' });
    const eager = new Engine([...sino, usJapan], registry, { today: '2026-11-28' });
    const n = eager.prepare();
    expect(n).toBeGreaterThan(0);
    expect([...lazy.allObligations()]).toEqual([...eager.allObligations()]);
    expect(lazy.allies('China', '1960-01-01').allies).toEqual(eager.allies('China', '1960-01-01').allies);
    expect(lazy.prepare()).toBe(n);
  });
});

describe('allies explanation', () => {
  it('says once what two states owe each other, and which way a one-sided obligation runs', () => {
    const t = makeTreaty({
      id: 'test-explained',
      parties: [2, 740].map((state) => ({ state, role: 'original' as const, sources: src })),
      provisions: [
        { id: 'd', type: 'defense', article: '5', bearers: 'all', beneficiaries: 'others', sources: src },
        { id: 'c', type: 'consultation', bearers: 'all', beneficiaries: 'others', sources: src },
        { id: 'n', type: 'neutrality', bearers: [740], beneficiaries: [2], condition: 'attacker == 365', conditionText: 'the Soviet Union attacks', sources: src },
      ],
    });
    const e = new Engine([t], registry, { today: '2026-11-28' });
    const steps = e.allies(2, '1960-01-01').explanation.steps.map((x) => x.text);
    expect(steps).toEqual([
      'test-explained: United States and Japan owe each other defense (art. 5) and consultation, 1950-02-14 to no end yet; Japan owes United States neutrality (condition: the Soviet Union attacks), 1950-02-14 to no end yet.',
    ]);
  });
});

describe('succession of states', () => {
  const multi = makeTreaty({
    id: 'test-multi',
    parties: [2, 200, 260, 265].map((state) => ({ state, role: 'original' as const, sources: src })),
    events: [{ type: 'signature', date: '1980-01-01', sources: src }],
    provisions: [{ id: 'd', type: 'defense', bearers: 'all', beneficiaries: 'others', sources: src }],
  });
  const e = new Engine([multi], registry, { today: '2026-11-28' });

  it('carries West Germany’s membership over to Germany on 1990-10-03, and ends East Germany’s', () => {
    expect(e.parties('test-multi', '1990-10-02').parties.map((p) => p.ccode)).toEqual([2, 200, 260, 265]);
    expect(e.parties('test-multi', '1990-10-03').parties.map((p) => p.ccode)).toEqual([2, 200, 255]);
    const steps = e.treaty('test-multi').explanation.steps.map((s) => s.text);
    expect(steps).toContain('Germany continued German Federal Republic\'s membership from 1990-10-03 by state succession (state system membership).');
    expect(e.allies('Germany', '1991-01-01').allies.map((a) => a.ccode)).toEqual([2, 200]);
  });
});

describe('suspension towards one party', () => {
  const anzusLike = makeTreaty({
    id: 'test-anzus',
    parties: [2, 900, 920].map((state) => ({ state, role: 'original' as const, sources: src })),
    events: [
      { type: 'signature', date: '1951-09-01', sources: src },
      { type: 'suspension', date: '1986-08-11', party: 2, towards: 920, sources: src },
    ],
    provisions: [{ id: 'd', type: 'defense', bearers: 'all', beneficiaries: 'others', sources: src }],
  });
  const e = new Engine([anzusLike], registry, { today: '2026-11-28' });
  it('cuts only the obligations between the two, both ways', () => {
    expect(e.allies('New Zealand', '1990-01-01').allies.map((a) => a.ccode)).toEqual([900]);
    expect(e.allies('United States', '1990-01-01').allies.map((a) => a.ccode)).toEqual([900]);
    expect(e.allies('Australia', '1990-01-01').allies.map((a) => a.ccode)).toEqual([2, 920]);
    expect(e.allies('New Zealand', '1980-01-01').allies.map((a) => a.ccode)).toEqual([2, 900]);
  });
});

describe('states that leave and rejoin', () => {
  const league = makeTreaty({
    id: 'test-league',
    parties: [
      { state: 651, role: 'original', spells: [{ start: '1945-03-22', end: '1979-03-31', sources: src }, { start: '1989-05-22', end: null, sources: src }], sources: src },
      { state: 652, role: 'original', spells: [{ start: '1945-03-22', end: null, sources: src }], sources: src },
    ],
    events: [{ type: 'signature', date: '1945-03-22', sources: src }],
    provisions: [{ id: 'd', type: 'defense', bearers: 'all', beneficiaries: 'others', sources: src }],
  });
  const e = new Engine([league], registry, { today: '2026-11-28' });
  it('gives one obligation per spell and direction, and none while the state is out', () => {
    expect([...e.allObligations()].map((o) => `${o.bearer}>${o.beneficiary} ${o.start}..${o.end ?? ''}`).sort()).toEqual([
      '651>652 1945-03-22..1979-03-31',
      '651>652 1989-05-22..',
      '652>651 1945-03-22..1979-03-31',
      '652>651 1989-05-22..',
    ]);
    expect(e.allies('Egypt', '1985-01-01').allies).toEqual([]);
    expect(e.allies('Egypt', '1990-01-01').allies[0]!.obligations).toHaveLength(2);
  });
});

describe('allies explanation', () => {
  it('is built on first read and included in JSON', () => {
    const a = engine.allies('China', '1979-02-17');
    const json = JSON.parse(JSON.stringify(a));
    expect(json.explanation.steps.length).toBeGreaterThan(0);
    expect(a.explanation).toBe(a.explanation);
  });
});

describe('days outside what a dataset observes', () => {
  const observations = [{ origin: 'atop-5.1', label: 'ATOP 5.1', from: '1815-01-01', until: '2018-12-31' }];
  // Two ATOP alliances of the United States: one in effect at the end of the data, one ended in 2000.
  const ended = atopTreaty(9002, [2, 70], '1990-01-01', '2000-12-31');
  const terminated = { ...ended, events: [...ended.events, { type: 'termination' as const, date: '2000-12-31', sources: [{ source: 'atop' }] }] };
  const e = new Engine([atopTreaty(9001, [2, 20], '1990-01-01', null), terminated, ...sino], registry, { today: '2026-11-28', observations });

  it('names, on a later day, the dataset’s alliances that the answer takes to continue, and no others', () => {
    const [notice] = e.allies(2, '2024-01-01').notices;
    expect(notice).toMatch(/^ATOP 5\.1's data end on 2018-12-31, before the date asked\. 1 alliance of this answer \(atop-9001\) is taken to be still in force because ATOP 5\.1 records it in effect on its last day; it may have ended since\. Alliances formed after 2018-12-31, and states that joined alliances after it, are not in ATOP 5\.1\.$/);
    // Curated treaties carry their own ends: a later day over them alone names no alliance.
    expect(e.allies(710, '2024-01-01').notices).toEqual(["ATOP 5.1's data end on 2018-12-31, before the date asked. Alliances formed after 2018-12-31, and states that joined alliances after it, are not in ATOP 5.1."]);
  });

  it('says a day before the span is outside it, and says nothing inside it or without observations', () => {
    expect(e.obligations(2, '1800-06-01').notices).toEqual(["ATOP 5.1's data begin on 1815-01-01, after the date asked: only treaties from other sources can answer for it."]);
    for (const on of ['1815-01-01', '1995-01-01', '2018-12-31']) expect(e.allies(2, on).notices, on).toEqual([]);
    expect(engine.allies(2, '2024-01-01').notices).toEqual([]);
  });

  it('does not name the day, so that answers with the same treaties on other days are equal', () => {
    expect(e.treatiesOf(2, '2030-05-05').notices).toHaveLength(1);
    expect(e.treatiesOf(2, '2030-05-05').notices).toEqual(e.treatiesOf(2, '2024-01-01').notices);
    const triggered = e.triggered(200, 20, '2024-01-01').notices;
    expect(triggered).toHaveLength(1);
    expect(triggered.join(' ')).not.toContain('2024');
  });

  it('names, for an attack, only the alliances of the obligations it lists', () => {
    // Japan attacks Canada: the US–Canada pact answers; the attacker's own pact with the US (9003) is not in the list.
    const withThird = new Engine([atopTreaty(9001, [2, 20], '1990-01-01', null), atopTreaty(9003, [2, 740], '1990-01-01', null)], registry, { today: '2026-11-28', observations });
    const a = withThird.triggered(740, 20, '2024-01-01');
    expect(a.obligations.map((o) => o.treaty)).toEqual(['atop-9001']);
    expect(a.notices[0]).toContain('1 alliance of this answer (atop-9001)');
  });

  it('gives a treaty’s in-force and parties answers the notice only for a record of the dataset', () => {
    expect(e.inForce('atop-9001', '2024-01-01').notices[0]).toContain('1 alliance of this answer (atop-9001) is taken to be still in force');
    expect(e.parties('atop-9001', '2024-01-01').notices[0]).toContain('(atop-9001)');
    // Ended in 2000: not in force, so not taken to continue.
    expect(e.inForce('atop-9002', '2024-01-01').inForce).toBe(false);
    expect(e.inForce('atop-9002', '2024-01-01').notices[0]).not.toContain('of this answer');
    expect(e.inForce('atop-9001', '2010-01-01').notices).toEqual([]);
    expect(e.inForce('sino-soviet-1950', '2024-01-01').notices).toEqual([]);
  });

  it('keeps only the observations of datasets its origin filter lets in, and words a day before them by source', () => {
    const curated = new Engine([atopTreaty(9001, [2, 20], '1990-01-01', null), ...sino], registry, { today: '2026-11-28', observations, origin: (o) => o === 'curated' });
    expect(curated.observations).toEqual([]);
    expect(curated.allies(710, '2024-01-01').notices).toEqual([]);
    const atopOnly = new Engine([atopTreaty(9001, [2, 20], '1990-01-01', null), ...sino], registry, { today: '2026-11-28', observations, origin: (o) => o === 'atop-5.1' });
    expect(atopOnly.allies(2, '1800-01-01').notices).toEqual(["ATOP 5.1's data begin on 1815-01-01, after the date asked: it has nothing to say of that day, and no other source is in use."]);
  });
});

describe('states outside the state system on the day', () => {
  const registry = new PolityRegistry([
    { ccode: 365, abbrev: 'RUS', name: 'Russia', aliases: ['USSR'], spells: [{ start: '1816-01-01', end: null }] },
    { ccode: 366, abbrev: 'EST', name: 'Estonia', aliases: [], spells: [{ start: '1918-02-24', end: '1940-06-17' }, { start: '1991-09-06', end: null }] },
  ]);
  const e = new Engine([], registry, { today: '2026-11-28' });

  it('say that a state of the answer did not exist that day, without naming the day', () => {
    const notice = 'Estonia (366) was not a member of the state system on the date asked, by the state list in use.';
    expect(e.allies(366, '1960-01-01').notices).toEqual([notice]);
    expect(e.obligations(366, '1960-01-01').notices).toEqual([notice]);
    expect(e.treatiesOf(366, '1960-01-01').notices).toEqual([notice]);
    expect(e.triggered(365, 366, '1960-01-01').notices).toEqual([notice]);
    expect(e.allies(366, '1995-01-01').notices).toEqual([]);
    expect(e.triggered(365, 366, '1930-01-01').notices).toEqual([]);
  });
});

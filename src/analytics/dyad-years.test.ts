import { describe, expect, it } from 'vitest';
import { Engine } from '../core/engine.js';
import { PolityRegistry } from '../core/polities.js';
import type { Party, Polity, Provision, Treaty } from '../core/model.js';
import { corpusTreaties, makeTreaty, testRegistry } from '../test-support/corpus.js';
import type { PartySpell } from '../core/lifecycle.js';
import { ALLIANCE_TYPES } from '../core/model.js';
import { AllianceData, byKey, byYear, obligationsOf } from './alliance-years.js';
import { allianceDyadYears, dyadYears } from './dyad-years.js';
import { allianceStateYears, stateYears } from './state-years.js';
import { frameDyadYears, systemDyadYears, systemStates } from './frame.js';
import { collectRecords, type TableStream } from './table.js';
import { CsvEncoder } from './csv.js';

const src = [{ source: 't' }];
const party = (state: number, ...spells: [string, string | null][]): Party => ({
  state,
  role: 'original',
  spells: spells.map(([start, end]) => ({ start, end, sources: src })),
  sources: src,
});
const prov = (id: string, type: Provision['type'], bearers: Provision['bearers'], beneficiaries: Provision['beneficiaries'], window: { from?: string; until?: string } = {}): Provision => ({ id, type, bearers, beneficiaries, ...window, sources: src });

/** An ATOP-like alliance: stated member spells, signature and (when ended) termination. */
function alliance(atopid: number, begin: string, end: string | null, parties: Party[], provisions: Provision[]): Treaty {
  return makeTreaty({
    id: `atop-${atopid}`,
    atopids: [atopid],
    origin: 'atop-5.1',
    parties,
    provisions,
    events: [{ type: 'signature', date: begin, sources: src }, ...(end ? [{ type: 'termination' as const, date: end, sources: src }] : [])],
  });
}

// Britain, France and Sweden 1855 (codebook §2.6): all consult, Britain and France defend Sweden.
const bfs = alliance(1240, '1855-11-21', '1856-03-30', [party(200, ['1855-11-21', '1856-03-30']), party(220, ['1855-11-21', '1856-03-30']), party(380, ['1855-11-21', '1856-03-30'])], [
  prov('consultation', 'consultation', 'all', 'others'),
  prov('defense', 'defense', [200, 220], [380]),
]);
// Two guarantors of a third, no obligation between the guarantors: SHAREOB.
const guarantee = alliance(1300, '1870-01-01', '1872-06-30', [party(200, ['1870-01-01', '1872-06-30']), party(220, ['1870-01-01', '1872-06-30']), party(211, ['1870-01-01', '1872-06-30'])], [
  prov('defense', 'defense', [200, 220], [211]),
]);
// A leaves on 1905-03-01, C joins on 1905-06-01: never members together; B and C stay to 1906.
const turnover = alliance(1400, '1900-05-01', '1906-12-31', [party(2, ['1900-05-01', '1905-03-01']), party(20, ['1900-05-01', '1906-12-31']), party(70, ['1905-06-01', '1906-12-31'])], [
  prov('nonaggression', 'nonaggression', 'all', 'others'),
]);
// Phases (ATOP 1362): phase 1 defense+neutrality for 90, 91; phase 2 from 1888-11-24 defense only, 93 joins then.
const phased = alliance(1362, '1887-02-16', '1890-06-27', [party(90, ['1887-02-16', '1888-11-24'], ['1888-11-24', '1890-06-27']), party(91, ['1887-02-16', '1888-11-24'], ['1888-11-24', '1890-06-27']), party(93, ['1888-11-24', '1890-06-27'])], [
  prov('defense-phase-1', 'defense', [90, 91], [90, 91], { from: '1887-02-16', until: '1888-11-24' }),
  prov('neutrality-phase-1', 'neutrality', [90, 91], [90, 91], { from: '1887-02-16', until: '1888-11-24' }),
  prov('defense-phase-2', 'defense', [90, 91, 93], [90, 91, 93], { from: '1888-11-24', until: '1890-06-27' }),
]);
// Concurrent phases after a succession (codebook footnote 10): France–Czech Republic and France–Slovakia.
const czech = alliance(3610, '1991-10-01', null, [party(220, ['1991-10-01', null]), party(315, ['1991-10-01', '1992-12-31']), party(316, ['1993-01-01', null]), party(317, ['1993-01-01', null])], [
  prov('consultation-phase-1', 'consultation', [220, 315], [220, 315], { from: '1991-10-01', until: '1992-12-31' }),
  prov('consultation-phase-2', 'consultation', [220, 316], [220, 316], { from: '1993-01-01' }),
  prov('consultation-phase-3', 'consultation', [220, 317], [220, 317], { from: '1993-01-01' }),
]);
// France and Annam (8152, no COW code), and a non-aggression-only pact.
const annam = alliance(1320, '1874-03-15', '1883-08-25', [party(220, ['1874-03-15', '1883-08-25']), party(8152, ['1874-03-15', '1883-08-25'])], [prov('defense', 'defense', [220], [8152])]);

const registry = testRegistry();
const engineOf = (...treaties: Treaty[]) => new Engine(treaties, registry, { today: '2020-01-01' });
const rows = (...a: Parameters<typeof dyadYears>) => collectRecords(dyadYears(...a).batches());

describe('directed dyad-years (ATOP rules)', () => {
  it('codes the 1855 trilateral as the codebook does, directed', () => {
    const r = rows(engineOf(bfs), { from: 1855, to: 1856 });
    const at = (a: number, b: number, y: number) => r.find((x) => x.stateA === a && x.stateB === b && x.year === y);
    expect(r).toHaveLength(12);
    expect(at(200, 380, 1855)).toMatchObject({ ddyad: 200380, atopally: 1, defense: 1, consul: 1, offense: 0, shareob: null, number: 1, multino: 1, bilatno: 0, asymm: 1, atopid1: 1240, transyr: 1 });
    expect(at(380, 200, 1855)).toMatchObject({ defense: 0, consul: 1 });
    expect(at(200, 220, 1856)).toMatchObject({ defense: 0, consul: 1 });
    expect(Object.keys(r[0]!)).toEqual(['stateA', 'stateB', 'year', 'ddyad', 'atopally', 'defense', 'offense', 'neutral', 'nonagg', 'consul', 'shareob', 'transyr', 'bilatno', 'multino', 'number', 'asymm', 'atopid1']);
  });

  it('codes SHAREOB for two guarantors that owe each other nothing, and not for the guaranteed state toward a guarantor', () => {
    const r = rows(engineOf(guarantee), { from: 1870, to: 1872 });
    expect(r.filter((x) => x.stateA === 200 && x.stateB === 220).map((x) => x.shareob)).toEqual([1, 1, 1]);
    expect(r.filter((x) => x.stateA === 220 && x.stateB === 200).map((x) => x.shareob)).toEqual([1, 1, 1]);
    // Codebook: SHAREOB is 1 when the two "have no obligations to one another"; Britain owes Belgium defence.
    expect(r.find((x) => x.stateA === 211 && x.stateB === 200 && x.year === 1871)).toMatchObject({ shareob: null, defense: 0, transyr: 0 });
    expect(r.find((x) => x.stateA === 200 && x.stateB === 211 && x.year === 1871)).toMatchObject({ shareob: null, defense: 1 });
    const undirected = collectRecords(dyadYears(engineOf(guarantee), { unit: 'dyad-year', from: 1871, to: 1871 }).batches());
    expect(undirected.map((x) => [x.mem1, x.mem2, x.shareob])).toEqual([[200, 211, null], [200, 220, 1], [211, 220, null]]);
  });

  it('pairs states only when they were members on a common day of the year', () => {
    const r = rows(engineOf(turnover), { from: 1900, to: 1906 });
    expect(r.filter((x) => (x.stateA === 2 && x.stateB === 70) || (x.stateA === 70 && x.stateB === 2))).toEqual([]);
    expect(r.filter((x) => x.stateA === 2 && x.stateB === 20).map((x) => x.year)).toEqual([1900, 1901, 1902, 1903, 1904, 1905]);
    expect(r.filter((x) => x.stateA === 20 && x.stateB === 70).map((x) => x.year)).toEqual([1905, 1906]);
  });

  it('pairs members within a phase: a state joining in phase 2 gets no phase-1 obligation', () => {
    const r = rows(engineOf(phased), { from: 1887, to: 1890 });
    expect(r.find((x) => x.stateA === 90 && x.stateB === 93 && x.year === 1888)).toMatchObject({ defense: 1, neutral: 0, transyr: 1 });
    expect(r.find((x) => x.stateA === 90 && x.stateB === 91 && x.year === 1888)).toMatchObject({ defense: 1, neutral: 1, number: 1 });
    expect(r.find((x) => x.stateA === 90 && x.stateB === 91 && x.year === 1889)).toMatchObject({ defense: 1, neutral: 0, transyr: 0 });
  });

  it('keeps concurrent phases apart: no Czech–Slovak dyad from France’s treaty', () => {
    const r = rows(engineOf(czech), { from: 1991, to: 1994 });
    expect(r.filter((x) => [316, 317].includes(x.stateA as number) && [316, 317].includes(x.stateB as number))).toEqual([]);
    expect(r.find((x) => x.stateA === 220 && x.stateB === 316 && x.year === 1993)).toMatchObject({ consul: 1, bilatno: 1, multino: 0 });
    expect(r.filter((x) => x.year === 1994)).toHaveLength(4);
  });

  it('counts a curated treaty written pair by pair as one alliance of all its parties (BILATNO/MULTINO)', () => {
    // ANZUS-like: three parties, provisions per pair (one pair's ends early), no ATOP phases.
    const pairs = makeTreaty({
      id: 'pacific-three',
      origin: 'curated',
      parties: [party(2, ['1952-04-29', null]), party(900, ['1952-04-29', null]), party(920, ['1952-04-29', null])],
      provisions: [prov('au-us', 'defense', [2, 900], [2, 900]), prov('au-nz', 'defense', [900, 920], [900, 920]), prov('nz-us', 'defense', [2, 920], [2, 920], { until: '1986-08-11' })],
      events: [{ type: 'signature', date: '1952-04-29', sources: src }],
    });
    const r = rows(engineOf(pairs), { from: 1952, to: 1990 });
    expect(r.find((x) => x.stateA === 2 && x.stateB === 900 && x.year === 1960)).toMatchObject({ defense: 1, bilatno: 0, multino: 1, number: 1 });
    expect(r.find((x) => x.stateA === 2 && x.stateB === 920 && x.year === 1986)).toMatchObject({ defense: 1, bilatno: 0, multino: 1 });
    // The same pairwise shape as an ATOP record's concurrent phases stays bilateral (footnote 10, above).
    expect(rows(engineOf({ ...pairs, id: 'atop-9999', origin: 'atop-5.1', atopids: [9999] }), { from: 1960, to: 1960 }).map((x) => x.bilatno)).toEqual([1, 1, 1, 1, 1, 1]);
  });

  it('rejects a unit it does not know (from untyped callers) instead of writing the undirected layout', () => {
    expect(() => dyadYears(engineOf(bfs), { unit: 'triad' as never, from: 1855, to: 1856 })).toThrow(/unknown unit 'triad': expected directed-dyad-year or dyad-year/);
  });

  it('leaves out dyads with ATOP’s placeholder 8152 (Annam) and pure non-aggression pacts with nna', () => {
    expect(rows(engineOf(annam), { from: 1870, to: 1890 })).toEqual([]);
    expect(rows(engineOf(turnover), { from: 1900, to: 1906, nna: true })).toEqual([]);
    expect(rows(engineOf(turnover, bfs), { from: 1855, to: 1856, nna: true })).toHaveLength(12);
  });

  it('merges the two directions into dyad-years with ATOP’s undirected names', () => {
    const r = rows(engineOf(bfs), { from: 1855, to: 1855, unit: 'dyad-year' });
    expect(r).toHaveLength(3);
    expect(r[0]).toMatchObject({ mem1: 200, mem2: 220, dyad: 200220, defense: 0, consul: 1 });
    expect(r[1]).toMatchObject({ mem1: 200, mem2: 380, dyad: 200380, defense: 1, consul: 1 });
  });

  it('counts alliances and lists their ids in ascending order, restricted by types', () => {
    const second = alliance(1250, '1855-12-01', '1857-01-01', [party(200, ['1855-12-01', '1857-01-01']), party(380, ['1855-12-01', '1857-01-01'])], [prov('neutrality', 'neutrality', 'all', 'others')]);
    const r = rows(engineOf(second, bfs), { from: 1855, to: 1857 });
    expect(r.find((x) => x.stateA === 200 && x.stateB === 380 && x.year === 1856)).toMatchObject({ number: 2, bilatno: 1, multino: 1, atopid1: 1240, atopid2: 1250, defense: 1, neutral: 1 });
    expect(r.find((x) => x.stateA === 200 && x.stateB === 380 && x.year === 1857)).toMatchObject({ number: 1, atopid1: 1250, atopid2: null });
    const d = rows(engineOf(second, bfs), { from: 1855, to: 1857, types: ['defense'] });
    expect(Object.keys(d[0]!)).toContain('defense');
    expect(Object.keys(d[0]!)).not.toContain('neutral');
    expect(d.every((x) => x.number === 1 && x.atopid1 === 1240)).toBe(true);
  });

  it('counts the same ATOP id once when a curated treaty and the ATOP record both carry it', () => {
    const curated = { ...bfs, id: 'crimean-1855', origin: 'curated' };
    const r = rows(engineOf(bfs, curated), { from: 1855, to: 1855 });
    expect(r).toHaveLength(6);
    expect(r.every((x) => x.number === 1)).toBe(true);
  });

  it('puts treaties without an ATOP id in a treaties column', () => {
    const curated = { ...bfs, id: 'crimean-1855', origin: 'curated', atopids: [] };
    const r = rows(engineOf(curated), { from: 1855, to: 1855 });
    expect(r[0]).toMatchObject({ number: 1, treaties: 'crimean-1855' });
  });

  it('stops at the coverage of the data', () => {
    const r = rows(engineOf(czech), { from: 1991, to: 2020, coverage: { from: 1815, to: 2018 } });
    expect(Math.max(...r.map((x) => x.year as number))).toBe(2018);
  });
});

describe('state-years', () => {
  it('gives each member its own obligations, Annam included, and zero for a member owed but owing nothing', () => {
    const r = collectRecords(stateYears(engineOf(guarantee, annam), { from: 1870, to: 1880 }).batches());
    expect(r.find((x) => x.state === 211 && x.year === 1870)).toMatchObject({ atopally: 1, defense: 0, number: 1, transyr: 1, atopid1: 1300 });
    expect(r.find((x) => x.state === 220 && x.year === 1875)).toMatchObject({ defense: 1, number: 1, transyr: 0, atopid1: 1320 });
    expect(r.find((x) => x.state === 220 && x.year === 1871)).toMatchObject({ defense: 1, number: 1, atopid1: 1300 });
    expect(r.find((x) => x.state === 8152 && x.year === 1875)).toMatchObject({ defense: 0, number: 1, allies: 0 });
    expect(r.find((x) => x.state === 220 && x.year === 1871)).toMatchObject({ allies: 2 });
    expect(r.find((x) => x.state === 220 && x.year === 1875)).toMatchObject({ allies: 0 });
    expect(Object.keys(r[0]!).at(-1)).toBe('allies');
  });
});

describe('system frame', () => {
  const polity = (ccode: number, spells: [string, string | null][]): Polity => ({ ccode, abbrev: `S${ccode}`, name: `State ${ccode}`, aliases: [], spells: spells.map(([start, end]) => ({ start, end })) });
  const reg = new PolityRegistry([
    polity(200, [['1816-01-01', null]]),
    polity(220, [['1816-01-01', null]]),
    polity(380, [['1816-01-01', '1855-06-30']]),
    polity(390, [['1855-09-01', null]]),
  ]);
  it('pairs states in the system on a common day, with alliance flags, zeros, and blanks outside the data', () => {
    const e = new Engine([bfs], reg, { today: '2020-01-01' });
    const r = collectRecords(systemDyadYears(e, { system: 'cow', from: 1854, to: 1856, coverage: { from: 1855, to: 1900 } }).batches());
    const y1855 = r.filter((x) => x.year === 1855);
    expect(y1855.map((x) => `${x.stateA}-${x.stateB}`)).toEqual(['200-220', '200-380', '200-390', '220-200', '220-380', '220-390', '380-200', '380-220', '390-200', '390-220']);
    expect(y1855.find((x) => x.stateA === 200 && x.stateB === 220)).toMatchObject({ atopally: 1, consul: 1, defense: 0 });
    expect(y1855.find((x) => x.stateA === 200 && x.stateB === 390)).toMatchObject({ atopally: 0, defense: 0, shareob: null, number: 0, atopid1: null });
    expect(r.find((x) => x.year === 1854)).toMatchObject({ atopally: null, defense: null, number: null });
    const und = collectRecords(systemDyadYears(e, { system: 'cow', unit: 'dyad-year', from: 1855, to: 1855 }).batches());
    expect(und).toHaveLength(5);
  });

  it('indexes alliances once for several outputs', () => {
    const data = AllianceData.fromEngine(engineOf(bfs, guarantee));
    expect(data.alliances.map((a) => a.atopid)).toEqual([1240, 1300]);
    expect(data.maxAtopids(data.dyadSegments({ from: 1800, to: 1900 }))).toBe(1);
  });
});

describe('obligations', () => {
  it('expands provisions exactly as the engine does (curated corpus and the test alliances)', () => {
    const e = new Engine([...corpusTreaties(registry), bfs, guarantee, turnover, phased, czech, annam], registry, { today: '2020-01-01' });
    const year = (d: string | null) => (d === null ? 9999 : Number(d.slice(0, 4)));
    const fromEngine = new Set<string>();
    for (const o of e.allObligations()) if ((ALLIANCE_TYPES as readonly string[]).includes(o.type)) fromEngine.add(`${o.treaty} ${o.bearer}>${o.beneficiary} ${o.type} ${year(o.start)}-${year(o.end)} ${o.condition ?? ''}`);
    const mine = new Set<string>();
    for (const { treaty, spells } of e.periods()) {
      const byState = new Map<number, PartySpell[]>();
      for (const s of spells) byState.set(s.state, [...(byState.get(s.state) ?? []), s]);
      for (const o of obligationsOf(treaty, byState)) mine.add(`${treaty.id} ${o.bearer}>${o.beneficiary} ${o.type} ${o.y1}-${o.y2} ${o.condition}`);
    }
    expect(fromEngine.size).toBeGreaterThan(50);
    expect([...mine].sort()).toEqual([...fromEngine].sort());
  });
});

describe('reading keyed rows once (the CSV writer)', () => {
  const csv = (table: TableStream, keyedOnce: boolean) => {
    const enc = new CsvEncoder();
    let out = '';
    // Each batch is encoded before the next: the generator reuses the batch object.
    for (const b of table.batches({ keyedOnce })) out += enc.encode(b).toString();
    return out;
  };
  it('gives the same CSV as the full rows, for dyad-years, state-years and the frame', () => {
    const registry = testRegistry();
    const e = new Engine([...corpusTreaties(registry), bfs, guarantee, phased, czech], registry, { today: '2020-01-01' });
    const tables = [
      dyadYears(e, { from: 1850, to: 2000 }),
      dyadYears(e, { unit: 'dyad-year', from: 1850, to: 2000 }),
      stateYears(e, { from: 1850, to: 2000 }),
      systemDyadYears(e, { system: 'cow', from: 1945, to: 1960, coverage: { from: 1950, to: 2000 } }),
    ];
    for (const t of tables) {
      const full = csv(t, false);
      expect(full.split('\n').length).toBeGreaterThan(50);
      expect(csv(t, true)).toBe(full);
    }
  });
});

describe('the sorts that order records and segments', () => {
  it('order stably by key, packed or (for keys of 2^32 and more) with a comparator, and by year', () => {
    const items = Int32Array.from([4, 0, 3, 1, 2]);
    const key = [7, 5, 7, 5, 2];
    // Keys are looked up by item: 4 → 2; 3 and 1 → 5, in their order in `items`; 0 and 2 → 7.
    expect([...byKey(items, key)]).toEqual([4, 3, 1, 0, 2]);
    const big = key.map((k) => k * 2 ** 32);
    expect([...byKey(items, big)]).toEqual([4, 3, 1, 0, 2]);
    expect([...byYear(items, [1990, 1985, 1990, 1985, 2000], { from: 1985, to: 2000 })]).toEqual([3, 1, 0, 2, 4]);
    // Negative and fractional keys cannot be packed: the comparator orders them.
    expect([...byKey(Int32Array.from([0, 1, 2]), [5, -1, 3])]).toEqual([1, 2, 0]);
    expect([...byKey(Int32Array.from([0, 1, 2]), [0.5, 0.25, 0.5])]).toEqual([1, 0, 2]);
  });

  it('gives no alliance rows for years after the coverage, and the frame missing values there', () => {
    const polity = (ccode: number): Polity => ({ ccode, abbrev: `S${ccode}`, name: `State ${ccode}`, aliases: [], spells: [{ start: '1816-01-01', end: null }] });
    const e = new Engine([bfs], new PolityRegistry([polity(200), polity(220), polity(380)]), { today: '2020-01-01' });
    const data = AllianceData.fromEngine(e, { coverage: { from: 1855, to: 1856 } });
    expect(collectRecords(allianceDyadYears(data, { from: 1855, to: 1856 }).batches())).toHaveLength(12);
    expect(collectRecords(allianceDyadYears(data, { from: 1900, to: 1901 }).batches())).toEqual([]);
    expect(collectRecords(allianceStateYears(data, { from: 1900, to: 1901 }).batches())).toEqual([]);
    const frame = collectRecords(frameDyadYears(systemStates(e.registry, 'cow'), data, { from: 1900, to: 1900 }).batches());
    expect(frame).toHaveLength(6);
    expect(frame.every((r) => r.atopally === null && r.defense === null)).toBe(true);
  });
});

describe('AllianceData segment memo', () => {
  it('keeps the segments of the two most recent spans only', () => {
    const registry = testRegistry();
    const data = AllianceData.fromEngine(new Engine(corpusTreaties(registry), registry, { today: '2020-01-01' }));
    const a = data.dyadSegments({ from: 1900, to: 1950 });
    const b = data.dyadSegments({ from: 1900, to: 1960 });
    expect(data.dyadSegments({ from: 1900, to: 1950 })).toBe(a);
    data.dyadSegments({ from: 1900, to: 1970 });
    // 1900–1950 was used more recently than 1900–1960, so 1900–1960 went.
    expect(data.dyadSegments({ from: 1900, to: 1950 })).toBe(a);
    const again = data.dyadSegments({ from: 1900, to: 1960 });
    expect(again).not.toBe(b);
    expect(again).toEqual(b);
  });
});

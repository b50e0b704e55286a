import { describe, expect, it } from 'vitest';
import { computeLifecycle } from './lifecycle.js';
import { corpusTreaties, makeTreaty, testRegistry } from '../test-support/corpus.js';
import type { Treaty } from './model.js';

const registry = testRegistry();
const opts = { horizon: '2026-11-28', nameOf: (c: number) => registry.nameOf(c) };
const sino1950 = (): Treaty => corpusTreaties(registry).find((t) => t.id === 'sino-soviet-1950')!;

describe('lifecycle of the 1950 Sino-Soviet treaty', () => {
  it('enters into force on the exchange of ratifications and ends on 1980-04-11 after China’s notice', () => {
    const life = computeLifecycle(sino1950(), opts);
    expect(life.signed).toBe('1950-02-14');
    expect(life.start).toBe('1950-04-11');
    expect(life.end).toBe('1980-04-11');
    expect(life.endReason).toBe('expired after a notice of denunciation');
    expect(life.periods).toEqual([{ kind: 'initial', start: '1950-04-11', end: '1980-04-11' }]);
    const text = life.steps.map((s) => s.text).join('\n');
    expect(text).toContain('exchange of ratifications, which took place on 1950-04-11');
    expect(text).toContain('30 years from entry into force (1950-04-11), ending on 1980-04-11');
    expect(text).toContain('gave notice of denunciation on 1979-04-03, no later than 1979-04-11');
    expect(life.parties.map((p) => [p.state, p.start, p.end])).toEqual([
      [365, '1950-04-11', '1980-04-11'],
      [710, '1950-04-11', '1980-04-11'],
    ]);
    // Every step that applies the clause cites article 6 of the treaty text.
    expect(life.steps.find((s) => s.text.startsWith('The initial term'))!.sources.map((s) => s.at)).toContain('art. 6');
    // The ratification exchange cites the clause and the event, both art. 6: once.
    const entry = life.steps.find((s) => s.text.includes('exchange of ratifications'))!;
    expect(entry.sources.map((s) => `${s.source} ${s.at}`)).toEqual([...new Set(entry.sources.map((s) => `${s.source} ${s.at}`))]);
    expect(entry.sources.filter((s) => s.at === 'art. 6')).toHaveLength(1);
  });

  it('renews to 1985-04-11 (and on, every five years) when the notice is removed', () => {
    const t = sino1950();
    const noNotice = { ...t, events: t.events.filter((e) => e.type !== 'notice-of-denunciation') };
    const life = computeLifecycle(noNotice, { ...opts, horizon: '1990-01-01' });
    expect(life.end).toBeNull();
    expect(life.periods.slice(0, 3)).toEqual([
      { kind: 'initial', start: '1950-04-11', end: '1980-04-11' },
      { kind: 'renewal', start: '1980-04-11', end: '1985-04-11' },
      { kind: 'renewal', start: '1985-04-11', end: '1990-04-11' },
    ]);
    expect(life.steps.map((s) => s.text)).toContain('No notice of denunciation was given 1 year before 1980-04-11; the treaty renews for 5 years, to 1985-04-11.');
  });

  it('carries a late notice over to the end of the next period', () => {
    const t = sino1950();
    const late = { ...t, events: t.events.map((e) => (e.type === 'notice-of-denunciation' ? { ...e, date: '1979-06-01' } : e)) };
    const life = computeLifecycle(late, opts);
    expect(life.end).toBe('1985-04-11');
    expect(life.steps.some((s) => s.text.includes('later than 1979-04-11'))).toBe(true);
  });
});

describe('lifecycle rules', () => {
  const src = [{ source: 't' }];
  it('uses the last ratification when entry into force needs every ratification', () => {
    const t = makeTreaty({
      id: 'x',
      duration: { entryIntoForce: 'ratification-by-all', sources: src },
      events: [
        { type: 'signature', date: '1955-05-14', sources: src },
        { type: 'ratification', date: '1955-05-20', party: 365, sources: src },
        { type: 'ratification', date: '1955-06-05', party: 710, sources: src },
      ],
    });
    const life = computeLifecycle(t, opts);
    expect(life.start).toBe('1955-06-05');
    expect(life.end).toBeNull();
    expect(life.endReason).toBe('in force, no fixed term');
  });

  it('falls back to the signature date, and says so, when entry into force is unknown', () => {
    const life = computeLifecycle(makeTreaty({ id: 'x' }), opts);
    expect(life.start).toBe('1950-02-14');
    expect(life.steps.at(-1)!.text).toContain('No duration clause');
    expect(life.steps.some((s) => s.text.includes('signature date 1950-02-14 is used'))).toBe(true);
  });

  it('lets a withdrawal clause end one party’s membership in a multilateral treaty', () => {
    const t = makeTreaty({
      id: 'x',
      parties: [365, 710, 731].map((state) => ({ state, role: 'original' as const, sources: src })),
      duration: { entryIntoForce: 'signature', withdrawal: { years: 1 }, sources: src },
      events: [
        { type: 'signature', date: '1950-02-14', sources: src },
        { type: 'notice-of-denunciation', date: '1960-03-01', party: 731, sources: src },
      ],
    });
    const life = computeLifecycle(t, opts);
    expect(life.end).toBeNull();
    expect(life.parties.find((p) => p.state === 731)!.end).toBe('1961-03-01');
    expect(life.parties.find((p) => p.state === 365)!.end).toBeNull();
  });

  it('applies an extension instead of the renewal rule, then a termination', () => {
    const t = makeTreaty({
      id: 'x',
      parties: [365, 710, 731].map((state) => ({ state, role: 'original' as const, sources: src })),
      duration: { entryIntoForce: 'signature', term: { years: 20 }, renewal: { term: { years: 10 } }, notice: { years: 1 }, sources: src },
      events: [
        { type: 'signature', date: '1955-06-05', sources: src },
        { type: 'extension', date: '1985-04-26', term: { years: 20 }, sources: src },
        { type: 'termination', date: '1991-07-01', sources: src },
      ],
    });
    const life = computeLifecycle(t, opts);
    expect(life.periods.map((p) => [p.kind, p.end])).toEqual([
      ['initial', '1975-06-05'],
      ['renewal', '1985-06-05'],
      ['extension', '2005-06-05'],
    ]);
    expect(life.end).toBe('1991-07-01');
    expect(life.endReason).toBe('terminated');
  });

  it('starts an acceded party at its accession and ends a withdrawn one at its withdrawal', () => {
    const t = makeTreaty({
      id: 'x',
      parties: [
        { state: 2, role: 'original', sources: src },
        { state: 200, role: 'original', sources: src },
        { state: 640, role: 'acceded', sources: src },
      ],
      duration: { entryIntoForce: 'signature', sources: src },
      events: [
        { type: 'signature', date: '1949-04-04', sources: src },
        { type: 'accession', date: '1952-02-18', party: 640, sources: src },
        { type: 'withdrawal', date: '1970-01-01', party: 200, sources: src },
      ],
    });
    const life = computeLifecycle(t, opts);
    expect(life.parties.map((p) => [p.state, p.start, p.end])).toEqual([
      [2, '1949-04-04', null],
      [200, '1949-04-04', '1970-01-01'],
      [640, '1952-02-18', null],
    ]);
  });

  it('uses membership spells as a dataset states them, including leaving and rejoining', () => {
    const t = makeTreaty({
      id: 'x',
      parties: [
        { state: 651, role: 'original', spells: [{ start: '1945-03-22', end: '1979-03-31', sources: src }, { start: '1989-05-22', end: null, sources: src }], sources: src },
        { state: 652, role: 'original', spells: [{ start: '1945-03', end: null, sources: src }], sources: src },
      ],
      events: [{ type: 'signature', date: '1945-03-22', sources: src }],
    });
    const life = computeLifecycle(t, opts);
    expect(life.parties.map((p) => [p.state, p.start, p.end])).toEqual([
      [651, '1945-03-22', '1979-03-31'],
      [651, '1989-05-22', null],
      [652, '1945-03-01', null],
    ]);
  });

  it('reads a term with a withdrawal clause as a minimum term, after which a party leaves on notice', () => {
    const t = makeTreaty({
      id: 'x',
      parties: [2, 200, 220].map((state) => ({ state, role: 'original' as const, sources: src })),
      duration: { entryIntoForce: 'signature', term: { years: 20 }, withdrawal: { years: 1 }, sources: src },
      events: [
        { type: 'signature', date: '1949-04-04', sources: src },
        { type: 'notice-of-denunciation', date: '1960-01-01', party: 200, sources: src },
        { type: 'notice-of-denunciation', date: '1980-01-01', party: 220, sources: src },
      ],
    });
    const life = computeLifecycle(t, opts);
    expect(life.end).toBeNull();
    expect(life.periods.map((p) => p.kind)).toEqual(['initial', 'indefinite']);
    expect(life.parties.map((p) => [p.state, p.end])).toEqual([
      [2, null],
      [200, '1969-04-04'],
      [220, '1981-01-01'],
    ]);
  });

  it('ends a bilateral treaty when one party withdraws', () => {
    const t = makeTreaty({
      id: 'x',
      duration: { entryIntoForce: 'signature', withdrawal: { years: 1 }, sources: src },
      events: [
        { type: 'signature', date: '1954-12-02', sources: src },
        { type: 'notice-of-denunciation', date: '1979-01-01', party: 365, sources: src },
      ],
    });
    const life = computeLifecycle(t, opts);
    expect(life.end).toBe('1980-01-01');
    expect(life.endReason).toBe('a party left');
  });

  it('counts an extension from its own date when told to', () => {
    const t = makeTreaty({
      id: 'x',
      duration: { entryIntoForce: 'signature', term: { years: 10 }, sources: src },
      events: [
        { type: 'signature', date: '1948-04-06', sources: src },
        { type: 'extension', date: '1955-09-19', term: { years: 20 }, termFrom: 'event', sources: src },
      ],
    });
    const life = computeLifecycle(t, opts);
    expect(life.periods.map((p) => [p.kind, p.start, p.end])).toEqual([
      ['initial', '1948-04-06', '1958-04-06'],
      ['extension', '1955-09-19', '1975-09-19'],
    ]);
    expect(life.end).toBe('1975-09-19');
  });

  it('records a suspension towards one party only', () => {
    const t = makeTreaty({
      id: 'x',
      parties: [2, 900, 920].map((state) => ({ state, role: 'original' as const, sources: src })),
      events: [
        { type: 'signature', date: '1951-09-01', sources: src },
        { type: 'suspension', date: '1986-08-11', party: 2, towards: 920, sources: src },
      ],
    });
    const life = computeLifecycle(t, opts);
    expect(life.parties.find((p) => p.state === 2)!.suspended).toEqual([{ start: '1986-08-11', end: null, towards: 920 }]);
  });
});

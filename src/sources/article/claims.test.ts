import { describe, expect, it } from 'vitest';
import { PolityRegistry } from '../../core/polities.js';
import type { Polity } from '../../core/model.js';
import { ValidationError } from '../../core/errors.js';
import { articleToClaims, resolveArticleParties, sourceIdFor } from './claims.js';
import { extractArticle } from './extract.js';

const polity = (ccode: number, abbrev: string, name: string, aliases: string[] = [], spells: Polity['spells'] = []): Polity => ({
  ccode,
  abbrev,
  name,
  aliases,
  spells,
});
const registry = new PolityRegistry([
  polity(220, 'FRN', 'France'),
  polity(200, 'UKG', 'United Kingdom', ['Britain']),
  polity(365, 'RUS', 'Russia', ['Soviet Union', 'USSR']),
  polity(710, 'CHN', 'China', ["People's Republic of China"]),
  polity(255, 'GMY', 'Germany', ['Nazi Germany']),
  polity(366, 'EST', 'Estonia', [], [{ start: '1918-11-11', end: '1940-06-17' }, { start: '1991-09-06', end: null }]),
  polity(730, 'KOR', 'Korea'),
  polity(732, 'ROK', 'South Korea', ['Korea']),
]);

const text = [
  'Treaty of Example',
  '',
  'Signed 14 February 1950 (1950-02-14)',
  'Location Moscow',
  'Effective 11 April 1950',
  'Expiry 16 February 1979',
  'Signatories Joseph Stalin; Mao Zedong',
  'Parties China; Soviet Union',
  '',
  'The Treaty of Example (simplified Chinese: 例条约) is a treaty between China and the Soviet Union.',
].join('\n');

describe('articleToClaims', () => {
  const x = extractArticle(text, 'articles/treaty-of-example.txt');
  const c = articleToClaims(x, { file: 'articles/treaty-of-example.txt', url: 'https://example.org/wiki/Treaty_of_Example' });

  it('makes an encyclopedia source named after the file', () => {
    expect(c.source).toEqual({
      id: 'article:treaty-of-example',
      kind: 'encyclopedia',
      title: 'Treaty of Example',
      file: 'articles/treaty-of-example.txt',
      url: 'https://example.org/wiki/Treaty_of_Example',
      note: 'Wikipedia contributors, CC BY-SA',
    });
  });

  it('states signed, in-force and end with the line they come from', () => {
    const src = 'article:treaty-of-example';
    expect(c.claims).toEqual([
      { field: 'signed', value: '1950-02-14', sources: [{ source: src, at: 'line 3' }] },
      { field: 'in-force', value: '1950-04-11', sources: [{ source: src, at: 'line 5' }] },
      { field: 'end', value: '1979-02-16', sources: [{ source: src, at: 'line 6' }] },
    ]);
  });

  it('gives names with language tags, signatories without party, and party names', () => {
    expect(c.names.map((n) => [n.lang, n.text])).toEqual([
      ['en', 'Treaty of Example'],
      ['zh-Hans', '例条约'],
    ]);
    expect(c.signatories).toEqual([
      { person: 'Joseph Stalin', sources: [{ source: 'article:treaty-of-example', at: 'line 7' }] },
      { person: 'Mao Zedong', sources: [{ source: 'article:treaty-of-example', at: 'line 7' }] },
    ]);
    expect(c.parties.map((p) => p.name)).toEqual(['China', 'Soviet Union']);
    expect(c.location?.value).toBe('Moscow');
  });

  it('claims nothing the article does not state', () => {
    const bare = articleToClaims(extractArticle('Treaty of Nowhere', 'n.txt'), { file: 'n.txt', id: 'wiki-nowhere' });
    expect(bare.claims).toEqual([]);
    expect(bare.signatories).toEqual([]);
    expect(bare.parties).toEqual([]);
    expect(bare.location).toBeUndefined();
    expect(bare.source.id).toBe('wiki-nowhere');
    expect(bare.source.url).toBeUndefined();
  });

  it('needs a file name', () => {
    expect(() => articleToClaims(x, { file: ' ' })).toThrow(ValidationError);
  });
});

describe('sourceIdFor', () => {
  it('slugs the base name', () => {
    expect(sourceIdFor('/data/articles/Soviet–Estonian Treaty.txt')).toBe('article:soviet-estonian-treaty');
    expect(sourceIdFor('C:\\a\\b.wiki')).toBe('article:b');
    expect(sourceIdFor('')).toBe('article:untitled');
  });
});

describe('resolveArticleParties', () => {
  const ref = [{ source: 's', at: 'line 1' }];
  it('maps names and aliases to COW codes, merging two names of one state', () => {
    const r = resolveArticleParties(
      [
        { name: 'Soviet Union', sources: ref },
        { name: 'China', sources: ref },
        { name: 'Germany', sources: ref },
        { name: 'Nazi Germany', sources: [{ source: 's', at: 'line 2' }] },
      ],
      registry,
    );
    expect(r.resolved.map((p) => [p.name, p.state])).toEqual([
      ['Soviet Union', 365],
      ['China', 710],
      ['Germany', 255],
    ]);
    expect(r.resolved[2]!.sources).toHaveLength(2);
    expect(r.unresolved).toEqual([]);
  });

  it('reports unknown and ambiguous names instead of guessing', () => {
    const r = resolveArticleParties(
      [
        { name: 'Ruritania', sources: ref },
        { name: 'Korea', sources: ref },
        { name: 'Franc', sources: ref },
      ],
      registry,
    );
    expect(r.resolved).toEqual([]);
    expect(r.unresolved.map((u) => [u.name, u.reason])).toEqual([
      ['Ruritania', 'unknown'],
      ['Korea', 'ambiguous'],
      ['Franc', 'unknown'],
    ]);
    expect(r.unresolved[1]!.candidates.map((c) => c.state)).toEqual([730, 732]);
    expect(r.unresolved[2]!.candidates.map((c) => c.label)).toContain('France');
  });

  it('reports a state that was not in the system on the day', () => {
    const r = resolveArticleParties([{ name: 'Estonia', sources: ref }], registry, '1950-02-14');
    expect(r.unresolved).toEqual([{ name: 'Estonia', reason: 'not-in-system', candidates: [{ state: 366, label: 'Estonia' }], sources: ref }]);
    expect(resolveArticleParties([{ name: 'Estonia', sources: ref }], registry, '1939-09-28').resolved[0]!.state).toBe(366);
  });
});

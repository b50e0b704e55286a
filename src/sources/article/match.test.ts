import { describe, expect, it } from 'vitest';
import { PolityRegistry } from '../../core/polities.js';
import type { Polity, Treaty, TreatyEvent } from '../../core/model.js';
import { extractArticle } from './extract.js';
import { matchArticle } from './match.js';

const polity = (ccode: number, abbrev: string, name: string, aliases: string[] = []): Polity => ({ ccode, abbrev, name, aliases, spells: [] });
const registry = new PolityRegistry([
  polity(220, 'FRN', 'France'),
  polity(200, 'UKG', 'United Kingdom'),
  polity(230, 'SPN', 'Spain'),
  polity(365, 'RUS', 'Russia', ['Soviet Union']),
  polity(710, 'CHN', 'China'),
]);

function treaty(id: string, names: string[], signed: string | undefined, parties: number[], extra: TreatyEvent[] = []): Treaty {
  return {
    id,
    atopids: [],
    names: names.map((text) => ({ text, lang: /\p{Script=Han}/u.test(text) ? 'zh-Hans' : 'en' })),
    sources: {},
    parties: parties.map((state) => ({ state, role: 'original' as const, sources: [] })),
    signatories: [],
    events: [...(signed ? [{ type: 'signature' as const, date: signed, sources: [] }] : []), ...extra],
    provisions: [],
    relations: [],
    claims: [],
    origin: 'curated',
  };
}

const dunkirk = extractArticle(
  'Treaty of Dunkirk\n\nThe Treaty of Dunkirk was signed on 4 March 1947, between France and the United Kingdom in Dunkirk (France).\n\nSigned4 March 1947\nLocationDunkirk, France\nEffective8 September 1947\nPartiesFrance and the United Kingdom\n',
  'dunkirk.txt',
);

describe('matchArticle', () => {
  it('matches the one treaty whose name, signing date and parties agree', () => {
    const m = matchArticle(
      dunkirk,
      [
        treaty('dunkirk-1947', ['The Treaty of Dunkirk', 'Traité de Dunkerque'], '1947-03-04', [220, 200], [{ type: 'entry-into-force', date: '1947-09-08', sources: [] }]),
        treaty('brussels-1948', ['Treaty of Brussels'], '1948-03-17', [220, 200, 211]),
      ],
      registry,
    );
    expect(m.outcome).toBe('matched');
    expect(m.treaty).toBe('dunkirk-1947');
    expect(m.candidates[0]).toEqual({
      treaty: 'dunkirk-1947',
      for: ["name 'The Treaty of Dunkirk' agrees", 'signed 1947-03-04 on both sides', 'in force 1947-09-08 on both sides', 'the parties agree'],
      against: [],
      open: [],
      beyondDoubt: true,
    });
  });

  it('does not match when the signing date differs, and says why', () => {
    const m = matchArticle(dunkirk, [treaty('dunkirk-x', ['Treaty of Dunkirk'], '1947-03-05', [220, 200])], registry);
    expect(m.outcome).toBe('unmatched');
    expect(m.candidates[0]!.against).toEqual(['signing dates differ (article 1947-03-04, treaty 1947-03-05)']);
  });

  it('does not match on a less precise date, a missing party or a name alone', () => {
    const m = matchArticle(
      dunkirk,
      [
        treaty('vague', ['Treaty of Dunkirk'], '1947-03', [220, 200]),
        treaty('three', ['Treaty of Dunkirk'], '1947-03-04', [220, 200, 230]),
        treaty('nodate', ['Treaty of Dunkirk'], undefined, [220, 200]),
        treaty('unrelated', ['Treaty of Nowhere'], '1900-01-01', [230]),
      ],
      registry,
    );
    expect(m.outcome).toBe('unmatched');
    const by = Object.fromEntries(m.candidates.map((c) => [c.treaty, c]));
    expect(by.vague!.open[0]).toMatch(/lesser precision/);
    expect(by.three!.against).toEqual(["the treaty's party Spain (230) is not in the article"]);
    expect(by.nodate!.open).toEqual(['the treaty has no signature event']);
    expect(by.unrelated).toBeUndefined();
  });

  it('is ambiguous when two treaties agree beyond doubt', () => {
    const m = matchArticle(dunkirk, [treaty('a', ['Treaty of Dunkirk'], '1947-03-04', [220, 200]), treaty('b', ['Treaty of Dunkirk'], '1947-03-04', [220, 200])], registry);
    expect(m.outcome).toBe('ambiguous');
    expect(m.treaty).toBeUndefined();
    expect(m.candidates.map((c) => c.treaty)).toEqual(['a', 'b']);
  });

  it('matches on a name in another script, and leaves unresolvable parties open', () => {
    const x = extractArticle(
      'Treaty of Example\n\nSigned 14 February 1950\nParties China; Ruritania\n\nThe Treaty of Example (simplified Chinese: 例条约) is a treaty signed long ago by two states.',
      'e.txt',
    );
    const m = matchArticle(x, [treaty('example', ['Sino-Ruritanian Treaty', '例条约'], '1950-02-14', [710, 999])], registry);
    expect(m.outcome).toBe('unmatched');
    expect(m.candidates[0]!.for).toContain("name '例条约' agrees");
    expect(m.candidates[0]!.open).toEqual(["party 'Ruritania' does not resolve to one state (unknown)"]);
  });

  it('needs a signing date in the article', () => {
    const x = extractArticle('Treaty of Dunkirk\n', 't.txt');
    const m = matchArticle(x, [treaty('dunkirk-1947', ['Treaty of Dunkirk'], '1947-03-04', [220, 200])], registry);
    expect(m.outcome).toBe('unmatched');
    expect(m.candidates[0]!.open).toEqual(['the article states no signing date']);
  });
});

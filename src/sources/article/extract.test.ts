// Synthetic articles, one per format variant, and hostile input. The texts are made up.
import { describe, expect, it } from 'vitest';
import { extractArticle } from './extract.js';
import type { ArticleExtraction } from './types.js';

/** The values only, for compact comparisons. */
function values(x: ArticleExtraction): Record<string, unknown> {
  return {
    title: x.title?.value,
    otherNames: x.otherNames.map((n) => `${n.lang}|${n.text}`),
    signed: x.signed?.value,
    effective: x.effective?.value,
    expiry: x.expiry?.value,
    location: x.location?.value,
    signatories: x.signatories?.map((s) => s.value),
    parties: x.parties?.map((s) => s.value),
  };
}

const codes = (x: ArticleExtraction): string[] => x.warnings.map((w) => w.code);

describe('flattened infobox', () => {
  const text = [
    'Treaty of Example',
    '',
    'Treaty of Friendship and Example',
    'Signed 14\u00A0February\u00A01950\u00A0(1950-02-14)',
    'Expiry February\u00A016,\u00A01979 (1979-02-16)',
    'Signatories',
    '',
    'Joseph Stalin; Mao Zedong',
    '',
    '  • China',
    '  • Soviet Union',
    '',
    'The Treaty of Example (simplified Chinese: 例条约; traditional Chinese: 例條約; pinyin: Lì Tiáoyuē), or Example Treaty for short, is a treaty concluded between the People\'s Republic of China and the Soviet Union on February 14, 1950.',
  ].join('\n');
  const x = extractArticle(text, 'flat.txt');

  it('reads dates with no-break spaces, signatories and the unlabelled parties list', () => {
    expect(values(x)).toEqual({
      title: 'Treaty of Example',
      otherNames: ['zh-Hans|例条约', 'zh-Hant|例條約', 'zh-Latn-pinyin|Lì Tiáoyuē'],
      signed: '1950-02-14',
      effective: undefined,
      expiry: '1979-02-16',
      location: undefined,
      signatories: ['Joseph Stalin', 'Mao Zedong'],
      parties: ['China', 'Soviet Union'],
    });
    expect(codes(x)).toContain('W_UNLABELED_PARTIES');
  });

  it('points every value at its line and column', () => {
    expect(x.signed).toEqual({ value: '1950-02-14', line: 4, column: 8, origin: 'infobox' });
    expect(x.expiry?.line).toBe(5);
    expect(x.signatories?.[1]).toEqual({ value: 'Mao Zedong', line: 8, column: 16, origin: 'infobox' });
    expect(x.parties?.[0]).toMatchObject({ line: 10, column: 5 });
    expect(x.otherNames[0]).toMatchObject({ line: 13, origin: 'lead' });
    expect(text.split('\n')[12]!.slice(x.otherNames[0]!.column! - 1)).toMatch(/^例条约/);
  });
});

describe('kiwix rendering without a space after the label', () => {
  it('reads Signed4 March 1947 and the lead', () => {
    const text = [
      'Treaty of Example',
      '',
      'The Treaty of Example was signed on 4 March 1947, between France and the United Kingdom in Dunkirk (France). It entered into force on 8 September 1947 and it remained in force for a period of fifty years.',
      '',
      'Treaty of Example',
      'TypeMutual defence treaty',
      'Signed4 March 1947',
      'LocationDunkirk, France',
      'Effective8 September 1947',
      'PartiesFrance and the United Kingdom',
      'LanguagesEnglish and French',
    ].join('\n');
    const x = extractArticle(text, 'kiwix.txt');
    expect(values(x)).toMatchObject({
      signed: '1947-03-04',
      effective: '1947-09-08',
      expiry: undefined,
      location: 'Dunkirk, France',
      parties: ['France', 'United Kingdom'],
    });
    expect(x.signed?.origin).toBe('infobox');
    expect(x.warnings).toEqual([]);
  });
});

describe('table-style infobox', () => {
  it('reads label | value | rows, the names table and the caption as title', () => {
    const text = [
      'Type | Treaty of friendship |',
      '---|---|',
      'Signed | 11 July 1961 |',
      'Location | Beijing, China |',
      'Signatories |',
      '|',
      'Parties | |',
      'Treaty of Example between China and the DPRK | |||||',
      '---|---|---|---|---|---|',
      'Chinese name | |||||',
      'Simplified Chinese | 中朝例条约 | ||||',
      'Traditional Chinese | 中朝例條約 | ||||',
      'Korean name | |||||',
      'Hangul | 조중례조약 | ||||',
      'Revised Romanization | Jojung rye joyak | ||||',
      '|',
      'The Treaty of Example between China and the DPRK [1] is a friendship treaty between China and North Korea. The treaty was signed on 11 July 1961 in Beijing by Chinese Premier Zhou Enlai and North Korean Premier Kim Il Sung. The treaty came into effect on 10 September 1961.',
      'Kim Il Sung signed the North Korean-Soviet Example Treaty (朝苏例条约) a few days earlier.',
    ].join('\n');
    const x = extractArticle(text, 'table.txt');
    expect(values(x)).toEqual({
      title: 'Treaty of Example between China and the DPRK',
      otherNames: ['zh-Hans|中朝例条约', 'zh-Hant|中朝例條約', 'ko|조중례조약', 'ko-Latn|Jojung rye joyak'],
      signed: '1961-07-11',
      effective: '1961-09-10',
      expiry: undefined,
      location: 'Beijing, China',
      signatories: ['Zhou Enlai', 'Kim Il Sung'],
      parties: ['China', 'North Korea'],
    });
    expect(x.signed).toMatchObject({ line: 3, column: 10 });
    expect(x.effective?.origin).toBe('prose');
  });
});

describe('raw infobox parameters', () => {
  it('reads date_signed, location_signed and the flag list', () => {
    const text = [
      'Example Pact',
      '',
      'Infobox Treaty',
      'name = Example Pact',
      'long_name =',
      'date_signed = September 27, 1940',
      'location_signed = Berlin, Germany',
      'date_effective =',
      'date_expiration =',
      'parties = flagicon|Germany|Nazi Germany',
      'flag|Empire of Japan|name=Japan',
      'flagicon|Italy|1861 Italy ----',
      '',
      'flagicon|Hungary|1940 Hungary',
      'signatories =',
      'wikisource = Example Pact',
      '"The Example Treaty (1906) also refers to a 1906 treaty concerning a river."',
      '',
      'The Example Pact, also called the Three-Power Example, was a pact signed in Berlin, Germany on September 27 1940 by Saburo Kurusu of Japan, Adolf Hitler of Germany, and Galeazzo Ciano (foreign minister) of Italy entering as a military alliance.',
    ].join('\n');
    const x = extractArticle(text, 'params.txt');
    expect(values(x)).toEqual({
      title: 'Example Pact',
      otherNames: [],
      signed: '1940-09-27',
      effective: undefined,
      expiry: undefined,
      location: 'Berlin, Germany',
      signatories: ['Saburo Kurusu', 'Adolf Hitler', 'Galeazzo Ciano'],
      parties: ['Nazi Germany', 'Japan', 'Italy', 'Hungary'],
    });
    expect(x.parties?.map((p) => p.line)).toEqual([10, 11, 12, 14]);
  });
});

describe('wikitext', () => {
  const text = [
    '{{Short description|1950 treaty}}',
    '{{Infobox treaty',
    '| name = Treaty of Example',
    '| date_signed = {{Start date|1950|2|14|df=y}}',
    '| location_signed = [[Moscow]], [[Soviet Union]]',
    '| date_effective = 11 April 1950<ref>A source</ref>',
    '| date_expiration =',
    '| signatories = {{plainlist|',
    '* [[Joseph Stalin]]',
    '* [[Mao Zedong]]',
    '}}',
    '| parties = {{flag|Soviet Union}}<br />{{flagicon|PRC}} [[China|People\'s Republic of China]]',
    '}}',
    "The '''Treaty of Example''' ({{zh|s=例条约|t=例條約|p=Lì Tiáoyuē}}; {{lang-ru|Договор о примере|translit=Dogovor o primere}}) is a treaty between the [[Soviet Union]] and [[China]].",
  ].join('\n');
  const x = extractArticle(text, 'example.wiki');

  it('reads the {{Infobox treaty}} template and the name templates of the lead', () => {
    expect(x.format).toBe('wikitext');
    expect(values(x)).toEqual({
      title: 'Treaty of Example',
      otherNames: ['zh-Hans|例条约', 'zh-Hant|例條約', 'zh-Latn-pinyin|Lì Tiáoyuē', 'ru|Договор о примере', 'ru-Latn|Dogovor o primere'],
      signed: '1950-02-14',
      effective: '1950-04-11',
      expiry: undefined,
      location: 'Moscow, Soviet Union',
      signatories: ['Joseph Stalin', 'Mao Zedong'],
      parties: ['Soviet Union', "People's Republic of China"],
    });
  });

  it('gives lines but no columns, which rendering would falsify', () => {
    expect(x.signed).toEqual({ value: '1950-02-14', line: 4, origin: 'infobox' });
    expect(x.otherNames[0]).toEqual({ lang: 'zh-Hans', text: '例条约', line: 14, origin: 'lead' });
  });
});

describe('lead sentence names', () => {
  it('tags unlabelled Japanese and the romanised names "known in Japan as"', () => {
    const text =
      'Example Security Treaty\n\nThe Example Security Treaty (日本国と例の条約 Nippon-koku to Rei no Jōyaku), also known in Japan as Rei jōyaku (例条約) or just Rei (例) for short,[1] was first signed in 1952 at the Presidio. Then, the Security Treaty was later amended further on January 1960 between the US and Japan in Washington.';
    const x = extractArticle(text, 'ja.txt');
    expect(x.otherNames.map((n) => `${n.lang}|${n.text}`)).toEqual([
      'ja|日本国と例の条約',
      'ja-Latn|Nippon-koku to Rei no Jōyaku',
      'ja-Latn|Rei jōyaku',
      'ja|例条約',
      'ja-Latn|Rei',
      'ja|例',
    ]);
    // "first signed in 1952" is the earlier treaty; "amended … January 1960" is no signing.
    expect(x.signed).toBeUndefined();
    expect(x.parties).toBeUndefined();
  });

  it('reads Estonian, Russian and romanized labels and the relative effective date', () => {
    const text = [
      'Example–Estonian Treaty',
      '',
      'The Example–Estonian Treaty (Estonian: Näidisleping, Russian: Пример договора, romanized: Primer dogovora), also known as the Bases Example (Estonian: näidis leping) was a bilateral treaty between the Soviet Union and Estonia, signed in Moscow on 28 September 1939.',
      '',
      'It was signed by Estonian Minister of Foreign Affairs Karl Selter and Soviet Commissar of Foreign Affairs Vyacheslav Molotov. Ratifications were exchanged in Tallinn on 4 October 1939 and the treaty became effective on the same day. It was registered in League of Nations Treaty Series on 13 October 1939.',
    ].join('\n');
    const x = extractArticle(text, 'et.txt');
    expect(values(x)).toEqual({
      title: 'Example–Estonian Treaty',
      otherNames: ['et|Näidisleping', 'ru|Пример договора', 'ru-Latn|Primer dogovora', 'et|näidis leping'],
      signed: '1939-09-28',
      effective: '1939-10-04',
      expiry: undefined,
      location: 'Moscow',
      signatories: ['Karl Selter', 'Vyacheslav Molotov'],
      parties: ['Soviet Union', 'Estonia'],
    });
  });

  it('never takes the name of another treaty mentioned later as an alias', () => {
    const text =
      'Treaty of Nowhere\n\nThe Treaty of Nowhere (Russian: Договор о нигде) is a treaty between France and Spain. It followed the Treaty of Somewhere (Russian: Договор о где-то), which was signed on 3 March 1920.';
    const x = extractArticle(text, 'other.txt');
    expect(x.otherNames.map((n) => n.text)).toEqual(['Договор о нигде']);
    expect(x.signed).toBeUndefined();
  });

  it('rejects a value in the wrong script and an unknown label', () => {
    const text = 'Treaty of Nowhere\n\nThe Treaty of Nowhere (Russian: Treaty of Moscow; Klingon: tlhIngan; Japanese: 無題条約) is a treaty between France and Spain.';
    const x = extractArticle(text, 'script.txt');
    expect(x.otherNames.map((n) => `${n.lang}|${n.text}`)).toEqual(['ja|無題条約']);
    expect(codes(x).filter((c) => c === 'W_NAME_UNREAD')).toHaveLength(2);
  });

  it('does not guess the language of Han characters alone', () => {
    const x = extractArticle('Treaty of Nowhere\n\nThe Treaty of Nowhere (無題条約) is a treaty between France and Spain signed long ago.', 'han.txt');
    expect(x.otherNames).toEqual([]);
  });
});

describe('dates in prose', () => {
  it('resolves "upon signature" to the signing day', () => {
    const x = extractArticle('Treaty of Nowhere\n\nThe Treaty of Nowhere was signed in Geneva on 1 May 1950 by Jean Dupont and Juan Perez. It entered into force upon signature.', 'a.txt');
    expect(values(x)).toMatchObject({ signed: '1950-05-01', effective: '1950-05-01', location: 'Geneva', signatories: ['Jean Dupont', 'Juan Perez'] });
  });

  it('leaves "the same day" unresolved when the sentence has several dates', () => {
    const x = extractArticle(
      'Treaty of Nowhere\n\nThe Treaty of Nowhere was signed on 1 May 1950. Ratifications were exchanged on 3 May 1950 after a debate that began on 2 May 1950 and the treaty entered into force on the same day.',
      'b.txt',
    );
    expect(x.effective).toBeUndefined();
    expect(codes(x)).toContain('W_PROSE_UNREAD');
  });

  it('reads nothing when statements disagree', () => {
    const x = extractArticle(
      'Treaty of Nowhere\n\nThe Treaty of Nowhere was signed on 4 April 1949 in Paris. The treaty was signed on 5 April 1949 in Rome, according to other historians who studied it.',
      'c.txt',
    );
    expect(x.signed).toBeUndefined();
    expect(x.location).toBeUndefined();
    expect(codes(x).filter((c) => c === 'W_CONFLICT')).toHaveLength(2);
  });

  it('keeps the infobox and warns when prose disagrees with it', () => {
    const x = extractArticle('Treaty of Nowhere\nSigned 4 April 1949\nLocation Paris\n\nThe Treaty of Nowhere was signed on 5 April 1949 in Paris by the two ministers.', 'd.txt');
    expect(x.signed?.value).toBe('1949-04-04');
    expect(codes(x)).toContain('W_CONFLICT');
  });

  it('ignores "the treaty" in a sentence about another named treaty', () => {
    const x = extractArticle('Treaty of Nowhere\n\nJapan signed the Treaty of San Francisco in 1951; the treaty entered into force on 28 April 1952.', 'e.txt');
    expect(x.effective).toBeUndefined();
  });

  it('does not take states after "signed by" as signatories', () => {
    const x = extractArticle('Treaty of Nowhere\n\nThe Treaty of Nowhere was signed on 4 April 1949 by Germany, Italy and Japan.', 'f.txt');
    expect(x.signatories).toBeUndefined();
    expect(x.signed?.value).toBe('1949-04-04');
  });

  it('does not read an expiry from a term ("fifty years")', () => {
    const x = extractArticle('Treaty of Nowhere\n\nThe Treaty of Nowhere was signed on 4 March 1947. It remained in force for a period of fifty years.', 'g.txt');
    expect(x.expiry).toBeUndefined();
  });
});

describe('hostile and odd input', () => {
  it('empty text', () => {
    const x = extractArticle('', 'empty.txt');
    expect(values(x)).toEqual({ title: undefined, otherNames: [], signed: undefined, effective: undefined, expiry: undefined, location: undefined, signatories: undefined, parties: undefined });
    expect(codes(x)).toEqual(['W_NO_TITLE']);
  });

  it('only a title', () => {
    const x = extractArticle('Treaty of Nowhere\n', 'title.txt');
    expect(values(x)).toMatchObject({ title: 'Treaty of Nowhere', otherNames: [], signed: undefined, parties: undefined });
    expect(x.title).toEqual({ value: 'Treaty of Nowhere', line: 1, column: 1, origin: 'heading' });
  });

  it('never emits 30 February 1950', () => {
    const text = 'Treaty of Nowhere\n\nSigned 30 February 1950\nLocation Paris, France\n\nThe Treaty of Nowhere was a treaty between France and Spain, signed on 30 February 1950 in Paris.';
    const x = extractArticle(text, 'feb.txt');
    expect(x.signed).toBeUndefined();
    expect(codes(x)).toEqual(expect.arrayContaining(['W_DATE_UNREAD', 'W_PROSE_UNREAD']));
  });

  it('does not read a "Signed" label inside prose', () => {
    const text =
      'Treaty of Nowhere\n\nSigned by both parties in 1950, the treaty was kept secret for many years by the two governments concerned.\nLocation of the signing is not known to the historians who have studied the matter in detail.';
    const x = extractArticle(text, 'prose.txt');
    expect(x.signed).toBeUndefined();
    expect(x.location).toBeUndefined();
  });

  it('reads year and month precision from the infobox only', () => {
    const x = extractArticle('Treaty of Nowhere\nSigned February 1950\nExpiry 1979\nEffective 1 March 1950', 'p.txt');
    expect(values(x)).toMatchObject({ signed: '1950-02', expiry: '1979', effective: '1950-03-01' });
    const prose = extractArticle('Treaty of Nowhere\n\nThe Treaty of Nowhere was signed in 1950 and it entered into force in 1951, as the archives show.', 'q.txt');
    expect(prose.signed).toBeUndefined();
    expect(prose.effective).toBeUndefined();
  });

  it('does not read a cell with two different dates', () => {
    const x = extractArticle('Treaty of Nowhere\nSigned 14 February 1950 (1950-02-15)\nLocation Paris', 'two.txt');
    expect(x.signed).toBeUndefined();
  });

  it('drops office titles and refuses an unsplittable parties cell', () => {
    const x = extractArticle('Treaty of Nowhere\nSignatories Premier Zhou Enlai; Foreign Minister Andrei Gromyko\nParties China North Korea', 'titles.txt');
    expect(x.signatories?.map((s) => s.value)).toEqual(['Zhou Enlai', 'Andrei Gromyko']);
    expect(x.parties).toBeUndefined();
    expect(codes(x)).toContain('W_PARTIES_UNSPLIT');
  });

  it('handles a BOM, CRLF, zero-width and thin spaces', () => {
    const x = extractArticle('\uFEFFTreaty\u200B of Nowhere\r\n\r\nSigned\u00A014\u00A0February\u00A01950\r\nLocation\u2009Paris\r\n', 'crlf.txt');
    expect(values(x)).toMatchObject({ title: 'Treaty of Nowhere', signed: '1950-02-14', location: 'Paris' });
    expect(x.signed).toMatchObject({ line: 3, column: 8 });
  });

  it('skips a quoted hatnote about another treaty', () => {
    const text =
      'Treaty of Nowhere\n\n"Treaty of Nowhere" also refers to a treaty signed on 1 January 1900 between Ruritania and Graustark (see elsewhere).\n\nThe Treaty of Nowhere was signed on 2 February 1902 between France and Spain in Paris.';
    expect(values(extractArticle(text, 'hat.txt'))).toMatchObject({ signed: '1902-02-02', parties: ['France', 'Spain'], location: 'Paris' });
  });

  it('survives garbage, unbalanced brackets and unclosed templates', () => {
    const junk = '(((((( [[[ {{Infobox treaty | date_signed = {{ ]] ))) |||| = = =\n\u0000\u0001\uFFFF\n' + '|'.repeat(500);
    expect(() => extractArticle(junk, 'junk.txt')).not.toThrow();
    expect(extractArticle(junk, 'junk.txt').signed).toBeUndefined();
  });

  it('does not read two names run together as one signatory', () => {
    const x = extractArticle('Treaty of Nowhere\nSigned 23 August 1939\nSignatories Vyacheslav Molotov Joachim von Ribbentrop\nParties Germany; Soviet Union', 'run.txt');
    expect(x.signatories).toBeUndefined();
    expect(codes(x)).toContain('W_LIST_ITEM');
  });

  it('reads list values continued on bare lines when each is one more person or state', () => {
    const text = 'Treaty of Nowhere\nSigned23 August 1939\nSignatoriesVyacheslav Molotov\nJoachim von Ribbentrop\nPartiesGermany\nSoviet Union\nLanguagesGerman, Russian';
    expect(values(extractArticle(text, 'bare.txt'))).toMatchObject({
      signatories: ['Vyacheslav Molotov', 'Joachim von Ribbentrop'],
      parties: ['Germany', 'Soviet Union'],
    });
  });

  it('reads office titles written in lower case in prose', () => {
    const x = extractArticle(
      'Example Pact\n\nThe pact was signed in Moscow on 23 August 1939 by Soviet foreign minister Vyacheslav Molotov and German foreign minister Joachim von Ribbentrop.',
      'lower.txt',
    );
    expect(values(x)).toMatchObject({ signed: '1939-08-23', location: 'Moscow', signatories: ['Vyacheslav Molotov', 'Joachim von Ribbentrop'] });
  });

  it('does not take "the agreement" for a pact that is the subject of the article', () => {
    const x = extractArticle('Example Pact\n\nA trade deal came first. The agreement was signed on 19 August 1939 in Berlin, four days before the pact itself.', 'agr.txt');
    expect(x.signed).toBeUndefined();
    expect(x.location).toBeUndefined();
  });

  it('does not read a pronunciation as a name, and strips a "| Wikipedia" title suffix', () => {
    const x = extractArticle('Example Pact | Wikipedia\n\nThe Example Pact (German: [ˈdʁaɪ̯mɛçtəpakt]; Italian: Patto di esempio, pronounced [ˈpatto di eˈzɛmpjo]; Spanish: Pacto de ejemplo [pakto]) was a pact between Germany and Italy.', 'ipa.txt');
    expect(x.title?.value).toBe('Example Pact');
    expect(x.otherNames.map((n) => `${n.lang}|${n.text}`)).toEqual(['it|Patto di esempio', 'es|Pacto de ejemplo']);
  });
});

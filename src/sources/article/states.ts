/**
 * State names as articles list them: infobox cells (`France and the United Kingdom`,
 * bullet lists), unrendered flag templates (`flagicon|Italy|1861 Italy`), and the
 * "between X and Y" of a lead. Names stay strings here; mapping them to COW codes is the
 * polity registry's job (see `resolveArticleParties` in claims.ts).
 */
import { FOOTNOTE } from './dates.js';

// Names that contain "and" and must not be split there.
const AND_NAMES = [
  'Trinidad and Tobago',
  'Antigua and Barbuda',
  'Bosnia and Herzegovina',
  'Saint Kitts and Nevis',
  'Saint Vincent and the Grenadines',
  'São Tomé and Príncipe',
  'Sao Tome and Principe',
  'Heard Island and McDonald Islands',
  'Great Britain and Ireland',
  'Great Britain and Northern Ireland',
  'Serbs, Croats and Slovenes',
  'Sweden and Norway',
  'Austria and Hungary',
];

/** Words that mark a phrase as a state or territory rather than a person. */
export const STATE_WORDS = new Set(
  (
    'Union Kingdom Republic Republics States Empire Federation Confederation Commonwealth Government Reich Sultanate Emirate ' +
    'Emirates Principality Duchy Khanate Shogunate Dominion Protectorate Mandate Colony Islands Nations ' +
    'Afghanistan Albania Algeria Andorra Angola Argentina Armenia Australia Austria Azerbaijan Bahamas Bahrain Bangladesh ' +
    'Barbados Belarus Belgium Belize Benin Bhutan Bolivia Bosnia Botswana Brazil Brunei Bulgaria Burma Burundi Cambodia ' +
    'Cameroon Canada Chad Chile China Colombia Congo Croatia Cuba Cyprus Czechia Czechoslovakia Denmark Djibouti Dominica ' +
    'Ecuador Egypt Eritrea Estonia Eswatini Ethiopia Fiji Finland France Gabon Gambia Georgia Germany Ghana Greece Grenada ' +
    'Guatemala Guinea Guyana Haiti Honduras Hungary Iceland India Indonesia Iran Iraq Ireland Israel Italy Jamaica Japan ' +
    'Jordan Kazakhstan Kenya Korea Kosovo Kuwait Kyrgyzstan Laos Latvia Lebanon Lesotho Liberia Libya Liechtenstein ' +
    'Lithuania Luxembourg Madagascar Malawi Malaysia Maldives Mali Malta Mauritania Mauritius Mexico Moldova Monaco ' +
    'Mongolia Montenegro Morocco Mozambique Myanmar Namibia Nepal Netherlands Nicaragua Niger Nigeria Norway Oman ' +
    'Pakistan Panama Paraguay Persia Peru Philippines Poland Portugal Prussia Qatar Romania Russia Rwanda Samoa Serbia ' +
    'Senegal Seychelles Singapore Slovakia Slovenia Somalia Spain Sudan Suriname Sweden Switzerland Syria Taiwan ' +
    'Tajikistan Tanzania Thailand Togo Tonga Tunisia Turkey Turkmenistan Uganda Ukraine Uruguay USSR Uzbekistan ' +
    'Vanuatu Venezuela Vietnam Yemen Yugoslavia Zambia Zimbabwe Manchukuo Siam Ottoman Britain England Scotland ' +
    'Sardinia Bavaria Saxony Hanover Württemberg Baden Hesse Tibet Lanka Rica Salvador Zealand Arabia Africa Leone Verde ' +
    'Marino Lucia Kitts Tobago Barbuda Herzegovina Faso Bissau Timor Macedonia Kong Vatican Sudan Guinea Kiribati Nauru ' +
    'Palau Tuvalu Bahamas Comoros Principe Príncipe Cyprus Lebanon Habsburg Austria-Hungary DPRK PRC ROC ROK UAR'
  ).split(/\s+/),
);

/** Tokens that may stand inside a state name without capitals. */
const CONNECTORS = new Set(['of', 'the', 'and', 'de', 'del', 'du', 'da', 'and the', "d'"]);

/**
 * Cleans one listed state name: drops footnotes, parenthesised remarks (`(for 2 days)`),
 * a leading "the" and trailing punctuation. Returns undefined when what is left does not
 * look like a proper name (lower-case words, digits, too long).
 */
export function cleanStateName(raw: string): string | undefined {
  let s = raw.replace(FOOTNOTE, ' ').replace(/\([^()]*\)/g, ' ').replace(/\s+/g, ' ').trim();
  s = s.replace(/^(?:[•·▪◦‣*]|-{1,2}(?= ))\s*/u, '').replace(/[\s,;:.–—-]+$/u, '').replace(/^the /i, '').trim();
  if (!s || s.length > 80 || /\d|[|=[\]{}()<>"“”]/u.test(s)) return undefined;
  const tokens = s.split(' ');
  if (tokens.length > 9) return undefined;
  if (!/^\p{Lu}/u.test(tokens[0]!)) return undefined;
  for (const t of tokens) {
    if (CONNECTORS.has(t)) continue;
    if (!/^\p{Lu}[\p{L}\p{M}'’.-]*$/u.test(t)) return undefined;
  }
  if (CONNECTORS.has(tokens[tokens.length - 1]!)) return undefined;
  return s;
}

/** Splits a list of states written as one string ("France and the United Kingdom", "A, B and C", "A; B", "• A • B"). */
export function splitStateList(text: string): { names: string[]; rejected: string[] } {
  let s = text.replace(FOOTNOTE, ' ').replace(/\([^()]*\)/g, ' ');
  const protectedNames: string[] = [];
  for (const n of AND_NAMES) {
    const i = s.indexOf(n);
    if (i >= 0) {
      protectedNames.push(n);
      s = s.slice(0, i) + `\uE000${protectedNames.length - 1}\uE000` + s.slice(i + n.length);
    }
  }
  const pieces = s
    .split(/\s*(?:[•·▪;\n]|,\s*and\s|,|\sand\s)\s*/u)
    .map((p) => p.replace(/\uE000(\d+)\uE000/g, (_m, i: string) => protectedNames[Number(i)]!).trim())
    .filter((p) => p !== '' && p !== '-');
  const names: string[] = [];
  const rejected: string[] = [];
  for (const p of pieces) {
    const n = cleanStateName(p);
    if (n) names.push(n);
    else rejected.push(p);
  }
  return { names, rejected };
}

const FLAG_TEMPLATE = /^(flagicon|flag icon|flag|flagcountry|flagu|flagdeco|flagg)\s*\|(.*)$/iu;

/**
 * Reads the state from one line of an unrendered flag list, as mirrors print it when they
 * drop the braces: `flag|Empire of Japan|name=Japan` → Japan, `flagicon|Italy|1861 Italy` →
 * Italy, `flagicon|Germany|Nazi Germany` → Nazi Germany, `flagicon|Romania Romania` →
 * Romania. Flag variants (years, lower-case words) are dropped; the shown name must agree
 * with the flag's country, otherwise the line is not read.
 */
export function stateFromFlagLine(line: string): string | undefined {
  const s = line.replace(/-{3,}/g, ' ').replace(FOOTNOTE, ' ').replace(/\s+/g, ' ').trim();
  const m = FLAG_TEMPLATE.exec(s);
  if (!m) return undefined;
  const kind = m[1]!.toLowerCase();
  const args = m[2]!.split('|').map((a) => a.trim());
  const named = args.find((a) => /^name\s*=/.test(a));
  if (kind !== 'flagicon' && kind !== 'flag icon' && kind !== 'flagdeco') {
    const shown = named ? named.replace(/^name\s*=\s*/, '') : args[0]!;
    return cleanStateName(undouble(shown));
  }
  const country = args[0]!;
  if (args.length === 1) {
    const doubled = undouble(country);
    if (doubled !== country) return cleanStateName(doubled);
    // `flagicon|PRC China`: a country code, then the shown name.
    const code = /^([A-Z]{2,3}) (.+)$/u.exec(country);
    return code ? cleanStateName(code[2]!) : undefined;
  }
  const last = args[args.length - 1]!.split(' ');
  while (last.length && /^(?:\d|\p{Ll})/u.test(last[0]!)) last.shift();
  const shown = cleanStateName(last.join(' '));
  if (!shown) return undefined;
  const a = shown.toLowerCase();
  const b = country.toLowerCase();
  return a.includes(b) || b.includes(a) ? shown : undefined;
}

function undouble(s: string): string {
  const words = s.split(' ');
  if (words.length % 2 === 0) {
    const half = words.length / 2;
    const a = words.slice(0, half).join(' ');
    if (a === words.slice(half).join(' ')) return a;
  }
  return s;
}

/** True when the line is (the start of) an unrendered flag template. */
export function isFlagLine(line: string): boolean {
  return FLAG_TEMPLATE.test(line.trim());
}

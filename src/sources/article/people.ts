/**
 * Person names as articles give signatories: `Joseph Stalin; Mao Zedong` in an infobox, or
 * "by Chinese Premier Zhou Enlai and North Korean Premier Kim Il Sung" in prose. Office
 * titles, nationality adjectives, parenthesised remarks and a trailing "of <state>" are
 * dropped; what is left must look like a personal name of two to five words.
 */
import { FOOTNOTE } from './dates.js';
import { STATE_WORDS } from './states.js';

const TITLE_WORDS = new Set(
  (
    'Premier Prime Minister Ministers Foreign Affairs Commissar Commissars People\'s Secretary Secretaries State President ' +
    'Vice Chancellor Ambassador Ambassadors Envoy Plenipotentiary Plenipotentiaries Chairman Chairwoman General Marshal Field King Queen ' +
    'Emperor Empress Tsar Czar Kaiser Shah Sultan Emir Amir Prince Princess Count Countess Baron Duke Sir Lord Mr Mr. Mrs Mrs. ' +
    'Dr Dr. Deputy Acting Chief Head Representative Representatives Delegate Delegates Commander Admiral Governor Consul ' +
    'Extraordinary Leader Supreme Grand Vizier Pasha Generalissimo Colonel Captain Major Lieutenant Senator Director ' +
    'Reich Reichsminister Führer Duce Defense Defence War Navy Army Interior Finance External Relations Commerce Trade ' +
    'Council Councillor Commissioner High Party Communist First Chargé Minister-President Secretary-General Regent ' +
    'Viceroy Cardinal Pope Archbishop Bishop Chairman-in-Office Mayor Speaker Assembly National Central Committee ' +
    'Federal Imperial Royal Majesty Highness Excellency His Her Pres. Gen. Adm. Amb. Sec. Min.'
  ).split(/\s+/),
);

const NATIONALITIES = new Set(
  (
    'Afghan Albanian Algerian American Argentine Argentinian Armenian Australian Austrian Austro-Hungarian Azerbaijani ' +
    'Belgian Bolivian Brazilian British Bulgarian Burmese Cambodian Canadian Chilean Chinese Colombian Croatian Cuban ' +
    'Czech Czechoslovak Danish Dutch Egyptian English Estonian Ethiopian Finnish French German Greek Hungarian Icelandic ' +
    'Indian Indonesian Iranian Iraqi Irish Israeli Italian Japanese Jordanian Kazakh Korean Kuwaiti Latvian Lebanese ' +
    'Libyan Lithuanian Luxembourgish Malaysian Mexican Mongolian Moroccan Nazi Nepalese Norwegian Ottoman Pakistani ' +
    'Persian Peruvian Philippine Polish Portuguese Prussian Romanian Russian Saudi Serbian Siamese Slovak Slovenian ' +
    'Soviet Spanish Swedish Swiss Syrian Taiwanese Thai Tunisian Turkish Ukrainian Uruguayan Venezuelan Vietnamese ' +
    'Yemeni Yugoslav Yugoslavian Fascist Imperial Communist Nationalist Republican Qing Manchukuoan North South East West ' +
    'Western Eastern Northern Southern Allied Axis US U.S. UK Sino-Soviet'
  ).split(/\s+/),
);

const PARTICLES = new Set(['von', 'van', 'der', 'den', 'de', 'del', 'della', 'di', 'da', 'du', 'la', 'le', 'bin', 'ibn', 'al', 'el', 'zu', 'ter', 'ten', 'y', 'dos', 'das', 'do']);
const TITLE_CONNECTORS = new Set(['of', 'for', 'the', 'to', 'and']);
const MONTHS = new Set('January February March April May June July August September October November December'.split(' '));

// Office words that running text writes in lower case ("German foreign minister Joachim von Ribbentrop").
const LOWER_TITLES = new Set(
  'foreign minister ministers prime premier secretary ambassador ambassadors president chancellor commissar affairs state general envoy plenipotentiary chairman deputy vice leader head chief representative king emperor'.split(' '),
);

function isTitleToken(t: string): boolean {
  return LOWER_TITLES.has(t) || TITLE_WORDS.has(t) || NATIONALITIES.has(t) || TITLE_CONNECTORS.has(t) || /^\p{Lu}[\p{L}]+-(?:born|based)$/u.test(t);
}

function isNameToken(t: string): boolean {
  if (PARTICLES.has(t)) return true;
  if (/^(?:\p{Lu}\.){1,3}$/u.test(t)) return true; // initials such as "Y.S."
  return /^\p{Lu}[\p{L}\p{M}'’-]*\.?$/u.test(t) && !MONTHS.has(t) && !STATE_WORDS.has(t.replace(/['’]s$/u, ''));
}

/**
 * Reduces one listed signatory to the person's name: `Estonian Minister of Foreign Affairs
 * Karl Selter` → Karl Selter, `Galeazzo Ciano (foreign minister) of Italy` → Galeazzo Ciano.
 * Returns undefined when no personal name is left, or the name looks like a state.
 */
export function personName(item: string): string | undefined {
  const s = item.replace(FOOTNOTE, ' ').replace(/\([^()]*\)/g, ' ').replace(/[,;:.]+\s*$/u, '').replace(/\s+/g, ' ').trim();
  if (!s || /\d|[|=[\]{}<>"“”]/u.test(s)) return undefined;
  const tokens = s.split(' ');
  // Skip the leading titles; the name is the run after the last title word.
  let start = 0;
  for (let i = 0; i < tokens.length; i++) if (isTitleToken(tokens[i]!)) start = i + 1;
  // A title after the name ("Kim Il Sung, Premier") or "of Italy": cut at the first title or "of".
  let name = tokens.slice(start);
  if (start > 0 && name.length < 2) {
    // "Zhou Enlai of China": the last title word was inside an affiliation; take the name before it.
    const ofAt = tokens.findIndex((t) => t === 'of');
    if (ofAt >= 2 && tokens.slice(0, ofAt).every((t) => !isTitleToken(t))) name = tokens.slice(0, ofAt);
  }
  const cut = name.findIndex((t) => isTitleToken(t));
  if (cut >= 0) name = name.slice(0, cut);
  while (name.length && PARTICLES.has(name[name.length - 1]!)) name.pop();
  while (name.length && PARTICLES.has(name[0]!) && name[0] !== 'al' && name[0] !== 'el') name.shift();
  const core = name.filter((t) => !PARTICLES.has(t));
  // Four or more words are two names run together ("Vyacheslav Molotov Joachim von Ribbentrop") more often than one.
  if (core.length < 2 || core.length > 3 || name.length > 5) return undefined;
  if (!name.every(isNameToken)) return undefined;
  return name.join(' ');
}

/** Splits an infobox signatories cell (`;`, `,`, bullets, line breaks, "and") and reads each person. */
export function splitPersonList(text: string): { names: string[]; rejected: string[] } {
  const pieces = text
    .replace(/\([^()]*\)/g, ' ')
    .split(/\s*(?:[•·▪;\n]|,\s*and\s|,|\sand\s)\s*/u)
    .map((p) => p.trim())
    .filter((p) => p !== '');
  const names: string[] = [];
  const rejected: string[] = [];
  for (const p of pieces) {
    const n = personName(p);
    if (n) names.push(n);
    else if (!p.split(' ').every(isTitleToken)) rejected.push(p);
  }
  return { names, rejected };
}

const ITEM_TOKEN = /^(?:\p{Lu}[\p{L}\p{M}'’.-]*|(?:\p{Lu}\.){1,3}|of|for|the|foreign|minister|ministers|prime|premier|secretary|ambassador|president|chancellor|commissar|affairs|state|envoy|plenipotentiary|chairman|deputy|vice|von|van|der|den|de|del|della|di|da|du|la|le|bin|ibn|al|el|zu)(?=[\s,;.:)[]|$)/u;

/**
 * Reads the list of people that follows "signed … by" in a sentence, starting at `start`:
 * items separated by ", ", " and " or ", and ", each made of capitalised words (with titles,
 * "of <state>" and a parenthesised remark allowed). The list ends at the first other word.
 * Returns the names in order, or nothing when an item is not a person.
 */
export function readPersonList(s: string, start: number): { names: string[]; end: number } | undefined {
  const names: string[] = [];
  let i = start;
  let pending = '';
  for (;;) {
    let item = '';
    for (;;) {
      const rest = s.slice(i);
      const paren = /^\([^()]*\)/u.exec(rest);
      const tok = paren ?? ITEM_TOKEN.exec(rest);
      if (!tok) break;
      item += (item ? ' ' : '') + tok[0];
      i += tok[0].length;
      const sp = /^ (?=\S)/.exec(s.slice(i));
      const foot = /^ ?\[\d+\]/.exec(s.slice(i));
      if (foot) i += foot[0].length;
      if (sp && ITEM_TOKEN.test(s.slice(i + 1)) || (sp && /^\(/.test(s.slice(i + 1)))) i += 1;
      else break;
    }
    item = (pending ? pending + ' ' : '') + item.trim();
    if (!item) break;
    const words = item.split(' ');
    const name = personName(item);
    const sep = /^(?:,? and |, )/.exec(s.slice(i));
    if (!name) {
      // "Premier and Foreign Minister Zhou Enlai": titles joined by "and" belong to the next item.
      if (words.every(isTitleToken) && sep) {
        pending = item;
        i += sep[0].length;
        continue;
      }
      return undefined;
    }
    pending = '';
    names.push(name);
    if (!sep) break;
    const after = s.slice(i + sep[0].length);
    if (!ITEM_TOKEN.test(after) || /^(?:the|of|for)\b/.test(after)) break;
    i += sep[0].length;
  }
  return names.length ? { names, end: i } : undefined;
}

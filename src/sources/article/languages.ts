/**
 * Language labels as encyclopedia leads and name tables write them ("simplified Chinese",
 * "pinyin", "Hangul", "Russian", "romanized") mapped to BCP 47 tags, and the script each
 * tag's text must be written in, so that a mislabelled or misparsed value is rejected.
 */

// Label (lower case) → BCP 47 tag. `*-Latn` means a romanisation of that language.
const LABELS: Readonly<Record<string, string>> = {
  'simplified chinese': 'zh-Hans',
  'traditional chinese': 'zh-Hant',
  chinese: 'zh',
  'standard chinese': 'zh',
  mandarin: 'zh',
  pinyin: 'zh-Latn-pinyin',
  'hanyu pinyin': 'zh-Latn-pinyin',
  'wade–giles': 'zh-Latn-wadegile',
  'wade-giles': 'zh-Latn-wadegile',
  cantonese: 'yue',
  japanese: 'ja',
  kanji: 'ja',
  kyūjitai: 'ja',
  shinjitai: 'ja',
  hiragana: 'ja',
  katakana: 'ja',
  kana: 'ja',
  hepburn: 'ja-Latn',
  'revised hepburn': 'ja-Latn',
  rōmaji: 'ja-Latn',
  romaji: 'ja-Latn',
  korean: 'ko',
  hangul: 'ko',
  "chosŏn'gŭl": 'ko',
  hanja: 'ko-Hani',
  'revised romanization': 'ko-Latn',
  'mccune–reischauer': 'ko-Latn',
  'mccune-reischauer': 'ko-Latn',
  vietnamese: 'vi',
  mongolian: 'mn',
  russian: 'ru',
  ukrainian: 'uk',
  belarusian: 'be',
  bulgarian: 'bg',
  macedonian: 'mk',
  serbian: 'sr',
  croatian: 'hr',
  'serbo-croatian': 'sh',
  bosnian: 'bs',
  slovene: 'sl',
  slovenian: 'sl',
  estonian: 'et',
  latvian: 'lv',
  lithuanian: 'lt',
  finnish: 'fi',
  swedish: 'sv',
  norwegian: 'no',
  danish: 'da',
  icelandic: 'is',
  german: 'de',
  dutch: 'nl',
  french: 'fr',
  italian: 'it',
  spanish: 'es',
  portuguese: 'pt',
  catalan: 'ca',
  polish: 'pl',
  czech: 'cs',
  slovak: 'sk',
  hungarian: 'hu',
  romanian: 'ro',
  albanian: 'sq',
  greek: 'el',
  'modern greek': 'el',
  turkish: 'tr',
  'ottoman turkish': 'ota',
  azerbaijani: 'az',
  armenian: 'hy',
  georgian: 'ka',
  kazakh: 'kk',
  persian: 'fa',
  arabic: 'ar',
  hebrew: 'he',
  yiddish: 'yi',
  hindi: 'hi',
  urdu: 'ur',
  bengali: 'bn',
  thai: 'th',
  lao: 'lo',
  khmer: 'km',
  burmese: 'my',
  indonesian: 'id',
  malay: 'ms',
  tagalog: 'tl',
  filipino: 'fil',
  latin: 'la',
  irish: 'ga',
  welsh: 'cy',
  tibetan: 'bo',
  amharic: 'am',
};

// Labels that introduce a romanisation of the preceding non-Latin name.
const ROMANIZATION_LABELS = new Set(['romanized', 'romanised', 'romanization', 'romanisation', 'transliteration', 'transliterated', 'translit.', 'tr.']);
// Labels whose value is not a name of the treaty in another language.
const SKIPPED_LABELS = new Set(['lit.', 'lit', 'literally', 'ipa', 'pronounced', 'pronunciation', 'transl.', 'translation', 'abbreviated', 'abbr.', 'short', 'also']);

/** What a label in a lead or name table stands for. */
export type LabelMeaning =
  | { readonly kind: 'language'; readonly tag: string }
  | { readonly kind: 'romanization' }
  | { readonly kind: 'skip' }
  | { readonly kind: 'unknown' };

/** Interprets a label such as `simplified Chinese`, `pinyin`, `romanized` or `lit.`. */
export function labelMeaning(label: string): LabelMeaning {
  const k = label.trim().toLowerCase().replace(/\s+/g, ' ');
  const tag = LABELS[k];
  if (tag) return { kind: 'language', tag };
  if (ROMANIZATION_LABELS.has(k)) return { kind: 'romanization' };
  if (SKIPPED_LABELS.has(k)) return { kind: 'skip' };
  return { kind: 'unknown' };
}

/** The label that stands for a BCP 47 tag (`ru` → `Russian`), for rendering `{{lang-ru|…}}`. */
export function labelOfTag(tag: string): string | undefined {
  const hit = Object.entries(LABELS).find(([, t]) => t === tag);
  if (!hit) return undefined;
  return hit[0].replace(/(^|[\s-])(\p{Ll})/gu, (_m, a: string, b: string) => a + b.toUpperCase());
}

/** True when the word names a language, e.g. `English`, `Russian` (for telling places from languages). */
export function isLanguageName(word: string): boolean {
  const k = word.toLowerCase();
  return k === 'english' || (k in LABELS && !/\s|pinyin|hepburn|kanji|kana|hangul|hanja|romaji|rōmaji/.test(k));
}

// Country named in "known in <country> as" → language of the names that follow.
const COUNTRY_LANGUAGE: Readonly<Record<string, string>> = {
  japan: 'ja', china: 'zh', taiwan: 'zh', korea: 'ko', 'north korea': 'ko', 'south korea': 'ko',
  russia: 'ru', 'the soviet union': 'ru', 'soviet union': 'ru', germany: 'de', austria: 'de', france: 'fr',
  italy: 'it', spain: 'es', portugal: 'pt', poland: 'pl', estonia: 'et', latvia: 'lv', lithuania: 'lt',
  finland: 'fi', sweden: 'sv', turkey: 'tr', iran: 'fa', greece: 'el', vietnam: 'vi', mongolia: 'mn',
};

/** Language of a country's names ("known in Japan as …" → `ja`), if it has one obvious language. */
export function languageOfCountry(country: string): string | undefined {
  return COUNTRY_LANGUAGE[country.trim().toLowerCase()];
}

type Script = 'Latin' | 'Han' | 'Kana' | 'Hangul' | 'Cyrillic' | 'Greek' | 'Arabic' | 'Hebrew' | 'Devanagari' | 'Thai' | 'Georgian' | 'Armenian' | 'Bengali' | 'Other';

const SCRIPT_TESTS: readonly [Script, RegExp][] = [
  ['Latin', /\p{Script=Latin}/u],
  ['Han', /\p{Script=Han}/u],
  ['Kana', /[\p{Script=Hiragana}\p{Script=Katakana}]/u],
  ['Hangul', /\p{Script=Hangul}/u],
  ['Cyrillic', /\p{Script=Cyrillic}/u],
  ['Greek', /\p{Script=Greek}/u],
  ['Arabic', /\p{Script=Arabic}/u],
  ['Hebrew', /\p{Script=Hebrew}/u],
  ['Devanagari', /\p{Script=Devanagari}/u],
  ['Bengali', /\p{Script=Bengali}/u],
  ['Thai', /\p{Script=Thai}/u],
  ['Georgian', /\p{Script=Georgian}/u],
  ['Armenian', /\p{Script=Armenian}/u],
];

/** The scripts the letters of `text` belong to. */
export function scriptsOf(text: string): Set<Script> {
  const found = new Set<Script>();
  for (const ch of text) {
    if (!/\p{L}/u.test(ch)) continue;
    const hit = SCRIPT_TESTS.find(([, re]) => re.test(ch));
    found.add(hit ? hit[0] : 'Other');
  }
  return found;
}

// Scripts a language's names may be written in (when not romanised).
const NATIVE_SCRIPTS: Readonly<Record<string, readonly Script[]>> = {
  zh: ['Han'], yue: ['Han'], ja: ['Han', 'Kana'], ko: ['Hangul', 'Han'],
  ru: ['Cyrillic'], uk: ['Cyrillic'], be: ['Cyrillic'], bg: ['Cyrillic'], mk: ['Cyrillic'], kk: ['Cyrillic'], mn: ['Cyrillic'],
  sr: ['Cyrillic', 'Latin'], sh: ['Latin', 'Cyrillic'], el: ['Greek'], ar: ['Arabic'], fa: ['Arabic'], ur: ['Arabic'], ota: ['Arabic'],
  he: ['Hebrew'], yi: ['Hebrew'], hi: ['Devanagari'], bn: ['Bengali'], th: ['Thai'], ka: ['Georgian'], hy: ['Armenian'],
  lo: ['Other'], km: ['Other'], my: ['Other'], bo: ['Other'], am: ['Other'],
};

/**
 * True when `text` is written in a script that `tag` allows: `zh-Hans` needs Han characters,
 * `ru` Cyrillic, `ja` Han or kana, `ru-Latn` and `et` Latin letters only.
 */
export function scriptFits(tag: string, text: string): boolean {
  const scripts = scriptsOf(text);
  if (scripts.size === 0) return false;
  const parts = tag.split('-');
  const lang = parts[0]!;
  if (parts.includes('Latn')) return scripts.size === 1 && scripts.has('Latin');
  if (parts.includes('Hani')) return scripts.size === 1 && scripts.has('Han');
  const allowed = NATIVE_SCRIPTS[lang] ?? ['Latin'];
  if (lang === 'zh' && scripts.has('Kana')) return false;
  return [...scripts].every((s) => allowed.includes(s));
}

/** The language a text in a non-Latin script must be in, when its script alone tells: kana → `ja`, Hangul → `ko`. */
export function languageFromScript(text: string): string | undefined {
  const s = scriptsOf(text);
  if (s.has('Kana') && [...s].every((x) => x === 'Kana' || x === 'Han')) return 'ja';
  if (s.has('Hangul') && [...s].every((x) => x === 'Hangul' || x === 'Han')) return 'ko';
  if (s.size === 1 && s.has('Greek')) return 'el';
  if (s.size === 1 && s.has('Georgian')) return 'ka';
  if (s.size === 1 && s.has('Armenian')) return 'hy';
  return undefined;
}

/**
 * The treaty's names in other languages and scripts, as the lead sentence gives them in
 * parentheses after the title or an alternative name:
 * - labelled: `(simplified Chinese: …; traditional Chinese: …; pinyin: …)`,
 *   `(Estonian: …, Russian: …, romanized: …)`;
 * - unlabelled, as the Japanese-name template renders: `(日本国と…条約 Nippon-koku … Jōyaku)`;
 * - after "known in Japan as": `Anpo jōyaku (安保条約)`.
 * Only the subject of the lead sentence (before its main verb) is read, so names of other
 * treaties mentioned later never become names of this one. Every value must be written in
 * the script its tag implies.
 */
import type { Lead } from './lead.js';
import { FOOTNOTE } from './dates.js';
import { labelMeaning, languageFromScript, languageOfCountry, scriptFits, scriptsOf } from './languages.js';
import { maskBrackets } from './sentences.js';

/** A name found in the lead, with its offset in the lead's line. */
export interface LeadName {
  readonly lang: string;
  readonly text: string;
  readonly index: number;
}

const LABEL = /(^|[;,]\s*)([\p{L}][\p{L} .'’–-]{0,30}?):\s*/gu;
const CJK = new Set(['zh', 'ja', 'ko']);

function clean(v: string): string {
  return v
    .replace(FOOTNOTE, ' ')
    .replace(/[,;]?\s+(?:pronounced|IPA:?|lit\.|literally)\s.*$/su, '')
    .replace(/(?:\s*\[[^\]]*\])+\s*$/u, '')
    .replace(/^[\s"“'‘]+|[\s"”'’,;]+$/gu, '')
    .replace(/\s+/g, ' ')
    .trim();
}

function isNonLatin(text: string): boolean {
  const s = scriptsOf(text);
  return s.size > 0 && !s.has('Latin');
}

/** Top-level parentheses of `s`: offset of the content and the content. */
function parentheticals(s: string): { index: number; text: string }[] {
  const out: { index: number; text: string }[] = [];
  let depth = 0;
  let open = -1;
  for (let i = 0; i < s.length; i++) {
    if (s[i] === '(') {
      if (depth === 0) open = i;
      depth++;
    } else if (s[i] === ')' && depth > 0) {
      depth--;
      if (depth === 0) out.push({ index: open + 1, text: s.slice(open + 1, i) });
    }
  }
  return out;
}

/** Reads the other-language names of the lead sentence's subject. Problems are reported, not thrown. */
export function leadNames(lead: Lead): { names: LeadName[]; problems: { message: string; index: number }[] } {
  const subject = lead.sentence.slice(0, lead.subjectEnd);
  const base = lead.start;
  const names: LeadName[] = [];
  const problems: { message: string; index: number }[] = [];
  const add = (lang: string, raw: string, index: number): void => {
    const text = clean(raw);
    // A pronunciation, not a name: "[ˈdʁaɪ̯mɛçtəpakt]" or "/…/".
    if (!text || text.length > 200 || /^[[/]|[ˈˌːʁəɪʊʃʒŋɐæθð]/u.test(text)) return;
    if (!scriptFits(lang, text)) {
      problems.push({ message: `'${text}' is not written in the script of ${lang}; not read as a name`, index: base + index });
      return;
    }
    if (!names.some((n) => n.lang === lang && n.text === text)) names.push({ lang, text, index: base + index });
  };

  const masked = maskBrackets(subject);
  const known = /\bknown in (?:the )?(\p{Lu}\p{L}+(?: \p{Lu}\p{L}+)?) as\b/u.exec(masked);
  const contextLang = known ? languageOfCountry(known[1]!) : undefined;
  let established: string | undefined;

  for (const p of parentheticals(subject)) {
    const labels = [...p.text.matchAll(LABEL)];
    if (labels.length && labels[0]!.index === 0) {
      let lastNative: string | undefined;
      labels.forEach((m, k) => {
        const valueStart = m.index + m[0].length;
        const valueEnd = k + 1 < labels.length ? labels[k + 1]!.index : p.text.length;
        const value = p.text.slice(valueStart, valueEnd);
        const at = p.index + valueStart;
        const meaning = labelMeaning(m[2]!);
        if (meaning.kind === 'language') {
          add(meaning.tag, value, at);
          if (isNonLatin(value)) lastNative = meaning.tag.split('-')[0];
          if (CJK.has(meaning.tag.split('-')[0]!)) established ??= meaning.tag.split('-')[0];
        } else if (meaning.kind === 'romanization') {
          if (lastNative) add(`${lastNative}-Latn`, value, at);
          else problems.push({ message: `romanisation '${clean(value)}' follows no non-Latin name; not read`, index: base + at });
        } else if (meaning.kind === 'unknown') {
          problems.push({ message: `unknown language label '${m[2]}'; its value is not read`, index: base + at });
        }
      });
      continue;
    }
    const text = p.text.replace(FOOTNOTE, ' ').trim();
    const parts = /^([^\p{Script=Latin}]*[^\p{Script=Latin}\s])(?:\s+(\p{Script=Latin}.*))?$/u.exec(text);
    if (!parts || !isNonLatin(parts[1]!)) continue;
    const native = parts[1]!;
    const inContext = known !== null && p.index > known.index;
    let lang = languageFromScript(native);
    if (!lang && scriptsOf(native).size === 1 && scriptsOf(native).has('Han')) {
      lang = inContext && contextLang && CJK.has(contextLang) ? contextLang : established;
    }
    if (!lang) {
      problems.push({ message: `cannot tell the language of '${native}'; not read`, index: base + p.index });
      continue;
    }
    if (CJK.has(lang)) established ??= lang;
    if (inContext && lang === contextLang) {
      // "known in Japan as Anpo jōyaku (安保条約) or just Anpo (安保)": the words before the parenthesis are the romanised name.
      const before = masked.slice(known!.index + known![0].length, p.index - 1);
      const phrase = /(?:^|\bas|\bor(?: just| simply)?|,)\s+([^,()_]+?)\s*$/u.exec(before)?.[1];
      if (phrase && phrase.split(' ').length <= 6 && !/^(?:the|a|an)\b/iu.test(phrase)) {
        add(`${lang}-Latn`, phrase, known!.index + known![0].length + before.lastIndexOf(phrase));
      }
    }
    add(lang, native, p.index);
    if (parts[2]) add(`${lang}-Latn`, parts[2], p.index + text.indexOf(parts[2]));
  }
  return { names, problems };
}

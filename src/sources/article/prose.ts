/**
 * Facts stated in running text. A statement counts only when its subject is this treaty:
 * the lead sentence's subject, "the treaty"/"this pact" right before the verb, or a sentence
 * starting with "It" that opens a paragraph or follows a sentence about the treaty. Verbs
 * qualified by "first", "originally", "initially", "later" or "again" speak of another
 * signing and are ignored, and so is a sentence that names another treaty before the verb.
 */
import type { CalendarDate } from '../../core/dates.js';
import { compatibleDates, findDates } from './dates.js';
import { isLanguageName } from './languages.js';
import type { Lead } from './lead.js';
import { personName, readPersonList } from './people.js';
import { splitSentences } from './sentences.js';
import { STATE_WORDS, cleanStateName } from './states.js';
import type { TextLine } from './text.js';

/** A value found in prose, with its line and offset in the line. */
export interface ProseValue<T> {
  readonly value: T;
  readonly line: number;
  readonly index: number;
}

/** A list found in prose (signatories, parties), each item with its offset. */
export interface ProseList {
  readonly items: readonly { value: string; index: number }[];
  readonly line: number;
}

/** Everything the prose states, before reconciliation with the infobox. */
export interface ProseFacts {
  readonly signed: ProseValue<CalendarDate>[];
  readonly effective: ProseValue<CalendarDate>[];
  /** "entered into force upon signature": resolved against the signing date by the caller. */
  readonly effectiveOnSignature: ProseValue<null>[];
  readonly expiry: ProseValue<CalendarDate>[];
  readonly location: ProseValue<string>[];
  readonly signatories: ProseList[];
  readonly parties: ProseList[];
  readonly problems: { message: string; line: number; index: number }[];
}

const TREATY_NOUNS = ['treaty', 'pact', 'agreement', 'convention', 'accord', 'alliance', 'protocol', 'entente'];
const AUX = '(?:(?:was|were|is|had been|has been|had|has)\\s+)?';
const ADV = '(?:(\\p{L}+ly|also|then|first|later|again|only|jointly)\\s+)?';

/**
 * The nouns by which a sentence may refer to this treaty: "treaty" always, and the kind of
 * instrument the title names ("the pact" in an article on a pact). In an article on a pact,
 * "the agreement" is usually another instrument (a trade agreement, a protocol).
 */
function treatyNouns(titles: readonly string[]): string {
  const fromTitle = TREATY_NOUNS.filter((n) => titles.some((t) => new RegExp(`\\b${n}\\b`, 'iu').test(t)));
  const nouns = titles.length ? ['treaty', ...fromTitle] : TREATY_NOUNS.slice(0, 5);
  return `(?:${[...new Set(nouns)].join('|')})`;
}
const IT_SUBJECT = new RegExp(`^It\\s+${AUX}${ADV}$`, 'u');
const OTHER_SIGNING = /^(?:first|originally|initially|later|again|re|previously|formerly)$/iu;
const NAMED_TREATY =
  /(?:(?!The\b|This\b|A\b|An\b|That\b)\p{Lu}[\p{L}-]*\s)+(?:Treaty|Pact|Agreement|Convention|Protocol|Accords?|Charter)\b|\b(?:Treaty|Pact|Agreement|Convention|Protocol|Accords?|Charter) (?:of|on|for|between) \p{Lu}/u;

const ANCHORS: readonly { kind: 'signed' | 'effective' | 'expiry'; re: RegExp }[] = [
  { kind: 'signed', re: /\bsigned\b/gu },
  {
    kind: 'effective',
    re: /\b(?:entered into (?:force|effect)|came into (?:force|effect)|went into (?:force|effect)|became effective|took effect|was put into (?:force|effect))/gu,
  },
  { kind: 'expiry', re: /\b(?:expired|lapsed|ceased to (?:be in force|have effect)|was (?:terminated|abrogated|annulled))/gu },
];

const CLAUSE_END =
  /;|,? and (?=(?:the|this|it|was|were|is|entered|came|became|took|went|ratified|registered|remained|expired|lapsed|ceased)\b)|, (?=(?:which|when|where|while|but|although)\b)|\s(?=but\b)/iu;
const RELATIVE_WORDS = /\b(?:after|following|days?|weeks?|months?|years?|upon|before|within|until|prior|later)\b/iu;
const SAME_DAY = /^,?\s*(?:on |upon )?(?:the same day|that (?:same )?day|the same date|that date)\b/iu;
const ON_SIGNATURE = /^,?\s*(?:immediately |directly )?(?:up)?on (?:its )?(?:signature|signing|being signed)\b/iu;
const LIST_END =
  /^(?:$|[,.;:)([]|\s(?:on|in|at|by|for|to|that|which|who|signed|concluded|concerning|regarding|over|against|was|were|is|with|under|after|before|during|from|following|until|as|since|when|whereby|and)\b)/u;
const PLACE_BAD = /\b(?:War|Treaty|Pact|Agreement|Convention|Protocol|Article|Conference|Congress|Assembly|Parliament|Year|Accord|Charter)\b/u;
const MONTH_WORD = /^(?:January|February|March|April|May|June|July|August|September|October|November|December)$/u;

/** True when a line is running text worth reading for statements. */
function isRunningText(l: TextLine): boolean {
  const t = l.text.trim();
  if (t.length < 30 || t.split(' ').length < 5) return false;
  if (/\s\|\s|\|\s*$|^\s*\|/.test(t) || /^\s*[a-z_]+\s*=/.test(t) || /^["“]/u.test(t)) return false;
  return /[.!?]["”)]?(?:\s?\[[^\]]+\])*\s*$|,\s*(?:\[[^\]]+\]\s*)*$/u.test(t) || t.split(' ').length >= 12;
}

const PLACE_RUN = /^\p{Lu}[\p{L}\p{M}.'’-]*(?: (?:(?:am|an|de|del|di|la|le|upon|sur) )?\p{Lu}[\p{L}\p{M}.'’-]*)*/u;

/** Reads the capitalised words of a place name at `i` ("Berlin, Germany", "Washington, D.C."). */
function readPlace(s: string, i: number): string | undefined {
  const a = PLACE_RUN.exec(s.slice(i));
  if (!a) return undefined;
  let place = a[0];
  let j = i + a[0].length;
  const comma = /^, /.exec(s.slice(j)) ? PLACE_RUN.exec(s.slice(j + 2)) : null;
  if (comma && LIST_END.test(s.slice(j + 2 + comma[0].length))) {
    place += `, ${comma[0]}`;
    j += 2 + comma[0].length;
  }
  if (!LIST_END.test(s.slice(j))) return undefined;
  if (place.endsWith('.') && !/(?:\p{Lu}\.){2,}$/u.test(place)) place = place.slice(0, -1);
  const words = place.split(/,? /);
  if (words.some((w) => MONTH_WORD.test(w)) || isLanguageName(words[0]!) || PLACE_BAD.test(place) || /\d/.test(place)) return undefined;
  return place;
}

/** Reads "X and Y" / "X, Y and Z" as state names at `i`; undefined unless it ends cleanly and names at least two. */
export function readStateList(s: string, i: number): { value: string; index: number }[] | undefined {
  const items: { value: string; index: number }[] = [];
  let j = i;
  for (;;) {
    const the = /^the /.exec(s.slice(j));
    if (the) j += the[0].length;
    const start = j;
    const m = /^\p{Lu}[\p{L}\p{M}'’.-]*(?: (?:of |the |of the )?\p{Lu}[\p{L}\p{M}'’.-]*)*/u.exec(s.slice(j));
    if (!m) return undefined;
    j += m[0].length;
    const name = cleanStateName(m[0]);
    if (!name) return undefined;
    if (personName(name) && !name.split(' ').some((w) => STATE_WORDS.has(w))) return undefined;
    items.push({ value: name, index: start });
    const sep = /^(?:,? and |, )/.exec(s.slice(j));
    if (sep && /^(?:the )?\p{Lu}/u.test(s.slice(j + sep[0].length))) {
      j += sep[0].length;
      continue;
    }
    if (!LIST_END.test(s.slice(j))) return undefined;
    break;
  }
  return items.length >= 2 ? items : undefined;
}

function removeTitle(s: string, titles: readonly string[]): string {
  let out = s;
  for (const t of titles) if (t) out = out.split(t).join(' '.repeat(t.length));
  return out;
}

/** Reads the statements of the running text. `skip` are infobox lines. */
export function readProse(lines: readonly TextLine[], skip: ReadonlySet<number>, lead: Lead | undefined, titles: readonly string[]): ProseFacts {
  const noun = treatyNouns(titles);
  const clauseSubject = new RegExp(`\\b(?:the|this) ${noun}\\s+${AUX}${ADV}$`, 'iu');
  const sentenceSubject = new RegExp(`^(?:The|This) ${noun}\\b`, 'iu');
  const facts: ProseFacts = { signed: [], effective: [], effectiveOnSignature: [], expiry: [], location: [], signatories: [], parties: [], problems: [] };
  for (const l of lines) {
    if (skip.has(l.n) || !isRunningText(l)) continue;
    let previousAboutTreaty = false;
    splitSentences(l.text).forEach((sent, k) => {
      const text = sent.text;
      const isLead = lead !== undefined && lead.line.n === l.n && lead.start === sent.start;
      const itOk = k === 0 || previousAboutTreaty;
      const startsAboutTreaty = isLead || sentenceSubject.test(text) || (itOk && /^It\b/u.test(text));
      previousAboutTreaty = startsAboutTreaty;
      const guarded = removeTitle(text, titles);
      for (const { kind, re } of ANCHORS) {
        re.lastIndex = 0;
        for (let m = re.exec(text); m; m = re.exec(text)) {
          const before = text.slice(0, m.index);
          if (!aboutThisTreaty(before, guarded.slice(0, m.index), isLead ? lead!.subjectEnd : -1, itOk, clauseSubject)) continue;
          const after = text.slice(m.index + m[0].length);
          const cut = CLAUSE_END.exec(after);
          const clause = cut ? after.slice(0, cut.index) : after;
          const at = sent.start + m.index + m[0].length;
          readClause(kind, clause, at, text, sent.start, l.n, facts);
        }
      }
      if (isLead) leadParties(text.slice(lead!.subjectEnd), sent.start + lead!.subjectEnd, l.n, facts);
    });
  }
  return facts;
}

/** Decides whether the verb at the end of `before` has this treaty as its subject. */
function aboutThisTreaty(before: string, guardedBefore: string, leadSubjectEnd: number, itOk: boolean, clauseSubject: RegExp): boolean {
  const adverbOk = (m: RegExpExecArray | null): boolean => m !== null && !(m[1] && OTHER_SIGNING.test(m[1]));
  if (leadSubjectEnd >= 0 && before.length >= leadSubjectEnd) {
    const pred = before.slice(leadSubjectEnd);
    if (NAMED_TREATY.test(guardedBefore.slice(leadSubjectEnd))) return false;
    if (/\b(?:first|originally|initially|later|again|previously)\b/iu.test(pred)) return false;
    if (/^(?:is|was|are|were)\s+(?:\p{L}+ly\s+|also\s+)?$/u.test(pred)) return true;
    if (/^(?:is|was)\s+(?:a|an|the)\s[^;]*\b(?:treaty|pact|agreement|convention|accord|alliance)\b[^;]*$/u.test(pred)) return true;
  }
  if (NAMED_TREATY.test(guardedBefore)) return false;
  if (adverbOk(clauseSubject.exec(before))) return true;
  return itOk && adverbOk(IT_SUBJECT.exec(before));
}

function readClause(kind: 'signed' | 'effective' | 'expiry', clause: string, at: number, sentence: string, sentStart: number, line: number, facts: ProseFacts): void {
  const { dates, invalid } = findDates(clause);
  for (const d of invalid) facts.problems.push({ message: `${d.message}; not read`, line, index: at + d.index });
  const distinct = [...new Set(dates.map((d) => d.value))];
  if (kind === 'signed') {
    if (distinct.length && distinct.every((d) => distinct.every((e) => compatibleDates(d, e)))) {
      const best = dates.reduce((a, b) => (b.value.length > a.value.length ? b : a));
      facts.signed.push({ value: best.value, line, index: at + best.index });
    } else if (distinct.length > 1) {
      facts.problems.push({ message: `the signing is stated with different dates (${distinct.join(', ')}); not read`, line, index: at });
    }
    const by = /\bby\s+/u.exec(clause);
    if (by) {
      const people = readPersonList(clause, by.index + by[0].length);
      if (people) {
        const items = people.names.map((value) => ({ value, index: at + Math.max(0, clause.indexOf(value.split(' ')[0]!, by.index)) }));
        facts.signatories.push({ items, line });
      }
    }
    const inAt = /(?:^|\s)in\s+(?=\p{Lu})/u.exec(clause);
    if (inAt) {
      const place = readPlace(clause, inAt.index + inAt[0].length);
      if (place) facts.location.push({ value: place, line, index: at + inAt.index + inAt[0].length });
    }
    const between = /^(?:\s*,?\s*(?:on|in)\s+[^,;]*?)?,?\s*between\s+/u.exec(clause);
    if (between) {
      const parties = readStateList(clause, between[0].length);
      if (parties) facts.parties.push({ items: parties.map((p) => ({ value: p.value, index: at + p.index })), line });
    }
    return;
  }
  const target = kind === 'effective' ? facts.effective : facts.expiry;
  if (kind === 'effective' && SAME_DAY.test(clause)) {
    // "… exchanged on 4 October 1939 and the treaty became effective on the same day".
    const elsewhere = findDates(sentence.slice(0, at - sentStart - 1)).dates.filter((d) => d.value.length === 10);
    const values = [...new Set(elsewhere.map((d) => d.value))];
    if (values.length === 1) target.push({ value: values[0]!, line, index: sentStart + elsewhere[0]!.index });
    else facts.problems.push({ message: `"the same day" does not point to one date in its sentence; not read`, line, index: at });
    return;
  }
  if (kind === 'effective' && ON_SIGNATURE.test(clause)) {
    facts.effectiveOnSignature.push({ value: null, line, index: at });
    return;
  }
  const first = dates[0];
  if (!first) return;
  const lead = clause.slice(0, first.index);
  if (!/^,?\s*(?:on|in)\s+$/u.test(lead) || RELATIVE_WORDS.test(lead)) return;
  if (distinct.length > 1 && !distinct.every((d) => compatibleDates(d, first.value))) {
    facts.problems.push({ message: `different dates follow '${kind}' (${distinct.join(', ')}); not read`, line, index: at });
    return;
  }
  target.push({ value: first.value, line, index: at + first.index });
}

/** "X is a … treaty between A and B" / "… concluded between A and B" in the lead's predicate. */
function leadParties(pred: string, offset: number, line: number, facts: ProseFacts): void {
  const m = /\b(?:treaty|pact|agreement|alliance|accord|convention)\b(?:[^,;()]{0,40}?\b(?:concluded|signed|made))?,? between\s+/u.exec(pred);
  if (!m) return;
  const parties = readStateList(pred, m.index + m[0].length);
  if (parties) facts.parties.push({ items: parties.map((p) => ({ value: p.value, index: offset + p.index })), line });
}

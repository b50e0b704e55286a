/**
 * The article's title and lead sentence. The title is the first line when that line is a
 * heading; otherwise the caption of a names table or the infobox `name` that the lead starts
 * with. The lead sentence is the first sentence of the first prose paragraph; its subject (up
 * to the main verb, outside parentheses) is where the treaty's other names are given.
 */
import { normalizeName } from '../../core/polities.js';
import type { TextLine } from './text.js';
import { columnAt } from './text.js';
import { maskBrackets, splitSentences } from './sentences.js';
import { FOOTNOTE } from './dates.js';

/** The lead: its line, the first sentence, and where the subject ends. */
export interface Lead {
  readonly line: TextLine;
  /** Offset and text of the first sentence in the line. */
  readonly start: number;
  readonly sentence: string;
  /** Offset in `sentence` where the main verb (`is`, `was`, …) starts; the sentence length if none. */
  readonly subjectEnd: number;
}

const BOILERPLATE = /^(?:From Wikipedia, the free encyclopedia|Jump to (?:navigation|search)|Contents|This article is issued from Wikipedia.*|Wikipedia)$/iu;
const HATNOTE = /^(?:["“]|For other uses|For the |This article is about|Not to be confused|See also|Main article|Further information|Coordinates:)/u;

/** True when the line reads as a paragraph of running text. */
export function isProse(line: TextLine): boolean {
  const t = line.text.trim();
  if (t.length < 60 || t.split(' ').length < 10) return false;
  if (/\s\|\s|\|\s*$|^\s*\|/.test(t) || /^\s*[a-z_]+\s*=/.test(t)) return false;
  return !HATNOTE.test(t);
}

/** The heading line at the top of the article, if the text starts with one. */
export function headingTitle(lines: readonly TextLine[], infoboxLines: ReadonlySet<number>): { text: string; line: TextLine } | undefined {
  for (const l of lines) {
    const t = l.text.trim();
    if (t === '' || BOILERPLATE.test(t)) continue;
    const text = t.replace(/\s+[-–—|]\s+Wikipedia.*$/u, '').trim();
    if (infoboxLines.has(l.n) || text.includes('|') || /=/.test(text) || text.length > 150) return undefined;
    if (text.split(' ').length > 20 || /[.!?]\s+\p{Lu}/u.test(text) || /[.:;,]$/.test(text)) return undefined;
    return text ? { text, line: l } : undefined;
  }
  return undefined;
}

/** Main verb of a lead sentence, outside parentheses. */
const MAIN_VERB = /[\s,](?:is|was|are|were|has been|had been|refers to|became|remains)\s/u;

/**
 * Finds the lead: the first prose line outside the infobox (skipping hatnotes), preferring
 * one that starts with the title.
 */
export function findLead(lines: readonly TextLine[], infoboxLines: ReadonlySet<number>, title: string | undefined): Lead | undefined {
  const prose = lines.filter((l) => !infoboxLines.has(l.n) && isProse(l));
  if (prose.length === 0) return undefined;
  const key = title ? normalizeName(title) : undefined;
  const starts = (l: TextLine): boolean => {
    if (!key) return false;
    const n = normalizeName(l.text.slice(0, l.text.length));
    return n.startsWith(key) || n.startsWith(`the ${key}`);
  };
  const line = prose.slice(0, 4).find(starts) ?? prose[0]!;
  const first = splitSentences(line.text)[0];
  if (!first) return undefined;
  const masked = maskBrackets(first.text);
  const verb = MAIN_VERB.exec(masked);
  return { line, start: first.start, sentence: first.text, subjectEnd: verb ? verb.index + 1 : first.text.length };
}

/** A table caption row (`Treaty on … | |||||`): one filled first cell, the rest empty. */
function captions(lines: readonly TextLine[]): { text: string; line: TextLine }[] {
  const out: { text: string; line: TextLine }[] = [];
  for (const l of lines) {
    const cells = l.text.split('|').map((c) => c.trim());
    if (cells.length < 2 || !cells[0] || cells.slice(1).some((c) => c !== '')) continue;
    if (cells[0].split(' ').length >= 2) out.push({ text: cells[0], line: l });
  }
  return out;
}

/**
 * Title when the text does not start with a heading: a names-table caption or an infobox
 * `name` that the lead sentence starts with (so that it is the article's subject).
 */
export function fallbackTitle(
  lines: readonly TextLine[],
  lead: Lead | undefined,
  infoboxName: { text: string; line: number; column: number } | undefined,
): { text: string; line: number; column: number; origin?: 'lead' } | undefined {
  if (!lead) return undefined;
  const subject = normalizeName(lead.sentence.slice(0, lead.subjectEnd).replace(FOOTNOTE, ' '));
  const fits = (t: string): boolean => {
    const k = normalizeName(t);
    return k.length > 0 && (subject.startsWith(k) || subject.startsWith(`the ${k}`));
  };
  for (const c of captions(lines)) {
    if (fits(c.text)) return { text: c.text, line: c.line.n, column: columnAt(c.line, c.line.text.indexOf(c.text)) };
  }
  if (infoboxName && fits(infoboxName.text)) return infoboxName;
  // The lead's subject itself, when it is a capitalised name of a treaty ("The Franco-Soviet Treaty of …").
  const raw = lead.sentence.slice(0, lead.subjectEnd);
  const m = /^(?:The )?((?:\p{Lu}[\p{L}\p{M}'’–-]*|of|on|and|the|for|between|in|to|de)(?:[ ,]+(?:\p{Lu}[\p{L}\p{M}'’–-]*|of|on|and|the|for|between|in|to|de))*)(?=\s*(?:\(|\[|,|$))/u.exec(raw.trim());
  const name = m?.[1]?.replace(/[ ,]+$/u, '');
  if (name && /\b(?:Treaty|Pact|Agreement|Convention|Accords?|Protocol|Alliance|Charter|Declaration|Entente)\b/u.test(name) && name.split(' ').length <= 25) {
    return { text: name, line: lead.line.n, column: columnAt(lead.line, lead.start + raw.indexOf(name)), origin: 'lead' as const };
  }
  return undefined;
}

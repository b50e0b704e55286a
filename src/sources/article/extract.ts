/**
 * Extracts the facts an encyclopedia article states about a treaty, from a plain-text
 * rendering (as offline mirrors store them) or from wikitext. Pure: no I/O, no clock.
 * The infobox is preferred; prose fills what the infobox does not state, and a prose
 * statement that disagrees with the infobox, or prose statements that disagree with each
 * other, are reported as warnings. Nothing is guessed: a field the text does not state is absent.
 */
import type { CalendarDate } from '../../core/dates.js';
import type { Problem } from '../../core/errors.js';
import { compatibleDates, FOOTNOTE, parseDateCell } from './dates.js';
import { readInfobox, readWikitextInfobox, type Infobox, type InfoboxKey, type InfoboxRow } from './infobox.js';
import { fallbackTitle, findLead, headingTitle } from './lead.js';
import { leadNames } from './names.js';
import { splitPersonList } from './people.js';
import { readProse, type ProseList, type ProseValue } from './prose.js';
import { isFlagLine, splitStateList, stateFromFlagLine } from './states.js';
import { columnAt, toLines, type TextLine } from './text.js';
import type { ArticleExtraction, Located, OtherName } from './types.js';
import { findTemplates, looksLikeWikitext, renderBody } from './wikitext.js';

/** Extracts title, other names, dates, location, signatories and parties from one article. */
export function extractArticle(text: string, file: string): ArticleExtraction {
  const warnings: Problem[] = [];
  const warn = (code: string, message: string, line?: number, column?: number): void => {
    warnings.push({ code, message, location: { file, ...(line !== undefined ? { line } : {}), ...(column !== undefined ? { column } : {}) } });
  };
  const wikitext = looksLikeWikitext(text);
  let lines: TextLine[];
  let infobox: Infobox;
  if (wikitext) {
    infobox = readWikitextInfobox(text);
    const multiLine = findTemplates(text, /./u).filter((t) => t.lastLine > t.firstLine);
    lines = toLines(renderBody(text, multiLine));
  } else {
    lines = toLines(text);
    infobox = readInfobox(lines);
  }
  // Columns of rendered wikitext do not point into the source.
  const col = (c: number | undefined): number | undefined => (wikitext ? undefined : c);
  for (const p of infobox.problems) warn('W_NAME_SCRIPT', p.message, p.line, col(p.column));

  const rowsOf = (key: InfoboxKey): InfoboxRow[] => infobox.rows.filter((r) => r.key === key && r.values.length > 0);

  // Title and lead.
  const heading = headingTitle(lines, infobox.lines);
  // Lines that are not running text: the infobox and the heading.
  const notProse = new Set(infobox.lines);
  if (heading) notProse.add(heading.line.n);
  let lead = findLead(lines, notProse, heading?.text);
  let title: Located<string> | undefined;
  if (heading) {
    title = { value: heading.text, line: heading.line.n, column: col(columnAt(heading.line, heading.line.text.indexOf(heading.text))), origin: 'heading' };
  } else {
    const nameRow = rowsOf('name')[0]?.values[0];
    const fb = fallbackTitle(lines, lead, nameRow ? { text: nameRow.text, line: nameRow.line, column: nameRow.column ?? 0 } : undefined);
    if (fb) {
      title = { value: fb.text, line: fb.line, column: col(fb.column || undefined), origin: fb.origin ?? 'infobox' };
      lead = findLead(lines, notProse, fb.text) ?? lead;
    } else warn('W_NO_TITLE', 'the article has no heading line and its lead does not start with a known name; no title read');
  }

  // Other names: names table first, then the lead.
  const otherNames: OtherName[] = [];
  const addName = (n: OtherName): void => {
    if (!otherNames.some((o) => o.lang === n.lang && o.text === n.text)) otherNames.push(n);
  };
  for (const n of infobox.names) addName({ lang: n.lang, text: n.text, line: n.line, column: col(n.column), origin: 'names-table' });
  if (lead) {
    const found = leadNames(lead);
    for (const n of found.names) addName({ lang: n.lang, text: n.text, line: lead.line.n, column: col(columnAt(lead.line, n.index)), origin: 'lead' });
    for (const p of found.problems) warn('W_NAME_UNREAD', p.message, lead.line.n, col(columnAt(lead.line, p.index)));
  }

  // Infobox dates.
  const boxDate = (key: InfoboxKey): Located<CalendarDate> | undefined => {
    let found: Located<CalendarDate> | undefined;
    for (const row of rowsOf(key)) {
      const cell = row.values.map((v) => v.text).join(' ');
      const r = parseDateCell(cell);
      const first = row.values[0]!;
      if (r.problem) warn('W_DATE_UNREAD', `infobox '${row.label || key}': ${r.problem}`, first.line, col(first.column));
      if (!r.value) continue;
      const here: Located<CalendarDate> = {
        value: r.value,
        line: first.line,
        column: col(first.column !== undefined && r.index !== undefined && r.index < first.text.length ? first.column + r.index : first.column),
        origin: 'infobox',
      };
      if (!found) found = here;
      else if (found.value !== here.value) warn('W_CONFLICT', `infobox states '${key}' twice: ${found.value} and ${here.value}; keeping the first`, here.line);
    }
    return found;
  };

  const prose = readProse(lines, notProse, lead, title ? [title.value] : []);
  for (const p of prose.problems) warn('W_PROSE_UNREAD', p.message, p.line, col(columnAt(lineOf(lines, p.line), p.index)));

  const fromProse = (field: string, values: readonly ProseValue<CalendarDate>[], box: Located<CalendarDate> | undefined): Located<CalendarDate> | undefined => {
    if (box) {
      for (const v of values) {
        if (!compatibleDates(v.value, box.value)) {
          warn('W_CONFLICT', `prose states ${field} ${v.value}, the infobox ${box.value}; keeping the infobox`, v.line, col(columnAt(lineOf(lines, v.line), v.index)));
        }
      }
      return box;
    }
    if (values.length === 0) return undefined;
    if (!values.every((a) => values.every((b) => compatibleDates(a.value, b.value)))) {
      warn('W_CONFLICT', `the text states different ${field} dates (${[...new Set(values.map((v) => v.value))].join(', ')}); none read`, values[0]!.line);
      return undefined;
    }
    const best = values.reduce((a, b) => (b.value.length > a.value.length ? b : a));
    return { value: best.value, line: best.line, column: col(columnAt(lineOf(lines, best.line), best.index)), origin: 'prose' };
  };

  const signed = fromProse('signing', prose.signed, boxDate('signed'));
  const effectiveStated = [...prose.effective];
  if (signed && signed.value.length === 10) {
    for (const v of prose.effectiveOnSignature) effectiveStated.push({ value: signed.value, line: v.line, index: v.index });
  } else if (prose.effectiveOnSignature.length) {
    warn('W_PROSE_UNREAD', 'entry into force "upon signature" but no day of signing is stated; not read', prose.effectiveOnSignature[0]!.line);
  }
  const effective = fromProse('entry-into-force', effectiveStated, boxDate('effective'));
  const expiry = fromProse('expiry', prose.expiry, boxDate('expiry'));

  // Location.
  let location: Located<string> | undefined;
  const locRow = rowsOf('location')[0];
  if (locRow) {
    const raw = locRow.values.map((v) => v.text).join(', ');
    const value = cleanPlace(raw);
    const first = locRow.values[0]!;
    if (value) location = { value, line: first.line, column: col(first.column), origin: 'infobox' };
    else warn('W_LOCATION_UNREAD', `infobox location '${raw}' does not read as a place`, first.line, col(first.column));
  }
  if (!location && prose.location.length) {
    const all = prose.location;
    const agree = all.every((a) => all.every((b) => a.value.startsWith(b.value) || b.value.startsWith(a.value)));
    if (agree) {
      const best = all.reduce((a, b) => (b.value.length > a.value.length ? b : a));
      location = { value: best.value, line: best.line, column: col(columnAt(lineOf(lines, best.line), best.index)), origin: 'prose' };
    } else warn('W_CONFLICT', `the text names different places of signing (${all.map((l) => l.value).join(', ')}); none read`, all[0]!.line);
  }

  // Signatories and parties.
  const fromBoxList = (key: 'signatories' | 'parties'): Located<string>[] => {
    const out: Located<string>[] = [];
    for (const row of rowsOf(key)) {
      for (const v of row.values) {
        let names: string[];
        let rejected: string[];
        if (isFlagLine(v.text)) {
          const s = key === 'parties' ? stateFromFlagLine(v.text) : undefined;
          names = s ? [s] : [];
          rejected = s ? [] : [v.text];
        } else {
          ({ names, rejected } = key === 'parties' ? splitStateList(v.text) : splitPersonList(v.text));
        }
        for (const r of rejected) warn('W_LIST_ITEM', `infobox ${key}: '${r}' is not read as ${key === 'parties' ? 'a state' : 'a person'}`, v.line, col(v.column));
        for (const n of names) {
          if (out.some((o) => o.value === n)) continue;
          const i = v.text.indexOf(n.split(' ')[0]!);
          out.push({ value: n, line: v.line, column: col(v.column !== undefined ? v.column + Math.max(0, i) : undefined), origin: 'infobox' });
        }
      }
      if (row.unlabeled && out.length) warn('W_UNLABELED_PARTIES', 'the parties are read from an unlabelled list that follows the signatories', row.line);
      if (out.length) break;
    }
    return out;
  };
  const fromProseLists = (key: string, lists: readonly ProseList[]): Located<string>[] => {
    if (lists.length === 0) return [];
    const setOf = (l: ProseList): string => [...l.items.map((i) => i.value)].sort().join('\u0000');
    if (!lists.every((l) => setOf(l) === setOf(lists[0]!))) {
      warn('W_CONFLICT', `the text lists different ${key}; none read`, lists[0]!.line);
      return [];
    }
    const first = lists[0]!;
    const line = lineOf(lines, first.line);
    return first.items.map((i) => ({ value: i.value, line: first.line, column: col(columnAt(line, i.index)), origin: 'prose' as const }));
  };

  let signatories = fromBoxList('signatories');
  if (signatories.length === 0) signatories = fromProseLists('signatories', prose.signatories);
  let parties = fromBoxList('parties');
  if (parties.length === 1) {
    warn('W_PARTIES_UNSPLIT', `infobox parties read as one state ('${parties[0]!.value}'); a treaty has at least two parties, so none are read`, parties[0]!.line);
    parties = [];
  }
  if (parties.length === 0) parties = fromProseLists('parties', prose.parties);

  return {
    file,
    format: wikitext ? 'wikitext' : 'plain',
    ...(title ? { title: stripUndefined(title) } : {}),
    otherNames: otherNames.map(stripUndefined),
    ...(signed ? { signed: stripUndefined(signed) } : {}),
    ...(effective ? { effective: stripUndefined(effective) } : {}),
    ...(expiry ? { expiry: stripUndefined(expiry) } : {}),
    ...(location ? { location: stripUndefined(location) } : {}),
    ...(signatories.length ? { signatories: signatories.map(stripUndefined) } : {}),
    ...(parties.length ? { parties: parties.map(stripUndefined) } : {}),
    warnings,
  };
}

function lineOf(lines: readonly TextLine[], n: number): TextLine {
  return lines[n - 1] ?? { n, text: '', cols: [] };
}

/** Drops a `column: undefined` so that results compare and serialise cleanly. */
function stripUndefined<T extends { column?: number | undefined }>(v: T): T {
  if (v.column !== undefined) return v;
  const { column: _c, ...rest } = v;
  return rest as T;
}

/** An infobox place as written, without footnotes; undefined unless it reads as a place name. */
function cleanPlace(raw: string): string | undefined {
  const s = raw.replace(FOOTNOTE, ' ').replace(/\s+/g, ' ').replace(/[\s,;]+$/u, '').trim();
  if (!s || s.length > 100 || !/^\p{Lu}/u.test(s) || /[|={}<>[\]]/u.test(s)) return undefined;
  if (s.split(/[ ,]+/).filter((w) => /^\p{Ll}/u.test(w) && !/^(?:of|the|de|des|du|am|an|upon|on|in|at|la|le|del|di|and|sur|el|al)$/u.test(w)).length) return undefined;
  return s;
}

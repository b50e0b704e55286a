/**
 * The treaty infobox in the shapes plain-text mirrors leave it:
 * - flattened rows, label then value, with or without a space (`Signed 14 February 1950`,
 *   `Signed4 March 1947`), list values on the following (indented or bulleted) lines;
 * - table rows (`Signed | 11 July 1961 |`), including the names table of CJK articles;
 * - raw, unrendered template parameters (`date_signed = September 27, 1940`).
 * A row counts only inside a cluster of at least two infobox rows, so a sentence that happens
 * to start with "Signed" or "Location" is never read as a row.
 */
import type { TextLine } from './text.js';
import { columnAt } from './text.js';
import { labelMeaning, scriptFits } from './languages.js';
import { cleanStateName, isFlagLine } from './states.js';
import { personName } from './people.js';
import { findTemplates, renderWikitext } from './wikitext.js';

/** The infobox fields Pacta knows. */
export type InfoboxKey =
  | 'name' | 'longName' | 'type' | 'context' | 'drafted' | 'signed' | 'location' | 'sealed' | 'effective' | 'condition'
  | 'expiry' | 'mediators' | 'negotiators' | 'signatories' | 'parties' | 'ratifiers' | 'depositary' | 'languages'
  | 'citations' | 'fullText';

/** How the infobox was rendered. */
export type InfoboxFormat = 'flattened' | 'table' | 'parameters' | 'wikitext';

/** A piece of a row's value, on one line. */
export interface ValuePiece {
  readonly text: string;
  readonly line: number;
  /** Unknown for wikitext, whose rendering moves text around. */
  readonly column?: number;
}

/** One infobox row: its field, the label as written, and its value pieces. */
export interface InfoboxRow {
  readonly key: InfoboxKey;
  readonly label: string;
  readonly format: InfoboxFormat;
  readonly line: number;
  readonly values: readonly ValuePiece[];
  /** True for a parties list found without its label (it follows the signatories). */
  readonly unlabeled?: boolean;
}

/** A name in another language or script, from a names table (`Simplified Chinese | 中朝… |`). */
export interface NameRow {
  readonly label: string;
  readonly lang: string;
  readonly text: string;
  readonly line: number;
  readonly column?: number;
}

/** Everything read from the infobox, with the lines it occupies. */
export interface Infobox {
  readonly rows: InfoboxRow[];
  readonly names: NameRow[];
  readonly lines: ReadonlySet<number>;
  readonly problems: { message: string; line: number; column?: number }[];
}

const LABELS: readonly (readonly [string, InfoboxKey])[] = (
  [
    ['Original signatories', 'signatories'], ['Signatories', 'signatories'], ['Signed', 'signed'], ['Location', 'location'],
    ['Effective', 'effective'], ['Expiration', 'expiry'], ['Expiry', 'expiry'], ['Parties', 'parties'], ['Type', 'type'],
    ['Context', 'context'], ['Drafted', 'drafted'], ['Sealed', 'sealed'], ['Condition', 'condition'],
    ['Negotiators', 'negotiators'], ['Mediators', 'mediators'], ['Ratifiers', 'ratifiers'], ['Depositaries', 'depositary'],
    ['Depositary', 'depositary'], ['Citations', 'citations'], ['Languages', 'languages'], ['Language', 'languages'],
    ['Full text', 'fullText'],
  ] as const
).slice().sort((a, b) => b[0].length - a[0].length);

const PARAMS: Readonly<Record<string, InfoboxKey>> = {
  name: 'name', long_name: 'longName', type: 'type', context: 'context', date_drafted: 'drafted', date_signed: 'signed',
  location_signed: 'location', date_sealed: 'sealed', date_effective: 'effective', condition_effective: 'condition',
  date_expiration: 'expiry', date_expiry: 'expiry', mediators: 'mediators', negotiators: 'negotiators',
  signatories: 'signatories', original_signatories: 'signatories', parties: 'parties', ratifiers: 'ratifiers',
  depositor: 'depositary', depositories: 'depositary', depositary: 'depositary', languages: 'languages', language: 'languages',
};

/** Fields whose value may be a list spread over several lines. */
const LIST_KEYS = new Set<InfoboxKey>(['signatories', 'parties', 'negotiators', 'mediators', 'ratifiers', 'depositary', 'languages']);

const BULLET = /^\s*[•·▪◦‣*]\s*/u;
const PARAM_LINE = /^\s*\|?\s*([a-z][a-z0-9_]*)\s*=\s?(.*)$/u;
const MAX_ROW = 160;

interface Candidate {
  readonly line: number;
  readonly key: InfoboxKey | null; // null: a names-table row
  readonly build: () => { rows: InfoboxRow[]; names: NameRow[]; used: number[] };
}

/** A flattened row's label and the offset where its value starts, if the line is one. */
function flatLabel(t: string): { label: string; key: InfoboxKey; value: number } | undefined {
  const lead = t.length - t.trimStart().length;
  const s = t.slice(lead);
  for (const [label, key] of LABELS) {
    if (!s.startsWith(label)) continue;
    const rest = s.slice(label.length);
    if (rest === '') return { label, key, value: t.length };
    if (rest[0] === ' ' || rest[0] === ':') return { label, key, value: lead + label.length + (/^[ :]+/.exec(rest)?.[0].length ?? 0) };
    if (/^[\p{Lu}\p{N}(•]/u.test(rest)) return { label, key, value: lead + label.length };
    return undefined;
  }
  return undefined;
}

function tableCells(t: string): string[] | undefined {
  if (!t.includes('|') || /^\s*-{3}/.test(t)) return undefined;
  return t.split('|').map((c) => c.trim());
}

/** Name label of a names table or flattened names row ("Simplified Chinese", "Hangul", "Hanyu Pinyin"). */
function nameLabel(label: string, group: string | undefined): string | undefined {
  const m = labelMeaning(label);
  if (m.kind === 'language') return m.tag;
  if (m.kind === 'romanization' && group) return `${group}-Latn`;
  return undefined;
}

/** Reads the infobox rows of a plain-text article. */
export function readInfobox(lines: readonly TextLine[]): Infobox {
  const problems: Infobox['problems'] = [];
  const candidates: Candidate[] = [];
  const isLabelLine = (i: number): boolean => {
    const l = lines[i];
    if (!l || l.text.length > MAX_ROW) return false;
    const cells = tableCells(l.text);
    if (cells && LABELS.some(([lab]) => lab === cells[0])) return true;
    return flatLabel(l.text) !== undefined || PARAM_LINE.test(l.text);
  };
  let group: string | undefined;

  for (let i = 0; i < lines.length; i++) {
    const l = lines[i]!;
    const t = l.text;
    if (t.trim() === '' || t.length > MAX_ROW) continue;

    // Raw template parameters.
    const pm = PARAM_LINE.exec(t);
    if (pm && PARAMS[pm[1]!]) {
      const key = PARAMS[pm[1]!]!;
      const label = pm[1]!;
      const at = i;
      candidates.push({ line: l.n, key, build: () => paramRow(lines, at, key, label) });
      continue;
    }

    // Table rows.
    const cells = tableCells(t);
    if (cells && cells.length >= 2) {
      const first = cells[0]!;
      const hit = LABELS.find(([lab]) => lab === first);
      if (hit) {
        const at = i;
        candidates.push({ line: l.n, key: hit[1], build: () => tableRow(lines, at, hit[1], first) });
        continue;
      }
      const grp = /^(\p{L}+) name$/u.exec(first);
      if (grp && cells.slice(1).every((c) => c === '')) {
        const m = labelMeaning(grp[1]!);
        group = m.kind === 'language' ? m.tag.split('-')[0] : undefined;
        continue;
      }
      const tag = nameLabel(first, group);
      const value = cells[1] ?? '';
      if (tag && value) {
        const col = columnAt(l, t.indexOf(value, t.indexOf('|')));
        const row: NameRow = { label: first, lang: tag, text: value, line: l.n, column: col };
        if (scriptFits(tag, value)) candidates.push({ line: l.n, key: null, build: () => ({ rows: [], names: [row], used: [l.n] }) });
        else problems.push({ message: `'${first}' value '${value}' is not written in the script of ${tag}; not read`, line: l.n, column: col });
      }
      continue;
    }

    // Flattened rows.
    const fl = flatLabel(t);
    // A value as long as a sentence ("Signed by both parties in 1950, the treaty was …") is prose.
    if (fl && (fl.value >= t.length || isShortValue(t.slice(fl.value)))) {
      const at = i;
      candidates.push({ line: l.n, key: fl.key, build: () => flatRow(lines, at, fl, isLabelLine) });
      continue;
    }
    // Flattened names rows: "Simplified Chinese 中苏友好同盟互助条约".
    const nm = /^\s*([\p{L}' –-]{2,30}?)(?::\s*|\s+)(\S.*)$/u.exec(t);
    if (nm) {
      const tag = nameLabel(nm[1]!, group);
      if (tag && scriptFits(tag, nm[2]!.trim()) && (tag.includes('Latn') ? true : !/\p{Script=Latin}/u.test(nm[2]!))) {
        const row: NameRow = { label: nm[1]!, lang: tag, text: nm[2]!.trim(), line: l.n, column: columnAt(l, t.indexOf(nm[2]!)) };
        candidates.push({ line: l.n, key: null, build: () => ({ rows: [], names: [row], used: [l.n] }) });
      }
    }
  }

  // Keep clusters of at least two rows, no more than five lines apart.
  const rows: InfoboxRow[] = [];
  const names: NameRow[] = [];
  const used = new Set<number>();
  let cluster: Candidate[] = [];
  const flush = (): void => {
    const keys = new Set(cluster.map((c) => c.key ?? 'name-row'));
    const nameRows = cluster.filter((c) => c.key === null).length;
    if (cluster.length >= 2 && (keys.size >= 2 || nameRows >= 2)) {
      for (const c of cluster) {
        const b = c.build();
        rows.push(...b.rows);
        names.push(...b.names);
        for (const n of b.used) used.add(n);
      }
    }
    cluster = [];
  };
  for (const c of candidates) {
    const last = cluster[cluster.length - 1];
    if (last && c.line - last.line > 5) flush();
    cluster.push(c);
  }
  flush();
  addUnlabeledParties(lines, rows, used, isLabelLine);
  return { rows, names, lines: used, problems };
}

function oneMoreItem(key: InfoboxKey, t: string): boolean {
  if (key === 'signatories') return personName(t) !== undefined;
  if (key === 'parties') return isFlagLine(t) || cleanStateName(t) !== undefined;
  return false;
}

function piece(l: TextLine, from: number): ValuePiece | undefined {
  const text = l.text.slice(from).trim();
  if (!text) return undefined;
  return { text, line: l.n, column: columnAt(l, l.text.indexOf(text, from)) };
}

function isShortValue(t: string): boolean {
  return t.trim() !== '' && t.length <= 100 && t.trim().split(' ').length <= 14;
}

function flatRow(
  lines: readonly TextLine[],
  i: number,
  fl: { label: string; key: InfoboxKey; value: number },
  isLabelLine: (i: number) => boolean,
): { rows: InfoboxRow[]; names: NameRow[]; used: number[] } {
  const l = lines[i]!;
  const values: ValuePiece[] = [];
  const used = [l.n];
  const first = piece(l, fl.value);
  let j = i + 1;
  if (first) {
    values.push(first);
    if (LIST_KEYS.has(fl.key)) {
      // Continuation lines are indented or bulleted (" United States" after "Parties  Japan"), or,
      // for signatories and parties, a bare line that is one more person or state.
      for (; j < lines.length; j++) {
        const t = lines[j]!.text;
        if (isLabelLine(j) || !isShortValue(t)) break;
        if (!/^ \S|^\s*[•·▪]/u.test(t) && !(t.length <= 60 && oneMoreItem(fl.key, t))) break;
        values.push(piece(lines[j]!, 0)!);
        used.push(lines[j]!.n);
      }
    }
  } else {
    // Label alone on its line: the value follows, after at most two blank lines.
    let blanks = 0;
    while (j < lines.length && lines[j]!.text.trim() === '' && blanks < 2) {
      j++;
      blanks++;
    }
    for (; j < lines.length; j++) {
      const t = lines[j]!.text;
      if (!isShortValue(t) || isLabelLine(j)) break;
      values.push(piece(lines[j]!, 0)!);
      used.push(lines[j]!.n);
      if (!LIST_KEYS.has(fl.key)) break;
    }
  }
  return { rows: [{ key: fl.key, label: fl.label, format: 'flattened', line: l.n, values }], names: [], used };
}

function tableRow(lines: readonly TextLine[], i: number, key: InfoboxKey, label: string): { rows: InfoboxRow[]; names: NameRow[]; used: number[] } {
  const l = lines[i]!;
  const values: ValuePiece[] = [];
  const used = [l.n];
  const addCells = (line: TextLine, skipFirst: boolean): void => {
    let from = 0;
    const cells = line.text.split('|');
    cells.forEach((c, k) => {
      const start = from;
      from += c.length + 1;
      if ((skipFirst && k === 0) || c.trim() === '') return;
      values.push({ text: c.trim(), line: line.n, column: columnAt(line, line.text.indexOf(c.trim(), start)) });
    });
  };
  addCells(l, true);
  // A cell continued on the next lines starts with "|": "Signatories |" then "| Zhou Enlai |".
  for (let j = i + 1; j < lines.length && /^\s*\|/.test(lines[j]!.text); j++) {
    addCells(lines[j]!, false);
    used.push(lines[j]!.n);
  }
  return { rows: [{ key, label, format: 'table', line: l.n, values }], names: [], used };
}

function paramRow(lines: readonly TextLine[], i: number, key: InfoboxKey, label: string): { rows: InfoboxRow[]; names: NameRow[]; used: number[] } {
  const l = lines[i]!;
  const m = PARAM_LINE.exec(l.text)!;
  const values: ValuePiece[] = [];
  const used = [l.n];
  const first = piece(l, l.text.length - m[2]!.length);
  if (first) values.push(first);
  const templated = (t: string): boolean => isFlagLine(t) || BULLET.test(t) || /\||\{\{|\[\[/.test(t);
  for (let j = i + 1; j < lines.length; j++) {
    const t = lines[j]!.text;
    if (PARAM_LINE.test(t)) break;
    if (t.trim() === '') {
      const next = lines.slice(j + 1).find((x) => x.text.trim() !== '');
      if (next && templated(next.text) && !PARAM_LINE.test(next.text)) continue;
      break;
    }
    if (!(templated(t) || (isShortValue(t) && t.length <= 60 && !/[.!?]["”]?\s*$/u.test(t) && !/^["“]/u.test(t)))) break;
    values.push(piece(lines[j]!, 0)!);
    used.push(lines[j]!.n);
  }
  return { rows: [{ key, label, format: 'parameters', line: l.n, values }], names: [], used };
}

/**
 * Some renderings lose the "Parties" label: the flag list (bullets) then directly follows the
 * signatories. Such a list is read as the parties only when the signatories were plain text,
 * the bullets come right after them and no other row claims the parties.
 */
function addUnlabeledParties(lines: readonly TextLine[], rows: InfoboxRow[], used: Set<number>, isLabelLine: (i: number) => boolean): void {
  if (rows.some((r) => r.key === 'parties')) return;
  const sig = rows.find((r) => r.key === 'signatories' && r.format === 'flattened');
  if (!sig || sig.values.length === 0 || sig.values.some((v) => BULLET.test(v.text))) return;
  const lastLine = sig.values[sig.values.length - 1]!.line;
  let j = lines.findIndex((l) => l.n === lastLine) + 1;
  let blanks = 0;
  while (j < lines.length && lines[j]!.text.trim() === '' && blanks < 2) {
    j++;
    blanks++;
  }
  const values: ValuePiece[] = [];
  for (; j < lines.length; j++) {
    const l = lines[j]!;
    if (!BULLET.test(l.text) || isLabelLine(j) || !isShortValue(l.text)) break;
    const start = l.text.search(/[^\s•·▪◦‣*]/u);
    values.push({ text: l.text.slice(start).trim(), line: l.n, column: columnAt(l, start) });
  }
  if (values.length === 0) return;
  for (const v of values) used.add(v.line);
  rows.push({ key: 'parties', label: '', format: 'flattened', line: values[0]!.line, values, unlabeled: true });
}

// Parameters of {{Infobox Chinese}} and similar name boxes → BCP 47 tags.
const NAME_PARAMS: Readonly<Record<string, string>> = {
  c: 'zh', s: 'zh-Hans', t: 'zh-Hant', p: 'zh-Latn-pinyin', w: 'zh-Latn-wadegile', hangul: 'ko', hanja: 'ko-Hani',
  rr: 'ko-Latn', mr: 'ko-Latn', kanji: 'ja', kana: 'ja', hiragana: 'ja', katakana: 'ja', romaji: 'ja-Latn', revhep: 'ja-Latn',
};

/**
 * Reads `{{Infobox treaty}}` (and a `{{Infobox Chinese}}` names box) from wikitext. Values are
 * rendered to plain text; their line is the line where the parameter's value starts.
 */
export function readWikitextInfobox(text: string): Infobox {
  const rows: InfoboxRow[] = [];
  const names: NameRow[] = [];
  const used = new Set<number>();
  const problems: Infobox['problems'] = [];
  for (const t of findTemplates(text, /^infobox[ _]+(?:treaty|chinese|korean name|japanese name)\b/iu)) {
    for (let n = t.firstLine; n <= t.lastLine; n++) used.add(n);
    const isTreaty = /treaty/iu.test(t.name);
    for (const p of t.params) {
      const rendered = renderWikitext(p.value);
      if (isTreaty) {
        const key = PARAMS[p.name];
        if (!key) continue;
        const values = rendered
          .split('\n')
          .map((v) => v.trim())
          .filter((v) => v !== '')
          .map((v) => ({ text: v, line: p.line }));
        rows.push({ key, label: p.name, format: 'wikitext', line: p.line, values });
      } else {
        const tag = NAME_PARAMS[p.name];
        const value = rendered.replace(/\s+/g, ' ').trim();
        if (!tag || !value) continue;
        if (scriptFits(tag, value)) names.push({ label: p.name, lang: tag, text: value, line: p.line });
        else problems.push({ message: `'${p.name}' value '${value}' is not written in the script of ${tag}; not read`, line: p.line });
      }
    }
  }
  return { rows, names, lines: used, problems };
}

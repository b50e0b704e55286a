/**
 * Just enough of MediaWiki markup to read treaty articles saved as wikitext: the
 * `{{Infobox treaty}}` template's parameters (with their lines), a names box
 * (`{{Infobox Chinese}}`), and a plain rendering of each other line in which links show their
 * text and the name templates (`{{lang-ru|…}}`, `{{zh|s=…|t=…}}`, `{{nihongo|…}}`) show as the
 * labelled text a mirror would print. Line numbers are kept: a rendered line is the line of
 * the same number in the source.
 */
import { labelOfTag } from './languages.js';

/** One template parameter, with the 1-based line where its value starts. */
export interface TemplateParam {
  readonly name: string;
  readonly value: string;
  readonly line: number;
}

/** A template found in the text: its name, parameters and line span. */
export interface Template {
  readonly name: string;
  readonly params: readonly TemplateParam[];
  readonly firstLine: number;
  readonly lastLine: number;
}

/** True when the text looks like wikitext rather than a rendering of it. */
export function looksLikeWikitext(text: string): boolean {
  return /\{\{\s*Infobox[ _]/iu.test(text) || (/'''[^'\n]+'''/u.test(text) && /\[\[[^\]\n]+\]\]/u.test(text));
}

function lineAt(text: string, offset: number): number {
  let n = 1;
  for (let i = 0; i < offset && i < text.length; i++) if (text.charCodeAt(i) === 10) n++;
  return n;
}

/** Finds the top-level templates whose name matches `nameRe`, with their parameters. */
export function findTemplates(text: string, nameRe: RegExp): Template[] {
  const out: Template[] = [];
  const open = /\{\{/g;
  for (let m = open.exec(text); m; m = open.exec(text)) {
    const nameMatch = /^\{\{\s*([^|{}]+?)\s*(?=\||\}\})/u.exec(text.slice(m.index));
    if (!nameMatch || !nameRe.test(nameMatch[1]!)) continue;
    let depth = 0;
    let link = 0;
    let i = m.index;
    const cuts: number[] = [];
    let end = -1;
    while (i < text.length) {
      const two = text.slice(i, i + 2);
      if (two === '{{') {
        depth++;
        i += 2;
      } else if (two === '}}') {
        depth--;
        i += 2;
        if (depth === 0) {
          end = i;
          break;
        }
      } else if (two === '[[') {
        link++;
        i += 2;
      } else if (two === ']]') {
        link = Math.max(0, link - 1);
        i += 2;
      } else {
        if (text[i] === '|' && depth === 1 && link === 0) cuts.push(i);
        i++;
      }
    }
    if (end < 0) break;
    const params: TemplateParam[] = [];
    cuts.forEach((c, k) => {
      const stop = k + 1 < cuts.length ? cuts[k + 1]! : end - 2;
      const raw = text.slice(c + 1, stop);
      const eq = /^\s*([\w ]+?)\s*=/u.exec(raw);
      const name = eq ? eq[1]!.trim().toLowerCase().replace(/ /g, '_') : String(k + 1);
      const valueStart = eq ? eq[0].length : 0;
      const lead = raw.slice(valueStart).length - raw.slice(valueStart).trimStart().length;
      params.push({ name, value: raw.slice(valueStart).trim(), line: lineAt(text, c + 1 + valueStart + lead) });
    });
    out.push({ name: nameMatch[1]!, params, firstLine: lineAt(text, m.index), lastLine: lineAt(text, end - 1) });
    open.lastIndex = end;
  }
  return out;
}

function splitArgs(inner: string): { positional: string[]; named: Record<string, string> } {
  const parts = inner.split('|');
  const positional: string[] = [];
  const named: Record<string, string> = {};
  for (const p of parts.slice(1)) {
    const eq = /^\s*([\w-]+)\s*=([\s\S]*)$/u.exec(p);
    if (eq) named[eq[1]!.toLowerCase()] = eq[2]!.trim();
    else positional.push(p.trim());
  }
  return { positional, named };
}

const DROPPED = /^(?:sfn|sfnp|efn|refn|r|rp|citation needed|cn|fact|clarify|when|by whom|dubious|harvnb|harvtxt|harv|snf|ref|note|nbsp|-|clear|toc|reflist|cite\b.*|short description|use .*|good article|featured article|coord)$/iu;

function renderTemplate(inner: string): string {
  const name = inner.split('|')[0]!.trim().toLowerCase().replace(/_/g, ' ');
  const { positional, named } = splitArgs(inner);
  const p = (i: number): string => positional[i] ?? '';
  if (/^(?:flag|flagcountry|flagu|flag country)$/.test(name)) return named.name ?? p(0);
  if (/^(?:flagicon|flagdeco|flag icon|flagicon image)$/.test(name)) return '';
  if (/^(?:start date|start date and age|end date|end date and age|dts|date)$/.test(name)) {
    const nums = positional.filter((x) => /^\d{1,4}$/.test(x));
    if (nums.length >= 1 && /^\d{4}$/.test(nums[0]!)) {
      return nums.slice(0, 3).map((x, i) => (i === 0 ? x : x.padStart(2, '0'))).join('-');
    }
    return p(0);
  }
  if (/^(?:plainlist|plain list|flatlist|flat list)$/.test(name)) return p(0);
  if (/^(?:unbulleted list|ubl|ublist|hlist|bulleted list|bulleted|collapsible list|unbulleted)$/.test(name)) return positional.join('\n');
  if (/^(?:nowrap|nobr|small|big|nobold|noitalic|nowrap begin|transl|lang)$/.test(name)) {
    if (name === 'lang' || name === 'transl') {
      const label = name === 'lang' ? labelOfTag(p(0)) : undefined;
      return label ? `${label}: ${p(1)}` : p(1);
    }
    return p(0);
  }
  const langX = /^lang-([a-z]{2,3}(?:-[a-z]+)?)$/iu.exec(name);
  if (langX) {
    const label = labelOfTag(langX[1]!);
    const translit = named.translit ?? named.tr;
    return `${label ? label + ': ' : ''}${p(0)}${translit ? `, romanized: ${translit}` : ''}`;
  }
  if (name === 'zh' || name === 'zh-full') {
    const parts: string[] = [];
    if (named.c) parts.push(`Chinese: ${named.c}`);
    if (named.s) parts.push(`simplified Chinese: ${named.s}`);
    if (named.t) parts.push(`traditional Chinese: ${named.t}`);
    if (named.p) parts.push(`pinyin: ${named.p}`);
    return parts.join('; ');
  }
  if (name === 'nihongo') return `${p(0)} (${[p(1), p(2)].filter(Boolean).join(' ')})`;
  if (name === 'korean' || name === 'ko-hhrm') {
    const parts: string[] = [];
    if (named.hangul) parts.push(`Korean: ${named.hangul}`);
    if (named.hanja) parts.push(`Hanja: ${named.hanja}`);
    if (named.rr) parts.push(`Revised Romanization: ${named.rr}`);
    if (named.mr) parts.push(`McCune–Reischauer: ${named.mr}`);
    return parts.join('; ');
  }
  if (name === 'circa' || name === 'c.') return `c. ${p(0)}`;
  if (DROPPED.test(name)) return '';
  return '';
}

/** Renders a piece of wikitext as a mirror would print it (see the module comment). */
export function renderWikitext(s: string): string {
  let out = s
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(/<ref[^>]*\/>/giu, '')
    .replace(/<ref[^>]*>[\s\S]*?<\/ref>/giu, '')
    .replace(/\[\[(?:File|Image|Category):[^\]]*\]\]/giu, '')
    .replace(/\[\[([^\]|]*)\|([^\]]*)\]\]/gu, '$2')
    .replace(/\[\[([^\]]*)\]\]/gu, '$1')
    .replace(/\[https?:\/\/\S+ ([^\]]+)\]/gu, '$1');
  for (let guard = 0; guard < 50; guard++) {
    const next = out.replace(/\{\{([^{}]*)\}\}/gu, (_m, inner: string) => renderTemplate(inner));
    if (next === out) break;
    out = next;
  }
  return out
    .replace(/'''|''/g, '')
    .replace(/<br\s*\/?>/giu, '\n')
    .replace(/<\/?[a-z][^>]*>/giu, '')
    .replace(/&nbsp;/g, '\u00A0')
    .replace(/&ndash;/g, '–')
    .replace(/&mdash;/g, '—')
    .replace(/&amp;/g, '&')
    .replace(/^\s*[*#]+\s*/gmu, '• ');
}

/**
 * The body of a wikitext article rendered line by line, with the lines of multi-line
 * top-level templates (infoboxes, navigation boxes) and tables left empty.
 */
export function renderBody(text: string, templates: readonly Template[]): string {
  const lines = text.split(/\r\n|\r|\n/);
  const blank = new Set<number>();
  for (const t of templates) for (let n = t.firstLine; n <= t.lastLine; n++) blank.add(n);
  let table = false;
  return lines
    .map((l, i) => {
      if (/^\s*\{\|/.test(l)) table = true;
      const inTable = table;
      if (/^\s*\|\}/.test(l)) table = false;
      if (blank.has(i + 1) || inTable || /^\s*=+.*=+\s*$/.test(l)) return '';
      return renderWikitext(l).replace(/\n/g, ' ');
    })
    .join('\n');
}

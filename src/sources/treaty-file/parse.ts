/**
 * Reads treaty files (YAML) into the core model, keeping the line and column of every value
 * so that each problem points at the exact spot. Parsing never throws on bad input: it
 * returns every problem it finds.
 */
import { LineCounter, parseDocument, isMap, isScalar, isPair, type Document, type Node } from 'yaml';
import { z } from 'zod';
import { treatyFileSchema, type TreatyFile } from './schema.js';
import type { Problem, SourceLocation } from '../../core/errors.js';
import type { LookupError } from '../../core/errors.js';
import { checkCondition } from '../../core/conditions.js';
import { earliestDay, latestDay } from '../../core/dates.js';
import type { PolityRegistry } from '../../core/polities.js';
import type { CCode, PartySelector, SourceRef, Treaty } from '../../core/model.js';

/** A treaty file's text with the name it is reported under. */
export interface TreatyFileInput {
  readonly file: string;
  readonly text: string;
}

/** Outcome of reading one file: the treaty when there were no problems, and every problem. */
export interface TreatyFileResult {
  readonly file: string;
  /** The treaty id, when the file got far enough to state one. */
  readonly id?: string;
  readonly treaty?: Treaty;
  /** What could be read of the treaty even when it has problems; used for cross-file checks only. */
  readonly draft?: Treaty;
  readonly problems: Problem[];
}

type PathKey = string | number;

class Locator {
  constructor(
    readonly file: string,
    readonly doc: Document,
    readonly lines: LineCounter,
  ) {}

  /** Location of the value at `path`, or of its nearest existing ancestor. */
  at(path: readonly PathKey[], keyOf?: string): SourceLocation {
    let p = [...path];
    for (;;) {
      const node = (p.length ? this.doc.getIn(p, true) : this.doc.contents) as Node | undefined;
      if (node && node.range) {
        if (keyOf !== undefined && isMap(node)) {
          const pair = node.items.find((it) => isPair(it) && isScalar(it.key) && it.key.value === keyOf);
          const keyNode = pair?.key as Node | undefined;
          if (keyNode?.range) return this.#loc(keyNode.range[0], [...path, keyOf]);
        }
        return this.#loc(node.range[0], path);
      }
      if (p.length === 0) return { file: this.file, line: 1, column: 1, path: path.join('.') };
      p = p.slice(0, -1);
    }
  }

  #loc(offset: number, path: readonly PathKey[]): SourceLocation {
    const { line, col } = this.lines.linePos(offset);
    return { file: this.file, line, column: col, path: formatPath(path) };
  }
}

/** Drops the holes that invalid list elements left (see `tolerantParse`). */
function dense<T>(list: T[]): T[] {
  return list.filter(() => true);
}

/** Levenshtein distance, for "did you mean" hints on misspelt keys. */
function editDistance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0]![j] = j;
  for (let i = 1; i <= a.length; i++)
    for (let j = 1; j <= b.length; j++) d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
  return d[a.length]![b.length]!;
}

function formatPath(path: readonly PathKey[]): string {
  return path.map((k, i) => (typeof k === 'number' ? `[${k}]` : i === 0 ? k : `.${k}`)).join('');
}

function expectedOf(issue: z.core.$ZodIssue): string | undefined {
  switch (issue.code) {
    case 'invalid_type':
      return issue.expected === 'object' ? 'a mapping (key: value)' : issue.expected === 'array' ? 'a list' : `a ${issue.expected}`;
    case 'invalid_value':
      return `one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`;
    case 'unrecognized_keys':
      return 'only the keys documented in docs/treaty-format.md';
    case 'too_small':
      return issue.message;
    case 'invalid_union':
      return 'one of the documented forms';
    default:
      return undefined;
  }
}

/** Parses a source reference `id@place` into its parts. */
export function parseSourceRef(ref: string): SourceRef {
  const at = ref.indexOf('@');
  return at < 0 ? { source: ref } : { source: ref.slice(0, at), at: ref.slice(at + 1).trim() };
}

/**
 * Reads one treaty file. States are resolved through `registry`; conditions are type-checked.
 * Cross-file checks (duplicate ids, relations to missing treaties) are in `checkTreatyFiles`.
 */
export function parseTreatyFile(input: TreatyFileInput, registry: PolityRegistry): TreatyFileResult {
  return parseLocated(input, registry).result;
}

/** `parseTreatyFile`, also returning the locator so that cross-file checks need not parse the YAML again. */
function parseLocated(input: TreatyFileInput, registry: PolityRegistry): { result: TreatyFileResult; loc: Locator } {
  const loc = locatorFor(input);
  return { result: parseWith(input, registry, loc), loc };
}

function locatorFor(input: TreatyFileInput): Locator {
  const lines = new LineCounter();
  const doc = parseDocument(input.text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  return new Locator(input.file, doc, lines);
}

function parseWith(input: TreatyFileInput, registry: PolityRegistry, loc: Locator): TreatyFileResult {
  const problems: Problem[] = [];
  const { doc, lines } = loc;

  const seenAt = new Set<number>();
  for (const err of doc.errors) {
    // One syntax slip often yields several errors at the same spot; the first says it best.
    if (seenAt.has(err.pos[0])) continue;
    seenAt.add(err.pos[0]);
    const pos = lines.linePos(err.pos[0]);
    problems.push({
      code: 'E_YAML_SYNTAX',
      message: `YAML syntax error: ${err.message.split('\n')[0]}`,
      location: { file: input.file, line: pos.line, column: pos.col },
      expected: 'well-formed YAML',
      hint: 'check indentation and quoting around this spot',
    });
  }
  if (problems.length) return { file: input.file, problems };

  const raw: unknown = doc.toJS();
  if (raw === null || raw === undefined) {
    problems.push({
      code: 'E_FILE_EMPTY',
      message: 'the treaty file is empty',
      location: { file: input.file, line: 1, column: 1 },
      expected: 'a mapping with at least id, names, sources, parties and events',
      hint: 'start from treaties/sino-soviet-1950.yaml',
    });
    return { file: input.file, problems };
  }

  const { data, issues } = tolerantParse(raw);
  if (issues.length) {
    // A misspelt key shows up twice in zod (unknown key + missing key); report it once, with the fix.
    const missing = issues.filter(({ issue, path }) => issue.code === 'invalid_type' && !doc.hasIn(path));
    const typoFixes = new Map<string, string>();
    for (const { issue, path } of issues) {
      if (issue.code !== 'unrecognized_keys') continue;
      for (const key of issue.keys) {
        const fix = missing.find((m) => m.path.length === path.length + 1 && formatPath(m.path.slice(0, -1)) === formatPath(path) && editDistance(String(m.path.at(-1)), key) <= 2);
        if (fix) typoFixes.set(formatPath(fix.path), key);
      }
    }
    for (const { issue, path } of issues) {
      if (issue.code === 'unrecognized_keys') {
        for (const key of issue.keys) {
          const meant = [...typoFixes.entries()].find(([p, k]) => k === key && p.startsWith(formatPath(path)))?.[0].split('.').at(-1);
          problems.push({
            code: 'E_SCHEMA',
            message: `unknown key '${key}'`,
            location: loc.at(path, key),
            expected: expectedOf(issue),
            hint: meant ? `did you mean '${meant}'?` : 'check the spelling; keys are camelCase',
          });
        }
        continue;
      }
      const absent = issue.code === 'invalid_type' && !doc.hasIn(path);
      if (absent && typoFixes.has(formatPath(path))) continue;
      const expected = expectedOf(issue);
      problems.push({
        code: 'E_SCHEMA',
        message: absent ? `missing '${formatPath(path)}'` : issue.code === 'invalid_type' ? `wrong type for '${formatPath(path)}'` : issue.message,
        location: loc.at(path),
        ...(expected ? { expected } : {}),
      });
    }
  }
  // Semantic checks run on every part that passed the schema, so one pass reports every problem.
  const id = typeof data.id === 'string' ? data.id : typeof (raw as { id?: unknown }).id === 'string' ? ((raw as { id: string }).id) : undefined;
  if (data.id === undefined || data.names === undefined || data.parties === undefined || data.events === undefined) {
    return id === undefined ? { file: input.file, problems } : { file: input.file, id, problems };
  }
  const treaty = toTreaty(data as TreatyFile, registry, loc, problems, data.sources !== undefined);
  return problems.length ? { file: input.file, id: data.id, draft: treaty, problems } : { file: input.file, id: data.id, treaty, draft: treaty, problems };
}

type Issue = { issue: z.core.$ZodIssue; path: PathKey[] };

/**
 * Validates each top-level field, and each element of each list, on its own: valid elements are
 * kept at their original index (invalid ones leave a hole), so later checks still run on them
 * and report locations that match the file.
 */
function tolerantParse(raw: unknown): { data: Partial<TreatyFile>; issues: Issue[] } {
  const issues: Issue[] = [];
  const add = (prefix: PathKey[], list: readonly z.core.$ZodIssue[]) => {
    for (const issue of list) issues.push({ issue, path: [...prefix, ...issue.path.filter((k): k is PathKey => typeof k !== 'symbol')] });
  };
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    const r = treatyFileSchema.safeParse(raw);
    if (!r.success) add([], r.error.issues);
    return { data: {}, issues };
  }
  const obj = raw as Record<string, unknown>;
  const shape = treatyFileSchema.shape as Record<string, z.ZodType>;
  const unknown = Object.keys(obj).filter((k) => !(k in shape));
  if (unknown.length) issues.push({ issue: { code: 'unrecognized_keys', keys: unknown, path: [], message: 'unknown keys', input: obj } as z.core.$ZodIssue, path: [] });
  const data: Record<string, unknown> = {};
  for (const [key, schema] of Object.entries(shape)) {
    const value = obj[key];
    const inner = schema instanceof z.ZodOptional ? (schema.unwrap() as z.ZodType) : schema;
    if (inner instanceof z.ZodArray && Array.isArray(value)) {
      const element = inner.element as z.ZodType;
      const kept: unknown[] = new Array<unknown>(value.length);
      value.forEach((el, i) => {
        const r = element.safeParse(el);
        if (r.success) kept[i] = r.data;
        else add([key, i], r.error.issues);
        if (!r.success) delete kept[i];
      });
      const whole = schema.safeParse(value);
      if (!whole.success) add([key], whole.error.issues.filter((i) => i.path.length === 0));
      data[key] = kept;
      continue;
    }
    const r = schema.safeParse(value);
    if (r.success) {
      if (r.data !== undefined) data[key] = r.data;
    } else add([key], r.error.issues);
  }
  return { data: data as Partial<TreatyFile>, issues };
}

function toTreaty(f: TreatyFile, registry: PolityRegistry, loc: Locator, problems: Problem[], sourcesKnown: boolean): Treaty {
  const sourceTable = f.sources ?? {};
  const state = (ref: string | number, path: PathKey[]): CCode => {
    try {
      return registry.resolve(ref);
    } catch (err) {
      const e = err as LookupError;
      problems.push({
        code: e.code,
        message: e.message.replace(/ \(.*\)$/, ''),
        location: loc.at(path),
        expected: 'a COW code, abbreviation or name listed in registry/polities.yaml',
        ...(e.hint ? { hint: e.hint } : {}),
      });
      return -1;
    }
  };
  const refs = (list: readonly string[], path: PathKey[]): SourceRef[] =>
    list.map((r, i) => {
      const ref = parseSourceRef(r);
      if (sourcesKnown && !(ref.source in sourceTable)) {
        problems.push({
          code: 'E_SOURCE_UNKNOWN',
          message: `source '${ref.source}' is not defined in this file's sources`,
          location: loc.at([...path, i]),
          expected: `one of ${Object.keys(sourceTable).join(', ') || '(no sources defined)'}`,
          hint: 'add it under sources: or fix the id',
        });
      }
      return ref;
    });
  const selector = (sel: 'all' | 'others' | (string | number)[] | undefined, path: PathKey[], fallback: PartySelector): PartySelector => {
    if (sel === undefined) return fallback;
    if (sel === 'all' || sel === 'others') return sel;
    return (sel as (string | number)[]).map((s, i) => state(s, [...path, i]));
  };

  const parties = f.parties.map((p, i) => ({
    state: state(p.state, ['parties', i, 'state']),
    role: p.role ?? ('original' as const),
    sources: refs(p.sources, ['parties', i, 'sources']),
  }));
  const partyCodes = new Set(dense(parties).map((p) => p.state));
  const seenParty = new Set<CCode>();
  parties.forEach((p, i) => {
    if (p.state > 0 && seenParty.has(p.state)) {
      problems.push({ code: 'E_DUPLICATE', message: `party ${registry.nameOf(p.state)} is listed twice`, location: loc.at(['parties', i, 'state']), expected: 'each party once' });
    }
    seenParty.add(p.state);
  });
  const partiesComplete = dense(f.parties).length === f.parties.length;
  const mustBeParty = (code: CCode, path: PathKey[]): void => {
    if (code > 0 && partiesComplete && !partyCodes.has(code)) {
      problems.push({
        code: 'E_NOT_A_PARTY',
        message: `${registry.nameOf(code)} is not among this treaty's parties`,
        location: loc.at(path),
        expected: `one of the parties: ${[...partyCodes].filter((c) => c > 0).map((c) => registry.nameOf(c)).join(', ')}`,
      });
    }
  };

  const events = f.events.map((e, i) => {
    const party = e.party === undefined ? undefined : state(e.party, ['events', i, 'party']);
    if (party !== undefined) mustBeParty(party, ['events', i, 'party']);
    const towards = e.towards === undefined ? undefined : state(e.towards, ['events', i, 'towards']);
    if (towards !== undefined) mustBeParty(towards, ['events', i, 'towards']);
    if ((e.towards !== undefined && party === undefined) || (e.towards !== undefined && e.type !== 'suspension' && e.type !== 'resumption')) {
      problems.push({ code: 'E_SCHEMA', message: "'towards' applies only to a party's suspension or resumption", location: loc.at(['events', i, 'towards']), expected: 'type suspension or resumption with a party' });
    }
    if (e.type === 'extension' && !e.term) {
      problems.push({ code: 'E_SCHEMA', message: 'an extension event needs the new term', location: loc.at(['events', i]), expected: 'term: {years: N}' });
    }
    return {
      type: e.type,
      date: e.date,
      ...(party !== undefined ? { party } : {}),
      ...(e.term ? { term: e.term } : {}),
      ...(e.termFrom ? { termFrom: e.termFrom } : {}),
      ...(towards !== undefined ? { towards } : {}),
      ...(e.note ? { note: e.note } : {}),
      sources: refs(e.sources, ['events', i, 'sources']),
    };
  });

  // Chronology: nothing may happen to a treaty before it was signed.
  const signatures = events.filter((e) => e.type === 'signature' && e.party === undefined);
  // When some event failed the schema, a missing signature may just be that event: do not pile on.
  const eventsComplete = dense(f.events).length === f.events.length;
  if (signatures.length === 0 && eventsComplete) {
    problems.push({ code: 'E_NO_SIGNATURE', message: 'the treaty has no signature event', location: loc.at(['events']), expected: 'an event with type: signature' });
  } else if (signatures.length > 0) {
    const signed = signatures.map((s) => earliestDay(s.date)).sort()[0]!;
    events.forEach((e, i) => {
      if (e.type !== 'signature' && latestDay(e.date) < signed) {
        problems.push({
          code: 'E_DATE_ORDER',
          message: `${e.type} on ${e.date} is before the signature on ${signed}`,
          location: loc.at(['events', i, 'date']),
          expected: `a date on or after ${signed}`,
        });
      }
    });
  }
  // A party cannot withdraw before it joins.
  events.forEach((e, i) => {
    if ((e.type === 'withdrawal' || e.type === 'notice-of-denunciation') && e.party !== undefined) {
      const joined = events.find((j) => j.type === 'accession' && j.party === e.party);
      if (joined && latestDay(e.date) < earliestDay(joined.date)) {
        problems.push({
          code: 'E_DATE_ORDER',
          message: `${e.type} of ${registry.nameOf(e.party)} on ${e.date} is before its accession on ${joined.date}`,
          location: loc.at(['events', i, 'date']),
          expected: `a date on or after ${joined.date}`,
        });
      }
    }
  });
  parties.forEach((p, i) => {
    if (p.role === 'acceded' && !events.some((e) => e.type === 'accession' && e.party === p.state)) {
      problems.push({
        code: 'E_NO_ACCESSION',
        message: `${registry.nameOf(p.state)} is marked as acceded but has no accession event`,
        location: loc.at(['parties', i, 'role']),
        expected: 'an event with type: accession and this party',
      });
    }
  });

  const provisionIds = new Set<string>();
  const provisions = (f.provisions ?? []).map((p, i) => {
    if (provisionIds.has(p.id)) {
      problems.push({ code: 'E_DUPLICATE', message: `provision id '${p.id}' is used twice`, location: loc.at(['provisions', i, 'id']), expected: 'unique provision ids' });
    }
    provisionIds.add(p.id);
    if (p.condition !== undefined) {
      const check = checkCondition(p.condition);
      if (!check.ok) {
        let at = loc.at(['provisions', i, 'condition']);
        // For a plain (unquoted, one-line) scalar, point at the offending character itself.
        const node = loc.doc.getIn(['provisions', i, 'condition'], true);
        if (check.column && isScalar(node) && node.type === 'PLAIN' && at.column !== undefined) at = { ...at, column: at.column + check.column - 1 };
        problems.push({
          code: 'E_CONDITION',
          message: `condition does not check: ${check.message}${check.column ? ` (at character ${check.column} of the expression)` : ''}`,
          location: at,
          expected: 'a CEL expression of type bool over attacker, target, attackerAllies, targetAllies, location, provoked, conflict',
          hint: "e.g. attacker == 740 || 740 in attackerAllies",
        });
      }
    }
    if (p.from && p.until && earliestDay(p.until) < earliestDay(p.from)) {
      problems.push({ code: 'E_DATE_ORDER', message: `provision ends (${p.until}) before it starts (${p.from})`, location: loc.at(['provisions', i, 'until']), expected: `a date on or after ${p.from}` });
    }
    const bearers = selector(p.bearers, ['provisions', i, 'bearers'], 'all');
    const beneficiaries = selector(p.beneficiaries, ['provisions', i, 'beneficiaries'], 'others');
    for (const [sel, key] of [[bearers, 'bearers'], [beneficiaries, 'beneficiaries']] as const) {
      if (Array.isArray(sel)) sel.forEach((c, j) => mustBeParty(c, ['provisions', i, key, j]));
    }
    return {
      id: p.id,
      type: p.type,
      ...(p.article !== undefined ? { article: p.article } : {}),
      bearers,
      beneficiaries,
      ...(p.condition !== undefined ? { condition: p.condition } : {}),
      ...(p.conditionText !== undefined ? { conditionText: p.conditionText } : {}),
      ...(p.summary !== undefined ? { summary: p.summary } : {}),
      ...(p.terms !== undefined ? { terms: p.terms } : {}),
      ...(p.from !== undefined ? { from: earliestDay(p.from) } : {}),
      ...(p.until !== undefined ? { until: latestDay(p.until) } : {}),
      sources: refs(p.sources, ['provisions', i, 'sources']),
    };
  });

  const signatories = (f.signatories ?? []).map((s, i) => {
    const party = s.party === undefined ? undefined : state(s.party, ['signatories', i, 'party']);
    if (party !== undefined) mustBeParty(party, ['signatories', i, 'party']);
    return { person: s.person, ...(party !== undefined ? { party } : {}), ...(s.role ? { role: s.role } : {}), sources: refs(s.sources, ['signatories', i, 'sources']) };
  });

  const claims = (f.claims ?? []).map((c, i) => {
    const party = c.party === undefined ? undefined : state(c.party, ['claims', i, 'party']);
    return { field: c.field, value: c.value, ...(party !== undefined ? { party } : {}), ...(c.note ? { note: c.note } : {}), sources: refs(c.sources, ['claims', i, 'sources']) };
  });

  const duration = f.duration
    ? {
        entryIntoForce: f.duration.entryIntoForce,
        ...(f.duration.anchor ? { anchor: f.duration.anchor } : {}),
        ...(f.duration.term ? { term: f.duration.term } : {}),
        ...(f.duration.renewal ? { renewal: f.duration.renewal } : {}),
        ...(f.duration.notice ? { notice: f.duration.notice } : {}),
        ...(f.duration.withdrawal ? { withdrawal: f.duration.withdrawal } : {}),
        ...(f.duration.article ? { article: f.duration.article } : {}),
        sources: refs(f.duration.sources, ['duration', 'sources']),
      }
    : undefined;
  if (f.duration?.renewal && !f.duration.term) {
    problems.push({ code: 'E_SCHEMA', message: 'renewal without an initial term', location: loc.at(['duration', 'renewal']), expected: 'duration.term' });
  }

  return {
    id: f.id,
    atopids: f.atop ?? [],
    names: dense(f.names.map((n, i) => ({ text: n.text, lang: n.lang, ...(n.kind ? { kind: n.kind } : {}), sources: refs(n.sources, ['names', i, 'sources']) }))),
    sources: Object.fromEntries(Object.entries(sourceTable).map(([id, s]) => [id, { id, ...s }])),
    parties: dense(parties),
    signatories: dense(signatories),
    events: dense(events),
    ...(duration ? { duration } : {}),
    provisions: dense(provisions),
    relations: dense((f.relations ?? []).map((r, i) => ({ type: r.type, treaty: r.treaty, ...(r.note ? { note: r.note } : {}), sources: refs(r.sources, ['relations', i, 'sources']) }))),
    claims: dense(claims),
    ...(f.summary ? { summary: f.summary } : {}),
    origin: 'curated',
  };
}

/**
 * Checks a set of treaty files together: each file on its own, then duplicate treaty ids
 * and relations to treaties that none of the files (nor `knownIds`) defines.
 */
export function checkTreatyFiles(inputs: readonly TreatyFileInput[], registry: PolityRegistry, knownIds: ReadonlySet<string> = new Set()): TreatyFileResult[] {
  const parsed = inputs.map((input) => parseLocated(input, registry));
  const results = parsed.map((p) => p.result);
  const idOwner = new Map<string, string>();
  const ids = new Set(knownIds);
  for (const r of results) if (r.treaty) ids.add(r.treaty.id);
  for (const [k, r] of results.entries()) {
    if (r.id === undefined) continue;
    const input = inputs[k]!;
    const loc = parsed[k]!.loc;
    const owner = idOwner.get(r.id);
    if (owner) {
      r.problems.push({ code: 'E_DUPLICATE_ID', message: `treaty id '${r.id}' is also used by ${owner}`, location: loc.at(['id']), expected: 'a treaty id used by one file only' });
    } else idOwner.set(r.id, input.file);
    if (!r.draft) continue;
    r.draft.relations.forEach((rel, i) => {
      if (!ids.has(rel.treaty)) {
        r.problems.push({
          code: 'E_RELATION_MISSING',
          message: `relation ${rel.type} points to treaty '${rel.treaty}', which does not exist`,
          location: loc.at(['relations', i, 'treaty']),
          expected: 'the id of a treaty in the corpus',
          hint: 'check the id, or check the whole treaties/ folder together',
        });
      }
    });
  }
  return results.map((r) => (r.problems.length && r.treaty ? { file: r.file, id: r.id, draft: r.draft, problems: r.problems } : r));
}

/**
 * `pacta import cow-states` and `pacta import gw-states`: the polity registry from the COW State
 * System Membership List and the Gleditsch–Ward list. Each import merges its own fields into the
 * stored polity, keeping what the other import and the curated registry contributed, and writes
 * everything in one transaction. See docs/datasets/states.md.
 */
import type { Problem } from '../core/errors.js';
import type { CCode, Polity, SourceRef } from '../core/model.js';
import { normalizeName } from '../core/polities.js';
import { GW_TO_POLITY, parseGwStates, type GwStateRow } from '../sources/cow/gw.js';
import { cowPolities, parseCowMajors, parseCowStates, parseCowSystem } from '../sources/cow/states.js';
import { decodeUtf8 } from '../sources/tabular/table.js';
import type { Store } from '../store/store.js';
import { readInputFiles, sha256, writeInOneTransaction, type ImportOptions, type ImportResult, type InputFile } from './import-common.js';
import { bundledPolities } from './registry.js';

function result(kind: ImportResult['kind'], input: string, label: string, origin: string, problems: Problem[], warnings: Problem[], files: ImportResult['files'] = []): ImportResult {
  return { kind, input, label, origin, records: 'polities', files, inserted: [], updated: [], unchanged: [], deleted: [], problems, warnings, dryRun: false, status: 'rejected' };
}

function decode(f: InputFile, problems: Problem[]): string | undefined {
  const { text, problems: p } = decodeUtf8(f.path, f.bytes);
  problems.push(...p);
  return text;
}

/** Keeps the order, drops duplicates and the polity's own name. */
function uniqueAliases(name: string, ...lists: readonly (readonly string[])[]): string[] {
  const out: string[] = [];
  for (const a of lists.flat()) if (a !== name && !out.includes(a)) out.push(a);
  return out;
}

const fromSource = (refs: readonly SourceRef[] | undefined, prefix: string) => (refs ?? []).filter((r) => !r.source.startsWith(prefix));

/**
 * Merges the COW part of a polity into what is stored: COW gives the code, abbreviation, spells,
 * major-power spells and successions. The name stays the curated registry's where it has the code
 * (the COW name becomes an alias), so that answers keep the names the curated corpus uses.
 */
export function mergeCowPolity(cow: Polity, stored: Polity | undefined, curated: Polity | undefined): Polity {
  const name = curated?.name ?? cow.name;
  const { majorPower: _m, succeeds: _s, ...rest } = stored ?? ({} as Partial<Polity>);
  return {
    ...rest,
    ccode: cow.ccode,
    abbrev: cow.abbrev,
    name,
    aliases: uniqueAliases(name, stored?.aliases ?? [], [cow.name], cow.aliases),
    spells: cow.spells,
    ...(cow.majorPower ? { majorPower: cow.majorPower } : {}),
    ...(cow.succeeds ? { succeeds: cow.succeeds } : {}),
    sources: [...fromSource(stored?.sources, 'cow-'), ...(cow.sources ?? [])],
  };
}

/** Imports states2016.csv (required), majors2016.csv and system2016.csv from a folder. */
export async function importCowStates(store: Store, path: string, options: ImportOptions = {}): Promise<ImportResult> {
  const progress = options.onProgress ?? (() => {});
  const input = readInputFiles(path);
  const label = 'COW State System Membership';
  if (input.problems.length) return result('cow-states', path, label, '', input.problems, []);
  const find = (re: RegExp) => input.files.find((f) => re.test(f.name));
  const statesFile = find(/^states\d{4}\.csv$/i);
  const majorsFile = find(/^majors\d{4}\.csv$/i);
  const systemFile = find(/^system\d{4}\.csv$/i);
  const problems: Problem[] = [];
  const warnings: Problem[] = [];
  if (!statesFile) {
    return result('cow-states', path, label, '', [{ code: 'E_COW_NO_STATES_FILE', message: 'no COW states file', location: { file: path }, expected: 'a folder with states2016.csv (and majors2016.csv, system2016.csv)', hint: `found: ${input.files.map((f) => f.name).join(', ') || 'nothing'}` }], []);
  }
  for (const [f, what] of [[majorsFile, 'majors2016.csv (major-power spells)'], [systemFile, 'system2016.csv (state-years, to cross-check the spells)']] as const) {
    if (!f) warnings.push({ code: 'W_COW_FILE_ABSENT', message: `${what} is not in the folder; imported without it`, location: { file: path } });
  }
  progress({ phase: 'parsing', done: 0, total: 3 });
  const statesText = decode(statesFile, problems);
  const majorsText = majorsFile ? decode(majorsFile, problems) : undefined;
  const systemText = systemFile ? decode(systemFile, problems) : undefined;
  if (problems.length) return result('cow-states', path, label, '', problems, warnings);
  const states = parseCowStates(statesFile.path, statesText!);
  const majors = majorsFile ? parseCowMajors(majorsFile.path, majorsText!) : undefined;
  const system = systemFile ? parseCowSystem(systemFile.path, systemText!) : undefined;
  for (const r of [states, majors, system]) {
    if (!r) continue;
    problems.push(...r.problems);
    warnings.push(...r.warnings);
  }
  const files = [
    { file: statesFile.name, sha256: sha256(statesFile.bytes), rows: states.rows.length },
    ...(majorsFile ? [{ file: majorsFile.name, sha256: sha256(majorsFile.bytes), rows: majors!.rows.length }] : []),
    ...(systemFile ? [{ file: systemFile.name, sha256: sha256(systemFile.bytes), rows: system!.rows.length }] : []),
  ];
  const origin = `cow-states-${states.version ?? 'unknown'}`;
  const fullLabel = `${label} v${states.version ?? '?'}`;
  if (problems.length) return result('cow-states', path, fullLabel, origin, problems, warnings, files);
  progress({ phase: 'parsing', done: 3, total: 3 });
  const built = cowPolities(states, majors, system);
  problems.push(...built.problems);
  warnings.push(...built.warnings);
  if (problems.length) return result('cow-states', path, fullLabel, origin, problems, warnings, files);

  const stored = new Map((await store.listPolities()).map((p) => [p.ccode, p]));
  const curated = new Map((await bundledPolities()).map((p) => [p.ccode, p]));
  const records = files.map((f) => ({ kind: 'cow-states', origin, file: f.file, sha256: f.sha256, rows: f.rows }));
  const { outcomes, status } = await writeInOneTransaction(store, records, options.dryRun ?? false, async (w, note) => {
    for (const [i, p] of built.polities.entries()) {
      note(String(p.ccode), await w.putPolity(mergeCowPolity(p, stored.get(p.ccode), curated.get(p.ccode))));
      progress({ phase: 'writing', done: i + 1, total: built.polities.length });
    }
  });
  return { kind: 'cow-states', input: path, label: fullLabel, origin, records: 'polities', files, ...outcomes, problems, warnings, dryRun: options.dryRun ?? false, status };
}

/**
 * Merges one GW state into the stored polity of the same code (or of `GW_TO_POLITY`): GW gives
 * `gwcode` and `gwSpells`; its name becomes an alias unless another polity already answers to it.
 * A GW state without a polity becomes one keyed by its GW code, with no COW spells.
 */
export function mergeGwPolity(rows: readonly GwStateRow[], stored: Polity | undefined, curated: Polity | undefined, ownerOf: (name: string) => CCode | undefined, sourceId: string, file: string): Polity {
  const gwcode = rows[0]!.gwcode;
  const ccode = GW_TO_POLITY[gwcode] ?? gwcode;
  const gwName = rows.at(-1)!.name;
  const owner = ownerOf(gwName);
  const free = owner === undefined || owner === ccode;
  const base: Polity = stored ?? curated ?? { ccode, abbrev: rows.at(-1)!.abbrev, name: free ? gwName : `${gwName} (GW ${gwcode})`, aliases: [], spells: [] };
  const aliases = uniqueAliases(base.name, base.aliases, free && !gwName.includes('\uFFFD') ? [gwName] : []);
  return {
    ...base,
    aliases,
    gwcode,
    gwSpells: [...rows].sort((a, b) => (a.start < b.start ? -1 : 1)).map((r) => ({ start: r.start, end: r.end })),
    sources: [...fromSource(stored?.sources, 'gw-'), ...rows.map((r) => ({ source: sourceId, at: `${file}, line ${r.line}` }))],
  };
}

/** Imports the Gleditsch–Ward list (iisystem.dat), given as the file or a folder holding it. */
export async function importGwStates(store: Store, path: string, options: ImportOptions = {}): Promise<ImportResult> {
  const input = readInputFiles(path);
  const label = 'Gleditsch–Ward list of independent states';
  if (input.problems.length) return result('gw-states', path, label, '', input.problems, []);
  const file = input.container === 'file' ? input.files[0] : input.files.find((f) => /^iisystem\.dat$/i.test(f.name));
  if (!file) {
    return result('gw-states', path, label, '', [{ code: 'E_GW_NO_FILE', message: 'no iisystem.dat', location: { file: path }, expected: 'the file iisystem.dat or a folder holding it', hint: `found: ${input.files.map((f) => f.name).join(', ') || 'nothing'}` }], []);
  }
  const problems: Problem[] = [];
  const text = decode(file, problems);
  if (problems.length) return result('gw-states', path, label, '', problems, []);
  const parsed = parseGwStates(file.path, text!);
  const files = [{ file: file.name, sha256: sha256(file.bytes), rows: parsed.rows.length }];
  const origin = 'gw-states';
  if (parsed.problems.length) return result('gw-states', path, label, origin, parsed.problems, parsed.warnings, files);

  const stored = new Map((await store.listPolities()).map((p) => [p.ccode, p]));
  const curated = new Map((await bundledPolities()).map((p) => [p.ccode, p]));
  // Which polity already answers to a name (curated, then stored), to keep lookups unambiguous.
  const names = new Map<string, CCode>();
  for (const p of [...curated.values(), ...stored.values()]) for (const n of [p.name, ...p.aliases]) if (!names.has(normalizeName(n))) names.set(normalizeName(n), p.ccode);
  const byCode = new Map<number, GwStateRow[]>();
  for (const r of parsed.rows) byCode.set(r.gwcode, [...(byCode.get(r.gwcode) ?? []), r]);
  const records = files.map((f) => ({ kind: 'gw-states', origin, file: f.file, sha256: f.sha256, rows: f.rows }));
  const { outcomes, status } = await writeInOneTransaction(store, records, options.dryRun ?? false, async (w, note) => {
    for (const [gwcode, rows] of [...byCode].sort((a, b) => a[0] - b[0])) {
      const ccode = GW_TO_POLITY[gwcode] ?? gwcode;
      const p = mergeGwPolity(rows, stored.get(ccode), curated.get(ccode), (n) => names.get(normalizeName(n)), 'gw-states-2017', file.name);
      note(String(p.ccode), await w.putPolity(p));
    }
  });
  return { kind: 'gw-states', input: path, label, origin, records: 'polities', files, ...outcomes, problems: [], warnings: parsed.warnings, dryRun: options.dryRun ?? false, status };
}

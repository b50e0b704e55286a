/**
 * `pacta import atop`: reads an ATOP release (a folder or the release zip), parses the member,
 * alliance and alliance-phase files, resolves every member through the polity registry, and
 * writes one treaty per alliance in a single transaction. See docs/datasets/atop.md.
 */
import type { Problem } from '../core/errors.js';
import type { Polity } from '../core/model.js';
import { ANNAM_PLACEHOLDER, type AtopLevel } from '../sources/atop/codebook.js';
import { normalizeVersion, parseAtopAlliances, parseAtopMembers, type AtopAllianceRow, type AtopFileResult, type AtopMemberRow } from '../sources/atop/parse.js';
import { classifyAtopFile } from '../sources/atop/release.js';
import { atopOrigin, atopTreaties } from '../sources/atop/treaties.js';
import { decodeUtf8 } from '../sources/tabular/table.js';
import type { Store } from '../store/store.js';
import { readInputFiles, sha256, writeInOneTransaction, type ImportOptions, type ImportResult, type InputFile } from './import-common.js';
import { loadRegistry } from './registry.js';

/** Options of `importAtop`. */
export interface AtopImportOptions extends ImportOptions {
  /** `full` (default): every alliance; `nna`: the NNA files, without pure non-aggression pacts. */
  readonly variant?: 'full' | 'nna';
}

/** The registry entry for ATOP's Annam placeholder, written when the registry lacks it. */
export const ANNAM_POLITY: Polity = {
  ccode: ANNAM_PLACEHOLDER,
  abbrev: 'ANM',
  name: 'Annam',
  aliases: ['Vietnam (Annam/Cochin China/Tonkin)'],
  gwcode: 815,
  spells: [],
  sources: [{ source: 'atop-codebook-5.1', at: 'footnotes 18 and 19: 8152 is a placeholder for Annam, a Gleditsch–Ward state (815) without a COW code' }],
};

function rejected(input: string, variant: string, problems: Problem[], warnings: Problem[] = [], files: ImportResult['files'] = []): ImportResult {
  return { kind: 'atop', input, label: `ATOP (${variant} files)`, origin: '', records: 'treaties', files, inserted: [], updated: [], unchanged: [], deleted: [], problems, warnings, dryRun: false, status: 'rejected' };
}

/** Imports an ATOP release from a folder or zip archive. Never throws on bad input: problems come back in the result. */
export async function importAtop(store: Store, path: string, options: AtopImportOptions = {}): Promise<ImportResult> {
  const variant = options.variant ?? 'full';
  const progress = options.onProgress ?? (() => {});
  const input = readInputFiles(path);
  if (input.problems.length) return rejected(path, variant, input.problems);

  // Pick the member, alliance and phase files of the requested variant.
  const found = input.files.map((f) => ({ f, c: classifyAtopFile(f.name) })).filter((x) => x.c !== null && x.c.nna === (variant === 'nna'));
  const problems: Problem[] = [];
  const pick = (level: AtopLevel): InputFile | undefined => {
    const list = found.filter((x) => x.c!.level === level);
    if (list.length > 1) {
      problems.push({ code: 'E_ATOP_AMBIGUOUS', message: `more than one ATOP ${level}-level file: ${list.map((x) => x.f.name).join(', ')}`, location: { file: path }, expected: 'the files of one release; import one release at a time' });
    }
    return list[0]?.f;
  };
  const mFile = pick('member');
  const aFile = pick('alliance');
  const phFile = pick('phase');
  if (!mFile) {
    const names = input.files.map((f) => f.name);
    problems.push({
      code: 'E_ATOP_NO_MEMBER_FILE',
      message: `no ATOP member-level file${variant === 'nna' ? ' of the NNA variant' : ''} in ${input.container === 'zip' ? 'the archive' : 'the folder'}`,
      location: { file: path },
      expected: variant === 'nna' ? 'atop5_1m_NNA.csv (or atopX_Ym_NNA.csv)' : 'atop5_1m.csv (atopX_Ym.csv), or atop-member-level.csv for ATOP 4.01',
      hint: names.length ? `found: ${names.slice(0, 12).join(', ')}${names.length > 12 ? ', …' : ''}` : 'the folder or archive is empty',
    });
  }
  if (problems.length) return rejected(path, variant, problems);

  const registry = await loadRegistry(store);
  const isKnown = (c: number) => registry.get(c) !== undefined;
  const chosen = [mFile!, aFile, phFile].filter((f): f is InputFile => f !== undefined);
  const warnings: Problem[] = [];
  const texts = new Map<InputFile, string>();
  chosen.forEach((f, i) => {
    progress({ phase: 'reading', done: i, total: chosen.length });
    const { text, problems: p } = decodeUtf8(f.path, f.bytes);
    problems.push(...p);
    if (text !== undefined) texts.set(f, text);
  });
  if (problems.length) return rejected(path, variant, problems);

  progress({ phase: 'parsing', done: 0, total: chosen.length });
  const members = parseAtopMembers(mFile!.path, texts.get(mFile!)!, isKnown);
  const alliances = aFile ? parseAtopAlliances(aFile.path, texts.get(aFile)!, 'alliance') : undefined;
  const phases = phFile ? parseAtopAlliances(phFile.path, texts.get(phFile)!, 'phase') : undefined;
  type Parsed = readonly [InputFile, AtopFileResult<AtopMemberRow> | AtopFileResult<AtopAllianceRow>];
  const parsed: Parsed[] = [[mFile!, members], ...(aFile ? [[aFile, alliances!] as const] : []), ...(phFile ? [[phFile, phases!] as const] : [])];
  for (const [, r] of parsed) {
    problems.push(...r.problems);
    warnings.push(...r.warnings);
  }
  progress({ phase: 'parsing', done: chosen.length, total: chosen.length });

  // One release version: from the file names where they say it, and from the `version` column.
  let version: string | null = null;
  for (const [f, r] of parsed) {
    const fromName = classifyAtopFile(f.name)?.version;
    const named = fromName ? normalizeVersion(fromName) : null;
    if (named && r.version && named !== r.version) {
      problems.push({ code: 'E_ATOP_VERSION', message: `the file name says version ${named} but its 'version' column says ${r.version}`, location: { file: f.path, line: 2 }, expected: `version ${named} in every row` });
    }
    const v = r.version ?? named;
    if (v && version && v !== version) {
      problems.push({ code: 'E_ATOP_VERSION', message: `this file is version ${v}, ${mFile!.name} is version ${version}`, location: { file: f.path }, expected: 'the files of one release' });
    }
    version ??= v;
  }
  const files = parsed.map(([f, r]) => ({ file: f.name, sha256: sha256(f.bytes), rows: r.rows.length }));
  if (problems.length || !version) {
    if (!version && !problems.length) problems.push({ code: 'E_ATOP_VERSION', message: 'the release version cannot be told from the file names or the version column', location: { file: mFile!.path }, expected: 'a version column, e.g. 5.1' });
    return rejected(path, variant, problems, warnings, files);
  }

  progress({ phase: 'building', done: 0, total: 1 });
  const naming = {
    abbrevOf: (c: number) => registry.get(c)?.abbrev ?? (c === ANNAM_PLACEHOLDER ? ANNAM_POLITY.abbrev : String(c)),
    nameOf: (c: number) => (registry.get(c) ? registry.nameOf(c) : c === ANNAM_PLACEHOLDER ? ANNAM_POLITY.name : `state ${c}`),
  };
  const built = atopTreaties(
    {
      version,
      variant,
      members: { file: mFile!.name, rows: members.rows },
      ...(aFile ? { alliances: { file: aFile.name, rows: alliances!.rows } } : {}),
      ...(phFile ? { phases: { file: phFile.name, rows: phases!.rows } } : {}),
    },
    naming,
  );
  problems.push(...built.problems.map((p) => ({ ...p, location: { ...p.location, file: chosen.find((f) => f.name === p.location.file)?.path ?? p.location.file } })));
  warnings.push(...built.warnings);
  const origin = atopOrigin(version);
  const label = `ATOP ${version} (${variant} files)`;
  if (problems.length) return { ...rejected(path, variant, problems, warnings, files), label, origin };

  const needsAnnam = members.rows.some((r) => r.member === ANNAM_PLACEHOLDER) && !isKnown(ANNAM_PLACEHOLDER);
  const ids = built.treaties.map((t) => t.id);
  const keep = new Set(ids);
  const stale = (await store.listTreaties({ origin })).map((t) => t.id).filter((id) => !keep.has(id));
  const records = files.map((f) => ({ kind: 'atop', origin, file: f.file, sha256: f.sha256, rows: f.rows }));
  const { outcomes, status } = await writeInOneTransaction(store, records, options.dryRun ?? false, async (w, note, out) => {
    if (needsAnnam) await w.putPolity(ANNAM_POLITY);
    const total = built.treaties.length;
    for (const [i, t] of built.treaties.entries()) {
      note(t.id, await w.putTreaty(t));
      if (i % 50 === 0 || i === total - 1) progress({ phase: 'writing', done: i + 1, total });
    }
    await w.deleteTreatiesExcept(origin, ids);
    out.deleted.push(...stale);
  });
  return { kind: 'atop', input: path, label, origin, records: 'treaties', files, ...outcomes, problems, warnings, dryRun: options.dryRun ?? false, status };
}

/**
 * Links curated treaties with the ATOP records they name (`atopids`) so that each is ONE
 * treaty with claims from both: the ATOP record's stated facts (signature, end, and each member's
 * entry and exit as party-level claims) and its sources are folded into the curated treaty, and
 * the separate ATOP treaty is dropped. ATOP alliances without a curated file stay treaties of
 * their own. When several ATOP versions are stored, one is used for reasoning: by default the
 * newest; the others stay in the store. See docs/datasets/atop.md.
 */
import type { CalendarDate } from '../core/dates.js';
import { earliestDay, latestDay } from '../core/dates.js';
import { atopRelease, type Source, type StatedClaim, type Treaty } from '../core/model.js';
import { LookupError } from '../core/errors.js';

/** Which records answer (as `--source`), and which ATOP version reasoning uses. */
export interface MergeOptions {
  readonly source?: 'all' | 'curated' | 'atop';
  /** ATOP version to use (`5.1`, `4.01`); default: the newest version stored. */
  readonly atopVersion?: string;
}

/** Compares release versions numerically part by part: `4.01` < `5.1`. */
export function compareVersions(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

/** The ATOP versions among the treaties' origins, oldest first. */
export function atopVersions(treaties: readonly Treaty[]): string[] {
  const set = new Set<string>();
  for (const t of treaties) {
    const release = atopRelease(t.origin);
    if (release) set.add(release);
  }
  return [...set].sort(compareVersions);
}

function sameValue(a: CalendarDate, b: CalendarDate): boolean {
  return a === b || (earliestDay(a) === earliestDay(b) && latestDay(a) === latestDay(b));
}

function isAtopSource(s: Source | undefined, version: string): boolean {
  if (!s || s.kind !== 'dataset' || s.dataset?.toUpperCase() !== 'ATOP') return false;
  return s.version === undefined || compareVersions(s.version, version) === 0;
}

/**
 * Folds ATOP records into a curated treaty. A hand-written claim citing the same ATOP version
 * for a value the imported record also states loses that citation (the imported claim, with its
 * line, replaces it); a claim left with no source is dropped, so no fact is listed twice.
 */
export function foldAtop(curated: Treaty, records: readonly Treaty[]): Treaty {
  if (records.length === 0) return curated;
  const version = atopRelease(records[0]!.origin)!;
  const imported = records.flatMap((r) => r.claims);
  const claims: StatedClaim[] = [];
  for (const c of curated.claims) {
    const atopRefs = c.sources.filter((r) => isAtopSource(curated.sources[r.source], version));
    const supplied = atopRefs.length > 0 && imported.some((i) => i.field === c.field && i.party === c.party && sameValue(i.value, c.value));
    if (!supplied) {
      claims.push(c);
      continue;
    }
    const rest = c.sources.filter((r) => !atopRefs.includes(r));
    if (rest.length) claims.push({ ...c, sources: rest });
  }
  const sources: Record<string, Source> = { ...curated.sources };
  for (const r of records) Object.assign(sources, r.sources);
  return { ...curated, sources, claims: [...claims, ...imported] };
}

/**
 * The treaties the engine should index: for `all`, curated treaties with their ATOP records
 * folded in plus the ATOP-only alliances of the chosen version; for `atop`, the chosen version's
 * records as they are; for `curated`, the curated treaties as they are. Other origins pass through.
 */
export function mergeTreaties(treaties: readonly Treaty[], options: MergeOptions = {}): Treaty[] {
  const source = options.source ?? 'all';
  const versions = atopVersions(treaties);
  // A version that is not stored would leave no ATOP record: empty answers, not an error, unless checked.
  if (options.atopVersion !== undefined && !versions.includes(options.atopVersion)) {
    throw versions.length
      ? new LookupError('E_ATOP_VERSION_UNKNOWN', `ATOP version '${options.atopVersion}' is not in the database, which holds ${versions.join(' and ')}`, [], { hint: `choose one of: ${versions.join(', ')}` })
      : new LookupError('E_ATOP_VERSION_UNKNOWN', `ATOP version '${options.atopVersion}' is not in the database, which holds no ATOP data`, [], { hint: 'import a release first: pacta import atop <folder>' });
  }
  // Asking for ATOP's coding of a database without it would give empty answers that read as "no alliance".
  if (source === 'atop' && versions.length === 0) {
    throw new LookupError('E_NO_ATOP_DATA', 'the database holds no ATOP data, so there is nothing to answer from with source atop', [], { hint: 'import a release first (pacta import atop <folder>), or ask for another source: all or curated' });
  }
  const chosen = options.atopVersion ?? versions.at(-1);
  const isAtop = (t: Treaty) => atopRelease(t.origin) !== undefined;
  const keepAtop = (t: Treaty) => chosen !== undefined && atopRelease(t.origin) === chosen;
  if (source === 'curated') return treaties.filter((t) => !isAtop(t));
  if (source === 'atop') return treaties.filter(keepAtop);
  const byAtopid = new Map<number, Treaty[]>();
  for (const t of treaties) {
    if (!keepAtop(t)) continue;
    for (const a of t.atopids) byAtopid.set(a, [...(byAtopid.get(a) ?? []), t]);
  }
  const folded = new Set<string>();
  const out: Treaty[] = [];
  for (const t of treaties) {
    if (isAtop(t)) continue;
    if (t.origin !== 'curated' || t.atopids.length === 0) {
      out.push(t);
      continue;
    }
    const records = [...new Set(t.atopids.flatMap((a) => byAtopid.get(a) ?? []))];
    for (const r of records) folded.add(r.id);
    out.push(foldAtop(t, records));
  }
  for (const t of treaties) if (keepAtop(t) && !folded.has(t.id)) out.push(t);
  return out;
}

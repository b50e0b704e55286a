/**
 * Turns an article extraction into the engine's shapes: a `Source` of kind `encyclopedia`,
 * stated claims (signed, in-force, end), names with language tags, signatories, and party
 * names. Party names stay strings until `resolveArticleParties` maps them to COW codes
 * through the polity registry; names it cannot map to exactly one state are reported, never guessed.
 */
import type { IsoDay } from '../../core/dates.js';
import type { PolityRegistry } from '../../core/polities.js';
import type { CCode, Name, Signatory, Source, SourceRef, StatedClaim } from '../../core/model.js';
import { ValidationError } from '../../core/errors.js';
import type { ArticleExtraction } from './types.js';

/** Options for `articleToClaims`. */
export interface ArticleClaimOptions {
  /** Path or name of the article file, recorded in the source. */
  readonly file: string;
  /** Where the article was read, if known. */
  readonly url?: string;
  /** Source id; defaults to `sourceIdFor(file)`. */
  readonly id?: string;
  /** Attribution note; defaults to the Wikipedia licence note. */
  readonly note?: string;
}

/** A party as the article names it, before resolution to a COW code. */
export interface ArticlePartyName {
  readonly name: string;
  readonly sources: readonly SourceRef[];
}

/** Everything an article claims, in the engine's shapes. */
export interface ArticleClaims {
  readonly source: Source;
  /** `signed`, `in-force` (from the effective date) and `end` (from the expiry date). */
  readonly claims: readonly StatedClaim[];
  /** The title (`en`) and the names in other languages and scripts. */
  readonly names: readonly Name[];
  /** People who signed; the party they signed for is not stated, so it is omitted. */
  readonly signatories: readonly Signatory[];
  readonly parties: readonly ArticlePartyName[];
  /** Place of signing as written (the model has no field for it yet). */
  readonly location?: { readonly value: string; readonly sources: readonly SourceRef[] };
}

/** A stable source id for an article file: `article:` and the file's base name, e.g. `article:treaty-of-dunkirk`. */
export function sourceIdFor(file: string): string {
  const base = file.split(/[\\/]/).pop() ?? file;
  const slug = base
    .replace(/\.[^.]+$/, '')
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
  return `article:${slug || 'untitled'}`;
}

/** Builds the source and claims of one article. Throws `ValidationError` when `file` is empty. */
export function articleToClaims(extraction: ArticleExtraction, options: ArticleClaimOptions): ArticleClaims {
  if (!options.file.trim()) throw new ValidationError('E_ARTICLE_FILE', 'an article source needs a file name');
  const id = options.id ?? sourceIdFor(options.file);
  const at = (line: number): SourceRef[] => [{ source: id, at: `line ${line}` }];
  const source: Source = {
    id,
    kind: 'encyclopedia',
    title: extraction.title?.value ?? options.file,
    file: options.file,
    ...(options.url ? { url: options.url } : {}),
    note: options.note ?? 'Wikipedia contributors, CC BY-SA',
  };
  const claims: StatedClaim[] = [];
  if (extraction.signed) claims.push({ field: 'signed', value: extraction.signed.value, sources: at(extraction.signed.line) });
  if (extraction.effective) claims.push({ field: 'in-force', value: extraction.effective.value, sources: at(extraction.effective.line) });
  if (extraction.expiry) claims.push({ field: 'end', value: extraction.expiry.value, sources: at(extraction.expiry.line) });
  const names: Name[] = [];
  if (extraction.title) names.push({ text: extraction.title.value, lang: 'en', sources: at(extraction.title.line) });
  for (const n of extraction.otherNames) names.push({ text: n.text, lang: n.lang, sources: at(n.line) });
  return {
    source,
    claims,
    names,
    signatories: (extraction.signatories ?? []).map((s) => ({ person: s.value, sources: at(s.line) })),
    parties: (extraction.parties ?? []).map((p) => ({ name: p.value, sources: at(p.line) })),
    ...(extraction.location ? { location: { value: extraction.location.value, sources: at(extraction.location.line) } } : {}),
  };
}

/** A party name mapped to exactly one state. */
export interface ResolvedParty {
  readonly name: string;
  readonly state: CCode;
  readonly sources: readonly SourceRef[];
}

/** A party name that could not be mapped, with why and the states it might mean. */
export interface UnresolvedParty {
  readonly name: string;
  /** `unknown`: no state has this name; `ambiguous`: several do; `not-in-system`: the one state was not a member of the state system on the day. */
  readonly reason: 'unknown' | 'ambiguous' | 'not-in-system';
  readonly candidates: readonly { readonly state: CCode; readonly label: string }[];
  readonly sources: readonly SourceRef[];
}

/** Outcome of resolving party names. */
export interface PartyResolution {
  readonly resolved: readonly ResolvedParty[];
  readonly unresolved: readonly UnresolvedParty[];
}

/**
 * Maps party names to COW codes with the registry's exact (normalised) name and alias lookup.
 * A name matching no state or several states is reported with near matches as candidates;
 * with `on` (usually the signing day), a state that was not in the system that day is
 * reported too. Two names for one state ("Germany", "Nazi Germany") give one entry.
 */
export function resolveArticleParties(parties: readonly ArticlePartyName[], registry: PolityRegistry, on?: IsoDay): PartyResolution {
  const resolved: ResolvedParty[] = [];
  const unresolved: UnresolvedParty[] = [];
  for (const p of parties) {
    const found = registry.candidates(p.name);
    if (found.length === 1) {
      const state = found[0]!;
      if (on !== undefined && !registry.existsOn(state, on)) {
        unresolved.push({ name: p.name, reason: 'not-in-system', candidates: [{ state, label: registry.nameOf(state) }], sources: p.sources });
        continue;
      }
      const same = resolved.findIndex((r) => r.state === state);
      if (same >= 0) resolved[same] = { ...resolved[same]!, sources: [...resolved[same]!.sources, ...p.sources] };
      else resolved.push({ name: p.name, state, sources: p.sources });
    } else if (found.length > 1) {
      unresolved.push({ name: p.name, reason: 'ambiguous', candidates: found.map((state) => ({ state, label: registry.nameOf(state) })), sources: p.sources });
    } else {
      const near = registry.search(p.name, 5).map((x) => ({ state: x.ccode, label: x.name }));
      unresolved.push({ name: p.name, reason: 'unknown', candidates: near, sources: p.sources });
    }
  }
  return { resolved, unresolved };
}

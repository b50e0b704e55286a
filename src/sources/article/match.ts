/**
 * Decides whether an article's claims attach to one existing treaty beyond doubt: a name
 * agrees (after `normalizeName`), the signing date is the same date at the same precision,
 * and, where the article lists parties, they resolve to exactly the treaty's parties. Any
 * reason against, or anything that could not be checked, leaves the decision to a person,
 * who gets every candidate with its reasons for and against.
 */
import { normalizeName, type PolityRegistry } from '../../core/polities.js';
import type { CCode, Treaty } from '../../core/model.js';
import { compatibleDates } from './dates.js';
import { resolveArticleParties } from './claims.js';
import type { ArticleExtraction } from './types.js';

/** How one candidate treaty compares with the article. */
export interface CandidateAssessment {
  readonly treaty: string;
  /** Agreements ("name 'Treaty of Dunkirk' agrees", "signed 1947-03-04 on both sides"). */
  readonly for: readonly string[];
  /** Disagreements. */
  readonly against: readonly string[];
  /** What could not be checked (no signing date in the article, an unresolvable party). */
  readonly open: readonly string[];
  /** True when names and signing date agree, parties agree where stated, and nothing is against or open. */
  readonly beyondDoubt: boolean;
}

/** The decision: one treaty matched, several equally good, or none. */
export interface ArticleMatch {
  readonly outcome: 'matched' | 'ambiguous' | 'unmatched';
  /** The treaty id when `outcome` is `matched`. */
  readonly treaty?: string;
  /** Candidates with at least one reason for, best first. */
  readonly candidates: readonly CandidateAssessment[];
}

function nameKey(s: string): string {
  return normalizeName(s).replace(/^the /, '');
}

/** Compares one article with candidate treaties. Pure. */
export function matchArticle(extraction: ArticleExtraction, candidates: readonly Treaty[], registry: PolityRegistry): ArticleMatch {
  const articleNames = new Map<string, string>();
  for (const n of [...(extraction.title ? [extraction.title.value] : []), ...extraction.otherNames.map((o) => o.text)]) {
    const k = nameKey(n);
    if (k) articleNames.set(k, n);
  }
  const partyNames = (extraction.parties ?? []).map((p) => ({ name: p.value, sources: [] }));
  const parties = resolveArticleParties(partyNames, registry);
  const articleCodes = new Set<CCode>(parties.resolved.map((r) => r.state));

  const assessed = candidates.map((t): CandidateAssessment => {
    const pro: string[] = [];
    const con: string[] = [];
    const open: string[] = [];
    const agreeing = t.names.filter((n) => articleNames.has(nameKey(n.text)));
    if (agreeing.length) pro.push(...agreeing.map((n) => `name '${n.text}' agrees`));
    else con.push('no name of the treaty agrees with the article');

    const signatures = t.events.filter((e) => e.type === 'signature').map((e) => e.date);
    const signed = extraction.signed?.value;
    if (!signed) open.push('the article states no signing date');
    else if (signatures.length === 0) open.push('the treaty has no signature event');
    else if (signatures.includes(signed)) pro.push(`signed ${signed} on both sides`);
    else if (signatures.some((d) => compatibleDates(d, signed))) open.push(`signing dates agree only at the lesser precision (article ${signed}, treaty ${signatures.join(', ')})`);
    else con.push(`signing dates differ (article ${signed}, treaty ${signatures.join(', ')})`);

    const effective = extraction.effective?.value;
    const inForce = t.events.filter((e) => e.type === 'entry-into-force').map((e) => e.date);
    if (effective && inForce.length) {
      if (inForce.includes(effective)) pro.push(`in force ${effective} on both sides`);
      else if (!inForce.some((d) => compatibleDates(d, effective))) con.push(`entry into force differs (article ${effective}, treaty ${inForce.join(', ')})`);
    }

    if (extraction.parties?.length) {
      const treatyCodes = new Set<CCode>(t.parties.map((p) => p.state));
      for (const u of parties.unresolved) open.push(`party '${u.name}' does not resolve to one state (${u.reason})`);
      const extra = [...articleCodes].filter((c) => !treatyCodes.has(c));
      const missing = [...treatyCodes].filter((c) => !articleCodes.has(c));
      for (const c of extra) con.push(`the article lists ${registry.nameOf(c)} (${c}), not a party of the treaty`);
      if (missing.length && parties.unresolved.length === 0) {
        for (const c of missing) con.push(`the treaty's party ${registry.nameOf(c)} (${c}) is not in the article`);
      }
      if (extra.length === 0 && missing.length === 0 && parties.unresolved.length === 0) pro.push('the parties agree');
    }
    const beyondDoubt = agreeing.length > 0 && signed !== undefined && signatures.includes(signed) && con.length === 0 && open.length === 0;
    return { treaty: t.id, for: pro, against: con, open, beyondDoubt };
  });

  const sure = assessed.filter((a) => a.beyondDoubt);
  const shown = assessed
    .filter((a) => a.for.length > 0)
    .sort((a, b) => Number(b.beyondDoubt) - Number(a.beyondDoubt) || b.for.length - a.for.length || a.against.length - b.against.length || a.treaty.localeCompare(b.treaty));
  if (sure.length === 1) return { outcome: 'matched', treaty: sure[0]!.treaty, candidates: shown };
  return { outcome: sure.length > 1 ? 'ambiguous' : 'unmatched', candidates: shown };
}

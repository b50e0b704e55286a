/**
 * Claims about a treaty's summary facts (signed, in force, end), the value the engine derives
 * from clauses and events, and the resolution policy that picks the value used for reasoning.
 * No claim is ever dropped: every answer can list the alternatives and who states them.
 */
import { earliestDay, latestDay, type CalendarDate } from './dates.js';
import { mergeLineRefs, resolveRefs, type ResolvedSourceRef } from './explain.js';
import type { Lifecycle } from './lifecycle.js';
import type { SourceKind, StatedField, Treaty } from './model.js';

/** One value for a fact, with who says so. `null` means "not ended" for `end`. */
export interface Alternative {
  readonly value: CalendarDate | null;
  /** `derived`: computed from clauses and events; `stated`: a source says so directly. */
  readonly basis: 'derived' | 'stated';
  /** Kind of the source that states it (or `derived`). */
  readonly kind: SourceKind;
  readonly sources: readonly ResolvedSourceRef[];
  readonly note?: string;
}

/** A fact with all its alternatives and the one in use. */
export interface Fact {
  readonly field: StatedField;
  readonly value: CalendarDate | null;
  readonly chosen: Alternative;
  readonly alternatives: readonly Alternative[];
  /** True when two alternatives cannot both be right (their date ranges do not overlap). */
  readonly disagreement: boolean;
}

/** Which kind of source wins when claims disagree; earlier in the list wins. */
export interface ResolutionPolicy {
  readonly order: readonly SourceKind[];
}

/** The default order: clauses and events first, then treaty texts, scholarship, curators, datasets, encyclopedias. */
export const DEFAULT_POLICY: ResolutionPolicy = {
  order: ['derived', 'treaty-text', 'literature', 'curator', 'dataset', 'encyclopedia'],
};

/** Parses a `--prefer` list such as `encyclopedia,dataset` into a full policy (unlisted kinds keep the default order after). */
export function policyFrom(prefer: readonly string[]): ResolutionPolicy {
  const known = new Set<string>(DEFAULT_POLICY.order);
  for (const p of prefer) if (!known.has(p)) throw new Error(`unknown source kind '${p}'; expected one of ${DEFAULT_POLICY.order.join(', ')}`);
  const first = prefer as SourceKind[];
  return { order: [...first, ...DEFAULT_POLICY.order.filter((k) => !first.includes(k))] };
}

function overlaps(a: CalendarDate | null, b: CalendarDate | null): boolean {
  if (a === null || b === null) return a === b;
  return earliestDay(a) <= latestDay(b) && earliestDay(b) <= latestDay(a);
}

function rank(policy: ResolutionPolicy, alt: Alternative): number {
  const i = policy.order.indexOf(alt.kind);
  return i < 0 ? policy.order.length : i;
}

/** Builds the three summary facts of a treaty from its claims and its computed lifecycle. */
export function resolveFacts(t: Treaty, life: Lifecycle, policy: ResolutionPolicy = DEFAULT_POLICY): Record<StatedField, Fact> {
  const derivedSteps = (field: StatedField) => {
    const refs = field === 'signed' ? t.events.filter((e) => e.type === 'signature' && e.party === undefined).flatMap((e) => e.sources) : [];
    return resolveRefs(refs, t.sources, t.id);
  };
  const lifeSources = (upTo = life.steps.length): ResolvedSourceRef[] => {
    const seen = new Set<string>();
    const out: ResolvedSourceRef[] = [];
    for (const s of life.steps.slice(0, upTo).flatMap((st) => st.sources)) {
      const k = `${s.source}@${s.at ?? ''}`;
      if (!seen.has(k)) {
        seen.add(k);
        out.push(s);
      }
    }
    return mergeLineRefs(out);
  };
  const derived: Record<StatedField, Alternative | null> = {
    signed: life.signed ? { value: life.signed, basis: 'derived', kind: 'derived', sources: derivedSteps('signed'), note: 'date of the signature event' } : null,
    'in-force': life.start ? { value: life.start, basis: 'derived', kind: 'derived', sources: lifeSources(life.startSteps), note: 'computed from the entry-into-force rule and events' } : null,
    end: life.start ? { value: life.end, basis: 'derived', kind: 'derived', sources: lifeSources(), note: `computed from the duration clause and events: ${life.endReason}` } : null,
  };
  const out = {} as Record<StatedField, Fact>;
  for (const field of ['signed', 'in-force', 'end'] as const) {
    const alts: Alternative[] = [];
    const d = derived[field];
    if (d) alts.push(d);
    for (const c of t.claims) {
      if (c.field !== field || c.party !== undefined) continue;
      const kinds = c.sources.map((r) => t.sources[r.source]?.kind ?? 'curator');
      alts.push({
        value: c.value,
        basis: 'stated',
        kind: (kinds[0] ?? 'curator') as SourceKind,
        sources: resolveRefs(c.sources, t.sources, t.id),
        ...(c.note ? { note: c.note } : {}),
      });
    }
    if (alts.length === 0) continue;
    const sorted = [...alts].sort((a, b) => rank(policy, a) - rank(policy, b));
    const chosen = sorted[0]!;
    let disagreement = false;
    for (let i = 0; i < alts.length && !disagreement; i++) for (let j = i + 1; j < alts.length; j++) if (!overlaps(alts[i]!.value, alts[j]!.value)) disagreement = true;
    out[field] = { field, value: chosen.value, chosen, alternatives: alts, disagreement };
  }
  return out;
}

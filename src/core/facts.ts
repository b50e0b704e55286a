/**
 * Claims about a treaty's summary facts (signed, in force, end), the value the engine derives
 * from clauses and events, and the resolution policy that picks the value used for reasoning.
 * No claim is ever dropped: every answer can list the alternatives and who states them.
 */
import { earliestDay, latestDay, nextDay, type CalendarDate } from './dates.js';
import { mergeLineRefs, resolveRefs, type ResolvedSourceRef } from './explain.js';
import type { Lifecycle, PartySpell } from './lifecycle.js';
import type { CCode, DisagreementField, SourceKind, SourceRef, StatedClaim, StatedField, Treaty } from './model.js';

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
  // The sources of the steps a computed date rests on (`startBasis`, `endBasis` of the lifecycle).
  const lifeSources = (indices: readonly number[]): ResolvedSourceRef[] => {
    const seen = new Set<string>();
    const out: ResolvedSourceRef[] = [];
    for (const s of indices.flatMap((i) => life.steps[i]?.sources ?? [])) {
      const k = `${s.source}@${s.at ?? ''}`;
      if (!seen.has(k)) {
        seen.add(k);
        out.push(s);
      }
    }
    return mergeLineRefs(out);
  };
  // The computed dates cite every step's sources, which are gathered when first read: building
  // an engine resolves the facts of every treaty, but answers show the sources of only a few.
  const lazySources = (value: CalendarDate | null, note: string, gather: () => ResolvedSourceRef[]): Alternative => {
    let sources: ResolvedSourceRef[] | undefined;
    return {
      value,
      basis: 'derived',
      kind: 'derived',
      get sources() {
        return (sources ??= gather());
      },
      note,
    };
  };
  const derived: Record<StatedField, Alternative | null> = {
    signed: life.signed ? lazySources(life.signed, 'date of the signature event', () => derivedSteps('signed')) : null,
    'in-force': life.start ? lazySources(life.start, 'computed from the entry-into-force rule and events', () => lifeSources(life.startBasis)) : null,
    end: life.start ? lazySources(life.end, `computed from the duration clause and events: ${life.endReason}`, () => lifeSources(life.endBasis)) : null,
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

/** Party-level facts on which sources can disagree with the engine's spells. */
export type PartyField = Exclude<DisagreementField, StatedField>;

/** A party-level fact: when a party's membership ended, or whether a state was a party at all. */
export interface PartyFact {
  readonly party: CCode;
  readonly field: PartyField;
  /** The value the engine reasons with: the end of the party's last spell (`null`: not ended, or for `membership`: not a party). */
  readonly value: CalendarDate | null;
  readonly alternatives: readonly Alternative[];
  readonly disagreement: boolean;
}

/**
 * Compares what sources state about single parties (claims with a `party`, such as ATOP's member
 * entries and exits) with the party spells the engine reasons with (`spells`: cut to the period
 * the resolution policy picked), per party:
 * - `party-end`: the party's last day of membership. One alternative per dataset and version
 *   that states exits (its latest exit; a member with an entry and no exit is one at the end of
 *   that source's data, ATOP's "in effect" in 2018, which says nothing about later years, so it
 *   states no end), one derived from the spells. An exit on the day after a spell that ended
 *   because the state ceased to exist agrees with it: ATOP dates a hand-over on the successor's
 *   first day, the state lists end the old state the day before.
 * - `membership`: a state the source counts as a member that the treaty record does not list
 *   as a party (`listed`: every state with a computed spell, before the policy's cut).
 * Entry dates are not compared: ATOP's member entry is a signature date, spells start at entry
 * into force. A listed party whose spells the policy's period cuts away entirely is not compared.
 */
export function resolvePartyFacts(t: Treaty, spells: readonly PartySpell[], listed: ReadonlySet<CCode>): PartyFact[] {
  type Group = { entries: StatedClaim[]; exits: StatedClaim[] };
  const stated = new Map<CCode, Map<string, Group>>();
  for (const c of t.claims) {
    if (c.party === undefined || c.field === 'in-force') continue;
    let bySource = stated.get(c.party);
    if (!bySource) stated.set(c.party, (bySource = new Map()));
    // One alternative per dataset and version (an ATOP release may code a treaty in several
    // alliances), else per source.
    const src = t.sources[c.sources[0]?.source ?? ''];
    const key = src?.dataset ? `${src.dataset} ${src.version ?? ''}` : c.sources.map((r) => r.source).join(' ');
    let g = bySource.get(key);
    if (!g) bySource.set(key, (g = { entries: [], exits: [] }));
    (c.field === 'signed' ? g.entries : g.exits).push(c);
  }
  const resolved = (refs: readonly SourceRef[]) => mergeLineRefs(resolveRefs(refs, t.sources, t.id));
  const out: PartyFact[] = [];
  for (const [party, bySource] of stated) {
    const alternatives: Alternative[] = [];
    if (!listed.has(party)) {
      alternatives.push({ value: null, basis: 'derived', kind: 'derived', sources: [], note: 'not a party in the treaty record the engine reasons with' });
      for (const g of bySource.values()) {
        const first = g.entries.reduce<StatedClaim | null>((x, y) => (x === null || earliestDay(y.value) < earliestDay(x.value) ? y : x), null);
        const claim = first ?? g.exits[0]!;
        alternatives.push({
          value: claim.value,
          basis: 'stated',
          kind: kindOf(t, claim),
          sources: resolved([...g.entries, ...g.exits].flatMap((c) => c.sources)),
          note: first ? 'a member from this date' : 'a member that left on this date',
        });
      }
      out.push({ party, field: 'membership', value: null, alternatives, disagreement: true });
      continue;
    }
    const own = spells.filter((s) => s.state === party);
    if (own.length === 0) continue;
    const end = own.some((s) => s.end === null) ? null : own.map((s) => s.end!).sort().at(-1)!;
    const last = own.find((s) => s.end === end);
    const ceased = last?.endReason !== undefined && / ceased to exist as a state /.test(last.endReason);
    let derivedSources: ResolvedSourceRef[] | undefined;
    alternatives.push({
      value: end,
      basis: 'derived',
      kind: 'derived',
      get sources() {
        return (derivedSources ??= resolved(t.parties.find((p) => p.state === party)?.sources ?? []));
      },
      note: `the end of the party's last spell${last?.endReason ? `: ${last.endReason}` : ''}`,
    });
    for (const g of bySource.values()) {
      if (g.exits.length < g.entries.length || g.exits.length === 0) continue;
      const latest = g.exits.reduce((x, y) => (latestDay(y.value) > latestDay(x.value) ? y : x));
      alternatives.push({ value: latest.value, basis: 'stated', kind: kindOf(t, latest), sources: resolved(latest.sources), ...(latest.note ? { note: latest.note } : {}) });
    }
    if (alternatives.length === 1) continue;
    const agrees = (v: CalendarDate | null): boolean => overlaps(end, v) || (ceased && end !== null && v !== null && earliestDay(v) === nextDay(end) && latestDay(v) === nextDay(end));
    out.push({ party, field: 'party-end', value: end, alternatives, disagreement: alternatives.slice(1).some((a) => !agrees(a.value)) });
  }
  return out.sort((a, b) => a.party - b.party);
}

function kindOf(t: Treaty, c: StatedClaim): SourceKind {
  return (t.sources[c.sources[0]?.source ?? '']?.kind ?? 'curator') as SourceKind;
}

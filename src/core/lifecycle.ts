/**
 * Computes when a treaty was in force and when each party was bound by it, from its
 * duration clause and the events that happened, recording every step.
 *
 * Conventions (documented in docs/treaty-format.md):
 * - periods are closed intervals of days: a treaty "in force for 30 years from 1950-04-11"
 *   is in force on 1980-04-11, its expiry day, as ATOP's exit dates also count;
 * - a term counts from entry into force unless the clause anchors it at signature;
 * - a notice of denunciation prevents renewal if it is given at least the notice period before
 *   the end of the period then running; a later notice takes effect at the end of the next period;
 * - a term with a withdrawal clause and no renewal is a minimum term: afterwards a party may
 *   leave on notice, not before the term ends;
 * - in a bilateral treaty a party's notice or withdrawal ends the treaty; in a multilateral
 *   one it ends that party's membership, and the treaty ends when fewer than two parties remain;
 * - vague event dates count from their earliest day.
 */
import { addPeriod, earliestDay, latestDay, formatPeriod, precisionOf, subtractPeriod, type IsoDay, type Period } from './dates.js';
import { resolveRefs, type Step } from './explain.js';
import type { CCode, Treaty, TreatyEvent } from './model.js';

/** A period of a treaty's life: the initial term, a renewal or an extension. */
export interface TermPeriod {
  readonly kind: 'initial' | 'renewal' | 'extension' | 'indefinite';
  readonly start: IsoDay;
  /** Last day of the period; `null` for an indefinite treaty. */
  readonly end: IsoDay | null;
}

/** When one state was bound by a treaty. */
export interface PartySpell {
  readonly state: CCode;
  readonly start: IsoDay;
  /** Last day bound; `null` while still bound at the end of the computation. */
  readonly end: IsoDay | null;
  /** Why the spell ended, in words. */
  readonly endReason?: string;
  /** Intervals in which the party's participation was suspended, towards everyone or one party. */
  readonly suspended: readonly { readonly start: IsoDay; readonly end: IsoDay | null; readonly towards?: CCode }[];
}

/** The computed life of a treaty. */
export interface Lifecycle {
  readonly treaty: string;
  readonly signed: IsoDay | null;
  /** Entry into force; `null` when it never entered into force. */
  readonly start: IsoDay | null;
  /** Last day in force; `null` while in force at the horizon (or indefinite). */
  readonly end: IsoDay | null;
  readonly endReason: string;
  readonly periods: readonly TermPeriod[];
  readonly parties: readonly PartySpell[];
  readonly steps: readonly Step[];
  /** How many of the first steps establish the signature and entry into force. */
  readonly startSteps: number;
  /**
   * The steps (indices into `steps`) that fix the entry into force: the rule and the event it
   * applies, and the signature step only where the treaty enters into force on signature.
   */
  readonly startBasis: readonly number[];
  /**
   * The steps the end rests on: those of the entry into force, the signature where the term
   * counts from it, and every step after the entry into force.
   */
  readonly endBasis: readonly number[];
}

/** Options for `computeLifecycle`. */
export interface LifecycleOptions {
  /** Renewals are unrolled up to this day (the caller's "today"); later ones are summarised. */
  readonly horizon: IsoDay;
  /** Last day a state existed after `after`, if it ceased to exist (state succession). */
  readonly stateEnd?: (state: CCode, after: IsoDay) => { end: IsoDay; successor?: CCode; continuity: boolean; source: string } | null;
  /** Display names of states, for the steps. */
  readonly nameOf?: (state: CCode) => string;
}

const day = (e: TreatyEvent): IsoDay => earliestDay(e.date);

/** Computes the treaty's periods in force and its parties' spells, with the steps. */
export function computeLifecycle(t: Treaty, opts: LifecycleOptions): Lifecycle {
  const steps: Step[] = [];
  const nameOf = opts.nameOf ?? ((c: CCode) => `state ${c}`);
  // A step cites each reference once: a clause and the event it rules on may cite the same article.
  const src = (refs: TreatyEvent['sources']) => resolveRefs(refs.length > 1 ? refs.filter((r, i) => refs.findIndex((q) => q.source === r.source && q.at === r.at) === i) : refs, t.sources, t.id);
  const step = (text: string, refs: TreatyEvent['sources'] = [], date?: IsoDay, clause?: string): void => {
    const sources = src(refs);
    // Literals rather than spread objects (a step per renewal adds up over all of ATOP).
    steps.push(date ? (clause ? { text, date, clause, sources } : { text, date, sources }) : clause ? { text, clause, sources } : { text, sources });
  };
  const vague = (e: TreatyEvent): string => (precisionOf(e.date) === 'day' ? '' : ` (known only to the ${precisionOf(e.date)}; counted from its first day)`);
  const events = [...t.events].sort((a, b) => (day(a) < day(b) ? -1 : day(a) > day(b) ? 1 : 0));
  const ofType = (type: TreatyEvent['type'], party?: CCode) => events.filter((e) => e.type === type && e.party === party);
  const clause = t.duration;
  const art = clause?.article ? `art. ${clause.article}` : undefined;

  const signature = ofType('signature')[0];
  const signed = signature ? day(signature) : null;
  if (signature) step(`Signed on ${signature.date}${vague(signature)}.`, signature.sources, signed!);

  const signatureStep = signature ? steps.length - 1 : -1;

  // Entry into force.
  let start: IsoDay | null = null;
  const explicit = ofType('entry-into-force')[0];
  if (explicit) {
    start = day(explicit);
    step(`Entered into force on ${explicit.date}${vague(explicit)}.`, explicit.sources, start);
  } else if (clause?.entryIntoForce === 'exchange-of-ratifications') {
    const ex = ofType('exchange-of-ratifications')[0];
    if (ex) {
      start = day(ex);
      step(`The treaty enters into force on the exchange of ratifications, which took place on ${ex.date}${vague(ex)}.`, [...clause.sources, ...ex.sources], start, art);
    }
  } else if (clause?.entryIntoForce === 'ratification-by-all') {
    const originals = t.parties.filter((p) => p.role === 'original').map((p) => p.state);
    const rats = originals.map((s) => ofType('ratification', s)[0]);
    if (rats.every((r) => r !== undefined)) {
      const last = rats.reduce((a, b) => (day(a!) >= day(b!) ? a : b))!;
      start = day(last);
      step(`The treaty enters into force when every original party has ratified; the last ratification, by ${nameOf(last.party!)}, is dated ${last.date}.`, [...clause.sources, ...last.sources], start, art);
    }
  } else if (clause?.entryIntoForce === 'signature' && signature) {
    start = signed;
    step(`The treaty enters into force on signature, ${signature.date}.`, clause.sources, start!, art);
  }
  if (start === null && signed !== null) {
    start = signed;
    step(`No record of entry into force; the signature date ${signed} is used as the start, as the datasets do.`, signature!.sources, start);
  }
  const startSteps = steps.length;
  if (start === null) {
    return { treaty: t.id, signed, start: null, end: null, endReason: 'never in force', periods: [], parties: [], steps, startSteps, startBasis: [], endBasis: [] };
  }
  // The last step fixed the start; on signature, the signature step is part of it.
  const startBasis = clause?.entryIntoForce === 'signature' && !explicit && signatureStep >= 0 ? [signatureStep, startSteps - 1] : [startSteps - 1];

  // Treaty-wide termination events cap everything.
  const termination = ofType('termination')[0];
  const hardEnd = termination ? day(termination) : null;

  // Periods: initial term, then renewals and extensions until a notice stops them or the horizon.
  const periods: TermPeriod[] = [];
  const bilateral = t.parties.length === 2;
  const partyExit = new Map<CCode, { end: IsoDay; reason: string }>();
  let end: IsoDay | null = null;
  let endReason = 'in force';
  const extensions = ofType('extension');
  const notices = events.filter((e) => e.type === 'notice-of-denunciation' && e.party !== undefined);

  if (!clause?.term) {
    periods.push({ kind: 'indefinite', start, end: null });
    step(clause ? 'The treaty has no fixed term.' : 'No duration clause is recorded; the treaty runs until an event ends it.', clause?.sources ?? [], undefined, art);
    if (clause?.withdrawal) {
      for (const n of notices) {
        const exit = addPeriod(day(n), clause.withdrawal);
        partyExit.set(n.party!, { end: exit, reason: `notice of denunciation on ${n.date}, effective ${formatPeriod(clause.withdrawal)} later` });
        step(`${nameOf(n.party!)} gave notice of denunciation on ${n.date}; under the withdrawal clause it leaves ${formatPeriod(clause.withdrawal)} later, on ${exit}.`, [...n.sources, ...clause.sources], exit, art);
      }
    }
  } else {
    const anchor = clause.anchor === 'signature' && signed ? signed : start;
    let periodStart = anchor;
    let periodEnd = addPeriod(anchor, clause.term);
    periods.push({ kind: 'initial', start, end: periodEnd });
    step(`The initial term is ${formatPeriod(clause.term)} from ${clause.anchor === 'signature' ? 'signature' : 'entry into force'} (${anchor}), ending on ${periodEnd}.`, clause.sources, periodEnd, art);
    let renewals = 0;
    const pending = new Map<CCode, TreatyEvent>(); // notices waiting for the end of their period
    const late = new Set<TreatyEvent>(); // notices too late for the period they were given in
    const usedExtensions = new Set<TreatyEvent>();
    const remaining = new Set(t.parties.map((p) => p.state));
    for (let guard = 0; guard < 10_000; guard++) {
      // Notices given in time for this period end.
      for (const n of notices) {
        if (pending.has(n.party!) || partyExit.has(n.party!)) continue;
        if (day(n) > periodEnd) continue;
        const deadline = clause.notice ? subtractPeriod(periodEnd, clause.notice) : periodEnd;
        if (day(n) <= deadline) {
          pending.set(n.party!, n);
          step(
            `${nameOf(n.party!)} gave notice of denunciation on ${n.date}, ${clause.notice ? `no later than ${deadline}, ${formatPeriod(clause.notice)} before the end of the period on ${periodEnd}` : 'before the end of the period'}; the treaty is therefore not renewed ${bilateral ? '' : `for ${nameOf(n.party!)} `}after ${periodEnd}.`,
            [...n.sources, ...clause.sources],
            periodEnd,
            art,
          );
        } else if (!late.has(n)) {
          late.add(n);
          step(
            `${nameOf(n.party!)} gave notice of denunciation on ${n.date}, later than ${deadline} (${formatPeriod(clause.notice!)} before ${periodEnd}); it takes effect at the end of the following period.`,
            [...n.sources, ...clause.sources],
            undefined,
            art,
          );
        }
      }
      for (const [party] of pending) {
        if (!partyExit.has(party)) partyExit.set(party, { end: periodEnd, reason: `not renewed after its notice of denunciation` });
        remaining.delete(party);
      }
      if (hardEnd && hardEnd <= periodEnd) break;
      if (bilateral ? pending.size > 0 : remaining.size < 2) {
        end = periodEnd;
        endReason = bilateral ? 'expired after a notice of denunciation' : 'fewer than two parties remained after notices of denunciation';
        step(`The treaty therefore ends on ${periodEnd}, the last day of its ${periods.length > 1 ? 'current period' : 'initial term'}.`, [], periodEnd, art);
        break;
      }
      // An extension agreed during this period replaces the renewal rule for the next one.
      const ext = extensions.find((e) => day(e) <= periodEnd && day(e) >= periodStart && e.term && !usedExtensions.has(e));
      if (ext) {
        usedExtensions.add(ext);
        const from = ext.termFrom === 'event' ? day(ext) : periodEnd;
        const next = addPeriod(from, ext.term!);
        periods.push({ kind: 'extension', start: from, end: next });
        step(`On ${ext.date} the parties extended the treaty by ${formatPeriod(ext.term!)} from ${ext.termFrom === 'event' ? 'that date' : `the end of the running period, ${periodEnd}`}, to ${next}.`, ext.sources, next);
        periodStart = from;
        periodEnd = next;
        continue;
      }
      if (!clause.renewal && clause.withdrawal) {
        // A minimum term, after which any party may leave on notice (NATO art. 13, US–Japan 1960 art. 10).
        periods.push({ kind: 'indefinite', start: periodEnd, end: null });
        step(`After the initial term the treaty continues without limit; a party may leave ${formatPeriod(clause.withdrawal)} after giving notice, but not before ${periodEnd}.`, clause.sources, undefined, art);
        for (const n of notices) {
          if (partyExit.has(n.party!)) continue;
          const afterNotice = addPeriod(day(n), clause.withdrawal);
          const exit = afterNotice > periodEnd ? afterNotice : periodEnd;
          partyExit.set(n.party!, { end: exit, reason: `notice of denunciation on ${n.date}, effective on ${exit}` });
          step(`${nameOf(n.party!)} gave notice of denunciation on ${n.date}; under the withdrawal clause it leaves on ${exit}.`, [...n.sources, ...clause.sources], exit, art);
        }
        break;
      }
      if (!clause.renewal || (clause.renewal.times !== undefined && renewals >= clause.renewal.times)) {
        end = periodEnd;
        endReason = 'term expired';
        step(`No renewal ${clause.renewal ? 'is left' : 'is provided for'}; the treaty expires on ${periodEnd}.`, clause.sources, periodEnd, art);
        break;
      }
      if (periodEnd > opts.horizon) {
        step(`The period running on ${opts.horizon} ends on ${periodEnd}; without notice the treaty renews by ${formatPeriod(clause.renewal.term)} at a time.`, clause.sources, undefined, art);
        break;
      }
      const next = addPeriod(periodEnd, clause.renewal.term);
      renewals++;
      periods.push({ kind: 'renewal', start: periodEnd, end: next });
      step(`No notice of denunciation was given ${clause.notice ? `${formatPeriod(clause.notice)} before ${periodEnd}` : `before ${periodEnd}`}; the treaty renews for ${formatPeriod(clause.renewal.term)}, to ${next}.`, clause.sources, next, art);
      periodStart = periodEnd;
      periodEnd = next;
    }
  }

  if (hardEnd && (end === null || hardEnd < end)) {
    end = hardEnd;
    endReason = 'terminated';
    step(`The treaty was terminated on ${termination!.date}${termination!.note ? ` (${termination!.note})` : ''}.`, termination!.sources, hardEnd);
  }
  if (bilateral) {
    // A bilateral treaty cannot outlive either party's membership.
    const exits = [
      ...[...partyExit.values()].map((x) => ({ end: x.end, why: x.reason })),
      ...events.filter((e) => e.type === 'withdrawal' && e.party !== undefined).map((e) => ({ end: day(e), why: `${nameOf(e.party!)} withdrew on ${e.date}` })),
    ].sort((a, b) => (a.end < b.end ? -1 : a.end > b.end ? 1 : 0));
    const first = exits[0];
    if (first && (end === null || first.end < end)) {
      end = first.end;
      endReason = 'a party left';
      step(`In a treaty between two parties one party's leaving ends it: the treaty ends on ${first.end} (${first.why}).`, [], first.end);
    }
  }
  if (end === null) endReason = periods.at(-1)?.kind === 'indefinite' ? 'in force, no fixed term' : 'in force, renewing';

  // Party spells.
  const parties: PartySpell[] = [];
  for (const p of t.parties) {
    if (p.spells) {
      for (const sp of p.spells) {
        const sStart = earliestDay(sp.start);
        const sEnd = sp.end === null ? null : latestDay(sp.end);
        const capped = end !== null && (sEnd === null || sEnd > end) ? end : sEnd;
        step(`${nameOf(p.state)} is a member from ${sp.start} ${sp.end ? `to ${sp.end}` : 'with no end in the source'}.`, sp.sources, sStart);
        parties.push({ state: p.state, start: sStart, end: capped, ...(capped !== null ? { endReason: capped === end ? endReason : 'left, as the source states' } : {}), suspended: [] });
      }
      continue;
    }
    let pStart = start;
    const acc = ofType('accession', p.state)[0] ?? ofType('entry-into-force', p.state)[0];
    if (p.role === 'acceded' && acc) {
      pStart = day(acc) > start ? day(acc) : start;
      step(`${nameOf(p.state)} acceded on ${acc.date}.`, acc.sources, pStart);
    }
    let pEnd: IsoDay | null = end;
    let reason = end ? endReason : undefined;
    const exit = partyExit.get(p.state);
    if (exit && (pEnd === null || exit.end < pEnd)) {
      pEnd = exit.end;
      reason = exit.reason;
    }
    const w = ofType('withdrawal', p.state)[0];
    if (w && (pEnd === null || day(w) < pEnd)) {
      pEnd = day(w);
      reason = `withdrew on ${w.date}`;
      step(`${nameOf(p.state)} withdrew on ${w.date}${w.note ? ` (${w.note})` : ''}.`, w.sources, pEnd);
    }
    const gone = opts.stateEnd?.(p.state, pStart);
    let successorSpell: PartySpell | undefined;
    if (gone && (pEnd === null || gone.end < pEnd)) {
      const treatyEnd = pEnd;
      pEnd = gone.end;
      reason = `${nameOf(p.state)} ceased to exist as a state after ${gone.end}${gone.successor ? `; ${nameOf(gone.successor)} succeeded it` : ''}`;
      steps.push({ text: `${reason} (${gone.source}).`, date: gone.end, sources: [] });
      if (gone.successor !== undefined && gone.continuity && !t.parties.some((q) => q.state === gone.successor)) {
        const from = addPeriod(gone.end, { days: 1 });
        successorSpell = { state: gone.successor, start: from, end: treatyEnd, ...(treatyEnd ? { endReason: endReason } : {}), suspended: [] };
        steps.push({ text: `${nameOf(gone.successor)} continued ${nameOf(p.state)}'s membership from ${from} by state succession (${gone.source}).`, date: from, sources: [] });
      }
    }
    const suspended: { start: IsoDay; end: IsoDay | null; towards?: CCode }[] = [];
    for (const s of ofType('suspension', p.state)) {
      const resume = ofType('resumption', p.state).find((r) => day(r) > day(s) && r.towards === s.towards);
      suspended.push({ start: day(s), end: resume ? day(resume) : null, ...(s.towards !== undefined ? { towards: s.towards } : {}) });
      step(
        `${nameOf(p.state)} suspended ${s.towards !== undefined ? `its obligations towards ${nameOf(s.towards)}` : 'its participation'} on ${s.date}${resume ? ` until ${resume.date}` : ''}${s.note ? ` (${s.note})` : ''}.`,
        s.sources,
        day(s),
      );
    }
    if (pEnd !== null && pEnd < pStart) continue;
    parties.push({ state: p.state, start: pStart, end: pEnd, ...(reason ? { endReason: reason } : {}), suspended });
    if (successorSpell) parties.push(successorSpell);
  }
  // A multilateral treaty whose membership drops below two ends when the second-last party leaves.
  if (!bilateral && end === null) {
    const ends = parties.map((s) => s.end);
    if (ends.length >= 2 && ends.every((e) => e !== null)) {
      const sorted = (ends as IsoDay[]).sort();
      end = sorted[sorted.length - 2]!;
      endReason = 'fewer than two parties remained';
      step(`After ${end} fewer than two parties remained, so the treaty ended.`, [], end);
    }
  }
  const fromSignature = clause?.anchor === 'signature' && signatureStep >= 0 && !startBasis.includes(signatureStep) ? [signatureStep] : [];
  const endBasis = [...fromSignature, ...startBasis, ...[...steps.keys()].filter((i) => i >= startSteps)];
  return { treaty: t.id, signed, start, end, endReason, periods, parties, steps, startSteps, startBasis, endBasis };
}

/** Re-exported for callers that only need the period type names. */
export type { Period };

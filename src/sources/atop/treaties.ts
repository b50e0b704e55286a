/**
 * Turns parsed ATOP rows into treaties of the engine's model: one treaty per atopid, with member
 * spells as stated by the member rows, provisions per obligation type, phase and condition,
 * a signature and (for ended alliances) a termination event, stated claims with line-level
 * sources, and the duration coding as a clause where it agrees with the dates. Every decision
 * is explained in docs/datasets/atop.md.
 */
import { addPeriod, earliestDay, latestDay, precisionOf, type CalendarDate, type IsoDay, type Period } from '../../core/dates.js';
import type { Problem } from '../../core/errors.js';
import {
  ALLIANCE_TYPES,
  type AllianceType,
  type CCode,
  type DurationClause,
  type Party,
  type PartySelector,
  type Provision,
  type Source,
  type SourceRef,
  type StatedClaim,
  type StatedSpell,
  type Treaty,
  type TreatyEvent,
} from '../../core/model.js';
import {
  BASE_LABELS,
  ECAID_LABELS,
  MILAID_LABELS,
  OBLIGATION_COLUMNS,
  ORGAN_LABELS,
  ORGPURP_LABELS,
  PROREN_LABELS,
  RENOUNCE_LABELS,
  SPECLGTH_LABELS,
  TERMCAUS_LABELS,
  TERMMODE_LABELS,
  TERM_LABELS,
  dataEnd,
  label,
} from './codebook.js';
import { atopCondition } from './conditions.js';
import type { AtopAllianceRow, AtopMemberRow } from './parse.js';

/** The parsed files of one ATOP release, ready to become treaties. */
export interface AtopRelease {
  /** `5.1`, `4.01`. */
  readonly version: string;
  /** `full` files, or the `nna` files without pure non-aggression pacts. */
  readonly variant: 'full' | 'nna';
  readonly members: { readonly file: string; readonly rows: readonly AtopMemberRow[] };
  readonly alliances?: { readonly file: string; readonly rows: readonly AtopAllianceRow[] };
  readonly phases?: { readonly file: string; readonly rows: readonly AtopAllianceRow[] };
}

/** How states are named in treaty names and texts (from the polity registry). */
export interface AtopNaming {
  abbrevOf(ccode: CCode): string;
  nameOf(ccode: CCode): string;
}

/** The origin label of a release's treaties: `atop-5.1`, `atop-4.01`. */
export function atopOrigin(version: string): string {
  return `atop-${version}`;
}

/** Id of an ATOP-only treaty: `atop-<atopid>` for 5.1, `atop-<version>-<atopid>` for other versions. */
export function atopTreatyId(version: string, atopid: number): string {
  return version === '5.1' ? `atop-${atopid}` : `atop-${version}-${atopid}`;
}

const OBLIGATION_TEXT: Readonly<Record<AllianceType, string>> = {
  defense: 'to give active military support if another member is attacked (defense)',
  offense: 'to give active military support in circumstances other than an attack on a member (offense)',
  neutrality: 'to stay neutral, and not help the adversary, if another member is in a conflict with a third party (neutrality)',
  nonaggression: 'not to use force against the other members (non-aggression)',
  consultation: 'to consult the other members in a crisis that could become a military conflict (consultation)',
};

function months(n: number): Period {
  const years = Math.floor(n / 12);
  const rest = n % 12;
  return { ...(years ? { years } : {}), ...(rest ? { months: rest } : {}) };
}

/** The last day a date of any precision can mean; used for ends known only to the month. */
function endDay(date: CalendarDate): IsoDay {
  return latestDay(date);
}

function listNames(codes: readonly CCode[], naming: AtopNaming): string {
  const names = codes.map((c) => naming.nameOf(c));
  return names.length <= 1 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
}

function sameSet(a: readonly CCode[], b: readonly CCode[]): boolean {
  const s = new Set(a);
  return s.size === new Set(b).size && b.every((x) => s.has(x));
}

/**
 * Builds the treaties of a release. Problems are inconsistencies between the files (a member row
 * whose alliance is missing from the alliance file, and so on); they point at file and line.
 */
export function atopTreaties(release: AtopRelease, naming: AtopNaming): { treaties: Treaty[]; problems: Problem[]; warnings: Problem[] } {
  const problems: Problem[] = [];
  const warnings: Problem[] = [];
  const { version, variant } = release;
  const origin = atopOrigin(version);
  const lastDay = dataEnd(version);
  const byId = new Map<number, AtopMemberRow[]>();
  for (const r of release.members.rows) {
    let list = byId.get(r.atopid);
    if (!list) byId.set(r.atopid, (list = []));
    list.push(r);
  }
  const alliances = new Map<number, AtopAllianceRow>();
  for (const a of release.alliances?.rows ?? []) {
    if (alliances.has(a.atopid)) {
      problems.push({ code: 'E_ATOP_DUPLICATE', message: `atopid ${a.atopid} appears twice`, location: { file: release.alliances!.file, line: a.line, column: 1 }, expected: 'one row per alliance' });
    }
    alliances.set(a.atopid, a);
    if (!byId.has(a.atopid)) {
      problems.push({ code: 'E_ATOP_CROSS', message: `atopid ${a.atopid} has no rows in ${release.members.file}`, location: { file: release.alliances!.file, line: a.line, column: 1 }, expected: `alliances that also appear in ${release.members.file} (files of the same release and variant)` });
    }
  }
  const phases = new Map<string, AtopAllianceRow>();
  for (const a of release.phases?.rows ?? []) phases.set(`${a.atopid}/${a.phase}`, a);

  const treaties: Treaty[] = [];
  for (const [atopid, rows] of byId) {
    const mFile = release.members.file;
    const mId = `${origin}-${atopid}-m`;
    const sources: Record<string, Source> = {
      [mId]: dataset(mId, version, variant, mFile, 'member-level', atopid),
    };
    const mref = (r: AtopMemberRow): SourceRef => ({ source: mId, at: `line ${r.line}` });
    const A = alliances.get(atopid);
    let aref: SourceRef[] = [];
    if (release.alliances) {
      if (!A) {
        problems.push({ code: 'E_ATOP_CROSS', message: `atopid ${atopid} is not in ${release.alliances.file}`, location: { file: mFile, line: rows[0]!.line, column: 1 }, expected: `alliances that also appear in ${release.alliances.file} (files of the same release and variant)` });
        continue;
      }
      const aId = `${origin}-${atopid}-a`;
      sources[aId] = dataset(aId, version, variant, release.alliances.file, 'alliance-level', atopid);
      aref = [{ source: aId, at: `line ${A.line}` }];
      for (const r of rows) {
        if (A.members.length && !A.members.includes(r.member)) {
          problems.push({ code: 'E_ATOP_CROSS', message: `member ${r.member} of atopid ${atopid} is not among its members (MEM1…) in ${release.alliances.file} line ${A.line}`, location: { file: mFile, line: r.line, column: 1 }, expected: 'the same members in the member-level and alliance-level files' });
        }
      }
    }
    const members = [...new Set(rows.map((r) => r.member))];
    const byEarliest = (a: CalendarDate, b: CalendarDate) => (earliestDay(a) < earliestDay(b) ? -1 : earliestDay(a) > earliestDay(b) ? 1 : 0);
    const firstEntries = members.map((c) => rows.filter((r) => r.member === c).map((r) => r.entry).sort(byEarliest)[0]!);
    const firstEntry = (c: CCode) => earliestDay(firstEntries[members.indexOf(c)]!);
    // Codebook §2.42: an alliance begins when at least two members have signed.
    const begin: CalendarDate = A ? A.begin : [...firstEntries].sort(byEarliest)[Math.min(1, firstEntries.length - 1)]!;
    const beginRefs = A ? aref : rows.filter((r) => earliestDay(r.entry) <= earliestDay(begin)).map(mref);
    const ongoing = rows.some((r) => r.exit === null);
    const end: CalendarDate | null = A ? A.end : ongoing ? null : rows.map((r) => r.exit!).sort((a, b) => (latestDay(a) < latestDay(b) ? -1 : 1)).at(-1)!;
    const endRefs = A ? aref : rows.filter((r) => r.exit !== null && end !== null && latestDay(r.exit) === latestDay(end)).map(mref);
    const lastPhase = Math.max(...rows.map((r) => r.phase));
    const term = A ? A.term : (rows.find((r) => r.phase === lastPhase)?.v.term ?? null);

    const parties: Party[] = members.map((c) => {
      const own = rows.filter((r) => r.member === c).sort((a, b) => (earliestDay(a.entry) < earliestDay(b.entry) ? -1 : earliestDay(a.entry) > earliestDay(b.entry) ? 1 : a.line - b.line));
      return { state: c, role: firstEntry(c) > latestDay(begin) ? 'acceded' : 'original', spells: memberSpells(own, mref), sources: own.map(mref) };
    });

    const events: TreatyEvent[] = [
      { type: 'signature', date: begin, note: 'ATOP formation date: the day on which at least two members had signed (codebook §2.42); ATOP records signature, not ratification', sources: beginRefs },
    ];
    if (end !== null) {
      events.push({
        type: 'termination',
        date: endDay(end),
        note: `ATOP end date${precisionOf(end) === 'day' ? '' : ` ${end}, day unknown; its last day is used, as for member exits`}; TERM=${term ?? 'blank'}: ${label(TERM_LABELS, term)}`,
        sources: endRefs,
      });
    }

    const claims: StatedClaim[] = [{ field: 'signed', value: begin, note: 'ATOP formation (signature) date', sources: beginRefs }];
    if (end !== null) claims.push({ field: 'end', value: end, note: `ATOP end date; TERM=${term ?? 'blank'}: ${label(TERM_LABELS, term)}`, sources: endRefs });
    for (const r of [...rows].sort((a, b) => a.line - b.line)) {
      claims.push({ field: 'signed', value: r.entry, party: r.member, note: `ATOP entry (signature) of this member${r.phase ? ` in phase ${r.phase}` : ''}`, sources: [mref(r)] });
      if (r.exit !== null) {
        claims.push({
          field: 'end',
          value: r.exit,
          party: r.member,
          note: `ATOP exit of this member${r.phase ? ` from phase ${r.phase}` : ''}; TERMMODE=${r.v.termmode ?? 'blank'}: ${label(TERMMODE_LABELS, r.v.termmode ?? null)}; TERMCAUS=${r.v.termcaus ?? 'blank'}: ${label(TERMCAUS_LABELS, r.v.termcaus ?? null)}`,
          sources: [mref(r)],
        });
      }
    }

    // Provisions, phase by phase.
    const provisions: Provision[] = [];
    const phaseNumbers = [...new Set(rows.map((r) => r.phase))].sort((a, b) => a - b);
    if (release.phases && !phaseNumbers.includes(0)) {
      const aphId = `${origin}-${atopid}-aph`;
      sources[aphId] = dataset(aphId, version, variant, release.phases.file, 'alliance-phase-level', atopid);
    }
    const obligationSummary: string[] = [];
    for (const p of phaseNumbers) {
      const rowsP = rows.filter((r) => r.phase === p);
      const membersP = [...new Set(rowsP.map((r) => r.member))];
      const window = phaseWindow(p, rowsP, phases.get(`${atopid}/${p}`));
      if (p > 0 && release.phases && !phases.has(`${atopid}/${p}`)) {
        problems.push({ code: 'E_ATOP_CROSS', message: `phase ${p} of atopid ${atopid} is not in ${release.phases.file}`, location: { file: mFile, line: rowsP[0]!.line, column: 1 }, expected: 'every phase of the member-level file in the alliance-phase file' });
      }
      const phaseRefs: SourceRef[] = p > 0 && phases.has(`${atopid}/${p}`) ? [{ source: `${origin}-${atopid}-aph`, at: `line ${phases.get(`${atopid}/${p}`)!.line}` }] : [];
      const suffix = p ? `-phase-${p}` : '';
      // The alliance-level (or phase-level) row, where there is one. Variables coded once per alliance
      // are cited there; so is an obligation every member of a symmetric alliance (ASYMM=0) bears
      // alike, with the first member row for the details of its conditions, which only member rows code.
      const levelRefs = p > 0 ? phaseRefs : aref;
      const symmetric = levelRefs.length > 0 && rowsP.every((r) => r.v.asymm === 0);
      const beneficiaries: PartySelector = p === 0 ? 'others' : membersP;
      const bearersOf = (codes: CCode[]): PartySelector => (p === 0 && sameSet(codes, members) ? 'all' : codes);
      for (const type of ALLIANCE_TYPES) {
        const col = OBLIGATION_COLUMNS[type];
        const groups = new Map<string, { codes: CCode[]; rows: AtopMemberRow[]; condition?: string; conditionText?: string; obvary: boolean }>();
        for (const r of rowsP) {
          if (r.v[col] !== 1) continue;
          const count = ALLIANCE_TYPES.filter((t) => r.v[OBLIGATION_COLUMNS[t]] === 1).length;
          const cond = atopCondition(type, (c) => r.v[c], count, naming.nameOf);
          const key = `${cond.condition ?? ''}\u0000${cond.conditionText ?? ''}`;
          let g = groups.get(key);
          if (!g) groups.set(key, (g = { codes: [], rows: [], ...cond, obvary: false }));
          if (!g.codes.includes(r.member)) g.codes.push(r.member);
          g.rows.push(r);
          if (r.v.obvary === 1) g.obvary = true;
        }
        [...groups.values()].forEach((g, i) => {
          const bearers = bearersOf(g.codes);
          const who = bearers === 'all' ? 'Each member' : listNames(g.codes, naming);
          const summary = `${who} promise${bearers === 'all' || g.codes.length === 1 ? 's' : ''} ${OBLIGATION_TEXT[type]}, as ATOP codes it (${col.toUpperCase()}=1)${p ? ` in phase ${p}` : ''}.${g.obvary ? ' ATOP codes that this obligation differs between partners (OBVARY=1) without saying how; it is recorded toward every other member.' : ''}`;
          obligationSummary.push(`${type}${p ? ` (phase ${p})` : ''}: ${bearers === 'all' ? 'all members' : g.codes.map((c) => naming.abbrevOf(c)).join(', ')}${g.condition || g.conditionText ? ', conditional' : ''}`);
          provisions.push({
            id: `${type}${suffix}${i ? `-${i + 1}` : ''}`,
            type,
            bearers,
            beneficiaries,
            ...(g.condition ? { condition: g.condition } : {}),
            ...(g.conditionText ? { conditionText: g.conditionText } : {}),
            summary,
            ...window,
            sources: symmetric && sameSet(g.codes, membersP) ? [...levelRefs, mref(g.rows[0]!)] : [...g.rows.map(mref), ...phaseRefs],
          });
        });
      }
      // Alliance-level (A) provisions: the values are the same in every member row of the phase.
      const v = rowsP[0]!.v;
      const common = { bearers: bearersOf(membersP), beneficiaries, ...window, sources: levelRefs.length ? levelRefs : rowsP.map(mref) };
      const extra = (id: string, type: Provision['type'], column: string, code: number | null | undefined, labels: Readonly<Record<number, string>>, what: string, direction: string): void => {
        if (!code) return;
        provisions.push({
          id: `${id}${suffix}`,
          type,
          ...common,
          summary: `The treaty provides for ${what}: ${label(labels, code)} (${column.toUpperCase()}=${code}${p ? `, phase ${p}` : ''}). ${direction}`,
          terms: { atopVariable: column.toUpperCase(), atopCode: code, kind: label(labels, code) },
        });
      };
      const undirected = 'ATOP does not code which member gives and which receives; it is recorded between all members.';
      extra('economic-aid', 'economic-aid', 'ecaid', v.ecaid, ECAID_LABELS, 'economic aid', undirected);
      extra('military-aid', 'military-aid', 'milaid', v.milaid, MILAID_LABELS, 'military aid', undirected);
      extra('bases', 'bases', 'base', v.base, BASE_LABELS, 'troop stationing or bases', v.base === 3 ? 'ATOP does not code which members station troops where; it is recorded between all members.' : 'It is mutual.');
      if (v.organ1) {
        const orgs = [
          `${label(ORGAN_LABELS, v.organ1)} for ${label(ORGPURP_LABELS, v.orgpurp1 ?? null)} purposes (ORGAN1=${v.organ1}, ORGPURP1=${v.orgpurp1 ?? 'blank'})`,
          ...(v.organ2 ? [`${label(ORGAN_LABELS, v.organ2)} for ${label(ORGPURP_LABELS, v.orgpurp2 ?? null)} purposes (ORGAN2=${v.organ2}, ORGPURP2=${v.orgpurp2 ?? 'blank'})`] : []),
        ];
        // An institution of the alliance, not a duty owed to a partner: no beneficiaries, so it
        // is shown with the treaty but creates no pairwise obligations in the index.
        provisions.push({
          id: `organisation${suffix}`,
          type: 'other',
          ...common,
          beneficiaries: [],
          summary: `The treaty sets up ${orgs.join(', and ')}${p ? ` in phase ${p}` : ''}.`,
          terms: { organ1: v.organ1, orgpurp1: v.orgpurp1 ?? -1, ...(v.organ2 ? { organ2: v.organ2, orgpurp2: v.orgpurp2 ?? -1 } : {}), kind: orgs.join('; ') },
        });
      }
    }

    // Duration (alliance-level variables of the first phase).
    const first = rows.find((r) => r.phase === phaseNumbers[0])!;
    const d = first.v;
    const durationNote = `${label(SPECLGTH_LABELS, d.speclgth ?? null)}${d.speclgth === 1 && d.length ? ` (${d.length} months)` : ''}; ${label(PROREN_LABELS, d.proren ?? null)}${d.proren === 2 && d.renewlgt ? ` (renewal periods of ${d.renewlgt} months)` : ''}; ${label(RENOUNCE_LABELS, d.renounce ?? null)}`;
    const durationRefs = rows.filter((r) => r.phase === first.phase).map(mref);
    const duration = lastPhase === 0 ? durationClause(d, begin, end, lastDay, durationRefs) : undefined;

    const abbrevs = members.map((c) => naming.abbrevOf(c));
    const year = begin.slice(0, 4);
    const name = members.length <= 4 ? `ATOP ${atopid}: ${abbrevs.join(', ')} (${year})` : `ATOP ${atopid}: ${abbrevs.slice(0, 3).join(', ')} and ${members.length - 3} more (${year})`;
    const summary = [
      `Alliance ${atopid} of ATOP ${version}${variant === 'nna' ? ' (NNA files, without pure non-aggression pacts)' : ''}, formed ${begin}${end ? `, ended ${end} (${label(TERM_LABELS, term)})` : lastDay ? `, in effect at ${lastDay}, the end of the data (INEFFECT=1)` : ', in effect at the end of the data'}.`,
      `Obligations: ${obligationSummary.join('; ') || 'none coded for any member (the alliance is asymmetric beyond the five types)'}.`,
      `Duration (ATOP): ${durationNote}${lastPhase ? `; ${lastPhase} phases, each with its own coding` : ''}${duration ? '' : d.speclgth === 1 ? '; not turned into a duration clause because it would contradict the dates or the renewal term is unspecified' : ''}.`,
    ].join(' ');

    treaties.push({
      id: atopTreatyId(version, atopid),
      atopids: [atopid],
      names: [{ text: name, lang: 'en', kind: 'short', sources: beginRefs }],
      sources,
      parties,
      signatories: [],
      events,
      ...(duration ? { duration } : {}),
      provisions,
      relations: [],
      claims,
      summary,
      origin,
    });
  }
  return { treaties, problems, warnings };
}

/**
 * A member's rows as spells: rows that touch or overlap (one phase ends the day the next begins)
 * are one spell citing every row; a gap (the member left and rejoined) starts a new spell.
 */
function memberSpells(rows: readonly AtopMemberRow[], ref: (r: AtopMemberRow) => SourceRef): StatedSpell[] {
  const spells: { start: CalendarDate; end: CalendarDate | null; sources: SourceRef[] }[] = [];
  for (const r of rows) {
    const last = spells.at(-1);
    if (last && (last.end === null || earliestDay(r.entry) <= addPeriod(latestDay(last.end), { days: 1 }))) {
      if (last.end !== null && (r.exit === null || latestDay(r.exit) > latestDay(last.end))) last.end = r.exit;
      last.sources.push(ref(r));
      continue;
    }
    spells.push({ start: r.entry, end: r.exit, sources: [ref(r)] });
  }
  return spells;
}

function dataset(id: string, version: string, variant: 'full' | 'nna', file: string, level: string, atopid: number): Source {
  return {
    id,
    kind: 'dataset',
    title: `ATOP ${version} ${level} file ${file}${variant === 'nna' ? ' (NNA)' : ''}, atopid ${atopid}`,
    url: 'http://www.atopdata.org',
    dataset: 'ATOP',
    version,
    file,
  };
}

/** The days a phase's provisions apply: the alliance-phase row if there is one, else the member rows. */
function phaseWindow(phase: number, rows: readonly AtopMemberRow[], row: AtopAllianceRow | undefined): { from?: IsoDay; until?: IsoDay } {
  if (phase === 0) return {};
  const from = row ? earliestDay(row.begin) : rows.map((r) => earliestDay(r.entry)).sort()[0]!;
  const end = row ? row.end : rows.some((r) => r.exit === null) ? null : rows.map((r) => latestDay(r.exit!)).sort().at(-1)!;
  return { from, ...(end !== null ? { until: latestDay(end) } : {}) };
}

/**
 * The duration clause ATOP's coding implies, or `undefined` where it would contradict ATOP's
 * own dates (an expiry before the recorded end, which means an unrecorded active renewal) or
 * cannot be stated (automatic renewal for an unspecified period, a term ending on an event).
 */
function durationClause(
  v: Readonly<Record<string, number | null>>,
  begin: CalendarDate,
  end: CalendarDate | null,
  lastDay: IsoDay | null,
  sources: SourceRef[],
): DurationClause | undefined {
  if (v.speclgth === 3) return { entryIntoForce: 'signature', anchor: 'signature', sources };
  if (v.speclgth !== 1 || !v.length) return undefined;
  const term = months(v.length);
  if (v.proren === 2 && !v.renewlgt) return undefined;
  const renewal = v.proren === 2 ? { term: months(v.renewlgt!) } : undefined;
  const clause: DurationClause = { entryIntoForce: 'signature', anchor: 'signature', term, ...(renewal ? { renewal } : {}), sources };
  if (renewal) return clause;
  const expiry = addPeriod(earliestDay(begin), term);
  if (end !== null) return expiry >= latestDay(end) ? clause : undefined;
  return lastDay === null || expiry > lastDay ? clause : undefined;
}

/**
 * What the ATOP codebook (version 5.1, 2022-08-09; the 4.01 layout differs only in NEW4/REV4)
 * says about the columns Pacta reads: which columns each release file has, and the labels of
 * the numeric codes, so that imported records explain themselves in words.
 */
import type { AllianceType } from '../../core/model.js';

/** The three ATOP files Pacta reads: member level, alliance level, alliance-phase level. */
export type AtopLevel = 'member' | 'alliance' | 'phase';

/** The ATOP obligation column of each alliance type. */
export const OBLIGATION_COLUMNS: Readonly<Record<AllianceType, string>> = {
  defense: 'defense',
  offense: 'offense',
  neutrality: 'neutral',
  nonaggression: 'nonagg',
  consultation: 'consul',
};

/** Condition columns (member level) in the order the codebook lists them. */
export const CONDITION_COLUMNS = [
  'defcon', 'offcon', 'neucon', 'concon',
  'defcoadv', 'defcoloc', 'defcocon', 'defconum', 'defcodem', 'defconpr',
  'offcoadv', 'offcoloc', 'offcocon', 'offconum', 'offcodem',
  'neucoadv', 'neucoloc', 'neucocon', 'neuconum', 'neucodem', 'neuconpr', 'neucoatt',
  'concoadv', 'concoloc', 'concocon', 'concoreq',
  'olimob',
] as const;

/** Alliance-level (A) variables Pacta turns into duration notes and further provisions. */
export const DURATION_COLUMNS = ['speclgth', 'length', 'renounce', 'proren', 'renewlgt'] as const;
/** Aid, basing and organisation variables. */
export const PROVISION_COLUMNS = ['ecaid', 'milaid', 'base', 'organ1', 'orgpurp1', 'organ2', 'orgpurp2'] as const;

/** Member-level columns an import needs. */
export const MEMBER_REQUIRED = [
  'atopid', 'member', 'cowsys', 'yrent', 'moent', 'dayent', 'yrexit', 'moexit', 'dayexit', 'ineffect', 'bilat', 'phase', 'maxphase',
  ...DURATION_COLUMNS, 'term', 'termmode', 'termcaus',
  'defense', 'offense', 'neutral', 'nonagg', 'consul', ...CONDITION_COLUMNS,
  'asymm', 'obvary', 'specthrt', 'statthr1', 'statthr2', ...PROVISION_COLUMNS, 'version',
] as const;

/** Every other member-level column of the 5.1 and 4.01 releases (read but not used). */
export const MEMBER_OTHER = [
  'cowid', 'cow4id', 'wartime', 'cowwar', 'estmode', 'pubsecr', 'secrart', 'proadd', 'futmem', 'active', 'conditio',
  'notaiden', 'dipaid', 'terrres', 'seppeace', 'thirdcom', 'noothall', 'conwtin', 'medarb', 'milcon', 'intcom', 'subord',
  'contrib', 'armred', 'acqterr', 'divgains', 'demwith', 'reflnun', 'refothio', 'natrefal', 'compag', 'nomicoop', 'conres',
  'agprois', 'conmen', 'interv', 'source', 'new5', 'rev5', 'new4', 'rev4',
] as const;

/** Alliance-level and alliance-phase-level columns an import needs (phase adds `phase`). */
export const ALLIANCE_REQUIRED = ['atopid', 'begyr', 'begmo', 'begday', 'endyr', 'endmo', 'endday', 'ineffect', 'maxphase', 'term', 'version'] as const;

/** Every other alliance-level column (members are mem1…mem59). */
export const ALLIANCE_OTHER = [
  'atopidphase', 'phase', 'cowid', 'cow4id', 'bilat', 'wartime', 'estmode', 'pubsecr', 'secrart', 'proadd', 'futmem', ...DURATION_COLUMNS,
  'defense', 'offense', 'neutral', 'nonagg', 'consul', 'active', 'conditio', 'defcon', 'offcon', 'neucon', 'concon', 'asymm',
  'notaiden', 'dipaid', 'terrres', 'seppeace', 'thirdcom', 'noothall', 'specthrt', 'statthr1', 'statthr2', 'conwtin', 'medarb',
  'milcon', 'milaid', 'intcom', 'subord', 'organ1', 'orgpurp1', 'organ2', 'orgpurp2', 'base', 'contrib', 'armred', 'acqterr',
  'divgains', 'demwith', 'reflnun', 'refothio', 'natrefal', 'compag', 'nomicoop', 'conres', 'agprois', 'conmen', 'ecaid', 'interv',
  'source', 'new5', 'rev5', 'new4', 'rev4',
  ...Array.from({ length: 59 }, (_, i) => `mem${i + 1}`),
] as const;

/** TERM (alliance level): how the alliance (phase) ended. */
export const TERM_LABELS: Readonly<Record<number, string>> = {
  0: 'censored: still in effect at the end of the data, or a member lost independence for reasons unrelated to the alliance',
  1: 'fulfilment: its term was completed or its goals accomplished',
  2: 'violation, including abrogation before the scheduled end',
  3: 'renegotiation: the members negotiated a new relationship',
};

/** TERMMODE (member level): how this member left. */
export const TERMMODE_LABELS: Readonly<Record<number, string>> = {
  0: 'still in effect for this member',
  1: 'not renewed at its scheduled termination date',
  2: 'replaced by a new agreement among the members',
  3: 'broken before its scheduled termination date',
  4: 'a member lost political independence',
  5: 'the casus foederis ceased to exist',
  6: 'ended by the loss of a war',
};

/** TERMCAUS (member level): why this member left, in ATOP's judgement. */
export const TERMCAUS_LABELS: Readonly<Record<number, string>> = {
  0: 'still in effect for this member',
  1: 'renegotiation by the members',
  2: 'change in the political status of one or more members',
  3: 'change in the external conditions that prompted the alliance',
  4: 'policy dispute among the members unrelated to the alliance',
  5: 'dispute about managing the alliance',
  6: 'military conflict among the members',
  7: 'military conflict of one or more members with a third party',
  8: 'violation of provisions short of military conflict',
};

/** SPECLGTH. */
export const SPECLGTH_LABELS: Readonly<Record<number, string>> = {
  0: 'no duration is specified',
  1: 'in effect for a specified period',
  2: 'in effect until a stated event (e.g. the end of a war)',
  3: 'of indefinite duration (until a member withdraws)',
};

/** PROREN. */
export const PROREN_LABELS: Readonly<Record<number, string>> = {
  0: 'renewal is not mentioned',
  1: 'the parties may review and actively renew it',
  2: 'it stays in effect unless notice of non-renewal is given',
};

/** RENOUNCE. */
export const RENOUNCE_LABELS: Readonly<Record<number, string>> = {
  0: 'no provision for renouncing it during its term',
  1: 'a party may renounce it with notice',
  2: 'a party may renounce it if another member acts aggressively',
  3: 'a party may renounce it after a specified period, before its scheduled end',
  4: 'renunciation is prohibited',
};

/** ECAID. */
export const ECAID_LABELS: Readonly<Record<number, string>> = { 1: 'general economic aid', 2: 'economic support for postwar recovery', 3: 'trade concessions (including MFN status)' };
/** MILAID. */
export const MILAID_LABELS: Readonly<Record<number, string>> = { 1: 'general military assistance', 2: 'military grants and/or loans', 3: 'military training and/or technology', 4: 'grants or loans and training or technology' };
/** BASE. */
export const BASE_LABELS: Readonly<Record<number, string>> = { 1: 'joint troop placements on neutral territory', 2: 'mutual stationing of troops or use of each other’s facilities', 3: 'one or more members station troops on the territory of others (not reciprocal)' };
/** ORGAN1/ORGAN2. */
export const ORGAN_LABELS: Readonly<Record<number, string>> = { 1: 'regularly scheduled meetings of officials', 2: 'a named organisation with regularly scheduled meetings', 3: 'an organisation with a permanent bureaucracy' };
/** ORGPURP1/ORGPURP2. */
export const ORGPURP_LABELS: Readonly<Record<number, string>> = { 0: 'no stated purpose', 1: 'military', 2: 'economic', 3: 'political consultation', 4: 'military, economic and political', 5: 'dispute resolution' };

/** A label for a code, or a plain statement that the codebook does not define it. */
export function label(labels: Readonly<Record<number, string>>, code: number | null): string {
  if (code === null) return 'unknown (blank in the data)';
  return labels[code] ?? `code ${code}, not defined in the codebook`;
}

/** First day every ATOP release covers: its alliances run from 1815 on. */
export const DATA_START = '1815-01-01';

/** Last day covered by a release: ATOP 5.x runs to 2018-12-31, 4.x to 2016-12-31. */
export function dataEnd(version: string): string | null {
  const major = version.split('.')[0];
  return major === '5' ? '2018-12-31' : major === '4' ? '2016-12-31' : null;
}

/** ATOP's placeholder code for Annam (France–Annam, atopid 1320), a Gleditsch–Ward but not a COW state. */
export const ANNAM_PLACEHOLDER = 8152;

/**
 * The domain model: polities, treaties, events, provisions, duration clauses, relations,
 * and the sources every fact is claimed by. These are plain data (JSON-serialisable), so
 * every layer (treaty files, dataset importers, stores, API) exchanges the same shapes.
 */
import type { CalendarDate, IsoDay, Period } from './dates.js';

/** Correlates of War state code, the primary key for states across sources. */
export type CCode = number;

/** A name of a polity or treaty, with its BCP 47 language tag (`en`, `zh-Hans`, `zh-Latn-pinyin`). */
export interface Name {
  readonly text: string;
  readonly lang: string;
  /** `official`, `short`, `alternative`: what kind of name it is. */
  readonly kind?: 'official' | 'short' | 'alternative';
  readonly sources?: readonly SourceRef[];
}

/** A spell of membership in the state system (COW states2016), closed interval. */
export interface SystemSpell {
  readonly start: IsoDay;
  /** Last day; `null` when the data end with the state still a member. */
  readonly end: IsoDay | null;
}

/** A state as research data knows it. */
export interface Polity {
  readonly ccode: CCode;
  /** COW three-letter abbreviation, e.g. `RUS`. */
  readonly abbrev: string;
  /** Preferred English name, e.g. `Russia`. */
  readonly name: string;
  /** Other names and aliases, e.g. `Soviet Union`, `USSR`, `中国`. */
  readonly aliases: readonly string[];
  /** Names that held only for a time, e.g. `Soviet Union` for 365 from 1922-12-30 to 1991-12-25. */
  readonly historicalNames?: readonly { readonly name: string; readonly start: IsoDay; readonly end: IsoDay }[];
  readonly gwcode?: number;
  readonly iso?: string;
  readonly spells: readonly SystemSpell[];
  /**
   * States this one succeeded, with the date: e.g. 255 succeeds 260 and 265 on 1990-10-03.
   * `continuity` means the successor carries on the predecessor's treaties (unified Germany
   * continued West Germany's; the GDR's lapsed).
   */
  readonly succeeds?: readonly { readonly ccode: CCode; readonly on: IsoDay; readonly continuity: boolean }[];
  /** Spells of major-power status (COW majors2016), closed intervals; absent when never one or not imported. */
  readonly majorPower?: readonly SystemSpell[];
  /** Spells in the Gleditsch–Ward list of independent states, as that list gives them for `gwcode`. */
  readonly gwSpells?: readonly SystemSpell[];
  readonly sources?: readonly SourceRef[];
}

/** What kind of thing a source is. */
export type SourceKind = 'treaty-text' | 'encyclopedia' | 'dataset' | 'literature' | 'curator' | 'derived';

/** A source of claims: a treaty text, an encyclopedia article, a dataset file, a book. */
export interface Source {
  readonly id: string;
  readonly kind: SourceKind;
  readonly title: string;
  readonly url?: string;
  /** For datasets: name (`ATOP`), version (`5.1`) and file (`atop5_1m.csv`). */
  readonly dataset?: string;
  readonly version?: string;
  readonly file?: string;
  readonly note?: string;
}

/** A pointer to a source, optionally to a spot in it (article 4, line 891). */
export interface SourceRef {
  readonly source: string;
  /** Article, page, line, row: where in the source the fact is. */
  readonly at?: string;
}

/** Types of treaty events. */
export const EVENT_TYPES = [
  'signature',
  'ratification',
  'exchange-of-ratifications',
  'entry-into-force',
  'accession',
  'notice-of-denunciation',
  'withdrawal',
  'extension',
  'suspension',
  'resumption',
  'termination',
] as const;
/** A type of treaty event. */
export type EventType = (typeof EVENT_TYPES)[number];

/** Something that happened to a treaty, or to one party's membership in it. */
export interface TreatyEvent {
  readonly type: EventType;
  readonly date: CalendarDate;
  /** The party the event concerns (its ratification, accession, notice, withdrawal). */
  readonly party?: CCode;
  /** For `extension`: the new term, counted from the end of the period then running unless `termFrom` says `event`. */
  readonly term?: Period;
  /** For `extension`: count the new term from the end of the running period (default) or from the event's date. */
  readonly termFrom?: 'period-end' | 'event';
  /** For `suspension` and `resumption`: only the obligations between `party` and this state. */
  readonly towards?: CCode;
  readonly note?: string;
  readonly sources: readonly SourceRef[];
}

/** The obligation types: the ATOP five and the further kinds Pacta records. */
export const PROVISION_TYPES = [
  'defense',
  'offense',
  'neutrality',
  'nonaggression',
  'consultation',
  'non-alliance',
  'economic-aid',
  'military-aid',
  'bases',
  'recognition',
  'other',
] as const;
/** An obligation type. */
export type ProvisionType = (typeof PROVISION_TYPES)[number];

/** The five alliance obligation types that ATOP codes and that make states allies. */
export const ALLIANCE_TYPES = ['defense', 'offense', 'neutrality', 'nonaggression', 'consultation'] as const;
/** One of the ATOP five. */
export type AllianceType = (typeof ALLIANCE_TYPES)[number];

/** Who bears or benefits from a provision: `all` parties, `others` (beneficiaries only), or listed states. */
export type PartySelector = 'all' | 'others' | readonly CCode[];

/** A typed obligation of bearers toward beneficiaries, possibly conditional. */
export interface Provision {
  readonly id: string;
  readonly type: ProvisionType;
  /** Article number(s) of the treaty text, e.g. `1` or `5-6`. */
  readonly article?: string;
  readonly bearers: PartySelector;
  /** `others`: each bearer owes every other party. */
  readonly beneficiaries: PartySelector;
  /** CEL expression over the attack context; absent means unconditional. */
  readonly condition?: string;
  /** The condition in plain language, in our own words. */
  readonly conditionText?: string;
  /** The obligation in plain language, in our own words. */
  readonly summary?: string;
  /** Further terms, e.g. for a credit: amount, currency, interest, schedule. */
  readonly terms?: Readonly<Record<string, string | number | boolean>>;
  /** First and last day the provision applies, when narrower than the treaty (ATOP phases). */
  readonly from?: IsoDay;
  readonly until?: IsoDay;
  readonly sources: readonly SourceRef[];
}

/** How a treaty enters into force. */
export type EntryRule = 'signature' | 'exchange-of-ratifications' | 'ratification-by-all' | 'stated';

/** A treaty's duration clause: term, renewal, notice, withdrawal. */
export interface DurationClause {
  readonly entryIntoForce: EntryRule;
  /** Event the term counts from; defaults to entry into force. */
  readonly anchor?: 'signature' | 'entry-into-force';
  /** Initial term; absent means indefinite. */
  readonly term?: Period;
  /** Tacit renewal when no notice is given. */
  readonly renewal?: {
    readonly term: Period;
    /** How many renewals at most; absent means unlimited. */
    readonly times?: number;
  };
  /** Notice of denunciation must be given at least this long before a period ends. */
  readonly notice?: Period;
  /** A party may withdraw at any time; it leaves this long after its notice. */
  readonly withdrawal?: Period;
  readonly article?: string;
  readonly sources: readonly SourceRef[];
}

/** Kinds of relation between treaties. */
export const RELATION_TYPES = ['based-on', 'replaces', 'amends', 'extends', 'supplemented-by', 'supplements', 'related'] as const;
/** A kind of relation between treaties. */
export type RelationType = (typeof RELATION_TYPES)[number];

/** A relation from this treaty to another. */
export interface Relation {
  readonly type: RelationType;
  readonly treaty: string;
  readonly note?: string;
  readonly sources: readonly SourceRef[];
}

/** A person who signed for a party, as one source states it. */
export interface Signatory {
  readonly person: string;
  readonly party?: CCode;
  readonly role?: string;
  readonly sources: readonly SourceRef[];
}

/** A party as a source lists it; its membership dates come from events. */
export interface Party {
  readonly state: CCode;
  /** `original` parties are in from entry into force; `acceded` ones from their accession. */
  readonly role: 'original' | 'acceded';
  /**
   * Membership spells as a dataset states them (ATOP member rows). When present they are used
   * as given instead of being computed from events; a state may leave and rejoin.
   */
  readonly spells?: readonly StatedSpell[];
  readonly sources: readonly SourceRef[];
}

/** A membership spell stated by a source: first and last day, `null` end when still in effect. */
export interface StatedSpell {
  readonly start: CalendarDate;
  readonly end: CalendarDate | null;
  readonly sources: readonly SourceRef[];
}

/** Summary fields that sources state directly and the engine can also derive. */
export const STATED_FIELDS = ['signed', 'in-force', 'end'] as const;
/** A summary field. */
export type StatedField = (typeof STATED_FIELDS)[number];
/**
 * The fields a disagreement between sources can be about: the summary fields, then two about one
 * party (`party-end`: its last day of membership; `membership`: whether it was a party at all).
 */
export const DISAGREEMENT_FIELDS = [...STATED_FIELDS, 'party-end', 'membership'] as const;
/** A field of a disagreement. */
export type DisagreementField = (typeof DISAGREEMENT_FIELDS)[number];

/** A source's statement of a summary field, e.g. an article's "Expiry 1979-02-16". */
export interface StatedClaim {
  readonly field: StatedField;
  readonly value: CalendarDate;
  /** Restricts the claim to one party (e.g. ATOP's exit date for one member). */
  readonly party?: CCode;
  readonly note?: string;
  readonly sources: readonly SourceRef[];
}

/** A treaty, with everything every source says about it. */
export interface Treaty {
  readonly id: string;
  /** ATOP alliance ids that code this treaty. */
  readonly atopids: readonly number[];
  readonly names: readonly Name[];
  readonly sources: Readonly<Record<string, Source>>;
  readonly parties: readonly Party[];
  readonly signatories: readonly Signatory[];
  readonly events: readonly TreatyEvent[];
  readonly duration?: DurationClause;
  readonly provisions: readonly Provision[];
  readonly relations: readonly Relation[];
  readonly claims: readonly StatedClaim[];
  readonly summary?: string;
  /** Where the treaty came from: `curated` (treaty file), a dataset key such as `atop-5.1`, or `article`. */
  readonly origin: string;
  /**
   * Set on records that only carry claims about another treaty (an imported encyclopedia
   * article): the id of that treaty. Such records are folded into it before the engine is
   * built and are never treaties of their own.
   */
  readonly attachTo?: string;
}

/** The ATOP release of a record's origin (`atop-5.1` → `5.1`); undefined for other origins (`curated`). */
export function atopRelease(origin: string): string | undefined {
  return /^atop-(.+)$/.exec(origin)?.[1];
}

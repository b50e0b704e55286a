/**
 * Shapes of the API's answers, as the explorer reads them. The explorer talks to the server only
 * over HTTP, so these mirror the JSON documented at /api/docs rather than importing server code.
 */

/** A source reference with its title and kind. */
export interface SourceRef {
  readonly source: string;
  readonly title: string;
  readonly kind: string;
  readonly at?: string;
}

/** One computed step of an explanation. */
export interface Step {
  readonly text: string;
  readonly date?: string;
  readonly clause?: string;
  readonly sources: readonly SourceRef[];
}

/** The explanation of an answer. */
export interface Explanation {
  readonly claims: readonly { readonly treaty?: string; readonly fact: string; readonly value: string; readonly sources: readonly SourceRef[] }[];
  readonly steps: readonly Step[];
}

/** A state named in an answer. */
export interface StateRef {
  readonly ccode: number;
  readonly name: string;
}

/** One value a source gives for a fact. */
export interface Alternative {
  readonly value: string | null;
  readonly basis: 'derived' | 'stated';
  readonly kind: string;
  readonly sources: readonly SourceRef[];
  readonly note?: string;
}

/** A fact with its alternatives. */
export interface Fact {
  readonly field: 'signed' | 'in-force' | 'end';
  readonly value: string | null;
  readonly chosen: Alternative;
  readonly alternatives: readonly Alternative[];
  readonly disagreement: boolean;
}

/** A provision as the treaty endpoint returns it. */
export interface Provision {
  readonly id: string;
  readonly type: string;
  readonly article?: string;
  readonly bearers: 'all' | 'others' | readonly number[];
  readonly beneficiaries: 'all' | 'others' | readonly number[];
  readonly condition?: string;
  readonly conditionText?: string;
  readonly summary?: string;
  readonly terms?: Readonly<Record<string, string | number | boolean>>;
  readonly from?: string;
  readonly until?: string;
  readonly sources: readonly SourceRef[];
}

/** GET /api/treaties/:id */
export interface TreatyAnswer {
  readonly id: string;
  readonly name: string;
  readonly names: readonly { readonly text: string; readonly lang: string; readonly kind?: string; readonly sources: readonly SourceRef[] }[];
  readonly atopids: readonly number[];
  readonly origin: string;
  readonly summary: string | null;
  readonly facts: Partial<Record<'signed' | 'in-force' | 'end', Fact>>;
  readonly period: { readonly start: string | null; readonly end: string | null };
  readonly parties: readonly { readonly ccode: number; readonly name: string; readonly start: string; readonly end: string | null; readonly endReason: string | null; readonly suspended: readonly { start: string; end: string | null }[] }[];
  readonly signatories: readonly { readonly person: string; readonly partyName: string | null; readonly role?: string; readonly sources: readonly SourceRef[] }[];
  readonly events: readonly { readonly type: string; readonly date: string; readonly partyName: string | null; readonly note?: string; readonly sources: readonly SourceRef[] }[];
  readonly duration: null | {
    readonly entryIntoForce: string;
    readonly anchor?: string;
    readonly term?: Period;
    readonly renewal?: { readonly term: Period; readonly times?: number };
    readonly notice?: Period;
    readonly withdrawal?: Period;
    readonly article?: string;
    readonly sources: readonly SourceRef[];
  };
  readonly provisions: readonly Provision[];
  readonly relations: readonly { readonly type: string; readonly treaty: string; readonly name: string | null; readonly note?: string; readonly sources: readonly SourceRef[] }[];
  readonly relatedFrom: readonly { readonly type: string; readonly treaty: string; readonly name: string; readonly note?: string; readonly sources: readonly SourceRef[] }[];
  readonly sources: readonly { readonly id: string; readonly kind: string; readonly title: string; readonly url?: string; readonly note?: string; readonly file?: string; readonly dataset?: string; readonly version?: string }[];
  readonly disagreements: readonly Disagreement[];
  readonly explanation: Explanation;
}

/** A fact on which sources disagree: a treaty's date, a party's end of membership, or whether a state was a party. */
export interface Disagreement {
  readonly treaty: string;
  readonly field: 'signed' | 'in-force' | 'end' | 'party-end' | 'membership';
  readonly party?: { readonly ccode: number; readonly name: string };
  readonly value: string | null;
  readonly alternatives: readonly Alternative[];
}

/** A span such as "30 years". */
export interface Period {
  readonly years?: number;
  readonly months?: number;
  readonly days?: number;
}

/** GET /api/search */
export interface SearchAnswer {
  readonly query: string;
  readonly treaties: readonly { readonly id: string; readonly name: string; readonly names: readonly string[]; readonly origin: string }[];
  readonly states: readonly { readonly ccode: number; readonly name: string; readonly abbrev: string; readonly aliases: readonly string[] }[];
}

/** One entry of GET /api/states. */
export interface StateListEntry {
  readonly ccode: number;
  readonly abbrev: string;
  readonly name: string;
  readonly aliases: readonly string[];
}

/** GET /api/states/:state */
export interface StateAnswer {
  readonly state: { readonly ccode: number; readonly abbrev: string; readonly name: string; readonly aliases: readonly string[]; readonly spells: readonly { start: string; end: string | null }[] };
  readonly range: { readonly start: string | null; readonly end: string | null };
  readonly treaties: readonly { readonly id: string; readonly name: string; readonly origin: string; readonly types: readonly string[]; readonly spells: readonly { readonly start: string; readonly end: string | null; readonly endReason: string | null }[] }[];
  readonly obligations: readonly {
    readonly treaty: string;
    readonly provision: string;
    readonly type: string;
    readonly direction: 'owes' | 'owed';
    readonly article?: string;
    readonly summary?: string;
    readonly conditionText?: string;
    readonly counterparts: readonly { readonly ccode: number; readonly name: string; readonly start: string; readonly end: string | null }[];
  }[];
  readonly explanation: Explanation;
}

/** A grouped obligation in GET /api/obligations. */
export interface ObligationGroup {
  readonly treaty: string;
  readonly provision: string;
  readonly type: string;
  readonly article?: string;
  readonly summary?: string;
  readonly conditionText?: string;
  readonly to?: readonly StateRef[];
  readonly from?: readonly StateRef[];
}

/** GET /api/obligations */
export interface ObligationsAnswer {
  readonly state: StateRef;
  readonly on: string;
  readonly owes: readonly ObligationGroup[];
  readonly owedBy: readonly ObligationGroup[];
  /** Caveats on the date: outside the days a dataset observes. */
  readonly notices?: readonly string[];
  readonly explanation: Explanation;
}

/** GET /api/network */
export interface NetworkAnswer {
  readonly on: string;
  readonly types: readonly string[];
  readonly source: string;
  readonly stable: { readonly from: string | null; readonly until: string | null };
  readonly nodes: readonly { readonly ccode: number; readonly name: string; readonly abbrev: string; readonly degree: number }[];
  readonly edges: readonly {
    readonly source: number;
    readonly target: number;
    readonly directed: boolean;
    readonly types: readonly { readonly type: string; readonly direction: 'both' | 'forward' | 'backward' }[];
    readonly treaties: readonly string[];
    readonly obligations: number;
  }[];
  readonly treaties: readonly { readonly id: string; readonly name: string; readonly origin: string; readonly start: string | null; readonly end: string | null; readonly obligations: number }[];
  /** Caveats on the date: outside the days a dataset observes. */
  readonly notices?: readonly string[];
  readonly explanation: Explanation;
}

/** GET /api/triggered */
export interface TriggeredAnswer {
  readonly attacker: StateRef;
  readonly target: StateRef;
  readonly on: string;
  readonly obligations: readonly {
    readonly treaty: string;
    readonly provision: string;
    readonly type: string;
    readonly bearer: number;
    readonly bearerName: string;
    readonly beneficiary: number;
    readonly status: 'triggered' | 'not-triggered' | 'undetermined' | 'breached';
    readonly conditionText?: string;
    readonly condition?: string;
    readonly reason: string;
  }[];
  /** Caveats on the date: outside the days a dataset observes. */
  readonly notices?: readonly string[];
  readonly explanation: Explanation;
}

/** The API's error body. */
export interface ApiErrorBody {
  readonly error: { readonly code: string; readonly message: string; readonly field?: string; readonly expected?: string; readonly hint?: string; readonly candidates?: readonly { id: string; label: string }[] };
}

/** GET /api/health: what the server holds. */
export interface HealthAnswer {
  readonly ok: boolean;
  readonly today: string;
  /** The ATOP releases stored, oldest first, with the days each observes; the last is the default. */
  readonly atopReleases?: readonly { readonly version: string; readonly from: string | null; readonly until: string | null }[];
}

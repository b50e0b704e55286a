/**
 * JSON schemas of the API: query and path parameters (Fastify validates requests against
 * them) and response shapes (for the OpenAPI document only; responses are serialised as is).
 * Each parameter's `description` doubles as the `expected` of a validation error.
 */
import { ALLIANCE_TYPES, DISAGREEMENT_FIELDS, PROVISION_TYPES } from '../core/model.js';

/** Limits on what one request may ask for. */
export interface Limits {
  /** Longest accepted request target (path and query string), in characters. */
  readonly maxUrlLength: number;
  /** Longest search query. */
  readonly maxQueryLength: number;
  /** Most results a list may return. */
  readonly maxResults: number;
  /** Milliseconds after which a request is abandoned with 503. */
  readonly timeoutMs: number;
  /** Exports (`/api/exports/*`) generated at once; one more is answered 503 with Retry-After. */
  readonly maxConcurrentExports: number;
  /** Milliseconds an export download may take, sending included; a longer one is cut off. */
  readonly exportTimeoutMs: number;
}

/** The default limits. */
export const DEFAULT_LIMITS: Limits = { maxUrlLength: 2048, maxQueryLength: 200, maxResults: 100, timeoutMs: 5000, maxConcurrentExports: 2, exportTimeoutMs: 300_000 };

/** A calendar date parameter (syntax here; existence, such as 1950-02-30, in the handler). */
export const dateParam = {
  type: 'string',
  maxLength: 10,
  pattern: '^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$',
  description: 'a calendar date: YYYY, YYYY-MM or YYYY-MM-DD that exists (e.g. 1950-02-14)',
} as const;

/** A state reference parameter. */
export const stateParam = {
  type: 'string',
  minLength: 1,
  maxLength: 100,
  description: 'a state: COW code (365), abbreviation (RUS), name or alias (Soviet Union), at most 100 characters',
} as const;

/** The ATOP version parameter, beside `source`. */
export const atopVersionParam = {
  type: 'string',
  pattern: '^[0-9]{1,3}(\\.[0-9]{1,3}){0,3}$',
  description: 'the ATOP version that answers when several are imported, e.g. 4.01 (default: the newest); as the CLI’s --atop-version',
} as const;

/** The source filter parameter. */
export const sourceParam = {
  type: 'string',
  enum: ['all', 'curated', 'atop'],
  default: 'all',
  description: 'which records answer: all, curated (treaty files) or atop (the ATOP dataset)',
} as const;

/** Obligation types, comma-separated or repeated. */
export function typesParam(allowed: readonly string[]) {
  return {
    type: 'array',
    maxItems: allowed.length,
    items: { type: 'string', maxLength: 200 },
    description: `obligation types, comma-separated or repeated, from: ${allowed.join(', ')}`,
  } as const;
}

/** The alliance types (ATOP five). */
export const ALLIANCE_TYPE_LIST: readonly string[] = ALLIANCE_TYPES;
/** Every provision type. */
export const PROVISION_TYPE_LIST: readonly string[] = PROVISION_TYPES;
/** The fields a disagreement can be about: the summary fields, then the party-level ones. */
export const FIELD_LIST: readonly string[] = DISAGREEMENT_FIELDS;

/** A treaty id path parameter. */
export const treatyIdParam = {
  type: 'object',
  required: ['id'],
  properties: { id: { type: 'string', minLength: 1, maxLength: 200, description: 'a treaty id (sino-soviet-1950), a name in any script, or atop:<id>' } },
} as const;

const ref = { type: 'object', additionalProperties: true, properties: { source: { type: 'string' }, title: { type: 'string' }, kind: { type: 'string' }, at: { type: 'string' }, treaty: { type: 'string' } } } as const;
const leanRef = { type: 'object', properties: { source: { type: 'string' }, treaty: { type: 'string' }, at: { type: 'string' } } } as const;

/** Claims and steps, each citing sources as `sourceRef` describes. */
function explanationProperties<R>(sourceRef: R) {
  return {
    claims: {
      type: 'array',
      items: { type: 'object', properties: { treaty: { type: 'string' }, fact: { type: 'string' }, value: { type: 'string' }, sources: { type: 'array', items: sourceRef } } },
    },
    steps: {
      type: 'array',
      items: { type: 'object', properties: { text: { type: 'string' }, date: { type: 'string' }, clause: { type: 'string' }, sources: { type: 'array', items: sourceRef } } },
    },
  } as const;
}

/** The explanation attached to every answer. */
export const explanationSchema = {
  $id: 'Explanation',
  type: 'object',
  description: 'The claims the answer used, with their sources, and each computed step, so that a reader can check it by hand.',
  properties: explanationProperties(ref),
} as const;

/** The explanation of answers that would repeat sources many times: titles once, in `sources`. */
export const compactExplanationSchema = {
  $id: 'CompactExplanation',
  type: 'object',
  description: 'The claims the answer used and each computed step, as in every other answer, except that a source reference is `{source, treaty, at}` and each source\'s title and kind are listed once in `sources` under `treaty/source`.',
  properties: {
    ...explanationProperties(leanRef),
    sources: { type: 'object', additionalProperties: { type: 'object', properties: { title: { type: 'string' }, kind: { type: 'string' } } } },
  },
} as const;

/** The error body. */
export const errorSchema = {
  $id: 'Error',
  type: 'object',
  description: 'Every error: a stable code, a message, and for bad input the field and what was expected; for unknown names, candidates.',
  properties: {
    error: {
      type: 'object',
      required: ['code', 'message'],
      properties: {
        code: { type: 'string', examples: ['E_INVALID_PARAMETER', 'E_DATE_INVALID', 'E_STATE_UNKNOWN', 'E_TREATY_UNKNOWN'] },
        message: { type: 'string' },
        field: { type: 'string' },
        expected: { type: 'string' },
        hint: { type: 'string' },
        candidates: { type: 'array', items: { type: 'object', properties: { id: { type: 'string' }, label: { type: 'string' } } } },
      },
    },
  },
} as const;

const stateRef = { type: 'object', properties: { ccode: { type: 'integer' }, name: { type: 'string' } } } as const;

/** A response object schema with the explanation. */
export function answer(description: string, properties: Record<string, unknown>, explanation: 'Explanation' | 'CompactExplanation' = 'Explanation') {
  return { type: 'object', description, properties: { ...properties, explanation: { $ref: `${explanation}#` } } } as const;
}

/** The `notices` of an answer about a day (allies, obligations, treaties of a state, triggered, in force, parties, network). */
export const NOTICES = {
  type: 'array',
  items: { type: 'string' },
  description:
    'caveats on the date: it lies outside the days a dataset observes (ATOP 5.1: 1815-01-01 to 2018-12-31), so that the dataset’s alliances still in effect on its last day are taken to continue, or the dataset cannot answer; or a state of the answer was not a member of the state system that day. Empty when there is nothing to say',
} as const;

/** Error responses common to the query routes. */
export const errorResponses = {
  400: { description: 'Invalid parameter (the body names the field and what was expected)', $ref: 'Error#' },
  404: { description: 'Unknown state or treaty (the body lists candidates)', $ref: 'Error#' },
} as const;

/** A state named in an answer: code and name. */
export { stateRef };

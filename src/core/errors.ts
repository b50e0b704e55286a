/**
 * Error classes shared by every layer. Each carries a stable `code` that programs
 * can match on, and, where the error comes from input, the location it points to.
 */

/** Where in an input a problem was found. Lines and columns are 1-based. */
export interface SourceLocation {
  /** File path, request field or other name of the input. */
  readonly file?: string;
  readonly line?: number;
  readonly column?: number;
  /** Dotted path of the offending field inside a structured document, e.g. `events[2].date`. */
  readonly path?: string;
}

/** Formats a location as "file 'x', line L, column C" (omitting what is unknown). */
export function formatLocation(loc: SourceLocation | undefined): string {
  if (!loc) return '';
  const parts: string[] = [];
  if (loc.file !== undefined) parts.push(`file '${loc.file}'`);
  if (loc.line !== undefined) parts.push(`line ${loc.line}`);
  if (loc.column !== undefined) parts.push(`column ${loc.column}`);
  if (loc.path !== undefined && loc.path !== '') parts.push(`field '${loc.path}'`);
  return parts.join(', ');
}

/** Base class of every error Pacta raises on purpose. */
export class PactaError extends Error {
  /** Stable, machine-readable code such as `E_DATE_INVALID`. */
  readonly code: string;
  readonly location: SourceLocation | undefined;
  readonly hint: string | undefined;

  constructor(code: string, message: string, options: { location?: SourceLocation; hint?: string; cause?: unknown } = {}) {
    const where = formatLocation(options.location);
    super(where ? `${message} (${where})` : message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.code = code;
    this.location = options.location;
    this.hint = options.hint;
  }
}

/** A calendar date that cannot be parsed or does not exist. */
export class DateError extends PactaError {}

/** Input that does not satisfy the treaty-file format or another input format. */
export class ValidationError extends PactaError {}

/** A name or id that matched nothing, or more than one thing. */
export class LookupError extends PactaError {
  /** Candidates the caller may have meant. */
  readonly candidates: readonly { id: string; label: string }[];
  constructor(code: string, message: string, candidates: readonly { id: string; label: string }[] = [], options: { hint?: string } = {}) {
    super(code, message, options);
    this.candidates = candidates;
  }
}

/** A condition expression that does not parse, type-check, or evaluate. */
export class ConditionError extends PactaError {}

/** One problem found while checking or importing input; bulk operations return lists of these. */
export interface Problem {
  readonly code: string;
  readonly message: string;
  readonly location: SourceLocation;
  /** What the input should have contained. */
  readonly expected?: string;
  readonly hint?: string;
}

/** Renders a problem as one line: "file 'x', line L, column C: message; expected ...; hint: ...". */
export function formatProblem(p: Problem): string {
  const where = formatLocation(p.location);
  let s = `${where ? where + ': ' : ''}${p.message} [${p.code}]`;
  if (p.expected) s += `; expected ${p.expected}`;
  if (p.hint) s += `; hint: ${p.hint}`;
  return s;
}

/**
 * The API's error shape and the mapping of every failure to it:
 * `{ error: { code, message, field?, expected?, hint?, candidates? } }` with a fitting status.
 */
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { DateError, LookupError, PactaError } from '../core/errors.js';
import { ExportOptionError } from '../app/exports.js';

/** The body of every error response. */
export interface ErrorBody {
  readonly error: {
    readonly code: string;
    readonly message: string;
    /** The request field at fault (`on`, `state`, `id`…), when one is. */
    readonly field?: string;
    /** What the field should have held. */
    readonly expected?: string;
    readonly hint?: string;
    /** For unknown or ambiguous names: what the caller may have meant. */
    readonly candidates?: readonly { readonly id: string; readonly label: string }[];
  };
}

/** An error with an HTTP status, raised by the API's own checks. */
export class HttpError extends PactaError {
  readonly statusCode: number;
  readonly field: string | undefined;
  readonly expected: string | undefined;
  readonly candidates: readonly { id: string; label: string }[] | undefined;
  constructor(statusCode: number, code: string, message: string, options: { field?: string; expected?: string; hint?: string; candidates?: readonly { id: string; label: string }[]; cause?: unknown } = {}) {
    super(code, message, { ...(options.hint ? { hint: options.hint } : {}), ...(options.cause ? { cause: options.cause } : {}) });
    this.statusCode = statusCode;
    this.field = options.field;
    this.expected = options.expected;
    this.candidates = options.candidates;
  }
}

/** Runs `fn`, turning a date or lookup failure into an `HttpError` that names the request field. */
export function forField<T>(field: string, expected: string, fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    if (err instanceof LookupError) {
      const unknown = err.code.endsWith('UNKNOWN');
      throw new HttpError(unknown ? 404 : 400, err.code, err.message, { field, expected, ...(err.hint ? { hint: err.hint } : {}), candidates: err.candidates, cause: err });
    }
    if (err instanceof DateError) throw new HttpError(400, err.code, err.message, { field, expected, ...(err.hint ? { hint: err.hint } : {}), cause: err });
    throw err;
  }
}

interface AjvError {
  readonly instancePath?: string;
  readonly keyword?: string;
  readonly message?: string;
  readonly params?: Record<string, unknown>;
}

/** Description of a query or path field in the route's schema: the "expected" of a validation error. */
function describedField(req: FastifyRequest, context: string | undefined, field: string): string | undefined {
  const schema = req.routeOptions.schema as Record<string, { properties?: Record<string, { description?: string }> }> | undefined;
  const part = context === 'params' ? schema?.params : schema?.querystring;
  return part?.properties?.[field]?.description;
}

/** Maps any error to a status and the API's error body. */
export function toErrorBody(err: unknown, req: FastifyRequest): { status: number; body: ErrorBody } {
  const fe = err as FastifyError & { validationContext?: string };
  if (fe && Array.isArray(fe.validation) && fe.validation.length) {
    const v = fe.validation[0] as AjvError;
    const missing = typeof v.params?.missingProperty === 'string' ? v.params.missingProperty : undefined;
    const field = missing ?? (v.instancePath ?? '').replace(/^\//, '').split('/')[0] ?? '';
    const expected = (field && describedField(req, fe.validationContext, field)) || v.message || 'a valid value';
    const where = fe.validationContext === 'params' ? 'path parameter' : 'query parameter';
    const message = missing ? `the ${where} '${field}' is required` : `the ${where} '${field}' ${v.message ?? 'is invalid'}`;
    return { status: 400, body: { error: { code: 'E_INVALID_PARAMETER', message, ...(field ? { field } : {}), expected } } };
  }
  if (err instanceof HttpError || err instanceof ExportOptionError) {
    return {
      status: err instanceof HttpError ? err.statusCode : 400,
      body: {
        error: {
          code: err.code,
          message: err.message,
          ...(err.field ? { field: err.field } : {}),
          ...(err.expected ? { expected: err.expected } : {}),
          ...(err.hint ? { hint: err.hint } : {}),
          ...(err instanceof HttpError && err.candidates ? { candidates: err.candidates } : {}),
        },
      },
    };
  }
  if (err instanceof LookupError) {
    return { status: err.code.endsWith('UNKNOWN') ? 404 : 400, body: { error: { code: err.code, message: err.message, ...(err.hint ? { hint: err.hint } : {}), candidates: err.candidates } } };
  }
  if (err instanceof PactaError) {
    return { status: 400, body: { error: { code: err.code, message: err.message, ...(err.hint ? { hint: err.hint } : {}) } } };
  }
  if (fe?.code === 'FST_ERR_HANDLER_TIMEOUT') {
    return { status: 503, body: { error: { code: 'E_TIMEOUT', message: 'the query took too long and was abandoned', hint: 'narrow the query' } } };
  }
  const status = typeof fe?.statusCode === 'number' ? fe.statusCode : 500;
  if (status >= 400 && status < 500) {
    return { status, body: { error: { code: fe.code ?? 'E_BAD_REQUEST', message: fe.message } } };
  }
  return { status: 500, body: { error: { code: 'E_INTERNAL', message: 'internal error; the server log has the details' } } };
}

/** Sends an error body with `no-store` caching (and without the ETag or file name a download had set). */
export function sendError(reply: FastifyReply, status: number, body: ErrorBody): FastifyReply {
  return reply.code(status).removeHeader('etag').removeHeader('content-disposition').header('cache-control', 'no-store').type('application/json; charset=utf-8').send(body);
}

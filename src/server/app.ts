/**
 * The HTTP app: the API under `/api` (OpenAPI document at `/api/openapi.json`, reference page at
 * `/api/docs`) and the web explorer. `buildApp` opens no port, so tests call `app.inject()`.
 */
import Fastify, { LogController, type FastifyInstance, type FastifyReply, type FastifyServerOptions } from 'fastify';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import type { Engine } from '../core/engine.js';
import type { ResolutionPolicy } from '../core/facts.js';
import type { Store } from '../store/store.js';
import { engineOver, readContents, type SourceFilter, type StoreContents } from '../app/engine.js';
import { atopVersions } from '../app/merge.js';
import { EngineSet } from './engines.js';
import { registerExportRoutes } from './exports.js';
import { HttpError, sendError, toErrorBody } from './errors.js';
import { registerRoutes } from './routes.js';
import { DEFAULT_LIMITS, errorSchema, compactExplanationSchema, explanationSchema, type Limits } from './schemas.js';
import { API_CACHE_CONTROL, ResponseCache, contentsVersion, dataVersion, etagFor, etagMatches } from './response-cache.js';
import { WEB_DIST, registerWeb } from './web.js';
import { PACKAGE_VERSION } from '../app/files.js';

/** Options of `buildApp`. */
export interface AppOptions {
  /** The engine over everything in the store. */
  readonly engine: Engine;
  /**
   * What `engine` was built from (`readContents`): the engines of one source (`?source=atop`) and
   * ATOP version are built from the same reading, so that they never see records the store gained
   * after it. Default: read from `store` when the app is built. Without either, they are derived
   * from `engine`'s treaties, which lack the ATOP records that curated treaties replace.
   */
  readonly contents?: StoreContents;
  /** The store the engine was built from (for counts in `/api/health`). */
  readonly store?: Store;
  /** Policy used for the per-source engines (the one `engine` was built with). */
  readonly policy?: ResolutionPolicy;
  /** Fastify's pino logger options; `false` (the default) logs nothing. */
  readonly logger?: FastifyServerOptions['logger'];
  /** Folder of the built explorer; `null` to serve none. Default: `web-dist/` of the package. */
  readonly webRoot?: string | null;
  readonly limits?: Partial<Limits>;
  /** Bytes of serialised answers to keep in memory (default 64 MiB; 0 disables the cache). */
  readonly cacheBytes?: number;
}

/**
 * API reads whose answer depends only on the URL (health reports live store counts; exports are
 * downloads that set their own ETag and are never kept in memory).
 */
function cacheable(method: string, url: string): boolean {
  return (method === 'GET' || method === 'HEAD') && url.startsWith('/api/') && !url.startsWith('/api/docs') && !url.startsWith('/api/health') && !url.startsWith('/api/exports/');
}

/** The 404 of a path that names no endpoint. */
function notFound(reply: FastifyReply, method: string, path: string): FastifyReply {
  return sendError(reply, 404, { error: { code: 'E_NOT_FOUND', message: `no such endpoint: ${method} ${path.slice(0, 200)}`, hint: 'see /api/docs' } });
}

/** Builds the app (routes, validation, error mapping, caching headers); call `listen` or `inject` on it. */
export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const limits: Limits = { ...DEFAULT_LIMITS, ...options.limits };
  const store = options.store;
  const contents = options.contents ?? (store ? await readContents(store) : undefined);
  const app = Fastify({
    logger: options.logger ?? false,
    // One log line per request (in onResponse) instead of Fastify's two.
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: 16 * 1024,
    handlerTimeout: limits.timeoutMs,
    requestTimeout: 30_000,
    routerOptions: { maxParamLength: 200, ignoreTrailingSlash: true },
    ajv: { customOptions: { allErrors: false, coerceTypes: 'array' } },
    // A request target that is not valid percent-encoding gets the API's error shape too.
    frameworkErrors: (err, req, reply) => {
      if (err.code === 'FST_ERR_BAD_URL') return sendError(reply, 400, { error: { code: 'E_BAD_URL', message: 'the request target is not valid percent-encoded UTF-8', hint: 'encode the path and query as UTF-8, e.g. %C3%A9 for é' } });
      return sendError(reply, err.statusCode ?? 400, { error: { code: 'E_BAD_REQUEST', message: err.message } });
    },
  });
  // Responses are plain JSON of the engine's answers; the response schemas only document them.
  app.setSerializerCompiler(() => (data) => JSON.stringify(data));

  app.addSchema(explanationSchema);
  app.addSchema(compactExplanationSchema);
  app.addSchema(errorSchema);
  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.0.3',
      info: {
        title: 'Pacta API',
        version: PACKAGE_VERSION,
        description:
          'Temporal treaty engine: which treaties were in force, who was allied with whom, what an attack would trigger, with the sources and the computation behind every answer. ' +
          'All endpoints are GET and read-only; dates are calendar strings (YYYY, YYYY-MM, YYYY-MM-DD); states are COW codes, abbreviations, names or aliases. ' +
          'Errors have the shape {error: {code, message, field, expected, hint, candidates}}. Dyad-years, state-years and networks download as files under /api/exports (streamed CSV or Parquet; GraphML, GEXF, JSON, DOT).',
      },
      tags: [
        { name: 'treaties', description: 'Treaties, their dates, parties and disagreements' },
        { name: 'states', description: 'Allies, obligations, treaty histories and attack scenarios' },
        { name: 'network', description: 'The alliance network of a date' },
        { name: 'search', description: 'Find treaties and states' },
        { name: 'exports', description: 'Research datasets as downloads: dyad-years, state-years, networks' },
        { name: 'meta', description: 'Server status' },
      ],
    },
    refResolver: { buildLocalReference: (json, _base, _fragment, i) => (typeof json.$id === 'string' ? json.$id : `def-${i}`) },
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs', uiConfig: { deepLinking: true, defaultModelsExpandDepth: 0 }, staticCSP: true });

  app.addHook('onRequest', async (req, reply) => {
    if (req.url.length > limits.maxUrlLength) {
      return sendError(reply, 414, { error: { code: 'E_URI_TOO_LONG', message: `the request target is ${req.url.length} characters long; the limit is ${limits.maxUrlLength}` } });
    }
    const path = req.url.split('?')[0]!;
    // An empty path segment names no endpoint (the static files' handler would answer 403).
    if (path.includes('//')) {
      return notFound(reply, req.method, path);
    }
    // The reference page's own index with a query string redirects to itself (@fastify/swagger-ui
    // matches it without one): send it to the page.
    if (path === '/api/docs/static/index.html' && req.url !== path) return reply.redirect('/api/docs/static/index.html');
  });

  // Whole numbers in the query are written in decimal digits. The validator would otherwise
  // coerce "Infinity", "1e309" or "0x16d" to numbers, and accepts Infinity beyond a maximum.
  app.addHook('preValidation', async (req) => {
    const properties = (req.routeOptions.schema?.querystring as { properties?: Record<string, { type?: unknown; minimum?: number; maximum?: number }> } | undefined)?.properties;
    if (!properties) return;
    const query = req.query as Record<string, unknown>;
    for (const [field, schema] of Object.entries(properties)) {
      if (schema.type !== 'integer' || query[field] === undefined) continue;
      for (const v of [query[field]].flat()) {
        if (typeof v === 'string' && !/^-?\d{1,15}$/.test(v)) {
          const range = schema.minimum !== undefined && schema.maximum !== undefined ? ` from ${schema.minimum} to ${schema.maximum}` : '';
          throw new HttpError(400, 'E_INVALID_PARAMETER', `the query parameter '${field}' must be a whole number written in digits, not '${v.slice(0, 40)}'`, { field, expected: `a whole number${range}` });
        }
      }
    }
  });

  const version = contents ? contentsVersion(contents, options.engine.today, options.policy) : dataVersion(options.engine);
  const cache = new ResponseCache(options.cacheBytes ?? 64 * 1024 * 1024);
  // A cached body is an answer that was 200: a matching revalidation is answered 304 before any
  // query runs. Otherwise the request is validated and answered first, and a 200 whose tag
  // matches becomes 304 in onSend, so that an invalid or unknown URL never gets a 304 (not even
  // for `If-None-Match: *`).
  app.addHook('onRequest', async (req, reply) => {
    if (!cacheable(req.method, req.url)) return;
    const body = cache.get(req.url);
    if (body === undefined) return;
    const tag = etagFor(version, req.url);
    if (etagMatches(req.headers['if-none-match'], tag)) {
      return reply.code(304).header('etag', tag).header('cache-control', API_CACHE_CONTROL).send();
    }
    return reply.header('etag', tag).header('cache-control', API_CACHE_CONTROL).header('x-cache', 'hit').type('application/json; charset=utf-8').send(body);
  });

  app.addHook('onSend', async (req, reply, payload) => {
    reply.header('x-content-type-options', 'nosniff');
    if (!cacheable(req.method, req.url) || reply.statusCode !== 200 || typeof payload !== 'string' || reply.hasHeader('x-cache')) return payload;
    if (!String(reply.getHeader('content-type') ?? '').startsWith('application/json')) return payload;
    const tag = etagFor(version, req.url);
    reply.header('etag', tag);
    if (!reply.hasHeader('cache-control')) reply.header('cache-control', API_CACHE_CONTROL);
    reply.header('x-cache', 'miss');
    cache.set(req.url, payload);
    if (etagMatches(req.headers['if-none-match'], tag)) {
      reply.code(304);
      return '';
    }
    return payload;
  });

  app.addHook('onResponse', async (req, reply) => {
    req.log.info({ method: req.method, url: req.url.slice(0, 300), status: reply.statusCode, ms: Math.round(reply.elapsedTime * 100) / 100, cache: reply.getHeader('x-cache') }, 'request');
  });

  app.setErrorHandler((err, req, reply) => {
    const { status, body } = toErrorBody(err, req);
    if (status >= 500) req.log.error({ err }, 'request failed');
    else req.log.info({ code: body.error.code, field: body.error.field }, 'request rejected');
    return sendError(reply, status, body);
  });

  const engines = new EngineSet(options.engine, {
    ...(options.policy ? { policy: options.policy } : {}),
    ...(contents ? { versions: atopVersions(contents.treaties) } : {}),
    ...(contents
      ? { open: async (source: SourceFilter, atopVersion: string | undefined) => engineOver(contents, { source, today: options.engine.today, ...(atopVersion ? { atopVersion } : {}), ...(options.policy ? { policy: options.policy } : {}) }) }
      : {}),
  });
  registerRoutes(app, { engines, store, limits });
  registerExportRoutes(app, { engines, limits, version });
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  const { sendIndex } = await registerWeb(app, options.webRoot === undefined ? WEB_DIST : options.webRoot);
  app.setNotFoundHandler((req, reply) => {
    const path = req.url.split('?')[0]!;
    const wantsHtml = (req.method === 'GET' || req.method === 'HEAD') && !path.startsWith('/api/') && path !== '/api' && /text\/html/.test(req.headers.accept ?? '');
    if (wantsHtml) return sendIndex(reply, 404);
    // Every endpoint is read-only: another method on one of them is 405 with the methods it takes.
    if (req.method !== 'GET' && req.method !== 'HEAD' && path.startsWith('/api/')) {
      const route = app.findRoute({ method: 'GET', url: path });
      if (route && !('*' in route.params)) {
        return sendError(reply.header('allow', 'GET, HEAD'), 405, { error: { code: 'E_METHOD_NOT_ALLOWED', message: `${req.method} is not allowed on ${path.slice(0, 200)}; it answers GET and HEAD` } });
      }
    }
    return notFound(reply, req.method, path);
  });
  return app;
}

/**
 * The research exports as downloads: dyad-years and state-years streamed as CSV or Parquet while
 * they are generated (year by year, with backpressure: the next year is generated only when the
 * client has taken the previous ones, so memory stays flat however large the file), and the
 * network of a day or a year as GraphML, GEXF, JSON or DOT. Options are checked by the same code
 * as the CLI's (`src/app/exports.ts`), so a download equals the file `pacta dyads` writes.
 *
 * Exports are expensive: at most `limits.maxConcurrentExports` are generated at once (one more is
 * answered 503 with Retry-After), and a download may take `limits.exportTimeoutMs` at most.
 */
import { Readable, Transform } from 'node:stream';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Engine } from '../core/engine.js';
import { ALLIANCE_TYPES, PROVISION_TYPES } from '../core/model.js';
import type { SourceFilter } from '../app/engine.js';
import { AllianceDataCache, checkNetworkPeriod, ExportOptionError, exportNetwork, exportTable, planNetwork, planTable, sourceLabel, type NetworkPlan, type TableInput, type TablePlan } from '../app/exports.js';
import type { DyadUnit } from '../analytics/dyad-years.js';
import type { StateSystem } from '../analytics/frame.js';
import { NETWORK_FORMATS, type NetworkFormat } from '../analytics/network-formats.js';
import { writeTable, type TableFormat } from '../analytics/write.js';
import type { EngineSet } from './engines.js';
import { sendError } from './errors.js';
import { API_CACHE_CONTROL, etagFor, etagMatches } from './response-cache.js';
import { atopVersionParam, dateParam, sourceParam, type Limits } from './schemas.js';

/**
 * A preValidation hook that rejects query parameters the route does not take, and a parameter
 * given twice that takes one value (Fastify would ignore the first and say "must be integer" for
 * the second): a misspelt or misplaced option must not give another file than the one asked for,
 * as the CLI refuses `pacta state-years --frame cow`.
 */
function onlyParameters(route: string, properties: Readonly<Record<string, { readonly type?: string }>>) {
  const names = Object.keys(properties);
  return async (req: FastifyRequest): Promise<void> => {
    for (const [name, value] of Object.entries(req.query as Record<string, unknown>)) {
      const schema = Object.hasOwn(properties, name) ? properties[name] : undefined;
      if (!schema) throw new ExportOptionError('E_INVALID_PARAMETER', name, `'${name}' is not a parameter of ${route}`, { expected: `one of: ${names.join(', ')}` });
      if (Array.isArray(value) && schema.type !== 'array') throw new ExportOptionError('E_INVALID_PARAMETER', name, `'${name}' is given ${value.length} times`, { expected: `one value of '${name}'` });
    }
  };
}

/** Rows per Parquet row group in downloads (see the comment where it is used). */
const SERVER_ROW_GROUP = 16_384;

/** Media type and file extension of each table format. */
const TABLE_FORMATS: Readonly<Record<TableFormat, { type: string; ext: string }>> = {
  csv: { type: 'text/csv; charset=utf-8; header=present', ext: 'csv' },
  parquet: { type: 'application/vnd.apache.parquet', ext: 'parquet' },
};

/** Media type and file extension of each network format. */
const NETWORK_MEDIA: Readonly<Record<NetworkFormat, { type: string; ext: string }>> = {
  graphml: { type: 'application/graphml+xml; charset=utf-8', ext: 'graphml' },
  gexf: { type: 'application/gexf+xml; charset=utf-8', ext: 'gexf' },
  json: { type: 'application/json; charset=utf-8', ext: 'json' },
  dot: { type: 'text/vnd.graphviz; charset=utf-8', ext: 'dot' },
};

/** Seconds a client turned away for lack of a free export slot is asked to wait. */
const RETRY_AFTER_SECONDS = 10;

/** Bytes of a download held between the generator and the socket, on each side of the relay. */
const STREAM_BUFFER = 64 * 1024;

/**
 * The relay between the generator and the reply. Each chunk is passed on at the next turn of the
 * event loop: the generator is synchronous and a fast client never pushes back, so without this
 * an export would hold the server until its last row (Parquet writes a chunk only per row group).
 * With it, other requests are served between chunks and a closed connection is noticed at once.
 */
function relay(): Transform {
  return new Transform({
    highWaterMark: STREAM_BUFFER,
    transform(chunk: Buffer, _encoding, done) {
      setImmediate(done, null, chunk);
    },
  });
}

/** Counts the exports being generated, up to a maximum. */
export class ExportSlots {
  readonly max: number;
  #busy = 0;

  constructor(max: number) {
    this.max = max;
  }

  /** Exports being generated now. */
  get busy(): number {
    return this.#busy;
  }

  /** Takes a slot and returns the function that gives it back (once), or null when all are taken. */
  take(): (() => void) | null {
    if (this.#busy >= this.max) return null;
    this.#busy++;
    let given = false;
    return () => {
      if (given) return;
      given = true;
      this.#busy--;
    };
  }
}

interface CommonQuery {
  source?: SourceFilter;
  atopVersion?: string;
  types?: string[];
}
type DyadQuery = CommonQuery & { from?: number; to?: number; nna?: boolean; format?: TableFormat; unit?: DyadUnit; frame?: StateSystem };
type NetworkQuery = CommonQuery & { on?: string; year?: number; format?: NetworkFormat };

const yearParam = (which: string) => ({ type: 'integer', minimum: 1000, maximum: 9999, description: `${which} year, four digits, within the years the data cover (1815–2018 with ATOP 5.1; 1816–2016 for the COW frame, 1816–2017 for the Gleditsch–Ward frame); default: the ${which} year of the data` }) as const;

/** The query parameters of the network download. */
const NETWORK_QUERY = {
  on: { ...dateParam, description: `the day of the network: ${dateParam.description}; a vague date counts from its first day. Give on or year, not both` },
  year: { type: 'integer', minimum: 1000, maximum: 9999, description: 'the year of the network, four digits: every obligation in force on at least one day of it. Give on or year, not both' },
  types: { type: 'array', maxItems: PROVISION_TYPES.length, items: { type: 'string', maxLength: 200 }, description: `obligation types, comma-separated or repeated (default: the five alliance types ${ALLIANCE_TYPES.join(', ')}); from: ${PROVISION_TYPES.join(', ')}` },
  source: sourceParam,
  atopVersion: atopVersionParam,
  format: { type: 'string', enum: [...NETWORK_FORMATS], default: 'json', description: `one of ${NETWORK_FORMATS.join(', ')}` },
} as const;

const tableQuery = {
  from: yearParam('first'),
  to: yearParam('last'),
  types: {
    type: 'array',
    maxItems: ALLIANCE_TYPES.length,
    items: { type: 'string', maxLength: 200 },
    description: `obligation types that make an alliance and fill the flag columns, comma-separated or repeated, from: ${ALLIANCE_TYPES.join(', ')} (ATOP’s neutral, nonagg, consul also work); default all five`,
  },
  nna: { type: 'boolean', default: false, description: 'true to leave out alliances whose only obligation is non-aggression, as ATOP’s NNA files do' },
  source: sourceParam,
  atopVersion: atopVersionParam,
  format: { type: 'string', enum: ['csv', 'parquet'], default: 'csv', description: 'csv or parquet' },
} as const;

const fileResponse = (description: string, types: readonly string[]) => ({
  200: {
    description,
    headers: {
      'content-disposition': { type: 'string', description: 'attachment; filename="pacta-…" naming the query' },
      etag: { type: 'string', description: 'weak ETag of the data version and the normalised query; If-None-Match answers 304' },
    },
    content: Object.fromEntries(types.map((t) => [t.split(';')[0]!, { schema: { type: 'string', format: 'binary' } }])),
  },
  304: { description: 'Not modified (If-None-Match matched)', type: 'null' },
  400: { description: 'Invalid parameter (the body names the field and what was expected)', $ref: 'Error#' },
  404: { description: 'The database cannot answer from the source asked for: no ATOP data (E_NO_ATOP_DATA, field source), or not that ATOP version (E_ATOP_VERSION_UNKNOWN, field atopVersion)', $ref: 'Error#' },
  503: { description: 'Every export slot is busy (Retry-After says when to try again)', $ref: 'Error#' },
});

/** The file name of a table download: what it holds, its years and options, and the source. */
export function tableFileName(plan: TablePlan, source: string, format: TableFormat): string {
  const parts = ['pacta', plan.kind, ...(plan.kind === 'dyads' ? [plan.unit] : []), ...(plan.frame ? [`${plan.frame}-frame`] : []), `${plan.years.from}-${plan.years.to}`];
  if (plan.types) parts.push(plan.types.join('+'));
  if (plan.nna) parts.push('nna');
  parts.push(source);
  return `${parts.join('-')}.${TABLE_FORMATS[format].ext}`;
}

/** The file name of a network download. */
export function networkFileName(plan: NetworkPlan, source: string, format: NetworkFormat): string {
  const defaults = plan.types.length === ALLIANCE_TYPES.length && ALLIANCE_TYPES.every((t) => plan.types.includes(t));
  return `${['pacta', 'network', plan.when, ...(defaults ? [] : [plan.types.join('+')]), source].join('-')}.${NETWORK_MEDIA[format].ext}`;
}

/** Registers `/api/exports/dyads`, `/api/exports/state-years` and `/api/exports/network`. */
export function registerExportRoutes(app: FastifyInstance, deps: { engines: EngineSet; limits: Limits; version: string }): void {
  const { engines, limits, version } = deps;
  const slots = new ExportSlots(limits.maxConcurrentExports);
  // A download of the same data again (another span, unit or format) starts without rebuilding the index.
  const allianceData = new AllianceDataCache(4);

  /**
   * The steps every export shares: 304 on a matching ETag, headers only for HEAD, 503 when every
   * slot is busy. Returns the slot's release, or null when the reply has been sent.
   */
  function begin(req: FastifyRequest, reply: FastifyReply, key: unknown, fileName: string, type: string): (() => void) | null {
    const tag = etagFor(version, JSON.stringify(key));
    if (etagMatches(req.headers['if-none-match'], tag)) {
      void reply.code(304).header('etag', tag).header('cache-control', API_CACHE_CONTROL).send();
      return null;
    }
    const release = req.method === 'HEAD' ? () => {} : slots.take();
    if (!release) {
      req.log.info({ busy: slots.busy }, 'export refused: every slot is busy');
      void sendError(reply.header('retry-after', String(RETRY_AFTER_SECONDS)), 503, {
        error: { code: 'E_BUSY', message: `${slots.max} exports are being generated; try again in ${RETRY_AFTER_SECONDS} s`, hint: 'exports are expensive: download them one after the other' },
      });
      return null;
    }
    void reply.header('etag', tag).header('cache-control', API_CACHE_CONTROL).header('content-disposition', `attachment; filename="${fileName}"`).type(type);
    if (req.method === 'HEAD') {
      // An empty stream rather than no body: Fastify would add Content-Length: 0, which the download does not have.
      void reply.send(Readable.from([]));
      return null;
    }
    return release;
  }

  /** Streams a table into the reply; generation stops when the client goes away. */
  async function sendTable(req: FastifyRequest, reply: FastifyReply, engine: Engine, plan: TablePlan, source: string, format: TableFormat): Promise<FastifyReply> {
    const release = begin(req, reply, { export: plan, source, format }, tableFileName(plan, source, format), TABLE_FORMATS[format].type);
    if (!release) return reply;
    let body: Transform;
    let table;
    try {
      table = exportTable(engine, plan, allianceData.get(engine, plan));
      body = relay();
    } catch (err) {
      release();
      throw err;
    }
    // A client that leaves before the reply is piped, or after, ends the generation.
    reply.raw.once('close', () => body.destroy());
    const started = performance.now();
    // Parquet in row groups of 16,384 rows, not 131,072: a group is encoded without a break, and
    // during a COW-frame download other requests waited 643 ms (median) with the larger groups,
    // 148-250 ms with these; the file grows from 0.83 to 1.48 MB (bench/export-hold.bench.mjs).
    writeTable(table, body, { format, close: true, parquetRowGroupSize: SERVER_ROW_GROUP })
      .then(
        (r) => {
          const timedOut = (req.signal.reason as { code?: string } | undefined)?.code === 'FST_ERR_HANDLER_TIMEOUT';
          const what = !r.closedEarly ? 'export generated' : timedOut ? `export cut off: it took longer than ${limits.exportTimeoutMs} ms` : 'export stopped: the client went away';
          req.log.info({ export: plan.kind, format, rows: r.rows, bytes: r.bytes, ms: Math.round(performance.now() - started) }, what);
        },
        (err: unknown) => {
          req.log.error({ err }, 'export failed while streaming');
          body.destroy(err instanceof Error ? err : new Error(String(err)));
        },
      )
      .finally(release);
    return reply.send(body);
  }

  /** Registers the download of a table kind. */
  const tableRoute = (kind: TablePlan['kind'], doc: { summary: string; description: string; rows: string }, properties: Record<string, unknown>): void => {
    app.get<{ Querystring: DyadQuery }>(`/api/exports/${kind}`, {
      handlerTimeout: limits.exportTimeoutMs,
      preValidation: onlyParameters(`/api/exports/${kind}`, properties as Record<string, { type?: string }>),
      schema: { tags: ['exports'], summary: doc.summary, description: doc.description, querystring: { type: 'object', properties }, response: fileResponse(doc.rows, Object.values(TABLE_FORMATS).map((f) => f.type)) },
    }, async (req, reply) => {
      const engine = await engines.get(req.query.source ?? 'all', req.query.atopVersion);
      return sendTable(req, reply, engine, planTable(engine, kind, tableInput(req.query)), sourceLabel(engine, req.query.source ?? 'all'), req.query.format ?? 'csv');
    });
  };

  tableRoute(
    'dyads',
    {
      summary: 'Alliance dyad-years in ATOP’s layout (directed or not), or the system frame with the alliance columns merged, as a CSV or Parquet download streamed while it is generated',
      description:
        'The same bytes as `pacta --source <source> dyads` writes. source=atop gives ATOP’s own coding; with all, curated treaties replace their ATOP records. Sent chunked, without Content-Length; Parquet is streamed too (one row group, 131,072 rows, at a time).',
      rows: 'The dyad-years, one row per (directed) dyad and year',
    },
    {
      unit: { type: 'string', enum: ['directed-dyad-year', 'dyad-year'], default: 'directed-dyad-year', description: 'directed-dyad-year (A’s obligations toward B) or dyad-year (either way)' },
      frame: { type: 'string', enum: ['cow', 'gw'], description: 'cow or gw: every pair of states in the COW or Gleditsch–Ward system on a common day of each year, alliance columns 0 where none, empty outside the alliance data (needs the state list imported)' },
      ...tableQuery,
    },
  );

  tableRoute(
    'state-years',
    {
      summary: 'Alliance state-years in ATOP’s layout (per state and year: the obligations it bears, its alliances and their ATOP ids), as a streamed CSV or Parquet download',
      description: 'The same bytes as `pacta --source <source> state-years` writes.',
      rows: 'The state-years, one row per state and year in an alliance',
    },
    tableQuery,
  );

  app.get<{ Querystring: NetworkQuery }>('/api/exports/network', {
    handlerTimeout: limits.exportTimeoutMs,
    preValidation: onlyParameters('/api/exports/network', NETWORK_QUERY),
    schema: {
      tags: ['exports'],
      summary: 'The alliance network of a day or a year as a GraphML, GEXF, JSON or DOT download: states as nodes with their measures, obligations as directed edges',
      description: 'The same file as `pacta --source <source> network` writes. Give either on or year. A network is small (a few thousand edges at most), so it is built whole and sent with Content-Length.',
      querystring: { type: 'object', properties: NETWORK_QUERY },
      response: fileResponse('The network', Object.values(NETWORK_MEDIA).map((f) => f.type)),
    },
  }, async (req, reply) => {
    const format = req.query.format ?? 'json';
    const plan = planNetwork({ ...(req.query.on !== undefined ? { on: req.query.on } : {}), ...(req.query.year !== undefined ? { year: req.query.year } : {}), ...(req.query.types ? { types: req.query.types } : {}) });
    const engine = await engines.get(req.query.source ?? 'all', req.query.atopVersion);
    const source = sourceLabel(engine, req.query.source ?? 'all');
    checkNetworkPeriod(engine, plan);
    const release = begin(req, reply, { export: 'network', plan, source, format }, networkFileName(plan, source, format), NETWORK_MEDIA[format].type);
    if (!release) return reply;
    try {
      const { text } = exportNetwork(engine, plan, format, source);
      return reply.send(text);
    } finally {
      release();
    }
  });
}

/** The table options of a query (Fastify leaves absent parameters undefined). */
function tableInput(q: DyadQuery): TableInput {
  return {
    ...(q.unit ? { unit: q.unit } : {}),
    ...(q.frame ? { frame: q.frame } : {}),
    ...(q.from !== undefined ? { from: q.from } : {}),
    ...(q.to !== undefined ? { to: q.to } : {}),
    ...(q.types ? { types: q.types } : {}),
    ...(q.nna !== undefined ? { nna: q.nna } : {}),
  };
}

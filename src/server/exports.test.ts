/**
 * The export downloads over HTTP, on the curated corpus plus a synthetic ATOP-sized corpus (test
 * data, see synthetic-atop.ts): bytes, headers, revalidation, every rejected parameter, streaming
 * (chunked, with backpressure), a client leaving mid-stream, the export slots and the time limit.
 * The comparison with the CLI on the real ATOP 5.1 is in exports-atop.test.ts.
 */
import http from 'node:http';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DuckDBInstance } from '@duckdb/node-api';
import { openEngine } from '../app/engine.js';
import { exportNetwork, exportTable, planNetwork, planTable } from '../app/exports.js';
import { writeTable } from '../analytics/write.js';
import { testRegistry } from '../test-support/corpus.js';
import { arcCount, readWithGraphLibraries, xmlGraphCounts } from '../test-support/graph-readers.js';
import { syntheticAtop } from './synthetic-atop.js';
import { openTestApp, type TestApp } from './testing.js';
import type { Limits } from './schemas.js';

interface LogLine {
  level: number;
  msg: string;
  reqId?: string;
  rows?: number;
  [k: string]: unknown;
}

/** An app over the corpus and the synthetic corpus whose log lines are kept. */
async function logged(limits: Partial<Limits>) {
  const logs: LogLine[] = [];
  const t = await openTestApp({ extra: syntheticAtop(testRegistry().all().map((p) => p.ccode)), limits, logger: { level: 'info', stream: { write: (line: string) => void logs.push(JSON.parse(line) as LogLine) } } });
  const base = await t.app.listen({ port: 0, host: '127.0.0.1' });
  return { t, logs, base };
}

/** Bytes of a table plan as writeTable writes them (what the CLI writes to a file). */
async function written(table: Parameters<typeof writeTable>[0], format: 'csv' | 'parquet' = 'csv'): Promise<Buffer> {
  const chunks: Buffer[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _e, done) {
      chunks.push(Buffer.from(chunk));
      done();
    },
  });
  await writeTable(table, sink, { format, close: true });
  return Buffer.concat(chunks);
}

/** Waits until `pred` holds (polling), or fails after `ms`. */
async function until(pred: () => boolean, ms = 10_000): Promise<void> {
  const end = Date.now() + ms;
  while (!pred()) {
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** Starts a GET over a real connection and resolves with the response (body not read). */
function open(url: string): Promise<{ req: http.ClientRequest; res: http.IncomingMessage }> {
  return new Promise((resolve, reject) => {
    const req = http.get(url, (res) => resolve({ req, res }));
    req.on('error', reject);
  });
}

const dir = mkdtempSync(join(tmpdir(), 'pacta-exports-'));
let t: TestApp;
let logs: LogLine[];
let base: string;

beforeAll(async () => {
  ({ t, logs, base } = await logged({ maxConcurrentExports: 1 }));
});
afterAll(async () => {
  await t.close();
  rmSync(dir, { recursive: true, force: true });
});

async function get(url: string, headers: Record<string, string> = {}, method: 'GET' | 'HEAD' = 'GET') {
  const res = await t.app.inject({ method, url, headers });
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- error bodies are checked field by field
  return { status: res.statusCode, headers: res.headers, body: res.rawPayload, json: () => JSON.parse(res.body) as Record<string, any> };
}

describe('dyad-year and state-year downloads', () => {
  it('send the rows the CLI writes, as a CSV attachment named after the query', async () => {
    const r = await get('/api/exports/dyads?source=curated&from=1950&to=1960&unit=dyad-year&types=defense,consul');
    expect(r.status).toBe(200);
    expect(r.headers['content-type']).toBe('text/csv; charset=utf-8; header=present');
    expect(r.headers['content-disposition']).toBe('attachment; filename="pacta-dyads-dyad-year-1950-1960-defense+consultation-curated.csv"');
    expect(r.headers['cache-control']).toBe('public, max-age=60');
    expect(r.headers.etag).toMatch(/^W\/"/);
    expect(r.headers['x-content-type-options']).toBe('nosniff');
    const engine = await openEngine(t.store, { source: 'curated', today: '2020-01-01' });
    const want = await written(exportTable(engine, planTable(engine, 'dyads', { from: 1950, to: 1960, unit: 'dyad-year', types: 'defense,consul' })));
    expect(want.length).toBeGreaterThan(1000);
    expect(r.body.equals(want)).toBe(true);
    expect(r.body.toString('utf8', 0, 60)).toMatch(/^mem1,mem2,year,dyad,atopally,defense,consul,/);
  });

  it('answer a matching If-None-Match with 304 before generating, for the same query however it is written', async () => {
    const first = await get('/api/exports/dyads?from=1950&to=1960');
    const again = await get('/api/exports/dyads?to=1960&unit=directed-dyad-year&from=1950&format=csv&nna=false&source=all');
    expect(again.headers.etag).toBe(first.headers.etag);
    expect((await get('/api/exports/dyads?from=1950&to=1961')).headers.etag).not.toBe(first.headers.etag);
    expect((await get('/api/exports/dyads?from=1950&to=1960&source=atop')).headers.etag).not.toBe(first.headers.etag);
    const generated = logs.filter((l) => l.msg === 'export generated').length;
    const r = await get('/api/exports/dyads?from=1950&to=1960', { 'if-none-match': String(first.headers.etag) });
    expect(r.status).toBe(304);
    expect(r.body.length).toBe(0);
    expect(r.headers.etag).toBe(first.headers.etag);
    expect(logs.filter((l) => l.msg === 'export generated').length).toBe(generated);
  });

  it('stream Parquet that DuckDB reads, with the rows of the CSV', async () => {
    const url = '/api/exports/state-years?from=1900&to=2000';
    const pq = await get(`${url}&format=parquet`);
    expect(pq.status).toBe(200);
    expect(pq.headers['content-type']).toBe('application/vnd.apache.parquet');
    expect(pq.headers['content-disposition']).toBe('attachment; filename="pacta-state-years-1900-2000-all-atop-synthetic.parquet"');
    expect(pq.body.subarray(0, 4).toString()).toBe('PAR1');
    expect(pq.body.subarray(-4).toString()).toBe('PAR1');
    const csv = (await get(url)).body.toString('utf8').trimEnd().split('\n');
    expect(csv[0]).toMatch(/^state,year,atopally,defense,/);
    const file = join(dir, 'sy.parquet');
    writeFileSync(file, pq.body);
    const c = await (await DuckDBInstance.create(':memory:')).connect();
    const [count, years] = (await c.runAndReadAll(`SELECT count(*), sum(year) FROM read_parquet('${file}')`)).getRows()[0]!.map(Number);
    expect(count).toBe(csv.length - 1);
    expect(years).toBe(csv.slice(1).reduce((n, line) => n + Number(line.split(',')[1]), 0));
  });

  it('send the headers only for HEAD, generating nothing', async () => {
    const before = logs.filter((l) => l.msg.startsWith('export')).length;
    const r = await get('/api/exports/dyads?from=1815&to=2018', {}, 'HEAD');
    expect(r.status).toBe(200);
    expect(r.headers['content-disposition']).toBe('attachment; filename="pacta-dyads-directed-dyad-year-1815-2018-all-atop-synthetic.csv"');
    expect(r.body.length).toBe(0);
    expect(r.headers['content-length']).toBeUndefined();
    expect(logs.filter((l) => l.msg.startsWith('export')).length).toBe(before);
  });
});

describe('rejected parameters', () => {
  const cases: [url: string, field: string, code: string, message: RegExp][] = [
    ['/api/exports/dyads?unit=dyad&from=1950&to=1960', 'unit', 'E_INVALID_PARAMETER', /allowed values/],
    ['/api/exports/dyads?frame=nato&from=1950&to=1960', 'frame', 'E_INVALID_PARAMETER', /allowed values/],
    ['/api/exports/dyads?format=xlsx&from=1950&to=1960', 'format', 'E_INVALID_PARAMETER', /allowed values/],
    ['/api/exports/dyads?from=1990&to=1950', 'from', 'E_INVALID_PARAMETER', /^from=1990 is after to=1950$/],
    ['/api/exports/dyads?from=1700&to=1950', 'from', 'E_INVALID_PARAMETER', /^from=1700 is outside the years of these alliance data \(1815–2020\)$/],
    ['/api/exports/state-years?from=1950&to=2030', 'to', 'E_INVALID_PARAMETER', /outside the years/],
    ['/api/exports/dyads?from=nineteen&to=1950', 'from', 'E_INVALID_PARAMETER', /must be a whole number written in digits, not 'nineteen'/],
    ['/api/exports/dyads?from=1950&to=19600', 'to', 'E_INVALID_PARAMETER', /must be <= 9999/],
    ['/api/exports/dyads?from=1950&to=1960&types=defence', 'types', 'E_INVALID_PARAMETER', /unknown: defence/],
    ['/api/exports/state-years?from=1950&to=1960&types=economic-aid', 'types', 'E_INVALID_PARAMETER', /unknown: economic-aid/],
    ['/api/exports/dyads?nna=perhaps&from=1950&to=1960', 'nna', 'E_INVALID_PARAMETER', /boolean/],
    ['/api/exports/dyads?source=wiki&from=1950&to=1960', 'source', 'E_INVALID_PARAMETER', /allowed values/],
    ['/api/exports/dyads', 'from', 'E_INVALID_PARAMETER', /give the years with 'from' and 'to'/],
    ['/api/exports/dyads?frame=cow&from=1950&to=1960', 'frame', 'E_NO_SYSTEM', /COW system-membership spells/],
    ['/api/exports/network', 'on', 'E_INVALID_PARAMETER', /give either 'on' <date> or 'year' <year>/],
    ['/api/exports/network?on=1960&year=1960', 'year', 'E_INVALID_PARAMETER', /give either/],
    ['/api/exports/network?on=1950-02-30', 'on', 'E_DATE_INVALID', /does not exist/],
    ['/api/exports/network?on=1950-2', 'on', 'E_INVALID_PARAMETER', /must match pattern/],
    ['/api/exports/network?year=1960&format=pdf', 'format', 'E_INVALID_PARAMETER', /allowed values/],
    ['/api/exports/network?year=1960&types=alliance', 'types', 'E_INVALID_PARAMETER', /unknown: alliance/],
    ['/api/exports/state-years?frame=cow&from=1950&to=1950', 'frame', 'E_INVALID_PARAMETER', /'frame' is not a parameter of \/api\/exports\/state-years/],
    ['/api/exports/dyads?from=1950&to=1960&bogus=1', 'bogus', 'E_INVALID_PARAMETER', /'bogus' is not a parameter/],
    ['/api/exports/network?year=1960&constructor=1', 'constructor', 'E_INVALID_PARAMETER', /'constructor' is not a parameter/],
    ['/api/exports/state-years?from=1950&to=1950&toString=cow', 'toString', 'E_INVALID_PARAMETER', /'toString' is not a parameter/],
    ['/api/exports/dyads?from=1950&from=1960&to=1960', 'from', 'E_INVALID_PARAMETER', /'from' is given 2 times/],
    ['/api/exports/network?year=1960&on=1960-01-01&on=1961-01-01', 'on', 'E_INVALID_PARAMETER', /'on' is given 2 times/],
    ['/api/exports/network?year=2999', 'year', 'E_INVALID_PARAMETER', /year=2999 is outside the years of these alliance data \(1815–/],
    ['/api/exports/network?on=1700-01-01', 'on', 'E_INVALID_PARAMETER', /on=1700-01-01 is outside the years/],
  ];
  it.each(cases)('%s: 400 naming %s', async (url, field, code, message) => {
    const r = await get(url);
    expect(r.status).toBe(400);
    expect(r.headers['content-type']).toMatch(/^application\/json/);
    expect(r.headers['cache-control']).toBe('no-store');
    expect(r.headers['content-disposition']).toBeUndefined();
    expect(r.headers.etag).toBeUndefined();
    const e = r.json().error;
    expect(e).toMatchObject({ code, field });
    expect(e.message).toMatch(message);
    expect(typeof e.expected).toBe('string');
    expect(e.expected.length).toBeGreaterThan(5);
  });
});

describe('streaming', () => {
  it('sends a table chunked while it is generated, not as one body with a Content-Length', async () => {
    const url = '/api/exports/dyads?from=1900&to=2000';
    const { res } = await open(base + url);
    expect(res.statusCode).toBe(200);
    expect(res.headers['transfer-encoding']).toBe('chunked');
    expect(res.headers['content-length']).toBeUndefined();
    const chunks: Buffer[] = [];
    for await (const c of res) chunks.push(c as Buffer);
    expect(chunks.length).toBeGreaterThan(10);
    const body = Buffer.concat(chunks);
    expect(body.length).toBeGreaterThan(1_000_000);
    expect(body.equals((await get(url)).body)).toBe(true);
  });

  it('stops generating when the client goes away mid-stream, logs no error, and frees the slot', async () => {
    const errorsBefore = logs.filter((l) => l.level >= 50).length;
    const { req, res } = await open(`${base}/api/exports/dyads?from=1815&to=2018`);
    await new Promise((resolve) => res.once('data', resolve));
    req.destroy();
    await until(() => logs.some((l) => l.msg === 'export stopped: the client went away'));
    const stopped = logs.find((l) => l.msg === 'export stopped: the client went away')!;
    // The whole export is about 27 MB (over a million rows); generation stopped early.
    expect(stopped.rows).toBeGreaterThan(0);
    expect(stopped.rows).toBeLessThan(200_000);
    expect(logs.filter((l) => l.level >= 50).length).toBe(errorsBefore);
    expect((await get('/api/exports/dyads?from=1950&to=1951')).status).toBe(200);
  });

  it('turns away an export beyond the limit with 503 and Retry-After, and takes the next once the slot is free', async () => {
    const { req, res } = await open(`${base}/api/exports/dyads?from=1815&to=2018`);
    res.pause();
    const busy = await get('/api/exports/network?on=1960-01-01');
    expect(busy.status).toBe(503);
    expect(busy.headers['retry-after']).toBe('10');
    expect(busy.headers['cache-control']).toBe('no-store');
    expect(busy.json().error).toMatchObject({ code: 'E_BUSY' });
    expect((await get('/api/health')).status).toBe(200);
    expect(logs.filter((l) => l.level >= 50)).toEqual([]);
    req.destroy();
    await until(() => logs.filter((l) => l.msg === 'export stopped: the client went away').length === 2);
    expect((await get('/api/exports/network?on=1960-01-01')).status).toBe(200);
  });

  it('cuts off a download that takes longer than the time limit', async () => {
    const slow = await logged({ exportTimeoutMs: 300 });
    try {
      const { res } = await open(`${slow.base}/api/exports/dyads?from=1815&to=2018`);
      res.pause();
      const ended = await new Promise<string>((resolve) => {
        res.on('aborted', () => resolve('aborted'));
        res.on('error', () => resolve('error'));
        res.on('end', () => resolve(res.complete ? 'complete' : 'incomplete'));
        setTimeout(() => res.resume(), 1000);
      });
      expect(ended).not.toBe('complete');
      await until(() => slow.logs.some((l) => l.msg === 'export cut off: it took longer than 300 ms'));
      expect(slow.logs.filter((l) => l.level >= 50)).toEqual([]);
    } finally {
      await slow.t.close();
    }
  });
});

describe('network downloads', () => {
  it('give GraphML and GEXF that XML parsers read with the network’s nodes and edges, the bytes the CLI writes', async () => {
    const json = (await get('/api/exports/network?on=1979-02-17&source=curated')).json();
    expect(json).toMatchObject({ when: '1979-02-17', source: 'curated' });
    expect(json.nodes.length).toBeGreaterThan(10);
    const engine = await openEngine(t.store, { source: 'curated', today: '2020-01-01' });
    for (const format of ['graphml', 'gexf'] as const) {
      const r = await get(`/api/exports/network?on=1979-02-17&source=curated&format=${format}`);
      expect(r.status).toBe(200);
      expect(r.headers['content-type']).toBe(`application/${format}+xml; charset=utf-8`);
      expect(r.headers['content-disposition']).toBe(`attachment; filename="pacta-network-1979-02-17-curated.${format}"`);
      const text = r.body.toString('utf8');
      expect(text).toBe(exportNetwork(engine, planNetwork({ on: '1979-02-17' }), format, 'curated').text);
      const xml = xmlGraphCounts(text, format);
      if (!xml) continue;
      expect(xml).toMatchObject({ nodes: json.nodes.length, edges: arcCount(json.edges) });
      for (const { reader, view } of readWithGraphLibraries(text, format)) expect(view, `${reader} reading ${format}`).toEqual({ nodes: json.nodes.length, edges: arcCount(json.edges), directed: true, firstLabel: json.nodes[0].name });
    }
  });

  it('give a year’s network in DOT, named after its types', async () => {
    const r = await get('/api/exports/network?year=1960&format=dot&types=defense');
    expect(r.status).toBe(200);
    expect(r.headers['content-type']).toBe('text/vnd.graphviz; charset=utf-8');
    expect(r.headers['content-disposition']).toBe('attachment; filename="pacta-network-1960-defense-all-atop-synthetic.dot"');
    expect(r.body.toString()).toMatch(/^digraph "alliances 1960" \{/);
  });
});

describe('the OpenAPI document', () => {
  it('describes the three downloads with their parameters and media types', async () => {
    const doc = (await get('/api/openapi.json')).json();
    expect(doc.tags.map((x: { name: string }) => x.name)).toContain('exports');
    for (const path of ['/api/exports/dyads', '/api/exports/state-years', '/api/exports/network']) {
      const op = doc.paths[path]?.get;
      expect(op, path).toBeDefined();
      expect(op.tags).toEqual(['exports']);
      expect(op.summary.length).toBeGreaterThan(20);
      expect(op.parameters.length).toBeGreaterThan(4);
      for (const p of op.parameters) expect(p.description, `${path} ${p.name}`).toBeTruthy();
      expect(Object.keys(op.responses)).toEqual(expect.arrayContaining(['200', '304', '400', '503']));
    }
    expect(Object.keys(doc.paths['/api/exports/dyads'].get.responses['200'].content)).toEqual(['text/csv', 'application/vnd.apache.parquet']);
    expect(doc.paths['/api/exports/dyads'].get.parameters.map((p: { name: string }) => p.name)).toEqual(expect.arrayContaining(['unit', 'frame', 'from', 'to', 'types', 'nna', 'source', 'format']));
  });
});

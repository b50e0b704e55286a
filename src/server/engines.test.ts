import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { atopTreaty } from '../test-support/corpus.js';
import { openTestApp, type TestApp } from './testing.js';

/** The 1950 Sino-Soviet alliance in ATOP's shape (atopid 3200), which the curated file replaces in `all`. */
const record = atopTreaty(3200, [365, 710], '1950-04-11', '1980-04-11');

let t: TestApp;
beforeAll(async () => {
  t = await openTestApp({ extra: [record] });
});
afterAll(async () => {
  await t.close();
});

describe('engines per source', () => {
  it('answer source=atop from the ATOP records, including one a curated treaty replaces in all (as the CLI’s --source atop)', async () => {
    const pair = async (url: string) => {
      const edges = (await t.app.inject({ method: 'GET', url })).json().edges as { source: number; target: number; treaties: string[] }[];
      return edges.find((e) => [e.source, e.target].sort().join() === '365,710')?.treaties;
    };
    expect(await pair('/api/network?on=1960-01-01&source=atop')).toEqual(['atop-3200']);
    expect(await pair('/api/network?on=1960-01-01')).toEqual(['sino-soviet-1950']);
    expect(await pair('/api/network?on=1960-01-01&source=curated')).toEqual(['sino-soviet-1950']);
    expect((await t.app.inject({ method: 'GET', url: '/api/treaties/atop-3200?source=atop' })).statusCode).toBe(200);
  });
});

describe('engines per source, after the store changed under a running app', () => {
  it('answer every source from the reading of the store the app started with, so that sources never disagree about what exists', async () => {
    const app = await openTestApp({ extra: [record] });
    try {
      // Written after start, as a `pacta import` in another process would: no engine sees it until a restart.
      await app.store.transaction(async (w) => {
        await w.putTreaty(atopTreaty(9999, [2, 20], '1990-01-01', null));
      });
      for (const source of ['all', 'atop', 'curated']) {
        expect((await app.app.inject({ method: 'GET', url: `/api/treaties/atop-9999?source=${source}` })).statusCode).toBe(404);
      }
      expect((await app.app.inject({ method: 'GET', url: '/api/treaties/atop-3200?source=atop' })).statusCode).toBe(200);
    } finally {
      await app.close();
    }
  });
});

describe('engines per source, on a database without ATOP data', () => {
  it('answer source=atop with a 404 naming the parameter, not with an empty answer', async () => {
    const app = await openTestApp();
    try {
      for (const url of ['/api/network?on=1960-01-01&source=atop', '/api/exports/dyads?source=atop&from=1950&to=1951']) {
        const r = await app.app.inject({ method: 'GET', url });
        expect(r.statusCode, url).toBe(404);
        expect(r.json().error, url).toMatchObject({ code: 'E_NO_ATOP_DATA', field: 'source', hint: expect.stringContaining('pacta import atop') });
      }
      expect((await app.app.inject({ method: 'GET', url: '/api/network?on=1960-01-01&source=curated' })).statusCode).toBe(200);
    } finally {
      await app.close();
    }
  });
});

describe('engines per ATOP version (atopVersion, as the CLI’s --atop-version)', () => {
  /** The same alliance as ATOP 4.01 codes it: reasoning uses 5.1, the newest, unless asked. */
  const older = { ...atopTreaty(3200, [365, 710], '1950-04-11', '1980-04-11'), id: 'atop-4.01-3200', origin: 'atop-4.01' };

  it('answer from the version asked for, and name the parameter when it is not imported', async () => {
    const app = await openTestApp({ extra: [record, older] });
    try {
      const get = (url: string) => app.app.inject({ method: 'GET', url });
      expect((await get('/api/treaties/atop-4.01-3200?source=atop&atopVersion=4.01')).statusCode).toBe(200);
      expect((await get('/api/treaties/atop-4.01-3200?source=atop')).statusCode).toBe(404);
      const edges = (await get('/api/network?on=1960-01-01&source=atop&atopVersion=4.01')).json().edges as { source: number; target: number; treaties: string[] }[];
      expect(edges.find((e) => [e.source, e.target].sort().join() === '365,710')?.treaties).toEqual(['atop-4.01-3200']);
      const unknown = await get('/api/allies?state=365&on=1960-01-01&atopVersion=4');
      expect(unknown.statusCode).toBe(404);
      expect(unknown.json().error).toMatchObject({ code: 'E_ATOP_VERSION_UNKNOWN', field: 'atopVersion', message: "ATOP version '4' is not in the database, which holds 4.01 and 5.1" });
      expect((await get('/api/allies?state=365&on=1960-01-01&atopVersion=latest')).json().error).toMatchObject({ code: 'E_INVALID_PARAMETER', field: 'atopVersion' });
      const download = await get('/api/exports/network?on=1960-01-01&source=atop&atopVersion=4.01&format=graphml');
      expect(download.statusCode).toBe(200);
      expect(download.headers['content-disposition']).toBe('attachment; filename="pacta-network-1960-01-01-atop-4.01.graphml"');
      expect(download.body).toContain('atop-4.01-3200');
      // Another version is another answer: its ETag differs. The newest, asked for or not, is one answer.
      const newest = await get('/api/exports/network?on=1960-01-01&source=atop&format=graphml');
      expect(newest.headers.etag).not.toBe(download.headers.etag);
      expect(newest.headers['content-disposition']).toBe('attachment; filename="pacta-network-1960-01-01-atop-5.1.graphml"');
      const named = await get('/api/exports/network?on=1960-01-01&source=atop&atopVersion=5.1&format=graphml');
      expect([named.headers.etag, named.headers['content-disposition'], named.body]).toEqual([newest.headers.etag, newest.headers['content-disposition'], newest.body]);
      // Curated records have no ATOP release: a stored version changes nothing, one not stored is refused.
      const curated = await get('/api/exports/network?on=1960-01-01&source=curated&format=graphml');
      expect(curated.headers['content-disposition']).toBe('attachment; filename="pacta-network-1960-01-01-curated.graphml"');
      expect((await get('/api/exports/network?on=1960-01-01&source=curated&atopVersion=4.01&format=graphml')).headers.etag).toBe(curated.headers.etag);
      expect((await get('/api/exports/network?on=1960-01-01&source=curated&atopVersion=4&format=graphml')).statusCode).toBe(404);
    } finally {
      await app.close();
    }
  });

  it('tag answers with a fingerprint of every record read, so that a changed release the default engine leaves out changes every ETag', async () => {
    const tags: string[] = [];
    for (const end of ['1980-04-11', '1979-04-11']) {
      const app = await openTestApp({ extra: [record, { ...atopTreaty(3200, [365, 710], '1950-04-11', end), id: 'atop-4.01-3200', origin: 'atop-4.01' }] });
      try {
        const r = await app.app.inject({ method: 'GET', url: '/api/treaties/atop-4.01-3200?source=atop&atopVersion=4.01' });
        expect(r.statusCode).toBe(200);
        tags.push(String(r.headers.etag));
      } finally {
        await app.close();
      }
    }
    expect(tags[0]).not.toBe(tags[1]);
  });
});

describe('answers on days outside what ATOP observes', () => {
  it('say that ATOP alliances in effect on its last day are taken to continue, and that days before 1815 are outside it', async () => {
    // An ATOP alliance of the United States and Canada, in effect at the end of the data.
    const app = await openTestApp({ extra: [atopTreaty(9998, [2, 20], '1990-01-01', null)] });
    try {
      const get = async (url: string) => {
        const r = await app.app.inject({ method: 'GET', url });
        expect(r.statusCode, url).toBe(200);
        return r.json() as { notices: string[] };
      };
      const after = /^ATOP 5\.1's data end on 2018-12-31, before the date asked\. 1 alliance of this answer \(atop-9998\) is taken to be still in force/;
      for (const url of [
        '/api/allies?state=2&on=2024-01-01&source=atop',
        '/api/obligations?state=2&on=2024-01-01&source=atop',
        '/api/treaties?state=2&on=2024-01-01&source=atop',
        '/api/triggered?attacker=200&target=20&on=2024-01-01&source=atop',
        '/api/network?on=2024-01-01&source=atop',
      ]) {
        expect((await get(url)).notices, url).toEqual([expect.stringMatching(after)]);
      }
      expect((await app.app.inject({ method: 'GET', url: '/api/health' })).json().atopReleases).toEqual([{ version: '5.1', from: '1815-01-01', until: '2018-12-31' }]);
      expect((await get('/api/allies?state=2&on=1800-01-01')).notices).toEqual([expect.stringMatching(/^ATOP 5\.1's data begin on 1815-01-01, after the date asked/)]);
      // The allies bodies are kept by what they are computed from: the same obligations inside
      // and after ATOP's span must not share a body.
      for (const on of ['2024-01-01', '2025-01-01', '2026-01-01']) expect((await get(`/api/allies?state=2&on=${on}&source=atop`)).notices).toHaveLength(1);
      expect((await get('/api/allies?state=2&on=2010-01-01&source=atop')).notices).toEqual([]);
      expect((await get('/api/allies?state=2&on=2010-01-01&source=curated')).notices).toEqual([]);
      expect((await get('/api/allies?state=2&on=2024-01-01&source=curated')).notices).toEqual([]);
    } finally {
      await app.close();
    }
  });
});

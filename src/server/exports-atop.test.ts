/**
 * The export downloads on the real ATOP 5.1 and the COW state list (read in place from the shared
 * data): each download must be the very bytes the CLI writes over the same database.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { PACKAGE_ROOT } from '../app/files.js';
import { importAtop } from '../app/import-atop.js';
import { importCowStates } from '../app/import-states.js';
import { cliRunner } from '../test-support/cli.js';
import { describeWithSharedData, sharedData } from '../test-support/shared-data.js';
import { arcCount, xmlGraphCounts } from '../test-support/graph-readers.js';
import { openTestApp, type TestApp } from './testing.js';

const TODAY = '2020-01-01';

describeWithSharedData('export downloads and party-level disagreements on the real ATOP 5.1 and COW states, with the curated treaties', ['atop-5.1/atop5_1m.csv', 'cow-states-2016/states2016.csv'], () => {
  const dir = mkdtempSync(join(tmpdir(), 'pacta-exports-atop-'));
  const db = join(dir, 'pacta.db');
  const cli = cliRunner(db, TODAY);
  let t: TestApp;

  beforeAll(async () => {
    t = await openTestApp({
      file: db,
      prepare: async (store) => {
        for (const r of [await importCowStates(store, sharedData('cow-states-2016')), await importAtop(store, sharedData('atop-5.1'))]) {
          if (r.status === 'rejected') throw new Error(`cannot import ${r.kind}: ${r.problems.map((p) => p.message).join('; ')}`);
        }
      },
    });
  }, 120_000);
  afterAll(async () => {
    await t?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const get = (url: string) => t.app.inject({ method: 'GET', url });

  it('sends the directed dyad-years byte for byte as `pacta --source atop dyads --out -` writes them', async () => {
    const r = await get('/api/exports/dyads?source=atop');
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-disposition']).toBe('attachment; filename="pacta-dyads-directed-dyad-year-1815-2018-atop-5.1.csv"');
    const child = spawnSync(process.execPath, ['--import', 'tsx', join(PACKAGE_ROOT, 'src/cli/bin.ts'), '--db', db, '--today', TODAY, '--source', 'atop', 'dyads', '--out', '-'], { cwd: PACKAGE_ROOT, maxBuffer: 64 << 20 });
    expect(child.stderr.toString()).toBe('');
    expect(child.status).toBe(0);
    // ATOP 5.1's directed dyad-years: 273,304 rows, about 15 MB.
    expect(child.stdout.length).toBeGreaterThan(15_000_000);
    expect(r.rawPayload.length).toBe(child.stdout.length);
    expect(r.rawPayload.equals(child.stdout)).toBe(true);
  }, 120_000);

  it('sends the state-years and a stretch of the COW frame (all sources) as the CLI writes them', async () => {
    for (const [url, args] of [
      ['/api/exports/state-years', ['state-years']],
      ['/api/exports/dyads?frame=cow&unit=dyad-year&from=1900&to=1920&types=defense,neutral', ['dyads', '--frame', 'cow', '--unit', 'dyad-year', '--from', '1900', '--to', '1920', '--types', 'defense,neutral']],
    ] as const) {
      const out = join(dir, 'cli.csv');
      expect((await cli(...args, '--out', out, '--quiet')).code).toBe(0);
      const r = await get(url);
      expect(r.statusCode, url).toBe(200);
      const want = readFileSync(out);
      expect(want.length, url).toBeGreaterThan(100_000);
      expect(r.rawPayload.equals(want), url).toBe(true);
    }
  }, 120_000);

  it('sends GraphML and GEXF as the CLI writes them, which XML parsers read with the network’s counts', async () => {
    const json = (await get('/api/exports/network?on=1960-01-01&source=atop')).json();
    expect(json.nodes.length).toBeGreaterThan(50);
    for (const format of ['graphml', 'gexf'] as const) {
      const out = join(dir, `net.${format}`);
      expect((await cli('--source', 'atop', 'network', '--on', '1960-01-01', '--out', out)).code).toBe(0);
      const r = await get(`/api/exports/network?on=1960-01-01&source=atop&format=${format}`);
      expect(r.rawPayload.equals(readFileSync(out))).toBe(true);
      const xml = xmlGraphCounts(r.body, format);
      if (xml) expect(xml).toMatchObject({ nodes: json.nodes.length, edges: arcCount(json.edges) });
    }
  }, 60_000);

  it('answers source=atop from the ATOP records, including those a curated treaty replaces in all', async () => {
    const edge = (answer: { edges: { source: number; target: number; treaties: string[] }[] }) => answer.edges.find((e) => [e.source, e.target].sort().join() === '365,710');
    expect(edge((await get('/api/network?on=1960-01-01&source=atop')).json())?.treaties).toContain('atop-3200');
    expect(edge((await get('/api/network?on=1960-01-01')).json())?.treaties).toContain('sino-soviet-1950');
  });

  it('names the party, in /api/disagreements and on the treaty', async () => {
    const r = await t.app.inject({ method: 'GET', url: '/api/disagreements?treaty=anzus-1951&field=party-end' });
    expect(r.statusCode).toBe(200);
    const list = r.json().disagreements as { party: { ccode: number; name: string }; value: string | null; alternatives: { value: string | null; kind: string }[] }[];
    expect(list.map((d) => [d.party, d.value, d.alternatives.map((a) => [a.value, a.kind])])).toEqual([
      [{ ccode: 920, name: 'New Zealand' }, null, [[null, 'derived'], ['1986-09-17', 'dataset']]],
    ]);
    expect(r.json().explanation.steps[0].text).toBe('anzus-1951: party-end of New Zealand is open in use; sources say open (derived), 1986-09-17 (dataset).');
    const seato = (await t.app.inject({ method: 'GET', url: '/api/treaties/seato-1954' })).json();
    const uk = seato.disagreements.find((d: { field: string; party?: { ccode: number } }) => d.field === 'party-end' && d.party?.ccode === 200);
    expect(uk.alternatives.map((a: { value: string | null }) => a.value)).toEqual([null, '1977-06-30']);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Treaty } from '../core/model.js';
import { makeTreaty } from '../test-support/corpus.js';
import { openTestApp, type TestApp } from './testing.js';

/** An ATOP record of the 1950 Sino-Soviet alliance (test data in ATOP's shape), which the curated file replaces in `all`. */
const record: Treaty = makeTreaty({
  id: 'atop-3200',
  origin: 'atop-5.1',
  atopids: [3200],
  sources: { atop: { id: 'atop', kind: 'dataset', title: 'ATOP 5.1 (test record)', dataset: 'ATOP', version: '5.1' } },
  parties: [365, 710].map((state) => ({ state, role: 'original' as const, spells: [{ start: '1950-04-11', end: '1980-04-11', sources: [{ source: 'atop' }] }], sources: [{ source: 'atop' }] })),
  provisions: [{ id: 'defense', type: 'defense', bearers: 'all', beneficiaries: 'others', sources: [{ source: 'atop' }] }],
});

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

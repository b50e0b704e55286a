import { describe, expect, it } from 'vitest';
import { openTestApp } from './testing.js';
import { syntheticAtop } from './synthetic-atop.js';
import { bundledPolities } from '../app/registry.js';

describe('synthetic ATOP-sized corpus', () => {
  it('is deterministic and loads into the engine with ATOP-like volume', async () => {
    const codes = (await bundledPolities()).map((p) => p.ccode);
    const a = syntheticAtop(codes);
    expect(syntheticAtop(codes)).toEqual(a);
    expect(a).toHaveLength(770);
    const spells = a.reduce((n, t) => n + t.parties.length, 0);
    expect(spells).toBeGreaterThan(2000);
    const t = await openTestApp({ extra: a });
    try {
      const r = await t.app.inject({ url: '/api/network?on=1980-06-01&source=atop' });
      const body = JSON.parse(r.body) as { nodes: unknown[]; edges: unknown[] };
      expect(body.nodes.length).toBeGreaterThan(50);
      expect(body.edges.length).toBeGreaterThan(200);
    } finally {
      await t.close();
    }
  });
});

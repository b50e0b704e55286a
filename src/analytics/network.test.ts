import { describe, expect, it } from 'vitest';
import { Engine } from '../core/engine.js';
import type { Provision } from '../core/model.js';
import { makeTreaty, testRegistry } from '../test-support/corpus.js';
import { allianceNetwork, engineNetworkInput, networkMeasures } from './network.js';
import { toDot, toGEXF, toGraphML, toNetworkJson } from './network-formats.js';

const src = [{ source: 't' }];
const prov = (id: string, type: Provision['type'], bearers: Provision['bearers'], beneficiaries: Provision['beneficiaries']): Provision => ({ id, type, bearers, beneficiaries, sources: src });
const party = (state: number) => ({ state, role: 'original' as const, sources: src });
// UK and France guarantee Belgium (one way) and consult each other (both ways); a separate USA–Canada pact.
const guarantee = makeTreaty({ id: 'guarantee', parties: [party(200), party(220), party(211)], provisions: [prov('d', 'defense', [200, 220], [211]), prov('c', 'consultation', [200, 220], [200, 220])], events: [{ type: 'signature', date: '1900-01-01', sources: src }] });
const na = makeTreaty({ id: 'na', parties: [party(2), party(20)], provisions: [prov('d', 'defense', 'all', 'others')], events: [{ type: 'signature', date: '1905-06-01', sources: src }] });
const engine = new Engine([guarantee, na], testRegistry(), { today: '2000-01-01' });
const meta = { when: '1906', types: ['defense', 'consultation'], source: 'all' };

describe('alliance network', () => {
  const period = { first: '1906-01-01', last: '1906-12-31' };
  const graph = allianceNetwork(engineNetworkInput(engine, period), period);

  it('groups obligations per pair, directed where they run one way', () => {
    expect(graph.edges.map((e) => [e.source, e.target, e.directed, e.types.map((t) => `${t.type}:${t.direction}`).join(' ')])).toEqual([
      [2, 20, false, 'defense:both'],
      [200, 211, true, 'defense:forward'],
      [200, 220, false, 'consultation:both'],
      [220, 211, true, 'defense:forward'],
    ]);
    expect(allianceNetwork(engineNetworkInput(engine, { first: '1900-06-01', last: '1900-06-01' }), { first: '1900-06-01', last: '1900-06-01' }).nodes.map((n) => n.ccode)).toEqual([200, 211, 220]);
  });

  it('keeps the types asked for, given as a set or a list', () => {
    const bySet = allianceNetwork(engineNetworkInput(engine, period), period, new Set(['consultation'] as const));
    expect(bySet.edges.map((e) => [e.source, e.target])).toEqual([[200, 220]]);
    expect(allianceNetwork(engineNetworkInput(engine, period), period, ['consultation'])).toEqual(bySet);
  });

  it('measures degree by type, in and out, and weak components (1 = largest)', () => {
    const m = new Map(networkMeasures(graph).map((x) => [x.ccode, x]));
    expect(m.get(200)).toMatchObject({ degree: 2, outDegree: 2, inDegree: 1, degreeByType: { defense: 1, consultation: 1 }, component: 1, componentSize: 3 });
    expect(m.get(211)).toMatchObject({ degree: 2, outDegree: 0, inDegree: 2, component: 1 });
    expect(m.get(2)).toMatchObject({ component: 2, componentSize: 2 });
  });

  it('exports a directed graph: one arc per direction, mutual ones marked', () => {
    const g = toGraphML(graph, meta);
    expect(g).toContain('<graphml xmlns="http://graphml.graphdrawing.org/xmlns"');
    expect(g).toContain('edgedefault="directed"');
    expect(g.match(/<edge /g)).toHaveLength(6);
    expect(g).toContain('<edge id="e2" source="200" target="211"><data key="types">defense</data><data key="mutual">false</data>');
    const x = toGEXF(graph, meta);
    expect(x).toContain('<gexf xmlns="http://gexf.net/1.3"');
    expect(x.match(/<node /g)).toHaveLength(5);
    expect(x.match(/<edge /g)).toHaveLength(6);
    expect(toDot(graph, meta)).toContain('"200" -> "220" [label="consultation", dir=both];');
    const j = JSON.parse(toNetworkJson(graph, meta));
    expect(j).toMatchObject({ when: '1906', components: 2, obligationCount: 6 });
    expect(j.nodes[0]).toMatchObject({ id: 2, ccode: 2, name: 'United States', degree: 1, component: 2 });
    expect(j).toMatchObject({ directed: false, multigraph: false, graph: { when: '1906' } });
  });

  it('escapes names for XML', () => {
    const g = toGraphML({ ...graph, nodes: [{ ccode: 1, name: 'A & <B>', abbrev: 'AB', degree: 0 }], edges: [] }, meta);
    expect(g).toContain('A &amp; &lt;B&gt;');
  });
});

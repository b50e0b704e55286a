/**
 * Network exports that Gephi, networkx and igraph read: GraphML, GEXF 1.3, JSON and Graphviz
 * DOT. GraphML and GEXF graphs are directed (networkx reads no mixed graphs): an obligation one
 * way is one edge from bearer to beneficiary; obligations both ways are two edges, each marked
 * `mutual`. Node ids are COW codes.
 */
import type { CCode } from '../core/model.js';
import { networkMeasures, type NetworkEdge, type NetworkGraph, type NodeMeasures } from './network.js';

/** Export formats. */
export const NETWORK_FORMATS = ['graphml', 'gexf', 'json', 'dot'] as const;
/** An export format. */
export type NetworkFormat = (typeof NETWORK_FORMATS)[number];

/** What the export says about itself. */
export interface NetworkMeta {
  /** `1960-01-01` or `1960`: the day or year of the network. */
  readonly when: string;
  readonly types: readonly string[];
  readonly source: string;
}

/** One directed edge of the export: the types that run from `source` to `target`. */
interface Arc {
  readonly source: CCode;
  readonly target: CCode;
  readonly types: readonly string[];
  readonly mutual: boolean;
  readonly treaties: readonly string[];
}

function arcs(edges: readonly NetworkEdge[]): Arc[] {
  const out: Arc[] = [];
  for (const e of edges) {
    const fwd = e.types.filter((t) => t.direction !== 'backward').map((t) => t.type);
    const back = e.types.filter((t) => t.direction !== 'forward').map((t) => t.type);
    const mutual = fwd.length > 0 && back.length > 0;
    if (fwd.length) out.push({ source: e.source, target: e.target, types: fwd, mutual, treaties: e.treaties });
    if (back.length) out.push({ source: e.target, target: e.source, types: back, mutual, treaties: e.treaties });
  }
  return out;
}

/** Escapes text for XML content and attribute values. */
function xml(s: string | number | boolean): string {
  return String(s).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!);
}

function measuresBy(graph: NetworkGraph): Map<CCode, NodeMeasures> {
  return new Map(networkMeasures(graph).map((m) => [m.ccode, m]));
}

/** GraphML (graphml.graphdrawing.org namespace), a directed graph with typed data keys. */
export function toGraphML(graph: NetworkGraph, meta: NetworkMeta): string {
  const m = measuresBy(graph);
  const keys: [string, 'node' | 'edge', string, 'string' | 'int' | 'boolean'][] = [
    ['label', 'node', 'label', 'string'],
    ['ccode', 'node', 'ccode', 'int'],
    ['abbrev', 'node', 'abbrev', 'string'],
    ['degree', 'node', 'degree', 'int'],
    ['outDegree', 'node', 'outDegree', 'int'],
    ['inDegree', 'node', 'inDegree', 'int'],
    ['component', 'node', 'component', 'int'],
    ['types', 'edge', 'types', 'string'],
    ['mutual', 'edge', 'mutual', 'boolean'],
    ['treaties', 'edge', 'treaties', 'string'],
  ];
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">',
    `  <!-- Pacta alliance network, ${xml(meta.when)}, types ${xml(meta.types.join(','))}, source ${xml(meta.source)} -->`,
    ...keys.map(([id, dom, name, type]) => `  <key id="${id}" for="${dom}" attr.name="${name}" attr.type="${type}"/>`),
    `  <graph id="alliances-${xml(meta.when)}" edgedefault="directed">`,
  ];
  for (const n of graph.nodes) {
    const x = m.get(n.ccode)!;
    lines.push(
      `    <node id="${n.ccode}"><data key="label">${xml(n.name)}</data><data key="ccode">${n.ccode}</data><data key="abbrev">${xml(n.abbrev)}</data><data key="degree">${x.degree}</data><data key="outDegree">${x.outDegree}</data><data key="inDegree">${x.inDegree}</data><data key="component">${x.component}</data></node>`,
    );
  }
  arcs(graph.edges).forEach((a, i) => {
    lines.push(`    <edge id="e${i}" source="${a.source}" target="${a.target}"><data key="types">${xml(a.types.join(','))}</data><data key="mutual">${a.mutual}</data><data key="treaties">${xml(a.treaties.join(' '))}</data></edge>`);
  });
  lines.push('  </graph>', '</graphml>', '');
  return lines.join('\n');
}

/** GEXF 1.3 (gexf.net namespace), a directed graph with node and edge attributes. */
export function toGEXF(graph: NetworkGraph, meta: NetworkMeta): string {
  const m = measuresBy(graph);
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<gexf xmlns="http://gexf.net/1.3" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd" version="1.3">',
    `  <meta><creator>Pacta</creator><description>Alliance network, ${xml(meta.when)}, types ${xml(meta.types.join(','))}, source ${xml(meta.source)}</description></meta>`,
    '  <graph defaultedgetype="directed" mode="static">',
    '    <attributes class="node">',
    '      <attribute id="ccode" title="ccode" type="integer"/>',
    '      <attribute id="abbrev" title="abbrev" type="string"/>',
    '      <attribute id="degree" title="degree" type="integer"/>',
    '      <attribute id="outDegree" title="outDegree" type="integer"/>',
    '      <attribute id="inDegree" title="inDegree" type="integer"/>',
    '      <attribute id="component" title="component" type="integer"/>',
    '    </attributes>',
    '    <attributes class="edge">',
    '      <attribute id="types" title="types" type="string"/>',
    '      <attribute id="mutual" title="mutual" type="boolean"/>',
    '      <attribute id="treaties" title="treaties" type="string"/>',
    '    </attributes>',
    '    <nodes>',
  ];
  for (const n of graph.nodes) {
    const x = m.get(n.ccode)!;
    lines.push(
      `      <node id="${n.ccode}" label="${xml(n.name)}"><attvalues><attvalue for="ccode" value="${n.ccode}"/><attvalue for="abbrev" value="${xml(n.abbrev)}"/><attvalue for="degree" value="${x.degree}"/><attvalue for="outDegree" value="${x.outDegree}"/><attvalue for="inDegree" value="${x.inDegree}"/><attvalue for="component" value="${x.component}"/></attvalues></node>`,
    );
  }
  lines.push('    </nodes>', '    <edges>');
  arcs(graph.edges).forEach((a, i) => {
    lines.push(`      <edge id="${i}" source="${a.source}" target="${a.target}" label="${xml(a.types.join(','))}"><attvalues><attvalue for="types" value="${xml(a.types.join(','))}"/><attvalue for="mutual" value="${a.mutual}"/><attvalue for="treaties" value="${xml(a.treaties.join(' '))}"/></attvalues></edge>`);
  });
  lines.push('    </edges>', '  </graph>', '</gexf>', '');
  return lines.join('\n');
}

function dotId(s: string | number): string {
  return `"${String(s).replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

/** Graphviz DOT: a digraph; obligations both ways are one edge with arrows at both ends. */
export function toDot(graph: NetworkGraph, meta: NetworkMeta): string {
  const lines = [`digraph ${dotId(`alliances ${meta.when}`)} {`, `  label=${dotId(`Alliance network, ${meta.when}, ${meta.types.join(', ')} (source ${meta.source})`)};`];
  for (const n of graph.nodes) lines.push(`  ${dotId(n.ccode)} [label=${dotId(n.name)}];`);
  for (const e of graph.edges) {
    const label = e.types.map((t) => (t.direction === 'both' ? t.type : t.direction === 'forward' ? `${t.type} →` : `${t.type} ←`)).join(', ');
    lines.push(`  ${dotId(e.source)} -> ${dotId(e.target)} [label=${dotId(label)}${e.directed ? '' : ', dir=both'}];`);
  }
  lines.push('}', '');
  return lines.join('\n');
}

/**
 * JSON: nodes with their measures, edges as the API gives them, treaties, and the counts. It is
 * also node-link data as networkx reads it (`id`, `directed`, `multigraph`, `graph`):
 * `node_link_graph(data, edges="edges")` gives an undirected graph, one edge per pair of allies,
 * each with its obligation types and their directions.
 */
export function toNetworkJson(graph: NetworkGraph, meta: NetworkMeta): string {
  const m = measuresBy(graph);
  const components = new Set([...m.values()].map((x) => x.component)).size;
  return (
    JSON.stringify(
      {
        ...meta,
        directed: false,
        multigraph: false,
        graph: { ...meta },
        nodes: graph.nodes.map((n) => {
          const { ccode: _c, ...x } = m.get(n.ccode)!;
          return { id: n.ccode, ...n, ...x };
        }),
        edges: graph.edges,
        treaties: graph.treaties,
        obligationCount: graph.obligationCount,
        components,
      },
      null,
      2,
    ) + '\n'
  );
}

/** The export in the given format. */
export function formatNetwork(graph: NetworkGraph, format: NetworkFormat, meta: NetworkMeta): string {
  return format === 'graphml' ? toGraphML(graph, meta) : format === 'gexf' ? toGEXF(graph, meta) : format === 'dot' ? toDot(graph, meta) : toNetworkJson(graph, meta);
}

/**
 * Reads a GraphML or GEXF file with Python's XML parser (and networkx, when it is installed), and
 * the JSON export with networkx's node-link reader, as an independent check of the network
 * exports: the root element, the numbers of nodes and edges, and networkx's view of the graph.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';

/** What the parsers found; null when python3 is not available. */
export interface XmlGraphCounts {
  /** The root element with its namespace, e.g. `{http://gexf.net/1.3}gexf`. */
  readonly root: string;
  readonly nodes: number;
  readonly edges: number;
  /** networkx's nodes, edges and whether the graph is directed; null without networkx. */
  readonly networkx: { readonly nodes: number; readonly edges: number; readonly directed: boolean } | null;
}

const SCRIPT = [
  'import sys, xml.etree.ElementTree as ET',
  'root = ET.parse(sys.argv[1]).getroot()',
  'ns = {"g": "http://graphml.graphdrawing.org/xmlns"} if sys.argv[2] == "graphml" else {"g": "http://gexf.net/1.3"}',
  'nodes = len(root.findall(".//g:node", ns)); edges = len(root.findall(".//g:edge", ns))',
  'nx = "absent"',
  'try:',
  '    import networkx, networkx.readwrite.gexf',
  '    # networkx before 3 reads GEXF up to 1.2 only (Debian 12 has 2.8.8): nothing to check with it.',
  '    if sys.argv[2] == "graphml" or "1.3" in getattr(networkx.readwrite.gexf.GEXF, "versions", {}):',
  '        G = networkx.read_graphml(sys.argv[1]) if sys.argv[2] == "graphml" else networkx.read_gexf(sys.argv[1])',
  '        nx = "%d %d %s" % (G.number_of_nodes(), G.number_of_edges(), G.is_directed())',
  'except ImportError:',
  '    pass',
  'print(root.tag, nodes, edges, nx)',
].join('\n');

/** Parses `text` as `format`; throws when the parser fails (malformed XML), null without python3. */
export function xmlGraphCounts(text: string, format: 'graphml' | 'gexf'): XmlGraphCounts | null {
  const dir = mkdtempSync(join(tmpdir(), 'pacta-xml-'));
  try {
    const file = join(dir, `graph.${format}`);
    writeFileSync(join(dir, 'check.py'), SCRIPT);
    writeFileSync(file, text);
    const py = spawnSync('python3', [join(dir, 'check.py'), file, format], { encoding: 'utf8' });
    if (py.error) {
      console.warn(`python3 not available (${py.error.message}); ${format} not parsed`);
      return null;
    }
    if (py.status !== 0) throw new Error(`python3 could not read the ${format}: ${py.stderr}`);
    const [root, nodes, edges, ...nx] = py.stdout.trim().split(' ');
    return { root: root!, nodes: Number(nodes), edges: Number(edges), networkx: nx[0] === 'absent' ? null : { nodes: Number(nx[0]), edges: Number(nx[1]), directed: nx[2] === 'True' } };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The arcs a network JSON answer becomes in GraphML and GEXF: one per direction an edge has obligations in. */
export function arcCount(edges: readonly { readonly types: readonly { readonly direction: string }[] }[]): number {
  return edges.reduce((n, e) => n + (e.types.some((t) => t.direction !== 'backward') ? 1 : 0) + (e.types.some((t) => t.direction !== 'forward') ? 1 : 0), 0);
}

const NODE_LINK = [
  'import sys, json',
  'data = json.load(open(sys.argv[1]))',
  'try:',
  '    import networkx',
  'except ImportError:',
  '    print("null"); sys.exit(0)',
  'try:',
  '    G = networkx.node_link_graph(data, edges="edges")',
  'except TypeError:  # networkx before 3.4',
  '    G = networkx.node_link_graph(data, link="edges")',
  'first = data["nodes"][0]["id"]',
  'print(json.dumps({"nodes": G.number_of_nodes(), "edges": G.number_of_edges(), "directed": G.is_directed(), "firstName": G.nodes[first]["name"]}))',
].join('\n');

/** networkx's view of a node-link JSON text; null without python3 or networkx. */
export function networkxNodeLink(text: string): { nodes: number; edges: number; directed: boolean; firstName: string } | null {
  const dir = mkdtempSync(join(tmpdir(), 'pacta-json-'));
  try {
    const file = join(dir, 'graph.json');
    writeFileSync(join(dir, 'check.py'), NODE_LINK);
    writeFileSync(file, text);
    const py = spawnSync('python3', [join(dir, 'check.py'), file], { encoding: 'utf8' });
    if (py.error) {
      console.warn(`python3 not available (${py.error.message}); node-link JSON not read`);
      return null;
    }
    if (py.status !== 0) throw new Error(`networkx could not read the JSON: ${py.stderr}`);
    return JSON.parse(py.stdout) as ReturnType<typeof networkxNodeLink>;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

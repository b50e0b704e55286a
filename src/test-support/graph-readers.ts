/**
 * Independent checks of the network exports: each file is read back by the graph libraries
 * researchers use (networkx and igraph in Python, Graphviz's `dot`), and GraphML and GEXF also by
 * Python's XML parser. Gephi has no command-line reader; networkx (from version 3) reads the same
 * GEXF 1.3.
 *
 * The libraries are looked for in every Python found (`$PACTA_PYTHON`, the `python3` on the
 * PATH, Debian's `/usr/bin/python3`, where `.ci/run` installs them with apt-get). A missing
 * library skips its check with a warning, except under `CI=true`, where it fails the test.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';

/** Formats a graph library can be asked to read. */
export type GraphFormat = 'graphml' | 'gexf' | 'json' | 'dot';

/** What a graph library found in a file. */
export interface GraphView {
  readonly nodes: number;
  readonly edges: number;
  readonly directed: boolean;
  /** The first node's label (its `name` in the JSON). */
  readonly firstLabel: string;
}

/** One library's reading of a file. */
export interface GraphReading {
  /** The library and its version, e.g. `networkx 3.6.1`. */
  readonly reader: string;
  readonly view: GraphView;
}

/** What Python's XML parser found in a GraphML or GEXF file. */
export interface XmlGraphCounts {
  /** The root element with its namespace, e.g. `{http://gexf.net/1.3}gexf`. */
  readonly root: string;
  readonly nodes: number;
  readonly edges: number;
}

const SCRIPT = `
import json, os, sys
task, fmt, path = sys.argv[1:4]
if task == "probe":
    found = {"python": os.path.realpath(sys.executable)}
    for name in ("networkx", "igraph"):
        try:
            found[name] = __import__(name).__version__
        except ImportError:
            found[name] = None
    print(json.dumps(found))
elif task == "xml":
    import xml.etree.ElementTree as ET
    root = ET.parse(path).getroot()
    ns = {"g": "http://graphml.graphdrawing.org/xmlns" if fmt == "graphml" else "http://gexf.net/1.3"}
    print(json.dumps({"root": root.tag, "nodes": len(root.findall(".//g:node", ns)), "edges": len(root.findall(".//g:edge", ns))}))
elif task == "networkx":
    import networkx
    if fmt == "json":
        data = json.load(open(path))
        try:
            G = networkx.node_link_graph(data, edges="edges")
        except TypeError:  # networkx before 3.4
            G = networkx.node_link_graph(data, link="edges")
        key = "name"
    else:
        G = networkx.read_graphml(path) if fmt == "graphml" else networkx.read_gexf(path)
        key = "label"
    first = next(iter(G.nodes))
    print(json.dumps({"nodes": G.number_of_nodes(), "edges": G.number_of_edges(), "directed": G.is_directed(), "firstLabel": G.nodes[first][key]}))
elif task == "igraph":
    import igraph
    g = igraph.Graph.Read_GraphML(path)
    print(json.dumps({"nodes": g.vcount(), "edges": g.ecount(), "directed": g.is_directed(), "firstLabel": g.vs[0]["label"]}))
`;

type PythonLibrary = 'networkx' | 'igraph';

/** A Python and the versions of the graph libraries it has (null: absent). */
type Python = { readonly command: string } & Readonly<Record<PythonLibrary, string | null>>;

let pythons: Python[] | undefined;

function withFiles<T>(text: string, format: GraphFormat, fn: (script: string, file: string) => T): T {
  const dir = mkdtempSync(join(tmpdir(), 'pacta-graph-'));
  try {
    const script = join(dir, 'read.py');
    const file = join(dir, `graph.${format}`);
    writeFileSync(script, SCRIPT);
    writeFileSync(file, text);
    return fn(script, file);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Every distinct Python found (once per test file), with the graph libraries each one has. */
function findPythons(): Python[] {
  if (pythons) return pythons;
  const found: Python[] = [];
  const seen = new Set<string>();
  withFiles('', 'json', (script) => {
    for (const command of [process.env.PACTA_PYTHON, 'python3', '/usr/bin/python3']) {
      if (!command) continue;
      const r = spawnSync(command, [script, 'probe', '-', '-'], { encoding: 'utf8' });
      if (r.error || r.status !== 0) continue;
      const probe = JSON.parse(r.stdout) as { python: string } & Record<PythonLibrary, string | null>;
      if (seen.has(probe.python)) continue;
      seen.add(probe.python);
      found.push({ command, networkx: probe.networkx, igraph: probe.igraph });
    }
  });
  return (pythons = found);
}

/** The libraries that read each format. */
const READERS: Readonly<Record<GraphFormat, readonly (PythonLibrary | 'graphviz')[]>> = {
  graphml: ['networkx', 'igraph'],
  gexf: ['networkx'],
  json: ['networkx'],
  dot: ['graphviz'],
};
/** The Debian package that installs each library (what a missing one's error asks for). */
const PACKAGES = { networkx: 'python3-networkx', igraph: 'python3-igraph', graphviz: 'graphviz' } as const;

/** networkx reads GEXF 1.3 from version 3 on; Debian 12 has 2.8, so under CI the GEXF check may have no reader. */
const reads = (library: PythonLibrary, version: string, format: GraphFormat): boolean => library !== 'networkx' || format !== 'gexf' || Number(version.split('.')[0]) >= 3;

function missing(library: PythonLibrary | 'graphviz', format: GraphFormat): void {
  const where = library === 'graphviz' ? 'on the PATH' : `in any Python (${findPythons().map((p) => `${p.command}: ${p[library] ?? 'none'}`).join(', ') || 'none found'})`;
  const what = `${library === 'networkx' && format === 'gexf' ? 'networkx 3 or later' : library} not found ${where}; ${format} not read with it`;
  const required = !(library === 'networkx' && format === 'gexf');
  if (process.env.CI === 'true' && required) throw new Error(`${what}. Under CI=true it is required: apt-get install ${PACKAGES[library]} (.ci/run does).`);
  console.warn(what);
}

function parse(r: ReturnType<typeof spawnSync>, reader: string, format: GraphFormat): unknown {
  if (r.error) throw r.error;
  if (r.status !== 0) throw new Error(`${reader} could not read the ${format}: ${String(r.stderr)}`);
  return JSON.parse(String(r.stdout));
}

function readWithGraphviz(file: string, format: GraphFormat): GraphReading | null {
  const version = spawnSync('dot', ['-V'], { encoding: 'utf8' });
  if (version.error) return null;
  const reader = `graphviz ${/version (\S+)/.exec(version.stderr)?.[1] ?? ''}`.trim();
  const graph = parse(spawnSync('dot', ['-Tjson', file], { encoding: 'utf8', maxBuffer: 1 << 28 }), reader, format) as { directed: boolean; objects?: { label?: string }[]; edges?: unknown[] };
  return { reader, view: { nodes: graph.objects?.length ?? 0, edges: graph.edges?.length ?? 0, directed: graph.directed, firstLabel: graph.objects?.[0]?.label ?? '' } };
}

function readWithPython(library: PythonLibrary, script: string, file: string, format: GraphFormat): GraphReading | null {
  const python = findPythons().find((p) => p[library] !== null && reads(library, p[library], format));
  if (!python) return null;
  const reader = `${library} ${python[library]}`;
  return { reader, view: parse(spawnSync(python.command, [script, library, format, file], { encoding: 'utf8' }), reader, format) as GraphView };
}

/**
 * Reads `text` as `format` with every graph library found that reads it. Throws when a library
 * fails on the file, or, under `CI=true`, when a required library is missing.
 */
export function readWithGraphLibraries(text: string, format: GraphFormat): GraphReading[] {
  return withFiles(text, format, (script, file) => {
    const out: GraphReading[] = [];
    for (const library of READERS[format]) {
      const reading = library === 'graphviz' ? readWithGraphviz(file, format) : readWithPython(library, script, file, format);
      if (reading) out.push(reading);
      else missing(library, format);
    }
    return out;
  });
}

/** Parses a GraphML or GEXF text with Python's XML parser; throws on malformed XML, null without Python. */
export function xmlGraphCounts(text: string, format: 'graphml' | 'gexf'): XmlGraphCounts | null {
  const python = findPythons()[0];
  if (!python) {
    if (process.env.CI === 'true') throw new Error(`python3 not found; under CI=true the ${format} export must be parsed`);
    console.warn(`python3 not found; ${format} not parsed`);
    return null;
  }
  return withFiles(text, format, (script, file) => parse(spawnSync(python.command, [script, 'xml', format, file], { encoding: 'utf8' }), 'python3', format) as XmlGraphCounts);
}

/** The arcs a network JSON answer becomes in GraphML and GEXF: one per direction an edge has obligations in. */
export function arcCount(edges: readonly { readonly types: readonly { readonly direction: string }[] }[]): number {
  return edges.reduce((n, e) => n + (e.types.some((t) => t.direction !== 'backward') ? 1 : 0) + (e.types.some((t) => t.direction !== 'forward') ? 1 : 0), 0);
}

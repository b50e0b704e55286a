/**
 * The network drawing: one cytoscape instance whose elements are updated in place when the date
 * or filters change, states fixed on a ring grouped by region (so that nothing jumps when the
 * slider moves), and the time each redraw took.
 */
import type cytoscape from 'cytoscape';
import type { Core, ElementDefinition, EventObject, NodeSingular } from 'cytoscape';
import type { NetworkAnswer, StateListEntry } from './types.js';

/** Order of obligation types by strength: an edge is coloured by its strongest type. */
export const TYPE_ORDER = ['defense', 'offense', 'neutrality', 'nonaggression', 'consultation', 'non-alliance', 'military-aid', 'economic-aid', 'bases', 'recognition', 'other'];

/** The five types of ATOP's alliances, the first of TYPE_ORDER: the network's default, and what dyad-years count. */
export const ALLIANCE_TYPES = TYPE_ORDER.slice(0, 5);

/** Colours of the obligation types (kept in step with styles.css). */
export const TYPE_COLOURS: Record<string, string> = {
  defense: '#b8433a',
  offense: '#7b4bb0',
  neutrality: '#2f73b5',
  nonaggression: '#2e8b64',
  consultation: '#c28a16',
  'non-alliance': '#8a6d5a',
  'military-aid': '#a05a2c',
  'economic-aid': '#5b7f2a',
  bases: '#5a6470',
  recognition: '#6f7f96',
  other: '#8b8f96',
};

const REGIONS: readonly (readonly [number, number, string])[] = [
  [0, 199, 'Americas'],
  [200, 399, 'Europe'],
  [400, 599, 'Africa'],
  [600, 699, 'Middle East'],
  [700, 899, 'Asia'],
  [900, 999, 'Oceania'],
];
const GAP = 4;

/** Fixed positions: states on a ring, by region then COW code, independent of the date. */
export class RingLayout {
  readonly #codes: number[];
  readonly #slot = new Map<number, number>();
  readonly #total: number;
  readonly radius: number;
  readonly regions: { name: string; x: number; y: number }[] = [];

  constructor(states: readonly StateListEntry[]) {
    this.#codes = [...new Set(states.map((s) => s.ccode))].sort((a, b) => a - b);
    let slot = 0;
    const mids: [string, number][] = [];
    for (const [lo, hi, name] of REGIONS) {
      const inRegion = this.#codes.filter((c) => c >= lo && c <= hi);
      const first = slot;
      for (const c of inRegion) this.#slot.set(c, slot++);
      mids.push([name, (first + Math.max(slot - 1, first)) / 2]);
      slot += GAP;
    }
    this.#total = Math.max(slot, 12);
    this.radius = Math.max(300, this.#total * 4.5);
    for (const [name, mid] of mids) {
      const p = this.#at(mid, this.radius + 110);
      this.regions.push({ name, ...p });
    }
  }

  #at(slot: number, r: number): { x: number; y: number } {
    const a = (2 * Math.PI * slot) / this.#total - Math.PI / 2;
    return { x: Math.round(r * Math.cos(a) * 10) / 10, y: Math.round(r * Math.sin(a) * 10) / 10 };
  }

  /** Position of a state; codes outside the registry go between their neighbours. */
  position(ccode: number): { x: number; y: number } {
    let slot = this.#slot.get(ccode);
    if (slot === undefined) {
      const below = this.#codes.filter((c) => c < ccode).at(-1);
      slot = below === undefined ? 0 : this.#slot.get(below)! + 0.5;
    }
    return this.#at(slot, this.radius);
  }
}

/** The strongest obligation type among an edge's types. */
export function strongestType(types: readonly { type: string }[]): string {
  return TYPE_ORDER.find((t) => types.some((x) => x.type === t)) ?? 'other';
}

type Cytoscape = typeof cytoscape;

interface DrawnEdge {
  readonly source: number;
  readonly target: number;
  readonly directed: boolean;
  readonly type: string;
}

/**
 * Font size of state labels, in model units. At the zoom that fits the whole ring they come out
 * under 7 px and are not drawn (a ring of some 230 states leaves about 6 px per state); zoomed
 * in, they are.
 */
const LABEL_FONT = 24;

/** Font size of the chosen state's label (kept in step with the `node.chosen` style). */
const CHOSEN_FONT = 28;

/**
 * Where a state's label goes: rotated along the radius through the node and centred outside it
 * (beyond the largest node), turned half a circle on the left of the ring so that it never reads
 * upside down. The width of a label is estimated from its length.
 */
function radialLabel(p: { x: number; y: number }, text: string): { rot: number; mx: number; my: number } {
  const angle = Math.atan2(p.y, p.x);
  // Beyond the largest node (`nodeSize` caps the degree), measured for the chosen state's larger
  // font, so that its label too clears the node.
  const offset = nodeSize(Infinity) / 2 + 8 + (text.length * 0.62 * CHOSEN_FONT) / 2;
  return { rot: Math.cos(angle) < 0 ? angle + Math.PI : angle, mx: Math.round(Math.cos(angle) * offset), my: Math.round(Math.sin(angle) * offset) };
}

/** Which way a point lies from the ring's centre: the side a region's name extends to. */
function sideOf(p: { x: number; y: number }): 'left' | 'right' | 'top' | 'bottom' {
  const angle = Math.atan2(p.y, p.x);
  if (Math.abs(Math.cos(angle)) > 0.5) return Math.cos(angle) < 0 ? 'left' : 'right';
  return Math.sin(angle) < 0 ? 'top' : 'bottom';
}

/** Drawn size of a node of a given degree, in model units (kept in step with the node style). */
function nodeSize(degree: number): number {
  const d = Math.min(Math.max(degree, 1), 40);
  return 16 + ((d - 1) / 39) * 24;
}

/**
 * A drawn network. Nodes, labels and clicks are cytoscape's; the edges (thousands with all of
 * ATOP) are stroked on a canvas beneath it, one path per colour, which keeps each redraw fast
 * even where the browser draws without a GPU.
 */
export class NetworkView {
  readonly #cy: Core;
  readonly #layout: RingLayout;
  readonly #canvas: HTMLCanvasElement;
  readonly #positions = new Map<number, { x: number; y: number }>();
  #edges: readonly DrawnEdge[] = [];
  #degree = new Map<number, number>();
  #selected: number | null = null;

  private constructor(cy: Core, layout: RingLayout, canvas: HTMLCanvasElement) {
    this.#cy = cy;
    this.#layout = layout;
    this.#canvas = canvas;
  }

  /** Creates the view in `container`; `onSelect` receives the clicked state (or null). */
  static create(cytoscape: Cytoscape, container: HTMLElement, layout: RingLayout, onSelect: (ccode: number | null) => void): NetworkView {
    const canvas = document.createElement('canvas');
    canvas.className = 'net-edges';
    canvas.setAttribute('aria-hidden', 'true');
    const host = document.createElement('div');
    host.className = 'net-nodes';
    container.replaceChildren(canvas, host);
    const cy = cytoscape({
      container: host,
      elements: [
        ...layout.regions.map((r) => ({ group: 'nodes' as const, data: { id: `region-${r.name}`, label: r.name, side: sideOf(r) }, position: { x: r.x, y: r.y }, classes: 'region' })),
        // Invisible corners of the square around the ring (its states and their labels): what the
        // view fits, so that no state falls outside a narrow screen.
        ...[-1, 1].flatMap((sx) => [-1, 1].map((sy) => ({ group: 'nodes' as const, data: { id: `frame-${sx}-${sy}` }, position: { x: sx * (layout.radius + 40), y: sy * (layout.radius + 40) }, classes: 'frame' }))),
      ],
      layout: { name: 'preset' },
      autoungrabify: true,
      boxSelectionEnabled: false,
      selectionType: 'single',
      minZoom: 0.05,
      maxZoom: 5,
      style: [
        {
          selector: 'node.state',
          style: {
            width: 'mapData(degree, 1, 40, 16, 40)',
            height: 'mapData(degree, 1, 40, 16, 40)',
            'background-color': '#27364d',
            'border-width': 3,
            'border-color': '#ffffff',
            label: 'data(abbrev)',
            'font-size': LABEL_FONT,
            'font-family': 'system-ui, sans-serif',
            color: '#39424f',
            // Labels point away from the ring's centre, each outside its node: a label is then
            // as thick as the font along the ring, which fits between neighbouring states.
            'text-valign': 'center',
            'text-halign': 'center',
            'text-rotation': (n: NodeSingular) => n.data('rot') as number,
            'text-margin-x': (n: NodeSingular) => n.data('mx') as number,
            'text-margin-y': (n: NodeSingular) => n.data('my') as number,
            'min-zoomed-font-size': 7,
          },
        },
        { selector: 'node.frame', style: { 'background-opacity': 0, width: 1, height: 1, events: 'no' } },
        {
          selector: 'node.region',
          // Region names sit beyond the states' radial labels, extending away from the ring.
          style: {
            'background-opacity': 0,
            width: 1,
            height: 1,
            label: 'data(label)',
            'font-size': 38,
            'font-weight': 600,
            color: '#9aa0a9',
            'text-halign': (n: NodeSingular) => (n.data('side') === 'left' ? 'left' : n.data('side') === 'right' ? 'right' : 'center'),
            'text-valign': (n: NodeSingular) => (n.data('side') === 'top' ? 'top' : n.data('side') === 'bottom' ? 'bottom' : 'center'),
            events: 'no',
          },
        },
        { selector: 'node.state.faded', style: { opacity: 0.25 } },
        { selector: 'node.chosen', style: { 'background-color': '#c0392b', 'border-color': '#1d2430', 'border-width': 4, 'font-weight': 700, color: '#1d2430', 'font-size': CHOSEN_FONT } },
      ],
    });
    const view = new NetworkView(cy, layout, canvas);
    cy.on('tap', 'node.state', (e: EventObject) => onSelect(Number((e.target as NodeSingular).data('ccode'))));
    cy.on('tap', (e: EventObject) => {
      if (e.target === cy) onSelect(null);
    });
    cy.on('viewport resize', () => view.#drawEdges());
    cy.fit(cy.nodes('.region, .frame'), 24);
    view.#drawEdges();
    return view;
  }

  /** Fits the ring into the container again (after a resize). */
  fit(): void {
    this.#cy.resize();
    this.#cy.fit(this.#cy.nodes('.region, .frame'), 24);
    this.#drawEdges();
  }

  #position(ccode: number): { x: number; y: number } {
    let p = this.#positions.get(ccode);
    if (!p) this.#positions.set(ccode, (p = this.#layout.position(ccode)));
    return p;
  }

  /** Replaces the drawn network by `data` (changing only what differs); resolves with the milliseconds until drawn. */
  update(data: NetworkAnswer, selected: number | null): Promise<number> {
    const t0 = performance.now();
    const cy = this.#cy;
    const nodes = new Map(data.nodes.map((n) => [`n${n.ccode}`, n]));
    cy.batch(() => {
      const gone = cy.collection();
      cy.nodes('.state').forEach((n) => {
        if (!nodes.has(n.id())) gone.merge(n);
      });
      cy.remove(gone);
      const add: ElementDefinition[] = [];
      for (const [id, n] of nodes) {
        const el = cy.getElementById(id);
        if (el.empty()) {
          const position = this.#position(n.ccode);
          add.push({ group: 'nodes', data: { id, ccode: n.ccode, abbrev: n.abbrev, name: n.name, degree: n.degree, ...radialLabel(position, n.abbrev) }, position, classes: 'state' });
        } else if (el.data('degree') !== n.degree || el.data('name') !== n.name) el.data({ degree: n.degree, name: n.name });
      }
      cy.add(add);
      if (selected !== this.#selected || selected !== null) this.#applySelection(selected);
    });
    this.#degree = new Map(data.nodes.map((n) => [n.ccode, n.degree]));
    this.#edges = data.edges.map((e) => ({ source: e.source, target: e.target, directed: e.directed, type: strongestType(e.types) }));
    this.#selected = selected;
    this.#drawEdges();
    return new Promise((resolve) => {
      let done = false;
      const finish = (): void => {
        if (done) return;
        done = true;
        resolve(performance.now() - t0);
      };
      cy.one('render', finish);
      // Unchanged nodes mean no render event: settle after the next frame.
      requestAnimationFrame(() => requestAnimationFrame(finish));
    });
  }

  /** Highlights a state and its links (null clears). */
  select(ccode: number | null): void {
    this.#cy.batch(() => this.#applySelection(ccode));
    this.#drawEdges();
  }

  #applySelection(ccode: number | null): void {
    this.#selected = ccode;
    const cy = this.#cy;
    cy.nodes().removeClass('faded chosen');
    if (ccode === null) return;
    const node = cy.getElementById(`n${ccode}`);
    if (node.empty()) return;
    const near = new Set<number>([ccode]);
    for (const e of this.#edges) {
      if (e.source === ccode) near.add(e.target);
      else if (e.target === ccode) near.add(e.source);
    }
    cy.nodes('.state').forEach((n) => {
      if (!near.has(Number(n.data('ccode')))) n.addClass('faded');
    });
    node.addClass('chosen');
  }

  #drawEdges(): void {
    const canvas = this.#canvas;
    const ratio = window.devicePixelRatio || 1;
    const w = Math.round(canvas.clientWidth * ratio);
    const h = Math.round(canvas.clientHeight * ratio);
    if (canvas.width !== w || canvas.height !== h) {
      canvas.width = w;
      canvas.height = h;
    }
    const ctx = canvas.getContext('2d');
    if (!ctx) return;
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.clearRect(0, 0, w, h);
    const zoom = this.#cy.zoom();
    const pan = this.#cy.pan();
    ctx.setTransform(ratio * zoom, 0, 0, ratio * zoom, ratio * pan.x, ratio * pan.y);
    const sel = this.#selected;
    const byType = new Map<string, DrawnEdge[]>();
    const near: DrawnEdge[] = [];
    for (const e of this.#edges) {
      if (sel !== null && (e.source === sel || e.target === sel)) near.push(e);
      let list = byType.get(e.type);
      if (!list) byType.set(e.type, (list = []));
      list.push(e);
    }
    const stroke = (list: readonly DrawnEdge[], colour: string, alpha: number, width: number): void => {
      ctx.globalAlpha = alpha;
      ctx.strokeStyle = colour;
      ctx.fillStyle = colour;
      // Edges are 1px hairlines: software rasterisers draw those far faster than wider strokes.
      ctx.lineWidth = width / zoom;
      // Short paths: the software rasteriser strokes many small paths much faster than one huge one.
      for (let i = 0; i < list.length; i += 32) {
        ctx.beginPath();
        for (const e of list.slice(i, i + 32)) {
          const a = this.#position(e.source);
          const b = this.#position(e.target);
          ctx.moveTo(a.x, a.y);
          ctx.lineTo(b.x, b.y);
        }
        ctx.stroke();
      }
      // Arrowheads of one-way obligations, at the rim of the beneficiary's node.
      ctx.beginPath();
      for (const e of list) {
        if (!e.directed) continue;
        const a = this.#position(e.source);
        const b = this.#position(e.target);
        const len = Math.hypot(b.x - a.x, b.y - a.y) || 1;
        const ux = (b.x - a.x) / len;
        const uy = (b.y - a.y) / len;
        const r = nodeSize(this.#degree.get(e.target) ?? 1) / 2 + 2;
        const tx = b.x - ux * r;
        const ty = b.y - uy * r;
        const size = 6 / zoom;
        ctx.moveTo(tx, ty);
        ctx.lineTo(tx - ux * size * 1.8 - uy * size, ty - uy * size * 1.8 + ux * size);
        ctx.lineTo(tx - ux * size * 1.8 + uy * size, ty - uy * size * 1.8 - ux * size);
        ctx.closePath();
      }
      ctx.fill();
    };
    for (const type of [...TYPE_ORDER].reverse()) {
      const list = byType.get(type);
      if (list) stroke(list, TYPE_COLOURS[type]!, sel === null ? 0.5 : 0.07, 1);
    }
    for (const type of [...TYPE_ORDER].reverse()) {
      const list = near.filter((e) => e.type === type);
      if (list.length) stroke(list, TYPE_COLOURS[type]!, 0.95, 2.4);
    }
    ctx.globalAlpha = 1;
  }

  /** Where a state's node is drawn, in pixels from the container's top left (null when not drawn). */
  renderedPosition(ccode: number): { x: number; y: number } | null {
    const n = this.#cy.getElementById(`n${ccode}`);
    return n.empty() ? null : n.renderedPosition();
  }

  /**
   * How a state's label is placed (null when not drawn): its node's position from the ring's
   * centre, the label's rotation in radians, and the label centre's offset from the node.
   */
  labelPlacement(ccode: number): { position: { x: number; y: number }; rotation: number; offset: { x: number; y: number } } | null {
    const n = this.#cy.getElementById(`n${ccode}`);
    if (n.empty()) return null;
    return { position: n.position(), rotation: n.data('rot') as number, offset: { x: n.data('mx') as number, y: n.data('my') as number } };
  }

  /** The selected state. */
  get selected(): number | null {
    return this.#selected;
  }

  /** Removes the drawing. */
  destroy(): void {
    this.#cy.destroy();
    this.#canvas.remove();
  }
}

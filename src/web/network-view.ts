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

/** A drawn network. */
export class NetworkView {
  readonly #cy: Core;
  readonly #layout: RingLayout;
  #selected: number | null = null;

  private constructor(cy: Core, layout: RingLayout) {
    this.#cy = cy;
    this.#layout = layout;
  }

  /** Creates the view in `container`; `onSelect` receives the clicked state (or null). */
  static create(cytoscape: Cytoscape, container: HTMLElement, layout: RingLayout, onSelect: (ccode: number | null) => void): NetworkView {
    const cy = cytoscape({
      container,
      elements: layout.regions.map((r) => ({ group: 'nodes', data: { id: `region-${r.name}`, label: r.name }, position: { x: r.x, y: r.y }, classes: 'region' })),
      layout: { name: 'preset' },
      autoungrabify: true,
      boxSelectionEnabled: false,
      selectionType: 'single',
      minZoom: 0.2,
      maxZoom: 5,
      textureOnViewport: true,
      hideEdgesOnViewport: true,
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
            'font-size': 22,
            'font-family': 'system-ui, sans-serif',
            color: '#39424f',
            'text-valign': 'top',
            'text-margin-y': -5,
            'min-zoomed-font-size': 7,
          },
        },
        { selector: 'node.region', style: { 'background-opacity': 0, width: 1, height: 1, label: 'data(label)', 'font-size': 38, 'font-weight': 600, color: '#9aa0a9', 'text-valign': 'center', events: 'no' } },
        { selector: 'edge', style: { width: 3, 'line-color': '#8b8f96', opacity: 0.5, 'curve-style': 'haystack', 'haystack-radius': 0 } },
        ...TYPE_ORDER.map((t) => ({ selector: `edge.${t}`, style: { 'line-color': TYPE_COLOURS[t]!, 'target-arrow-color': TYPE_COLOURS[t]! } })),
        { selector: 'edge.directed', style: { 'curve-style': 'straight', 'target-arrow-shape': 'triangle', 'arrow-scale': 1.4 } },
        { selector: '.faded', style: { opacity: 0.07 } },
        { selector: 'node.state.faded', style: { opacity: 0.25 } },
        { selector: 'node.chosen', style: { 'background-color': '#c0392b', 'border-color': '#1d2430', 'border-width': 4, 'font-weight': 700, color: '#1d2430', 'font-size': 28 } },
        { selector: 'edge.near', style: { opacity: 0.9, width: 5 } },
      ],
    });
    cy.on('tap', 'node.state', (e: EventObject) => onSelect(Number((e.target as NodeSingular).data('ccode'))));
    cy.on('tap', (e: EventObject) => {
      if (e.target === cy) onSelect(null);
    });
    cy.fit(cy.nodes('.region'), 24);
    return new NetworkView(cy, layout);
  }

  /** Fits the ring into the container again (after a resize). */
  fit(): void {
    this.#cy.resize();
    this.#cy.fit(this.#cy.nodes('.region'), 24);
  }

  /** Replaces the drawn network by `data` (changing only what differs); resolves with the milliseconds until drawn. */
  update(data: NetworkAnswer, selected: number | null): Promise<number> {
    const t0 = performance.now();
    const cy = this.#cy;
    const nodes = new Map(data.nodes.map((n) => [`n${n.ccode}`, n]));
    const edges = new Map(data.edges.map((e) => [`e${e.source}${e.directed ? '>' : '-'}${e.target}`, e]));
    cy.batch(() => {
      const gone = cy.collection();
      cy.nodes('.state').forEach((n) => {
        if (!nodes.has(n.id())) gone.merge(n);
      });
      cy.edges().forEach((e) => {
        if (!edges.has(e.id())) gone.merge(e);
      });
      cy.remove(gone);
      const add: ElementDefinition[] = [];
      for (const [id, n] of nodes) {
        const el = cy.getElementById(id);
        if (el.empty()) add.push({ group: 'nodes', data: { id, ccode: n.ccode, abbrev: n.abbrev, name: n.name, degree: n.degree }, position: this.#layout.position(n.ccode), classes: 'state' });
        else if (el.data('degree') !== n.degree || el.data('name') !== n.name) el.data({ degree: n.degree, name: n.name });
      }
      cy.add(add);
      const addEdges: ElementDefinition[] = [];
      for (const [id, e] of edges) {
        const cls = `${strongestType(e.types)}${e.directed ? ' directed' : ''}`;
        const el = cy.getElementById(id);
        if (el.empty()) addEdges.push({ group: 'edges', data: { id, source: `n${e.source}`, target: `n${e.target}`, cls }, classes: cls });
        else if (el.data('cls') !== cls) {
          el.classes(cls);
          el.data('cls', cls);
        }
      }
      cy.add(addEdges);
      this.#applySelection(selected);
    });
    return new Promise((resolve) => {
      let done = false;
      const finish = (): void => {
        if (done) return;
        done = true;
        resolve(performance.now() - t0);
      };
      cy.one('render', finish);
      // Nothing to draw means no render event: settle after two frames.
      requestAnimationFrame(() => requestAnimationFrame(finish));
    });
  }

  /** Highlights a state and its links (null clears). */
  select(ccode: number | null): void {
    this.#cy.batch(() => this.#applySelection(ccode));
  }

  #applySelection(ccode: number | null): void {
    this.#selected = ccode;
    const cy = this.#cy;
    cy.elements().removeClass('faded chosen near');
    if (ccode === null) return;
    const node = cy.getElementById(`n${ccode}`);
    if (node.empty()) return;
    cy.elements('.state, edge').addClass('faded');
    const hood = node.closedNeighborhood();
    hood.removeClass('faded');
    hood.edges().addClass('near');
    node.addClass('chosen');
  }

  /** The selected state. */
  get selected(): number | null {
    return this.#selected;
  }

  /** Removes the drawing. */
  destroy(): void {
    this.#cy.destroy();
  }
}

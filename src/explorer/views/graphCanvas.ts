/** The graph drawn with cytoscape.js: node types by colour, claims by stance, hubs' bubbles, and the path asked for. */
import cytoscape from 'cytoscape';
import fcose from 'cytoscape-fcose';
import type { Drawn, LoadedNode } from '../graphModel';
import { labelWords } from '../vocab';
import { LABEL_COLOURS, OTHER_COLOUR, STANCE_COLOURS } from './colours';

cytoscape.use(fcose);

/**
 * cytoscape inserts an inline <style> (its container's `position: relative`) unless an element
 * with this id exists. The page's CSP forbids inline styles, so explorer.css has that rule and
 * this marker stands in for the <style>.
 */
const CYTOSCAPE_STYLE_ID = '__________cytoscape_stylesheet';

function markCytoscapeStyle(): void {
  if (document.getElementById(CYTOSCAPE_STYLE_ID)) return;
  const marker = document.createElement('meta');
  marker.id = CYTOSCAPE_STYLE_ID;
  document.head.append(marker);
}

const STYLE: cytoscape.StylesheetJson = [
  {
    selector: 'node',
    style: {
      'background-color': 'data(colour)',
      label: 'data(caption)',
      'font-size': 10,
      'font-family': 'system-ui, sans-serif',
      color: '#222',
      'text-valign': 'bottom',
      'text-margin-y': 3,
      'text-wrap': 'ellipsis',
      'text-max-width': '130px',
      'text-outline-color': '#fff',
      'text-outline-width': 2,
      width: 22,
      height: 22,
      'border-width': 1,
      'border-color': '#555',
    },
  },
  { selector: 'node[label = "Claim"]', style: { shape: 'diamond', width: 16, height: 16, 'border-width': 3, 'border-color': 'data(stanceColour)', label: '' } },
  { selector: 'node[label = "Paper"]', style: { shape: 'round-rectangle' } },
  { selector: 'node.seed', style: { width: 32, height: 32, 'border-width': 3, 'border-color': '#111', 'font-weight': 'bold' } },
  {
    selector: 'node.bubble',
    style: { 'background-color': '#fff', 'border-style': 'dashed', 'border-width': 2, 'border-color': '#444', width: 34, height: 34, 'font-size': 11, 'font-weight': 'bold' },
  },
  { selector: 'node:selected', style: { 'overlay-color': '#ff7f0e', 'overlay-opacity': 0.25, 'overlay-padding': 6, label: 'data(caption)' } },
  { selector: 'edge', style: { width: 1.2, 'line-color': '#b5b5b5', 'target-arrow-color': '#b5b5b5', 'target-arrow-shape': 'triangle', 'arrow-scale': 0.6, 'curve-style': 'bezier' } },
  { selector: 'edge.bubble-link', style: { 'line-style': 'dashed', 'target-arrow-shape': 'none' } },
  { selector: 'edge.on-path', style: { 'line-color': '#ff7f0e', 'target-arrow-color': '#ff7f0e', width: 3.5 } },
  { selector: 'node.on-path', style: { 'border-color': '#ff7f0e', 'border-width': 4 } },
];

const READABLE_ZOOM = 1.4;

function caption(node: LoadedNode): string {
  const name = node.name ?? node.id;
  return name.length > 40 ? `${name.slice(0, 38)}…` : name;
}

export interface CanvasEvents {
  /** A node (or a hub's bubble, by the hub's id) was clicked. */
  onTap(id: string, bubble: boolean): void;
}

export interface Canvas {
  show(drawn: Drawn, marks: { seeds: ReadonlySet<string>; path: ReadonlySet<string> }): void;
  select(id: string): void;
  png(): string;
  destroy(): void;
}

export function graphCanvas(container: HTMLElement, events: CanvasEvents): Canvas {
  markCytoscapeStyle();
  const cy = cytoscape({ container, style: STYLE, minZoom: 0.2, maxZoom: 3, boxSelectionEnabled: false });
  let laidOut = false;
  cy.on('tap', 'node', (event) => {
    const node = event.target as cytoscape.NodeSingular;
    const hub = node.data('hub') as string | undefined;
    events.onTap(hub ?? node.id(), hub !== undefined);
  });

  return {
    show(drawn, marks) {
      const wanted: cytoscape.ElementDefinition[] = [
        ...drawn.nodes.map((n) => ({
          group: 'nodes' as const,
          data: { id: n.id, label: n.label, caption: caption(n), colour: LABEL_COLOURS[n.label] ?? OTHER_COLOUR, stanceColour: n.stance ? STANCE_COLOURS[n.stance] : '#777' },
          classes: [marks.seeds.has(n.id) ? 'seed' : '', marks.path.has(n.id) ? 'on-path' : ''].filter(Boolean),
        })),
        ...drawn.bubbles.map((b) => ({ group: 'nodes' as const, data: { id: b.id, hub: b.hub, caption: `+${b.count} ${labelWords(b.label)}${b.count === 1 ? '' : 's'}`, colour: '#fff' }, classes: ['bubble'] })),
        ...drawn.edges.map((e) => ({ group: 'edges' as const, data: { id: e.id, source: e.source, target: e.target, type: e.type }, classes: marks.path.has(e.id) ? ['on-path'] : [] })),
        ...drawn.bubbles.map((b) => ({ group: 'edges' as const, data: { id: `link:${b.id}`, source: b.hub, target: b.id }, classes: ['bubble-link'] })),
      ];
      const ids = new Set(wanted.map((w) => w.data.id as string));
      let changed = false;
      cy.batch(() => {
        const gone = cy.elements().filter((el) => !ids.has(el.id()));
        changed = gone.length > 0;
        gone.remove();
        for (const def of wanted) {
          const existing = cy.getElementById(def.data.id as string);
          if (existing.nonempty()) {
            existing.data(def.data);
            existing.classes(def.classes ?? []);
            continue;
          }
          changed = true;
          if (def.group === 'nodes') {
            // A new node starts beside a neighbour already placed, so the layout moves the graph little.
            const near = drawn.edges.find((e) => e.source === def.data.id || e.target === def.data.id);
            const anchorId = def.data.hub ?? (near && (near.source === def.data.id ? near.target : near.source));
            const anchor = anchorId ? cy.getElementById(anchorId as string) : undefined;
            if (anchor?.nonempty()) def.position = { x: anchor.position('x') + (Math.random() - 0.5) * 60, y: anchor.position('y') + (Math.random() - 0.5) * 60 };
          }
          cy.add(def);
        }
      });
      if (changed) {
        cy.layout({ name: 'fcose', animate: false, randomize: !laidOut, fit: true, padding: 40, nodeRepulsion: () => 6500, idealEdgeLength: () => 80 } as cytoscape.LayoutOptions).run();
        laidOut = true;
        // Fitting a handful of nodes would blow them up to the maximum zoom.
        if (cy.zoom() > READABLE_ZOOM) {
          cy.zoom(READABLE_ZOOM);
          cy.center();
        }
      }
    },
    select(id) {
      cy.elements(':selected').unselect();
      cy.getElementById(id).select();
    },
    png: () => cy.png({ full: true, scale: 2, bg: '#ffffff' }),
    destroy: () => cy.destroy(),
  };
}

/**
 * The graph the explorer has loaded, and what of it is drawn (pure): filters, the nodes reachable
 * from the seeds, and hubs whose many single-link neighbours fold into one count bubble.
 */
import type { ClaimSource, EvidenceLevel, GraphEdge, GraphNode, Stance } from '../generated/schema';
import type { GraphFilters } from './state';

/** A node with what the filters read: a claim's stance and source, a paper's (or a claim's paper's) year. */
export interface LoadedNode extends Pick<GraphNode, 'id' | 'label' | 'name'> {
  stance?: Stance;
  source?: ClaimSource;
  evidenceLevel?: EvidenceLevel | null;
  year?: number | null;
  /** True once stance, source and year have been read (claims and papers only). */
  detailed?: boolean;
}

export type LoadedEdge = Pick<GraphEdge, 'id' | 'type' | 'source' | 'target'>;

export interface LoadedGraph {
  nodes: Map<string, LoadedNode>;
  edges: Map<string, LoadedEdge>;
}

/** A hub's folded neighbours of one label, drawn as one bubble linked to the hub. */
export interface Bubble {
  id: string;
  hub: string;
  label: string;
  count: number;
}

export interface Drawn {
  nodes: LoadedNode[];
  edges: LoadedEdge[];
  bubbles: Bubble[];
  /** Neighbours each drawn node has among all the loaded nodes, before filters. */
  degree: Map<string, number>;
}

/** A hub folds its leaves of one label when it has more than this many of them. */
export const HUB_LIMIT = 8;

export function emptyGraph(): LoadedGraph {
  return { nodes: new Map(), edges: new Map() };
}

/** Adds nodes and edges; a node already known keeps the details read for it. */
export function merge(graph: LoadedGraph, part: { nodes: readonly LoadedNode[]; edges: readonly LoadedEdge[] }): void {
  for (const node of part.nodes) graph.nodes.set(node.id, { ...node, ...graph.nodes.get(node.id) });
  for (const edge of part.edges) graph.edges.set(edge.id, edge);
}

/** Claims and papers whose stance, source or year are not known yet. */
export function undetailed(graph: LoadedGraph): string[] {
  return [...graph.nodes.values()].filter((n) => (n.label === 'Claim' || n.label === 'Paper') && !n.detailed).map((n) => n.id);
}

/** Does a node pass the filters? Nodes whose details are not read yet pass, and are judged once they are. */
export function passes(node: LoadedNode, filters: GraphFilters): boolean {
  if (node.label === 'Claim') {
    if (filters.stances.length > 0 && node.stance && !filters.stances.includes(node.stance)) return false;
    if (filters.sources.length > 0 && node.source && !filters.sources.includes(node.source)) return false;
  }
  if ((node.label === 'Claim' || node.label === 'Paper') && node.detailed && (filters.yearFrom !== null || filters.yearTo !== null)) {
    // As the API's year filters do, a paper without a year is outside every range.
    if (node.year === null || node.year === undefined) return false;
    if (filters.yearFrom !== null && node.year < filters.yearFrom) return false;
    if (filters.yearTo !== null && node.year > filters.yearTo) return false;
  }
  return true;
}

export interface DrawOptions {
  seeds: readonly string[];
  expanded: readonly string[];
  /** The nodes of a path asked for: always drawn and never folded. */
  anchors: readonly string[];
  filters: GraphFilters;
  hubLimit?: number;
}

export function draw(graph: LoadedGraph, options: DrawOptions): Drawn {
  const hubLimit = options.hubLimit ?? HUB_LIMIT;
  const pinned = new Set([...options.seeds, ...options.anchors]);
  const kept = new Set([...graph.nodes.values()].filter((n) => pinned.has(n.id) || passes(n, options.filters)).map((n) => n.id));
  const edges = [...graph.edges.values()].filter((e) => !options.filters.hiddenTypes.includes(e.type) && kept.has(e.source) && kept.has(e.target));

  const neighbours = new Map<string, Set<string>>();
  const link = (a: string, b: string) => {
    if (!neighbours.has(a)) neighbours.set(a, new Set());
    neighbours.get(a)?.add(b);
  };
  for (const e of edges) {
    link(e.source, e.target);
    link(e.target, e.source);
  }

  // Only what a seed or an anchor reaches over drawn edges: a filter that cuts a node's last link hides it.
  const reached = new Set([...pinned].filter((id) => graph.nodes.has(id)));
  const queue = [...reached];
  for (let id = queue.shift(); id !== undefined; id = queue.shift()) {
    for (const next of neighbours.get(id) ?? []) {
      if (!reached.has(next)) {
        reached.add(next);
        queue.push(next);
      }
    }
  }

  const open = new Set([...options.expanded, ...pinned]);
  const folded = new Map<string, string>();
  const bubbles: Bubble[] = [];
  for (const hub of reached) {
    if (options.expanded.includes(hub)) continue;
    const leaves = [...(neighbours.get(hub) ?? [])].filter((n) => reached.has(n) && !open.has(n) && !folded.has(n) && neighbours.get(n)?.size === 1);
    const byLabel = new Map<string, string[]>();
    for (const leaf of leaves) {
      const label = graph.nodes.get(leaf)?.label ?? '';
      byLabel.set(label, [...(byLabel.get(label) ?? []), leaf]);
    }
    for (const [label, group] of [...byLabel].sort(([a], [b]) => a.localeCompare(b))) {
      if (group.length <= hubLimit) continue;
      for (const leaf of group) folded.set(leaf, hub);
      bubbles.push({ id: `bubble:${label}:${hub}`, hub, label, count: group.length });
    }
  }

  const allNeighbours = new Map<string, Set<string>>();
  for (const e of graph.edges.values()) {
    allNeighbours.set(e.source, (allNeighbours.get(e.source) ?? new Set()).add(e.target));
    allNeighbours.set(e.target, (allNeighbours.get(e.target) ?? new Set()).add(e.source));
  }
  const nodes = [...reached].filter((id) => !folded.has(id)).map((id) => graph.nodes.get(id) as LoadedNode);
  const drawnIds = new Set(nodes.map((n) => n.id));
  return {
    nodes,
    edges: edges.filter((e) => drawnIds.has(e.source) && drawnIds.has(e.target)),
    bubbles,
    degree: new Map(nodes.map((n) => [n.id, allNeighbours.get(n.id)?.size ?? 0])),
  };
}

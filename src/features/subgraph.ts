/**
 * "What is around these nodes?": the bounded neighbourhood of some seeds as nodes and edges
 * with public ids, the shape front ends draw.
 */
import type { Executor } from '../db/executor';
import { ErrorCode, EvmapError, quoteInput } from '../errors';
import { edgeId } from '../graph/keys';
import { REL, type RelType } from '../graph/model';
import type { GraphEdgeRow, GraphNodeRow } from '../graph/records';
import { LIMITS } from '../limits';
import { expandLevelQuery } from '../store/subgraph';
import { requireNodes } from './entityRefs';

export function graphEdge(type: string, source: string, target: string): GraphEdgeRow {
  return { id: edgeId(type, source, target), type, source, target };
}

const SUBGRAPH_LIMITS = LIMITS.subgraph;

export interface SubgraphArgs {
  seeds: readonly string[];
  depth?: number | null;
  relationshipTypes?: readonly string[] | null;
  limit?: number | null;
}

export interface SubgraphPlan {
  depth: number;
  limit: number;
  /** Relationship types to follow; null follows every type of the model. */
  types: RelType[] | null;
}

function badInput(argumentName: string, message: string): EvmapError {
  return new EvmapError(ErrorCode.BadUserInput, message, { argumentName });
}

/** Checks `subgraph` arguments against their bounds (pure, so unit tests cover it). */
export function planSubgraph(args: SubgraphArgs): SubgraphPlan {
  const depth = args.depth ?? SUBGRAPH_LIMITS.defaultDepth;
  const limit = args.limit ?? SUBGRAPH_LIMITS.defaultLimit;
  if (args.seeds.length === 0) throw badInput('seeds', 'Give at least one seed.');
  if (args.seeds.length > SUBGRAPH_LIMITS.maxSeeds) throw badInput('seeds', `At most ${SUBGRAPH_LIMITS.maxSeeds} seeds, got ${args.seeds.length}.`);
  if (!Number.isInteger(depth) || depth < 1 || depth > SUBGRAPH_LIMITS.maxDepth) {
    throw badInput('depth', `"depth" must be between 1 and ${SUBGRAPH_LIMITS.maxDepth}, got ${depth}.`);
  }
  if (!Number.isInteger(limit) || limit < 1 || limit > SUBGRAPH_LIMITS.maxLimit) {
    throw badInput('limit', `"limit" must be between 1 and ${SUBGRAPH_LIMITS.maxLimit}, got ${limit}.`);
  }
  let types: RelType[] | null = null;
  if (args.relationshipTypes) {
    const known = Object.keys(REL) as RelType[];
    const unknown = args.relationshipTypes.filter((t) => !(known as string[]).includes(t));
    if (unknown.length > 0) {
      throw badInput('relationshipTypes', `Unknown relationship type(s) ${unknown.map(quoteInput).join(', ')}; known types are ${known.join(', ')}.`);
    }
    if (args.relationshipTypes.length === 0) throw badInput('relationshipTypes', 'Give at least one relationship type, or leave "relationshipTypes" out to follow all of them.');
    types = known.filter((t) => args.relationshipTypes?.includes(t));
  }
  return { depth, limit, types };
}

export interface SubgraphResult {
  nodes: GraphNodeRow[];
  edges: GraphEdgeRow[];
  truncated: boolean;
}

/** Collects nodes and edges up to `limit` of each; an edge whose new endpoint does not fit is left out. */
export class SubgraphBuilder {
  readonly nodes = new Map<string, GraphNodeRow>();
  readonly edges = new Map<string, GraphEdgeRow>();
  truncated = false;

  constructor(readonly limit: number) {}

  /** Adds a node unless the limit is reached; true when it is (or already was) in. */
  addNode(node: GraphNodeRow): boolean {
    if (this.nodes.has(node.id)) return true;
    if (this.nodes.size >= this.limit) {
      this.truncated = true;
      return false;
    }
    this.nodes.set(node.id, node);
    return true;
  }

  /**
   * Adds an edge with both endpoints, or nothing when the edge or node limit would be passed.
   * Returns the endpoints that were new.
   */
  addEdge(type: string, source: GraphNodeRow, target: GraphNodeRow): GraphNodeRow[] {
    const edge = graphEdge(type, source.id, target.id);
    if (this.edges.has(edge.id)) return [];
    const fresh = [source, target].filter((n, i, all) => !this.nodes.has(n.id) && all.findIndex((m) => m.id === n.id) === i);
    if (this.edges.size >= this.limit || this.nodes.size + fresh.length > this.limit) {
      this.truncated = true;
      return [];
    }
    for (const n of fresh) this.nodes.set(n.id, n);
    this.edges.set(edge.id, edge);
    return fresh;
  }

  result(): SubgraphResult {
    return { nodes: [...this.nodes.values()], edges: [...this.edges.values()], truncated: this.truncated };
  }
}

/**
 * The neighbourhood of the seeds as a bounded BFS, one query per level with a LIMIT: every node
 * within `depth` hops (over the allowed types) and the relationships of every node closer than
 * `depth` hops, at most `limit` nodes and `limit` edges. When the limit cuts, the result says so
 * and the BFS stops; every edge's endpoints are always among the nodes.
 */
export async function subgraph(db: Executor, args: SubgraphArgs): Promise<SubgraphResult> {
  const plan = planSubgraph(args);
  const seeds = await requireNodes(db, args.seeds, 'seeds');
  const graph = new SubgraphBuilder(plan.limit);
  let frontier = seeds.filter((s) => graph.addNode(s)).map((s) => s.id);
  const earlier: string[] = [];
  for (let level = 0; level < plan.depth && frontier.length > 0 && !graph.truncated; level += 1) {
    const cap = plan.limit - graph.edges.size + 1;
    const rows = await db.run(expandLevelQuery(frontier, earlier, plan.types, cap));
    const next: string[] = [];
    for (const row of rows) next.push(...graph.addEdge(row.type, row.source, row.target).map((n) => n.id));
    earlier.push(...frontier);
    frontier = next;
  }
  return graph.result();
}

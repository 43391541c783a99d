/**
 * "What is around these nodes?": the bounded neighbourhood of some seeds as nodes and edges
 * with public ids, the shape front ends draw, cut fairly and in slices when it is too large.
 */
import type { Executor } from '../db/executor';
import { ErrorCode, EvmapError, quoteInput } from '../errors';
import { edgeId } from '../graph/keys';
import { NODE_LABELS, REL, type RelType } from '../graph/model';
import type { EdgeClaimRow, GraphEdgeRow, GraphNodeRow } from '../graph/records';
import { LIMITS } from '../limits';
import { expandLevelQuery, type LevelEdge, type LevelRow } from '../store/subgraph';
import { requireNodes } from './entityRefs';

/** An edge with its id; the claim fields come from the claim at one end, when there is one. */
export function graphEdge(type: string, source: string, target: string, claim: EdgeClaimRow | null = null): GraphEdgeRow {
  return {
    id: edgeId(type, source, target),
    type,
    source,
    target,
    claim: claim ? `Claim:${claim.id}` : null,
    stance: claim?.stance ?? null,
    evidenceLevel: claim?.evidenceLevel ?? null,
    claimSource: claim?.source ?? null,
    confidence: claim?.confidence ?? null,
  };
}

const SUBGRAPH_LIMITS = LIMITS.subgraph;

export interface SubgraphArgs {
  seeds: readonly string[];
  depth?: number | null;
  relationshipTypes?: readonly string[] | null;
  limit?: number | null;
  offset?: number | null;
}

export interface SubgraphPlan {
  depth: number;
  limit: number;
  offset: number;
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
  const offset = args.offset ?? 0;
  if (args.seeds.length === 0) throw badInput('seeds', 'Give at least one seed.');
  if (args.seeds.length > SUBGRAPH_LIMITS.maxSeeds) throw badInput('seeds', `At most ${SUBGRAPH_LIMITS.maxSeeds} seeds, got ${args.seeds.length}.`);
  if (!Number.isInteger(depth) || depth < 1 || depth > SUBGRAPH_LIMITS.maxDepth) {
    throw badInput('depth', `"depth" must be between 1 and ${SUBGRAPH_LIMITS.maxDepth}, got ${depth}.`);
  }
  if (!Number.isInteger(limit) || limit < 1 || limit > SUBGRAPH_LIMITS.maxLimit) {
    throw badInput('limit', `"limit" must be between 1 and ${SUBGRAPH_LIMITS.maxLimit}, got ${limit}.`);
  }
  if (!Number.isInteger(offset) || offset < 0 || offset + limit > SUBGRAPH_LIMITS.maxLimit) {
    throw badInput('offset', `"offset" must be 0 or more, with "offset" + "limit" at most ${SUBGRAPH_LIMITS.maxLimit}, got ${offset} + ${limit}.`);
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
  return { depth, limit, offset, types };
}

export interface OmittedCount {
  type: string;
  count: number;
  /** The hop read as many relationships as it may, so more may be out there. */
  atLeast: boolean;
}

export interface SubgraphResult {
  nodes: GraphNodeRow[];
  edges: GraphEdgeRow[];
  truncated: boolean;
  omitted: OmittedCount[];
  omittedEdges: number;
  nextOffset: number | null;
}

/** A node a hop reached, with its relationships to the hop before. */
interface Candidate {
  node: GraphNodeRow;
  edges: LevelEdge[];
}

/**
 * The neighbourhood as a ranking: nodes in the order they are shown, each with the edges that
 * join it to nodes ranked before it, and what was found and not ranked. Each hop's new nodes
 * come as one list that takes the node types in turn (so claims cannot crowd out papers), and
 * the hops take turns too: one node of hop 1, then one of hop 2 whose link to hop 1 is already
 * ranked, and so on. A hub's thousand mentions therefore leave room for the papers asserting the
 * best of them, and the ranking's order does not depend on where the budget ends, so `slice`
 * can cut it into pieces that join up.
 */
export class Ranking {
  readonly nodes: GraphNodeRow[] = [];
  private readonly rank = new Map<string, number>();
  private readonly edgesOf = new Map<number, Map<string, GraphEdgeRow>>();
  private readonly levels: Candidate[][] = [];
  private readonly unread = new Map<string, OmittedCount>();
  private readonly known: LevelEdge[] = [];

  /** Ranks a node at the end unless it is ranked already (the seeds go in first). */
  add(node: GraphNodeRow): boolean {
    if (this.rank.has(node.id)) return false;
    this.rank.set(node.id, this.nodes.length);
    this.nodes.push(node);
    return true;
  }

  /**
   * Records one hop: its new nodes by type in rank order, interleaved type after type in the
   * model's label order, the first `budget` of them; what a type found beyond those is counted
   * as left out.
   * Returns the hop's nodes, the next hop's frontier.
   */
  addLevel(rows: readonly LevelRow[], budget: number, atLeast: boolean): string[] {
    const byType = NODE_LABELS.map((label) => rows.find((r) => r.type === label)).filter((r): r is LevelRow => r !== undefined);
    const queues = byType.map((r) => [...r.candidates]);
    const level: Candidate[] = [];
    while (queues.some((q) => q.length > 0)) {
      for (const queue of queues) {
        const next = queue.shift();
        if (next) level.push(next);
      }
    }
    // No hop can have more than the budget ranked, so what lies beyond it is left out already.
    for (const cut of level.splice(budget)) this.countLeftOut(cut.node.label, 1, false);
    this.levels.push(level);
    for (const row of byType) {
      this.known.push(...row.knownEdges.flat());
      const beyond = row.found - row.candidates.length;
      if (beyond > 0 || atLeast) this.countLeftOut(row.type, Math.max(0, beyond), atLeast);
    }
    return level.map((c) => c.node.id);
  }

  private countLeftOut(type: string, count: number, atLeast: boolean): void {
    const was = this.unread.get(type) ?? { type, count: 0, atLeast: false };
    this.unread.set(type, { type, count: was.count + count, atLeast: was.atLeast || atLeast });
  }

  /** Ranks up to `budget` nodes in all, the hops taking turns, each node only once a link to a ranked node brings it in. */
  rankUpTo(budget: number): void {
    const pending = this.levels.map((level) => [...level]);
    const linked = (c: Candidate) => c.edges.some((e) => this.rank.has(e.source === c.node.id ? e.target : e.source));
    for (let progress = true; progress && this.nodes.length < budget; ) {
      progress = false;
      for (const queue of pending) {
        if (this.nodes.length >= budget) break;
        const index = queue.findIndex(linked);
        if (index < 0) continue;
        const [next] = queue.splice(index, 1);
        if (next && this.add(next.node)) progress = true;
      }
    }
    for (const level of this.levels) for (const candidate of level) for (const edge of candidate.edges) this.addEdge(edge);
    for (const edge of this.known) this.addEdge(edge);
    for (const queue of pending) for (const left of queue) if (!this.rank.has(left.node.id)) this.countLeftOut(left.node.label, 1, false);
  }

  /** Files an edge between two ranked nodes under the later of them; an edge to an unranked node is dropped. */
  private addEdge(edge: LevelEdge): void {
    const a = this.rank.get(edge.source);
    const b = this.rank.get(edge.target);
    if (a === undefined || b === undefined) return;
    const row = graphEdge(edge.type, edge.source, edge.target, edge.claim);
    const later = Math.max(a, b);
    const filed = this.edgesOf.get(later) ?? new Map<string, GraphEdgeRow>();
    filed.set(row.id, row);
    this.edgesOf.set(later, filed);
  }

  /**
   * Nodes ranked from `offset`, at most `limit` of them and their edges to earlier nodes, at
   * most `limit` edges: a node whose edges no longer fit starts the next slice, unless it is
   * the slice's first node, which then comes with its first `limit` edges.
   */
  slice(offset: number, limit: number): SubgraphResult {
    const nodes: GraphNodeRow[] = [];
    const edges: GraphEdgeRow[] = [];
    let omittedEdges = 0;
    let end = offset;
    while (end < this.nodes.length && nodes.length < limit) {
      const own = [...(this.edgesOf.get(end)?.values() ?? [])];
      if (edges.length + own.length > limit) {
        if (nodes.length > 0) break;
        omittedEdges = own.length - limit;
        own.length = limit;
      }
      nodes.push(this.nodes[end] as GraphNodeRow);
      edges.push(...own);
      end += 1;
    }
    const omitted = new Map<string, OmittedCount>([...this.unread].map(([type, count]) => [type, { ...count }]));
    for (const node of this.nodes.slice(end)) {
      const was = omitted.get(node.label) ?? { type: node.label, count: 0, atLeast: false };
      omitted.set(node.label, { ...was, count: was.count + 1 });
    }
    const omittedList = NODE_LABELS.map((label) => omitted.get(label)).filter((c): c is OmittedCount => c !== undefined && (c.count > 0 || c.atLeast));
    const more = omittedList.some((c) => c.count > 0);
    return { nodes, edges, truncated: more || omittedEdges > 0, omitted: omittedList, omittedEdges, nextOffset: more ? end : null };
  }
}

/**
 * The neighbourhood of the seeds as a bounded BFS, one query per hop, each reading at most
 * LIMITS.subgraph.maxScan relationships of the hop's frontier and returning at most `offset` +
 * `limit` new nodes of each type: every node within `depth` hops (over the allowed types) and
 * the relationships of every node closer than `depth` hops, ranked as `Ranking` says.
 */
export async function subgraph(db: Executor, args: SubgraphArgs): Promise<SubgraphResult> {
  const plan = planSubgraph(args);
  const budget = plan.offset + plan.limit;
  const seeds = await requireNodes(db, args.seeds, 'seeds');
  const ranking = new Ranking();
  let frontier = seeds.filter((s) => ranking.add(s)).map((s) => s.id);
  const earlier: string[] = [];
  for (let level = 0; level < plan.depth && frontier.length > 0; level += 1) {
    const rows = await db.run(expandLevelQuery(frontier, earlier, plan.types, budget, SUBGRAPH_LIMITS.maxScan));
    const read = rows.reduce((sum, r) => sum + r.relationships, 0);
    earlier.push(...frontier);
    frontier = ranking.addLevel(rows, budget, read >= SUBGRAPH_LIMITS.maxScan);
  }
  ranking.rankUpTo(budget);
  return ranking.slice(plan.offset, plan.limit);
}

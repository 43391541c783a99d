import neo4j from 'neo4j-driver';
import type { Executor } from '../db/executor';
import { ErrorCode, EvmapError, quoteInput } from '../errors';
import { ENTITY_LABELS, NODE_KEYS, NODE_LABELS, REL, nodeId, parseNodeId, type NodeLabel, type RelType } from '../graph/model';
import { findEntities } from './entities';

/*
 * Graph shapes for front ends (nodes and edges with public ids), the Cypher fragments that build
 * them, and the bounded neighbourhood (`subgraph`). `paths` reuses the shapes and fragments.
 *
 * Every fragment below is generated from the constants of src/graph/model.ts and the variable
 * names this module passes in; user input only ever reaches Cypher as parameters.
 */

/** A node as `GraphNode` shows it. */
export interface GraphNodeRow {
  id: string;
  label: string;
  name: string | null;
}

/** A relationship as `GraphEdge` shows it, in stored direction. */
export interface GraphEdgeRow {
  id: string;
  type: string;
  source: string;
  target: string;
}

/**
 * The stable id of an edge: type plus the public ids of its endpoints in stored direction,
 * e.g. "CITES:Paper:27723376->Paper:24392693". The model MERGEs every relationship, so there is
 * at most one of a type between two nodes and the id is unique.
 */
export function edgeId(type: string, source: string, target: string): string {
  return `${type}:${source}->${target}`;
}

export function graphEdge(type: string, source: string, target: string): GraphEdgeRow {
  return { id: edgeId(type, source, target), type, source, target };
}

/** A Cypher expression choosing a value per label of node variable `v`; null for a node of no model label. */
function byLabel(v: string, value: (label: NodeLabel) => string): string {
  return `CASE ${NODE_LABELS.map((label) => `WHEN ${v}:${label} THEN ${value(label)}`).join(' ')} END`;
}

/** Cypher expression: the public id ("Paper:24392693") of node variable `v`. */
export function publicIdCypher(v: string): string {
  return byLabel(v, (label) => `'${label}:' + ${v}.${NODE_KEYS[label]}`);
}

/** Cypher expression: the `GraphNode` map of node variable `v`. */
export function graphNodeCypher(v: string): string {
  const name = (label: NodeLabel) => {
    if (label === 'Paper') return `${v}.title`;
    if (label === 'Claim') return `coalesce(${v}.statement, ${v}.quote)`;
    return `${v}.name`;
  };
  return `{id: ${publicIdCypher(v)}, label: ${byLabel(v, (label) => `'${label}'`)}, name: ${byLabel(v, name)}}`;
}

/** Public node ids grouped by label, as the `nodesByKeysCypher` parameter wants them. */
export type KeysByLabel = Record<NodeLabel, string[]>;

export function keysByLabel(ids: Iterable<string>): KeysByLabel {
  const out = Object.fromEntries(NODE_LABELS.map((label) => [label, [] as string[]])) as KeysByLabel;
  for (const id of ids) {
    const parsed = parseNodeId(id);
    if (parsed) out[parsed.label].push(parsed.key);
  }
  return out;
}

/**
 * A subquery yielding `n` for every node whose key is listed under its label in map parameter
 * `param` (see keysByLabel); one index lookup per key, never a scan.
 */
export function nodesByKeysCypher(param: string): string {
  const branches = NODE_LABELS.map((label) => `UNWIND coalesce($${param}.${label}, []) AS key MATCH (n:${label} {${NODE_KEYS[label]}: key}) RETURN n`);
  return `CALL () {\n  ${branches.join('\n  UNION\n  ')}\n}`;
}

/** How a node reference that matched nothing is reported. */
function notFound(argumentName: string, refs: string[]): EvmapError {
  const list = refs.map(quoteInput).join(', ');
  return new EvmapError(ErrorCode.NotFound, `No node matches ${list}: use a global id such as "Paper:24392693" or "Mechanism:mtor", or an entity name or alias.`, {
    argumentName,
  });
}

/**
 * Resolves node references — public ids ("Paper:24392693", "Mechanism:mtor") or entity names
 * and aliases ("mTOR", "GSK3") — to graph nodes, in the order given, without duplicates.
 * Public ids are looked up in one query, the rest in one `findEntities` query.
 * Throws NOT_FOUND naming every reference that matches nothing.
 */
export async function resolveNodeRefs(db: Executor, refs: readonly string[], argumentName: string): Promise<GraphNodeRow[]> {
  const exact = new Map<string, GraphNodeRow>();
  const parsedIds = refs.filter((ref) => parseNodeId(ref) !== undefined);
  if (parsedIds.length > 0) {
    const rows = await db.readRows<{ node: GraphNodeRow }>(
      `${nodesByKeysCypher('keys')}
       RETURN ${graphNodeCypher('n')} AS node`,
      { keys: keysByLabel(parsedIds) },
      { tag: 'traversals:resolve-nodes' },
    );
    for (const { node } of rows) exact.set(node.id, node);
  }
  // A reference finds its node under the node's canonical id ("Paper:024392693" → "Paper:24392693").
  const exactFor = (ref: string) => {
    const parsed = parseNodeId(ref);
    return parsed && exact.get(nodeId(parsed.label, parsed.key));
  };
  // Entities are also found by name or alias, and by a spelling variant of their id ("Mechanism:GSK3").
  const byName = await findEntities(
    db,
    refs.filter((ref) => {
      const parsed = parseNodeId(ref);
      return !exactFor(ref) && (!parsed || (ENTITY_LABELS as readonly string[]).includes(parsed.label));
    }),
  );
  const resolved: GraphNodeRow[] = [];
  const missing: string[] = [];
  for (const ref of refs) {
    const entity = byName.get(ref);
    const node = exactFor(ref) ?? (entity && { id: nodeId(entity.__typename, entity.id), label: entity.__typename, name: entity.name });
    if (node) resolved.push(node);
    else missing.push(ref);
  }
  if (missing.length > 0) throw notFound(argumentName, missing);
  return [...new Map(resolved.map((n) => [n.id, n])).values()];
}

/** Bounds of `subgraph`; beyond them is BAD_USER_INPUT, never a silent cut. */
export const SUBGRAPH_LIMITS = { maxDepth: 3, maxLimit: 5000, maxSeeds: 100, defaultDepth: 1, defaultLimit: 500 } as const;

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
 * One BFS level: the relationships (of the allowed types) of the frontier nodes whose other end
 * is not in an earlier level, at most `cap` of them. Lazy to its LIMIT, so a hub costs no more
 * than `cap` rows.
 */
async function expandLevel(db: Executor, frontier: string[], earlier: string[], types: RelType[] | null, cap: number): Promise<Array<{ type: string; source: GraphNodeRow; target: GraphNodeRow }>> {
  return db.readRows(
    `${nodesByKeysCypher('frontier')}
     MATCH (n)-[r]-(m)
     WHERE ($types IS NULL OR type(r) IN $types)
     WITH r, ${publicIdCypher('m')} AS other
     WHERE other IS NOT NULL AND NOT other IN $earlier
     WITH DISTINCT r LIMIT $cap
     WITH r, startNode(r) AS s, endNode(r) AS t
     RETURN type(r) AS type, ${graphNodeCypher('s')} AS source, ${graphNodeCypher('t')} AS target`,
    { frontier: keysByLabel(frontier), earlier, types, cap: neo4j.int(cap) },
    { tag: 'traversals:subgraph-level' },
  );
}

/**
 * The neighbourhood of the seeds as a bounded BFS, one query per level with a LIMIT: every node
 * within `depth` hops (over the allowed types) and the relationships of every node closer than
 * `depth` hops, at most `limit` nodes and `limit` edges. When the limit cuts, the result says so
 * and the BFS stops; every edge's endpoints are always among the nodes.
 */
export async function subgraph(db: Executor, args: SubgraphArgs): Promise<SubgraphResult> {
  const plan = planSubgraph(args);
  const seeds = await resolveNodeRefs(db, args.seeds, 'seeds');
  const graph = new SubgraphBuilder(plan.limit);
  let frontier = seeds.filter((s) => graph.addNode(s)).map((s) => s.id);
  const earlier: string[] = [];
  for (let level = 0; level < plan.depth && frontier.length > 0 && !graph.truncated; level += 1) {
    const cap = plan.limit - graph.edges.size + 1;
    const rows = await expandLevel(db, frontier, earlier, plan.types, cap);
    const next: string[] = [];
    for (const row of rows) next.push(...graph.addEdge(row.type, row.source, row.target).map((n) => n.id));
    earlier.push(...frontier);
    frontier = next;
  }
  return graph.result();
}

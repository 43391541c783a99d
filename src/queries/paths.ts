import neo4j from 'neo4j-driver';
import type { Executor } from '../db/executor';
import { ErrorCode, EvmapError } from '../errors';
import { graphEdge, graphNodeCypher, keysByLabel, nodesByKeysCypher, resolveNodeRefs, type GraphEdgeRow, type GraphNodeRow } from './subgraph';

/** Bounds of `paths`; beyond them is BAD_USER_INPUT. */
export const PATH_LIMITS = { maxLength: 6, maxFirst: 100, defaultLength: 4, defaultFirst: 10 } as const;

export interface PathArgs {
  from: string;
  to: string;
  maxLength?: number | null;
  first?: number | null;
}

export interface PathRow {
  length: number;
  nodes: GraphNodeRow[];
  edges: GraphEdgeRow[];
}

/** Checks `maxLength` and `first` (pure). `maxLength` is inlined in the Cypher pattern, so it must be a small integer. */
export function planPaths(args: Pick<PathArgs, 'maxLength' | 'first'>): { maxLength: number; first: number } {
  const maxLength = args.maxLength ?? PATH_LIMITS.defaultLength;
  const first = args.first ?? PATH_LIMITS.defaultFirst;
  if (!Number.isInteger(maxLength) || maxLength < 1 || maxLength > PATH_LIMITS.maxLength) {
    throw new EvmapError(ErrorCode.BadUserInput, `"maxLength" must be between 1 and ${PATH_LIMITS.maxLength}, got ${maxLength}.`, { argumentName: 'maxLength' });
  }
  if (!Number.isInteger(first) || first < 1 || first > PATH_LIMITS.maxFirst) {
    throw new EvmapError(ErrorCode.BadUserInput, `"first" must be between 1 and ${PATH_LIMITS.maxFirst}, got ${first}.`, { argumentName: 'first' });
  }
  return { maxLength, first };
}

/** One step of a path as the query returns it: the relationship type and whether it is stored pointing along the path. */
interface Step {
  type: string;
  forward: boolean;
}

/** Builds a path's edges from its nodes and steps: step i joins nodes i and i + 1, in stored direction. */
export function toPath(nodes: GraphNodeRow[], steps: Step[]): PathRow {
  const edges = steps.map((step, i) => {
    const a = nodes[i];
    const b = nodes[i + 1];
    if (!a || !b) throw new Error(`path step ${i} has no endpoints`);
    return step.forward ? graphEdge(step.type, a.id, b.id) : graphEdge(step.type, b.id, a.id);
  });
  return { length: steps.length, nodes, edges };
}

/**
 * The shortest paths between two nodes, following relationships either way, at most
 * `maxLength` edges long (allShortestPaths, so all returned paths have the same length), at most
 * `first` of them, ordered by their node ids. Endpoints are public ids or entity names and
 * aliases; NOT_FOUND when one matches nothing. A node's path to itself has length 0.
 */
export async function shortestPaths(db: Executor, args: PathArgs): Promise<PathRow[]> {
  const { maxLength, first } = planPaths(args);
  const [from] = await resolveNodeRefs(db, [args.from], 'from');
  const [to] = await resolveNodeRefs(db, [args.to], 'to');
  if (!from || !to) throw new Error('resolveNodeRefs returned no node');
  if (from.id === to.id) return [{ length: 0, nodes: [from], edges: [] }];
  // maxLength is a validated integer from 1 to 6: Cypher takes no parameter for a pattern's length.
  const rows = await db.readRows<{ nodes: GraphNodeRow[]; steps: Step[] }>(
    `${nodesByKeysCypher('from')}
     WITH n AS a
     ${nodesByKeysCypher('to')}
     WITH a, n AS b
     MATCH p = allShortestPaths((a)-[*..${maxLength}]-(b))
     WITH p LIMIT $first
     RETURN [x IN nodes(p) | ${graphNodeCypher('x')}] AS nodes,
            [i IN range(0, length(p) - 1) | {type: type(relationships(p)[i]), forward: startNode(relationships(p)[i]) = nodes(p)[i]}] AS steps`,
    { from: keysByLabel([from.id]), to: keysByLabel([to.id]), first: neo4j.int(first) },
    { tag: 'traversals:paths' },
  );
  const paths = rows.map((row) => toPath(row.nodes, row.steps));
  const key = (p: PathRow) => p.nodes.map((n) => n.id).join('\u0000');
  return paths.sort((x, y) => (key(x) < key(y) ? -1 : key(x) > key(y) ? 1 : 0));
}

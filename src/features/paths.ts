/** "How are these two connected?": the shortest paths between two nodes, as nodes and edges. */
import type { Executor } from '../db/executor';
import { ErrorCode, EvmapError } from '../errors';
import type { GraphEdgeRow, GraphNodeRow } from '../graph/records';
import { LIMITS } from '../limits';
import { shortestPathsQuery, type PathStep } from '../store/paths';
import { requireNodes } from './entityRefs';
import { graphEdge } from './subgraph';

const PATH_LIMITS = LIMITS.paths;

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

/** Checks `maxLength` and `first` (pure). */
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

/** Builds a path's edges from its nodes and steps: step i joins nodes i and i + 1, in stored direction. */
export function toPath(nodes: GraphNodeRow[], steps: readonly PathStep[]): PathRow {
  const edges = steps.map((step, i) => {
    const a = nodes[i];
    const b = nodes[i + 1];
    if (!a || !b) throw new Error(`path step ${i} has no endpoints`);
    return step.forward ? graphEdge(step.type, a.id, b.id, step.claim) : graphEdge(step.type, b.id, a.id, step.claim);
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
  const [from] = await requireNodes(db, [args.from], 'from');
  const [to] = await requireNodes(db, [args.to], 'to');
  if (!from || !to) throw new Error('requireNodes returned no node');
  if (from.id === to.id) return [{ length: 0, nodes: [from], edges: [] }];
  const rows = await db.run(shortestPathsQuery(from.id, to.id, maxLength, first));
  const paths = rows.map((row) => toPath(row.nodes, row.steps));
  const key = (p: PathRow) => p.nodes.map((n) => n.id).join('\u0000');
  return paths.sort((x, y) => (key(x) < key(y) ? -1 : key(x) > key(y) ? 1 : 0));
}

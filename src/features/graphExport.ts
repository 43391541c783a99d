/**
 * A subgraph as the export formats want it: every node with its stored record, so GraphML and
 * CSV carry each property (a paper's pmid, year and DOI; a claim's stance and quote), not only
 * what the GraphQL `GraphNode` shows.
 */
import type { Executor } from '../db/executor';
import { parseNodeId } from '../graph/keys';
import type { NodeLabel } from '../graph/model';
import { authorsByIds, claimsByIds, entitiesByIds, papersByPmids } from '../store/batches';
import { edgeProperties, type ExportGraph } from './formats';
import type { SubgraphResult } from './subgraph';

type Loaded = object | null;

/** The records of nodes by label and key, one query per label. */
async function recordsByLabel(db: Executor, keys: Map<NodeLabel, string[]>): Promise<Map<string, Loaded>> {
  const out = new Map<string, Loaded>();
  for (const [label, list] of keys) {
    const rows: Loaded[] =
      label === 'Paper'
        ? await papersByPmids(db, list)
        : label === 'Claim'
          ? await claimsByIds(db, list)
          : label === 'Author'
            ? await authorsByIds(db, list)
            : (await entitiesByIds(db, list)).map((e) => (e?.__typename === label ? e : null));
    list.forEach((key, i) => out.set(`${label}:${key}`, rows[i] ?? null));
  }
  return out;
}

/** The subgraph's nodes with their records' properties (a node deleted since it was read keeps only its caption) and its edges with their claims'. */
export async function subgraphForExport(db: Executor, graph: SubgraphResult): Promise<ExportGraph> {
  const keys = new Map<NodeLabel, string[]>();
  for (const node of graph.nodes) {
    const parsed = parseNodeId(node.id);
    if (parsed) keys.set(parsed.label, [...(keys.get(parsed.label) ?? []), parsed.key]);
  }
  const records = await recordsByLabel(db, keys);
  return {
    nodes: graph.nodes.map((n) => {
      const { __typename: _type, ...properties } = (records.get(n.id) ?? {}) as Record<string, unknown>;
      return { id: n.id, type: n.label, name: n.name, properties };
    }),
    edges: graph.edges.map((e) => ({ id: e.id, type: e.type, source: e.source, target: e.target, properties: edgeProperties(e) })),
    truncated: graph.truncated,
  };
}

/** "What is in the graph?": node and relationship counts and the server's version. */
import type { Executor } from '../db/executor';
import { NODE_LABELS, REL } from '../graph/model';
import { hasPapersQuery } from '../store/papers';
import { graphCountsQuery } from '../store/stats';

export interface Count {
  name: string;
  count: number;
}

export interface GraphCounts {
  nodes: number;
  relationships: number;
  labels: Count[];
  relationshipTypes: Count[];
  /** Papers known only as citation targets; left out of `nodes` and the Paper label's count. */
  stubPapers: number;
}

export async function graphCounts(db: Executor): Promise<GraphCounts> {
  const [row] = await db.run(graphCountsQuery());
  if (!row) throw new Error('stats query returned no row');
  const stubs = row.stubs ?? 0;
  return {
    nodes: (row.nodes ?? 0) - stubs,
    relationships: row.relationships ?? 0,
    labels: NODE_LABELS.map((name, i) => ({ name, count: (row[`l${i}`] ?? 0) - (name === 'Paper' ? stubs : 0) })),
    relationshipTypes: Object.keys(REL).map((name, i) => ({ name, count: row[`r${i}`] ?? 0 })),
    stubPapers: stubs,
  };
}

/** Counts plus the server's agent string, e.g. "Neo4j/5.26.30". */
export async function stats(db: Executor): Promise<GraphCounts & { server: string }> {
  return { ...(await graphCounts(db)), server: await db.serverAgent() };
}

/** True when the graph holds at least one paper; `npm start` loads the seed corpus otherwise. */
export async function hasPapers(db: Executor): Promise<boolean> {
  const [row] = await db.run(hasPapersQuery());
  return row?.any ?? false;
}

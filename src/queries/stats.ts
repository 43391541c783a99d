import type { Executor } from '../db/executor';
import { NODE_LABELS, REL } from '../graph/model';

export interface Count {
  name: string;
  count: number;
}

export interface GraphCounts {
  nodes: number;
  relationships: number;
  labels: Count[];
  relationshipTypes: Count[];
}

/**
 * Counts nodes per label and relationships per type. Each count is a separate
 * `count{}` that Neo4j answers from its count store, so this stays cheap on a large graph.
 */
export async function graphCounts(db: Executor): Promise<GraphCounts> {
  const relTypes = Object.keys(REL);
  const labelCounts = NODE_LABELS.map((label, i) => `COUNT { MATCH (:${label}) } AS l${i}`).join(', ');
  const relCounts = relTypes.map((type, i) => `COUNT { MATCH ()-[:${type}]->() } AS r${i}`).join(', ');
  const [row] = await db.readRows<Record<string, number>>(
    `RETURN COUNT { MATCH (n) } AS nodes, COUNT { MATCH ()-[r]->() } AS relationships, ${labelCounts}, ${relCounts}`,
    {},
    { tag: 'stats' },
  );
  if (!row) throw new Error('stats query returned no row');
  return {
    nodes: row.nodes ?? 0,
    relationships: row.relationships ?? 0,
    labels: NODE_LABELS.map((name, i) => ({ name, count: row[`l${i}`] ?? 0 })),
    relationshipTypes: relTypes.map((name, i) => ({ name, count: row[`r${i}`] ?? 0 })),
  };
}

/** The agent string of the Neo4j server the driver talks to, e.g. "Neo4j/5.26.30". */
export async function serverAgent(db: Executor): Promise<string> {
  const info = await db.driver.getServerInfo({ database: db.database });
  return info.agent ?? 'unknown';
}

/** True when the graph holds at least one paper; `npm start` loads the seed corpus otherwise. */
export async function hasPapers(db: Executor): Promise<boolean> {
  const [row] = await db.readRows<{ any: boolean }>('RETURN EXISTS { MATCH (:Paper) } AS any', {}, { tag: 'stats:has-papers' });
  return row?.any ?? false;
}

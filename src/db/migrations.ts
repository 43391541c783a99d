import { FULLTEXT_INDEX, FULLTEXT_PROPERTIES, NODE_KEYS, type NodeLabel } from '../graph/model';
import type { Executor } from './executor';

/** One schema statement with the name Neo4j will list it under. */
export interface Migration {
  name: string;
  cypher: string;
}

function constraintName(label: NodeLabel): string {
  return `${label.toLowerCase()}_${NODE_KEYS[label]}_unique`;
}

/** The schema of the graph model: a uniqueness constraint per label key and one full-text index. */
export function schemaMigrations(): Migration[] {
  const constraints = (Object.keys(NODE_KEYS) as NodeLabel[]).map((label) => ({
    name: constraintName(label),
    cypher: `CREATE CONSTRAINT ${constraintName(label)} IF NOT EXISTS FOR (n:${label}) REQUIRE n.${NODE_KEYS[label]} IS UNIQUE`,
  }));
  const labels = ['Paper', 'Mechanism', 'ResearchAim', 'Biomarker', 'Compound', 'Condition'].join('|');
  const properties = FULLTEXT_PROPERTIES.map((p) => `n.${p}`).join(', ');
  const fulltext = {
    name: FULLTEXT_INDEX,
    cypher: `CREATE FULLTEXT INDEX ${FULLTEXT_INDEX} IF NOT EXISTS FOR (n:${labels}) ON EACH [${properties}]`,
  };
  return [...constraints, fulltext];
}

export interface MigrationReport {
  created: string[];
  existing: string[];
}

async function schemaNames(db: Executor): Promise<Set<string>> {
  const constraints = await db.readRows<{ name: string }>('SHOW CONSTRAINTS YIELD name RETURN name');
  const indexes = await db.readRows<{ name: string }>('SHOW INDEXES YIELD name RETURN name');
  return new Set([...constraints, ...indexes].map((r) => r.name));
}

/**
 * Applies the schema idempotently (every statement is `IF NOT EXISTS`) and waits for the
 * indexes to come online, so queries right after start-up can rely on them.
 */
export async function applyMigrations(db: Executor): Promise<MigrationReport> {
  const before = await schemaNames(db);
  const report: MigrationReport = { created: [], existing: [] };
  for (const migration of schemaMigrations()) {
    // Schema commands cannot share a transaction with other writes, so each gets its own.
    await db.write((tx) => tx.run(migration.cypher), { tag: `migration:${migration.name}` });
    (before.has(migration.name) ? report.existing : report.created).push(migration.name);
  }
  await db.write((tx) => tx.run('CALL db.awaitIndexes(60)'), { tag: 'migration:await-indexes', timeoutMs: 70_000 });
  return report;
}

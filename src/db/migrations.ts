import neo4j from 'neo4j-driver';
import { FULLTEXT_INDEX, FULLTEXT_PROPERTIES, NODE_KEYS, STANCES, type NodeLabel } from '../graph/model';
import { CELL_LABEL, CONTRIBUTES, recountPapersCypher, STANCE_RANK } from '../graph/evidenceShares';
import type { Executor } from './executor';
import type { Logger } from '../log';
import { readQuery, writeQuery } from './query';

/** One schema statement with the name Neo4j will list it under. */
export interface Migration {
  name: string;
  cypher: string;
  /**
   * A data change the schema statement completes, run just before it: the statement's object
   * existing is what marks the change done, so it runs once per database (again only after a
   * crash between the two, which it survives by being idempotent).
   */
  backfill?: string;
  /**
   * The same for a change to every paper, too large for one transaction: run again and again
   * with the last PMID it returned (`$after`, '' at first) until it returns none, each run one
   * transaction of at most `$limit` papers in PMID order.
   */
  backfillBatch?: string;
  /** Papers per run of `backfillBatch` (BACKFILL_BATCH when not given). */
  batchSize?: number;
}

/** Papers per transaction of a batched backfill: large enough to be quick, small enough for the transaction memory limit. */
const BACKFILL_BATCH = 20_000;

function constraintName(label: NodeLabel): string {
  return `${label.toLowerCase()}_${NODE_KEYS[label]}_unique`;
}

/** The schema of the graph model: a uniqueness constraint per label key, one full-text index, and the indexes listings order and count by. */
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
  // Stub papers are counted apart in every `stats`, so their count must come from an index; papers
  // stored before evmap knew stubs are marked by the backfill (untitled, abstract-less ones were
  // only ever citation targets).
  const stubs = {
    name: 'paper_stub',
    cypher: 'CREATE INDEX paper_stub IF NOT EXISTS FOR (n:Paper) ON (n.stub)',
    backfill: 'MATCH (p:Paper) WHERE p.stub IS NULL AND p.title IS NULL AND p.abstract IS NULL SET p.stub = true',
  };
  // `papers` lists newest first by default: read in index order, a page costs its rows, not a sort of every paper.
  const year = { name: 'paper_year', cypher: 'CREATE INDEX paper_year IF NOT EXISTS FOR (n:Paper) ON (n.year)' };
  // Most cited first reads this index; every CITES write keeps the count, and papers loaded
  // without it (a store from before it, a bulk load) are counted once here, in PMID order.
  const citedBy = {
    name: 'paper_cited_by',
    cypher: 'CREATE INDEX paper_cited_by IF NOT EXISTS FOR (n:Paper) ON (n.citedByCount)',
    backfillBatch: `MATCH (p:Paper) WHERE p.pmid > $after
       WITH p ORDER BY p.pmid LIMIT $limit
       SET p.citedByCount = COUNT { (p)<-[:CITES]-() }
       RETURN max(p.pmid) AS last`,
  };
  // Evidence counts kept on write (src/store/contributions.ts): one cell per entity pair, found by
  // key; each paper's shares ranked in the cell by one index per ranking. Papers stored before the
  // counts existed, and bulk loads, are counted once, in PMID batches, before the rank indexes are
  // built over what that wrote.
  const cellKey = { name: 'evidence_cell_key_unique', cypher: `CREATE CONSTRAINT evidence_cell_key_unique IF NOT EXISTS FOR (n:${CELL_LABEL}) REQUIRE n.key IS UNIQUE` };
  const rankIndex = (name: string, property: string) => ({ name, cypher: `CREATE INDEX ${name} IF NOT EXISTS FOR ()-[r:${CONTRIBUTES}]-() ON (r.${property})` });
  const cellRanks = {
    ...rankIndex('contributes_rank', 'rank'),
    backfillBatch: `MATCH (p:Paper) WHERE p.pmid > $after
       WITH p ORDER BY p.pmid LIMIT $limit
       WITH collect(p) AS batch
       ${recountPapersCypher('batch')}
       RETURN batch[-1].pmid AS last`,
    batchSize: 5_000,
  };
  const stanceRanks = STANCES.map((stance) => rankIndex(`contributes_${STANCE_RANK[stance].replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)}`, STANCE_RANK[stance]));
  return [...constraints, fulltext, stubs, year, citedBy, cellKey, cellRanks, ...stanceRanks];
}

/** A batched backfill over a large store takes minutes (6 at a million papers), so it says how far it got. */
const PROGRESS_EVERY_MS = 10_000;

async function runBatchedBackfill(db: Executor, name: string, cypher: string, batchSize: number, log?: Logger): Promise<void> {
  const started = Date.now();
  let said = started;
  let done = 0;
  for (let after: string | null = ''; after !== null; ) {
    const rows: Array<{ last: string | null }> = await db.run(writeQuery<{ last: string | null }>(`migration:${name}:backfill`, cypher, { after, limit: neo4j.int(batchSize) }), { timeoutMs: 600_000 });
    after = rows[0]?.last ?? null;
    if (after !== null) done += batchSize;
    if (after !== null && Date.now() - said >= PROGRESS_EVERY_MS) {
      said = Date.now();
      log?.info(`schema: ${name}: ${done.toLocaleString('en-US')} papers done (${Math.round((said - started) / 1000)} s)`);
    }
  }
}

export interface MigrationReport {
  created: string[];
  existing: string[];
}

/** Names of the constraints and indexes that exist, and whether every index is online. */
async function currentSchema(db: Executor): Promise<{ names: Set<string>; allOnline: boolean }> {
  const constraints = await db.run(readQuery<{ name: string }>('migration:constraints', 'SHOW CONSTRAINTS YIELD name RETURN name'));
  const indexes = await db.run(readQuery<{ name: string; state: string }>('migration:indexes', 'SHOW INDEXES YIELD name, state RETURN name, state'));
  return { names: new Set([...constraints, ...indexes].map((r) => r.name)), allOnline: indexes.every((i) => i.state === 'ONLINE') };
}

/**
 * Applies the schema: creates only what is missing (each statement is also `IF NOT EXISTS`,
 * for a concurrent start) and waits for indexes to come online, so queries right after
 * start-up can rely on them. A start against an up-to-date database costs two reads.
 */
export async function applyMigrations(db: Executor, log?: Logger): Promise<MigrationReport> {
  const before = await currentSchema(db);
  const report: MigrationReport = { created: [], existing: [] };
  for (const migration of schemaMigrations()) {
    if (before.names.has(migration.name)) {
      report.existing.push(migration.name);
      continue;
    }
    if (migration.backfill) await db.run(writeQuery(`migration:${migration.name}:backfill`, migration.backfill), { timeoutMs: 600_000 });
    if (migration.backfillBatch) await runBatchedBackfill(db, migration.name, migration.backfillBatch, migration.batchSize ?? BACKFILL_BATCH, log);
    // Schema commands cannot share a transaction with other writes, so each gets its own.
    await db.run(writeQuery(`migration:${migration.name}`, migration.cypher));
    report.created.push(migration.name);
  }
  if (report.created.length > 0 || !before.allOnline) {
    await db.run(writeQuery('migration:await-indexes', 'CALL db.awaitIndexes(60)'), { timeoutMs: 70_000 });
  }
  return report;
}

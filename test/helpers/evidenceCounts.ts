import type { Executor } from '../../src/db/executor';
import { recountPapersCypher } from '../../src/graph/evidenceShares';

/**
 * Counts papers into the evidence counts kept on write, as every store query that writes claims
 * does: for fixtures written as raw Cypher, which bypass those queries.
 */
export async function recountPapers(db: Executor, pmids: readonly string[]): Promise<void> {
  await db.writeRows(
    `MATCH (p:Paper) WHERE p.pmid IN $pmids
     WITH collect(p) AS touched
     ${recountPapersCypher('touched')}`,
    { pmids },
  );
}

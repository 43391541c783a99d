import { readQuery, type Query } from '../db/query';
import { CELL_LABEL, CONTRIBUTES } from '../graph/evidenceShares';
import { NODE_LABELS, REL } from '../graph/model';

/**
 * Nodes per label and relationships per type, each a separate `COUNT {}` that Neo4j answers
 * from its count store, so this stays cheap on a large graph. Columns: nodes, relationships,
 * stubs (stub papers, through the `paper_stub` index), l0… (NODE_LABELS order), r0… (REL order).
 * The evidence counts kept on write are bookkeeping, not graph content, and are not counted.
 */
export function graphCountsQuery(): Query<Record<string, number>> {
  const labelCounts = NODE_LABELS.map((label, i) => `COUNT { MATCH (:${label}) } AS l${i}`).join(', ');
  const relCounts = Object.keys(REL).map((type, i) => `COUNT { MATCH ()-[:${type}]->() } AS r${i}`).join(', ');
  return readQuery(
    'stats:counts',
    `RETURN COUNT { MATCH (n) } - COUNT { MATCH (:${CELL_LABEL}) } AS nodes, COUNT { MATCH ()-[r]->() } - COUNT { MATCH ()-[:${CONTRIBUTES}]->() } AS relationships, COUNT { MATCH (p:Paper) WHERE p.stub = true } AS stubs, ${labelCounts}, ${relCounts}`,
  );
}

/**
 * What a graph holds beyond the given papers (the seed corpus): papers with a record of their own
 * and claims people made, which a bulk load, replacing the database, would lose.
 */
export function contentBeyondQuery(pmids: readonly string[]): Query<{ papers: number; curatedClaims: number }> {
  return readQuery(
    'stats:content-beyond',
    `RETURN COUNT { MATCH (p:Paper) WHERE p.stub IS NULL AND NOT p.pmid IN $pmids } AS papers,
            COUNT { MATCH (c:Claim) WHERE c.source = 'CURATED' } AS curatedClaims`,
    { pmids },
  );
}

import { writeQuery, type Query } from '../db/query';
import { refreshCitedByCount } from '../graph/fragments';
import { MINED_SOURCES } from '../graph/model';
import { dropSharesCypher } from '../graph/evidenceShares';

/** What a DeleteCitation did to one PMID. */
export interface DeletionRow {
  pmid: string;
  outcome: 'deleted' | 'absent' | 'kept';
}

/**
 * Removes papers PubMed withdrew (a baseline or update file's DeleteCitation) with their mined
 * claims. A paper with a curated or seed claim is kept, so no curator's work goes silently;
 * the import reports it instead. The papers a deleted one cited are counted again, and its
 * share of the evidence counts is taken out.
 */
export function deletePapersQuery(pmids: readonly string[]): Query<DeletionRow> {
  return writeQuery(
    'papers:delete',
    `UNWIND $pmids AS pmid
     OPTIONAL MATCH (p:Paper {pmid: pmid})
     WITH pmid, p, p IS NOT NULL AND EXISTS { (p)-[:ASSERTS]->(c:Claim) WHERE NOT c.source IN $minedSources } AS curated
     CALL (p, curated) {
       WITH p WHERE p IS NOT NULL AND NOT curated
       ${dropSharesCypher('p')}
       OPTIONAL MATCH (p)-[:ASSERTS]->(mined:Claim)
       DETACH DELETE mined
       WITH DISTINCT p
       OPTIONAL MATCH (p)-[:CITES]->(cited:Paper)
       WITH p, collect(cited) AS cited
       DETACH DELETE p
       WITH cited
       UNWIND cited AS c
       ${refreshCitedByCount('c')}
     }
     RETURN pmid, CASE WHEN p IS NULL THEN 'absent' WHEN curated THEN 'kept' ELSE 'deleted' END AS outcome`,
    { pmids, minedSources: MINED_SOURCES },
  );
}

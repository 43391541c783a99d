import neo4j from 'neo4j-driver';
import { readQuery, type Query } from '../db/query';
import { cellKey, CONTRIBUTES, rankEnd, rankPrefix } from '../graph/evidenceShares';
import type { EvidenceCellPaperRow } from '../graph/records';
import { LIMITS } from '../limits';
import { CLAIM_ORDER } from './claims';
import { claimFilterCypher, claimFilterParams } from './claimFilter';
import { assertEntityLabels, paperYearCypher, readsStoredCells, yearParams, type EvidenceCellsQuery } from './evidenceMap';
import type { Page } from './page';

/** One cell of an evidence map: its row and column entity and the map's filter. */
export type EvidenceCellQuery = Omit<EvidenceCellsQuery, 'rowIds' | 'columnIds'> & { rowId: string; columnId: string };

/** The same cell as evidenceCellsQuery counts it, so the listing and the counts cannot disagree. */
export function cellCountsQuery(q: EvidenceCellQuery): EvidenceCellsQuery {
  const { rowId, columnId, ...rest } = q;
  return { ...rest, rowIds: [rowId], columnIds: [columnId] };
}

/**
 * An unfiltered cell's papers in the order stored with their shares: an index seek that reads the
 * page whatever the cell's size, then each listed paper's claims about both entities.
 */
function storedCellPageQuery(q: EvidenceCellQuery, page: Page, afterRank?: string): Query<EvidenceCellPaperRow> {
  const key = cellKey({ label: q.rowLabel, id: q.rowId }, { label: q.columnLabel, id: q.columnId });
  // After a keyset cursor of this cell, a range seek from its rank key to the cell's end; a key
  // of another cell would seek outside it, so the cursor's offset is used instead.
  const after = afterRank !== undefined && afterRank.startsWith(rankPrefix(key));
  return readQuery(
    after ? 'evidence-cell:page-stored-after' : 'evidence-cell:page-stored',
    `MATCH (p)-[share:${CONTRIBUTES}]->()
     WHERE ${after ? 'share.rank > $afterRank AND share.rank < $end' : 'share.rank STARTS WITH $prefix'}
     WITH p, share ORDER BY share.rank SKIP $skip LIMIT $limit
     CALL (p) {
       MATCH (p)-[:ASSERTS]->(c:Claim)-[:ABOUT]->(:${q.rowLabel} {id: $rowId})
       WHERE ${claimFilterCypher('c')} AND EXISTS { (c)-[:ABOUT]->(:${q.columnLabel} {id: $columnId}) }
       WITH c ORDER BY ${CLAIM_ORDER}
       RETURN collect(c.id)[..$claimsPerPaper] AS claimIds
     }
     RETURN p.pmid AS pmid, claimIds, share.rank AS rankKey`,
    {
      ...(after ? { afterRank, end: rankEnd(key) } : { prefix: rankPrefix(key) }),
      rowId: q.rowId,
      columnId: q.columnId,
      ...claimFilterParams(q.claims),
      claimsPerPaper: neo4j.int(LIMITS.evidenceCell.claimsPerPaper),
      ...(after ? { skip: neo4j.int(0), limit: page.limit } : page),
    },
  );
}

/**
 * One page of the papers behind a cell: each paper (within the years) asserting live claims
 * ABOUT both entities that pass the filter, with those claims curated first, mined ones most
 * confident first. Most claims first, then newest; PMID breaks ties so pages are stable. The
 * (paper, claim) rows are capped before ordering, so a huge cell is listed incompletely rather
 * than slowly.
 */
export function evidenceCellPageQuery(q: EvidenceCellQuery, page: Page, afterRank?: string): Query<EvidenceCellPaperRow> {
  assertEntityLabels(q.rowLabel, q.columnLabel);
  if (readsStoredCells(q)) return storedCellPageQuery(q, page, afterRank);
  return readQuery(
    'evidence-cell:page',
    `MATCH (:${q.rowLabel} {id: $rowId})<-[:ABOUT]-(c:Claim)
     WHERE ${claimFilterCypher('c')}
     MATCH (c)-[:ABOUT]->(:${q.columnLabel} {id: $columnId})
     MATCH (p:Paper)-[:ASSERTS]->(c)
     WHERE ${paperYearCypher('p')}
     WITH DISTINCT p, c
     LIMIT $maxRows
     WITH p, c ORDER BY ${CLAIM_ORDER}
     WITH p, collect(c.id) AS ids
     RETURN p.pmid AS pmid, ids[..$claimsPerPaper] AS claimIds
     ORDER BY size(ids) DESC, coalesce(p.year, -1) DESC, p.pmid
     SKIP $skip LIMIT $limit`,
    {
      rowId: q.rowId,
      columnId: q.columnId,
      ...claimFilterParams(q.claims),
      ...yearParams(q),
      maxRows: neo4j.int(LIMITS.evidenceCell.maxRows),
      claimsPerPaper: neo4j.int(LIMITS.evidenceCell.claimsPerPaper),
      ...page,
    },
  );
}

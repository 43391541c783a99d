import neo4j from 'neo4j-driver';
import { readQuery, type Query } from '../db/query';
import { cellKey, CELL_LABEL } from '../graph/evidenceShares';
import { assertVariable } from '../graph/fragments';
import { CLAIM_SOURCES, ENTITY_LABELS, EVIDENCE_LEVELS, STANCES, type EntityLabel } from '../graph/model';
import { claimFilterCypher, claimFilterParams, countedOnWrite, type ClaimFilter } from './claimFilter';

/** One aggregated cell as the query returns it (entity ids, not public ids); counts per stance and level align with STANCES and EVIDENCE_LEVELS. */
export interface CellCounts {
  row: string;
  column: string;
  papers: number;
  claims: number;
  byStance: number[];
  byLevel: number[];
  bySource: number[];
}

export interface EvidenceCellsQuery {
  rowLabel: EntityLabel;
  columnLabel: EntityLabel;
  rowIds: readonly string[];
  columnIds: readonly string[];
  claims: ClaimFilter;
  yearFrom: number | null;
  yearTo: number | null;
}

/** Row and column labels stand in the Cypher text, so anything but an entity label is refused. */
export function assertEntityLabels(...labels: EntityLabel[]): void {
  for (const label of labels) if (!ENTITY_LABELS.includes(label)) throw new Error(`not an entity label: ${String(label)}`);
}

/** The paper-year bounds on paper variable `v`; parameters come from `yearParams`. */
export function paperYearCypher(v: string): string {
  assertVariable(v);
  return `($yearFrom IS NULL OR ${v}.year >= $yearFrom) AND ($yearTo IS NULL OR ${v}.year <= $yearTo)`;
}

/** The year bounds as Neo4j integers, the type papers' years are stored as. */
export function yearParams(q: { yearFrom: number | null; yearTo: number | null }): Record<string, unknown> {
  return { yearFrom: q.yearFrom === null ? null : neo4j.int(q.yearFrom), yearTo: q.yearTo === null ? null : neo4j.int(q.yearTo) };
}

/** An unfiltered map is what the cells kept on write count. */
export function readsStoredCells(q: Pick<EvidenceCellsQuery, 'claims' | 'yearFrom' | 'yearTo'>): boolean {
  return q.claims.stance === null && countedOnWrite(q.claims) && q.yearFrom === null && q.yearTo === null;
}

/** The cells kept on write for every row × column pair, one key lookup each; a pair without a cell has no row. */
function storedCellsQuery(q: EvidenceCellsQuery): Query<CellCounts> {
  const pairs = q.rowIds.flatMap((row) =>
    q.columnIds.map((column) => ({ row, column, key: cellKey({ label: q.rowLabel, id: row }, { label: q.columnLabel, id: column }) })),
  );
  return readQuery(
    'evidence-map:stored-cells',
    `UNWIND $pairs AS pair
     MATCH (cell:${CELL_LABEL} {key: pair.key})
     WHERE cell.papers > 0
     RETURN pair.row AS row, pair.column AS column, cell.papers AS papers, cell.claims AS claims,
            cell.byStance AS byStance, cell.byLevel AS byLevel, cell.bySource AS bySource`,
    { pairs },
  );
}

/**
 * For every row × column pair with evidence, the live claims ABOUT both (of the filter's
 * stance, evidence levels and paper years) and the distinct papers asserting them. Two MATCH
 * clauses, so a same-kind map's diagonal (row = column) counts the claims about that entity.
 */
export function evidenceCellsQuery(q: EvidenceCellsQuery): Query<CellCounts> {
  assertEntityLabels(q.rowLabel, q.columnLabel);
  if (readsStoredCells(q)) return storedCellsQuery(q);
  return readQuery(
    'evidence-map:cells',
    `UNWIND $rowIds AS rowId
     MATCH (r:${q.rowLabel} {id: rowId})<-[:ABOUT]-(c:Claim)
     WHERE ${claimFilterCypher('c')}
       AND (($yearFrom IS NULL AND $yearTo IS NULL) OR EXISTS {
         MATCH (p:Paper)-[:ASSERTS]->(c)
         WHERE ${paperYearCypher('p')}
       })
     MATCH (c)-[:ABOUT]->(col:${q.columnLabel})
     WHERE col.id IN $columnIds
     WITH r.id AS row, col.id AS column, collect(DISTINCT c) AS claims
     CALL (claims) {
       UNWIND claims AS c
       MATCH (p:Paper)-[:ASSERTS]->(c)
       WHERE ${paperYearCypher('p')}
       RETURN count(DISTINCT p) AS papers
     }
     RETURN row, column, papers, size(claims) AS claims,
            [s IN $stances | size([c IN claims WHERE c.stance = s])] AS byStance,
            [l IN $allLevels | size([c IN claims WHERE c.evidenceLevel = l])] AS byLevel,
            [s IN $allSources | size([c IN claims WHERE c.source = s])] AS bySource`,
    {
      rowIds: q.rowIds,
      columnIds: q.columnIds,
      ...claimFilterParams(q.claims),
      ...yearParams(q),
      stances: STANCES,
      allLevels: EVIDENCE_LEVELS,
      allSources: CLAIM_SOURCES,
    },
  );
}

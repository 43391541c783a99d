import { readQuery, type Query } from '../db/query';
import { ENTITY_LABELS, STANCES, type EntityLabel } from '../graph/model';
import { claimFilterCypher, claimFilterParams, type ClaimFilter } from './claimFilter';

/** One year's counts as the query returns them; `year` is null for papers without one. */
export interface YearCounts {
  year: number | null;
  papers: number;
  claims: number;
  byStance: number[];
}

/** Live claims about one entity that pass the filter, per publication year of the asserting paper. */
export function claimsPerYearQuery(label: EntityLabel, entityId: string, claims: ClaimFilter): Query<YearCounts> {
  if (!ENTITY_LABELS.includes(label)) throw new Error(`not an entity label: ${String(label)}`);
  return readQuery(
    'timeline:years',
    `MATCH (:${label} {id: $id})<-[:ABOUT]-(c:Claim)
     WHERE ${claimFilterCypher('c')}
     MATCH (p:Paper)-[:ASSERTS]->(c)
     WITH p.year AS year, collect(DISTINCT c) AS claims, count(DISTINCT p) AS papers
     RETURN year, papers, size(claims) AS claims, [s IN $stances | size([c IN claims WHERE c.stance = s])] AS byStance
     ORDER BY year`,
    { id: entityId, ...claimFilterParams(claims), stances: STANCES },
  );
}

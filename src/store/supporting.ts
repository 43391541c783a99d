import neo4j from 'neo4j-driver';
import { readQuery, type Query } from '../db/query';
import { ANY_ENTITY } from '../graph/fragments';
import type { SupportingRow } from '../graph/records';
import { LIMITS } from '../limits';
import { claimFilterCypher, claimFilterParams, type ClaimFilter } from './claimFilter';
import type { Page } from './page';

/** Which papers support an entity: the claims that count and how far along citations to look. */
export interface SupportingPapersQuery {
  entityId: string;
  /** The claims that make a paper evidence; its stance is always given. */
  claims: ClaimFilter & { stance: string };
  /** Citation hops to follow from direct evidence, 0 to LIMITS.supporting.maxViaCitations. */
  viaCitations: number;
}

/** The longest citation chain followed: the pattern's fixed upper bound. */
const MAX_VIA_CITATIONS = LIMITS.supporting.maxViaCitations;

/**
 * Direct evidence first, then papers that cite their way to it within `viaCitations` hops,
 * each with its shortest chain (`best`). The variable-length pattern has a fixed upper bound,
 * and the direct set and the citation chains are capped, so the traversal stays bounded
 * whatever the graph looks like (beyond the caps the listing is incomplete rather than slow).
 */
const SUPPORTING = `
  MATCH (e:${ANY_ENTITY} {id: $entityId})
  MATCH (d:Paper)-[:ASSERTS]->(c:Claim)-[:ABOUT]->(e)
  WHERE ${claimFilterCypher('c')}
  WITH d, collect(DISTINCT c.id)[..100] AS claimIds
  LIMIT 10000
  WITH collect({paper: d, claimIds: claimIds}) AS direct
  CALL (direct) {
    UNWIND direct AS row
    RETURN row.paper AS p, 0 AS distance, row.claimIds AS claimIds, [] AS citationPath
    UNION ALL
    UNWIND direct AS row
    WITH row, row.paper AS target WHERE $viaCitations > 0
    // Expanded backwards from the bound evidence paper, not from every paper in the graph.
    MATCH chain = (p:Paper)-[:CITES*1..${MAX_VIA_CITATIONS}]->(target)
    WHERE length(chain) <= $viaCitations
    RETURN p, length(chain) AS distance, row.claimIds AS claimIds, [n IN nodes(chain) | n.pmid] AS citationPath
    LIMIT 100000
  }
  WITH p, distance, claimIds, citationPath ORDER BY distance, size(claimIds) DESC
  WITH p, head(collect({distance: distance, claimIds: claimIds, citationPath: citationPath})) AS best`;

/** Direct first, then by citation distance, most claims, newest; PMID breaks ties so pages are stable. */
const ORDER = 'ORDER BY best.distance, size(best.claimIds) DESC, coalesce(p.year, -1) DESC, p.pmid';

function params(q: SupportingPapersQuery): Record<string, unknown> {
  return { entityId: q.entityId, ...claimFilterParams(q.claims), viaCitations: neo4j.int(q.viaCitations) };
}

/** One page of the supporting papers of an entity. */
export function supportingPageQuery(q: SupportingPapersQuery, page: Page): Query<SupportingRow> {
  return readQuery(
    'supporting:page',
    `${SUPPORTING}
     RETURN p.pmid AS pmid, best.distance AS distance, best.claimIds AS claimIds, best.citationPath AS citationPath
     ${ORDER}
     SKIP $skip LIMIT $limit`,
    { ...params(q), ...page },
  );
}

/** How many papers `supportingPageQuery` would list in all. */
export function countSupportingQuery(q: SupportingPapersQuery): Query<{ n: number }> {
  return readQuery('supporting:count', `${SUPPORTING} RETURN count(p) AS n`, params(q));
}

/** The same listing as a table for analysts: each paper's public id, title and year beside its distance, chain and claims. */
export function supportingTableQuery(q: SupportingPapersQuery): Query {
  return readQuery(
    'supporting:table',
    `${SUPPORTING}
     RETURN 'Paper:' + p.pmid AS paper, p.title AS title, p.year AS year,
            best.distance AS distance, best.citationPath AS citationPath, best.claimIds AS claimIds
     ${ORDER}`,
    params(q),
  );
}

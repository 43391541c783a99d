import neo4j from 'neo4j-driver';
import { readQuery, type Query } from '../db/query';
import { cellKey, CELL_LABEL, CONTRIBUTES, rankEnd, rankPrefix, STANCE_RANK } from '../graph/evidenceShares';
import { ANY_ENTITY } from '../graph/fragments';
import { STANCES, type EntityLabel, type Stance } from '../graph/model';
import type { SupportingRow } from '../graph/records';
import { LIMITS } from '../limits';
import { claimFilterCypher, claimFilterParams, countedOnWrite, type ClaimFilter } from './claimFilter';
import type { Page } from './page';

/** Which papers support an entity: the claims that count and how far along citations to look. */
export interface SupportingPapersQuery {
  entityId: string;
  /** The entity's label when the caller knows it: then direct evidence is read from the counts kept on write. */
  entityLabel?: EntityLabel | null;
  /** The claims that make a paper evidence; its stance is always given. */
  claims: ClaimFilter & { stance: string };
  /** Citation hops to follow from direct evidence, 0 to LIMITS.supporting.maxViaCitations. */
  viaCitations: number;
}

/**
 * The chain pattern of `via` hops ending at `target`. The bound is in the pattern, so the planner
 * never enumerates longer chains only to filter them out; `via` is a checked integer (one text per
 * hop count, at most four), never client text.
 */
function chainPattern(via: number): string {
  if (!Number.isInteger(via) || via < 1 || via > LIMITS.supporting.maxViaCitations) throw new Error(`viaCitations ${via} is outside 1..${LIMITS.supporting.maxViaCitations}`);
  return `chain = (p:Paper)-[:CITES*1..${via}]->(target)`;
}

/**
 * The direct evidence: every paper with a live claim of the filter about the entity, with its
 * first 100 claim ids. Not capped: its cost is the entity's claims, and a cap before ranking
 * would drop papers from the ranking and the count.
 */
const DIRECT = `
  MATCH (e:${ANY_ENTITY} {id: $entityId})
  MATCH (d:Paper)-[:ASSERTS]->(c:Claim)-[:ABOUT]->(e)
  WHERE ${claimFilterCypher('c')}
  WITH e, d, collect(DISTINCT c.id)[..100] AS claimIds`;

/** A paper reached by citations is listed only when it is not itself direct evidence. */
const NOT_DIRECT = `NOT EXISTS { MATCH (p)-[:ASSERTS]->(own:Claim)-[:ABOUT]->(e) WHERE ${claimFilterCypher('own')} }`;

/** Direct first, then by citation distance, most claims, newest; PMID breaks ties so pages are stable. */
const RANK = (v: string) => `size(claimIds) DESC, coalesce(${v}.year, -1) DESC, ${v}.pmid`;

/**
 * The indirect papers: each paper within `via` hops of direct evidence that is not itself direct,
 * with its distance and the claims at the end of its best chain (shortest, then most claims). At
 * most LIMITS.supporting.maxChainRows chains are enumerated, so the traversal stays bounded
 * whatever the graph; the count says when that cut. Chains are ranked by one number per paper
 * (distance × 1000 − claims, claims being at most 100), so enumerating them holds no lists.
 */
function indirect(via: number): string {
  return `
    UNWIND direct AS row
    WITH e, row.paper AS target, size(row.claimIds) AS claims
    MATCH ${chainPattern(via)}
    WITH e, p, length(chain) * 1000 - claims AS score LIMIT $maxChainRows
    WITH e, p, min(score) AS score
    WHERE ${NOT_DIRECT}
    WITH e, p, (score + 999) / 1000 AS distance, ((score + 999) / 1000) * 1000 - score AS claims`;
}

/** For one ranked indirect paper: a chain of its distance to direct evidence with its number of claims, and those claims. */
function bestChain(via: number): string {
  return `
    MATCH ${chainPattern(via)}
    WHERE length(chain) = distance
    MATCH (target)-[:ASSERTS]->(c:Claim)-[:ABOUT]->(e)
    WHERE ${claimFilterCypher('c')}
    WITH chain, target, collect(DISTINCT c.id)[..100] AS claimIds
    WHERE size(claimIds) = claims
    RETURN [n IN nodes(chain) | n.pmid] AS citationPath, claimIds
    ORDER BY target.pmid
    LIMIT 1`;
}

function params(q: SupportingPapersQuery): Record<string, unknown> {
  const chains = q.viaCitations > 0 ? { maxChainRows: neo4j.int(LIMITS.supporting.maxChainRows) } : {};
  return { entityId: q.entityId, ...claimFilterParams(q.claims), ...chains };
}

/**
 * The entity's cell with itself and the stored ranking of the stance, when the question is one
 * the counts kept on write answer: no filter beyond the stance, the entity's label known.
 */
function storedRanking(q: SupportingPapersQuery): { key: string; stance: Stance } | null {
  const stance = STANCES.find((s) => s === q.claims.stance);
  if (!q.entityLabel || !stance || !countedOnWrite(q.claims)) return null;
  const entity = { label: q.entityLabel, id: q.entityId };
  return { key: cellKey(entity, entity), stance };
}

/**
 * A page of direct evidence in the order stored with each paper's share of the entity's cell:
 * an index seek that reads the page, however many papers the entity has.
 */
function storedPageCypher(stance: Stance, { afterRank = false, rankColumn = true, onlyWhen = '' } = {}): string {
  const rank = STANCE_RANK[stance];
  // After a keyset cursor the seek starts at its rank key, bounded above by the cell's end.
  const seek = afterRank ? `share.${rank} > $afterRank AND share.${rank} < $end` : `share.${rank} STARTS WITH $prefix`;
  // No labels at the ends (a share always links a paper to a cell): checking them is a read per
  // row. The seek comes first and any guard after its LIMIT: behind a guard Neo4j sorts the whole
  // seek instead of reading it in index order.
  return `MATCH (d)-[share:${CONTRIBUTES}]->()
     WHERE ${seek}
     WITH d, share ORDER BY share.${rank} SKIP $skip LIMIT $limit${onlyWhen ? `
     WITH d, share WHERE ${onlyWhen}` : ''}
     CALL (d) {
       MATCH (d)-[:ASSERTS]->(c:Claim)-[:ABOUT]->(e:${ANY_ENTITY} {id: $entityId})
       WHERE ${claimFilterCypher('c')}
       RETURN collect(DISTINCT c.id)[..100] AS claimIds
     }
     RETURN d.pmid AS pmid, 0 AS distance, claimIds, [] AS citationPath${rankColumn ? `, share.${rank} AS rankKey` : ''}`;
}

function storedParams(stored: { key: string; stance: Stance }): Record<string, unknown> {
  return { key: stored.key, prefix: rankPrefix(stored.key), stanceIndex: neo4j.int(STANCES.indexOf(stored.stance)) };
}

/** How many papers are direct evidence, as the entity's cell with itself counts them. */
const STORED_DIRECT_COUNT = `OPTIONAL MATCH (cell:${CELL_LABEL} {key: $key})
     WITH coalesce(cell.papersByStance[$stanceIndex], 0) AS directCount`;

/**
 * One page of the supporting papers of an entity. Direct evidence ranks first, so a page that
 * direct evidence fills is answered from it alone; citation chains are followed only for a page
 * reaching past it, and only as far as `viaCitations`. Unfiltered direct evidence comes from
 * the stored ranking.
 */
export function supportingPageQuery(q: SupportingPapersQuery, page: Page, afterRank?: string): Query<SupportingRow> {
  const stored = storedRanking(q);
  if (stored && q.viaCitations === 0) {
    // A rank key of another entity's list would seek outside this cell; its offset still holds.
    if (afterRank !== undefined && afterRank.startsWith(rankPrefix(stored.key))) {
      return readQuery('supporting:page-stored-after', storedPageCypher(stored.stance, { afterRank: true }), {
        ...params(q),
        afterRank,
        end: rankEnd(stored.key),
        skip: neo4j.int(0),
        limit: page.limit,
      });
    }
    return readQuery('supporting:page-stored', storedPageCypher(stored.stance), { ...params(q), prefix: rankPrefix(stored.key), ...page });
  }
  if (stored) {
    // A page that direct evidence fills is read from the stored ranking; one reaching past it
    // follows the citation chains as below, behind an UNWIND of a list that is empty otherwise.
    return readQuery(
      `supporting:page-via-${q.viaCitations}-stored`,
      `${STORED_DIRECT_COUNT}
       CALL (directCount) {
         ${storedPageCypher(stored.stance, { rankColumn: false, onlyWhen: '$skip + $limit <= directCount' })}
         UNION ALL
         UNWIND CASE WHEN $skip + $limit > directCount THEN [true] ELSE [] END AS reached
         ${viaPageCypher(q.viaCitations)}
       }
       RETURN pmid, distance, claimIds, citationPath`,
      { ...params(q), ...storedParams(stored), ...page },
    );
  }
  if (q.viaCitations === 0) {
    return readQuery(
      'supporting:page',
      `${DIRECT}
       RETURN d.pmid AS pmid, 0 AS distance, claimIds, [] AS citationPath
       ORDER BY ${RANK('d')}
       SKIP $skip LIMIT $limit`,
      { ...params(q), ...page },
    );
  }
  return readQuery(`supporting:page-via-${q.viaCitations}`, viaPageCypher(q.viaCitations), { ...params(q), ...page });
}

/**
 * A page of direct evidence and then papers `via` citations away. The direct evidence is ranked
 * once and sliced: a list travels with every row that follows it, so sorting rows beside it
 * (UNWIND, ORDER BY, SKIP) would hold it once per row.
 */
function viaPageCypher(via: number): string {
  return `${DIRECT}
     WITH e, d, claimIds ORDER BY ${RANK('d')}
     WITH e, collect({paper: d, claimIds: claimIds}) AS direct
     CALL (e, direct) {
       UNWIND direct[$skip..$skip + $limit] AS row
       RETURN row.paper AS p, 0 AS distance, row.claimIds AS claimIds, [] AS citationPath
       UNION ALL
       WITH e, direct WHERE $skip + $limit > size(direct)
       CALL (e, direct) {
         ${indirect(via)}
         WITH p, distance, claims
         ORDER BY distance, claims DESC, coalesce(p.year, -1) DESC, p.pmid
         RETURN collect({p: p, distance: distance, claims: claims}) AS ranked
       }
       // SKIP cannot read a variable: the indirect part of the page is sliced out of the ranking.
       UNWIND ranked[CASE WHEN $skip > size(direct) THEN $skip - size(direct) ELSE 0 END..$skip + $limit - size(direct)] AS r
       WITH e, r.p AS p, r.distance AS distance, r.claims AS claims
       CALL (e, p, distance, claims) {
         ${bestChain(via)}
       }
       RETURN p, distance, claimIds, citationPath
     }
     RETURN p.pmid AS pmid, distance, claimIds, citationPath
     ORDER BY distance, ${RANK('p')}`;
}

/**
 * How many papers `supportingPageQuery` lists in all: exact for direct evidence; with citations,
 * exact unless the chains reached LIMITS.supporting.maxChainRows, when it is a lower bound.
 */
export function countSupportingQuery(q: SupportingPapersQuery): Query<{ n: number; exact: boolean }> {
  const stored = storedRanking(q);
  if (stored && q.viaCitations === 0) {
    const { prefix: _prefix, ...counted } = storedParams(stored);
    return readQuery('supporting:count-stored', `${STORED_DIRECT_COUNT} RETURN directCount AS n, true AS exact`, counted);
  }
  if (q.viaCitations === 0) return readQuery('supporting:count', `${DIRECT} RETURN count(d) AS n, true AS exact`, params(q));
  return readQuery(
    `supporting:count-via-${q.viaCitations}`,
    `${DIRECT}
     WITH e, collect(d) AS direct
     CALL (direct) {
       UNWIND direct AS target
       MATCH ${chainPattern(q.viaCitations)}
       WITH p LIMIT $maxChainRows
       RETURN count(*) AS chains, collect(DISTINCT p) AS reached
     }
     CALL (e, reached) {
       UNWIND reached AS p
       WITH e, p WHERE ${NOT_DIRECT}
       RETURN count(p) AS indirect
     }
     RETURN size(direct) + indirect AS n, chains < $maxChainRows AS exact`,
    params(q),
  );
}

/** The same listing as a table for analysts: each paper's public id, title and year beside its distance, chain and claims. */
export function supportingTableQuery(q: SupportingPapersQuery): Query {
  const chains =
    q.viaCitations === 0
      ? ''
      : `UNION ALL
         ${DIRECT}
         WITH e, collect({paper: d, claimIds: claimIds}) AS direct
         CALL (e, direct) {
           ${indirect(q.viaCitations)}
           RETURN p, distance, claims
         }
         CALL (e, p, distance, claims) {
           ${bestChain(q.viaCitations)}
         }
         RETURN p, {distance: distance, claimIds: claimIds, citationPath: citationPath} AS best`;
  return readQuery(
    q.viaCitations === 0 ? 'supporting:table' : `supporting:table-via-${q.viaCitations}`,
    `CALL () {
       ${DIRECT}
       RETURN d AS p, {distance: 0, claimIds: claimIds, citationPath: []} AS best
       ${chains}
     }
     RETURN 'Paper:' + p.pmid AS paper, p.title AS title, p.year AS year,
            best.distance AS distance, best.citationPath AS citationPath, best.claimIds AS claimIds
     ORDER BY best.distance, size(best.claimIds) DESC, coalesce(p.year, -1) DESC, p.pmid`,
    params(q),
  );
}

import neo4j from 'neo4j-driver';
import { readQuery, type Query } from '../db/query';
import { edgeClaimCypher, graphNodeCypher, keysByLabel, labelCypher, nodesByKeysCypher, publicIdCypher } from '../graph/fragments';
import { MINED_SOURCES, type RelType } from '../graph/model';
import type { EdgeClaimRow, GraphNodeRow } from '../graph/records';

/** Nodes by public id ("Paper:24392693"), one index lookup per id; unknown ids have no row. */
export function nodesByIdsQuery(ids: readonly string[]): Query<{ node: GraphNodeRow }> {
  return readQuery('subgraph:nodes-by-id', `${nodesByKeysCypher('keys')}\nRETURN ${graphNodeCypher('n')} AS node`, { keys: keysByLabel(ids) });
}

/** A relationship as a level reads it; the feature gives it its id. */
export interface LevelEdge {
  type: string;
  source: string;
  target: string;
  claim: EdgeClaimRow | null;
}

/** A node the level reached, with its relationships to the frontier. */
export interface LevelCandidate {
  node: GraphNodeRow;
  edges: LevelEdge[];
}

/** One node type of one BFS level. */
export interface LevelRow {
  /** The node label. */
  type: string;
  /** New nodes of this type the level reached (among the relationships read). */
  found: number;
  /** The first `take` of them, in rank order. */
  candidates: LevelCandidate[];
  /** Relationships between two frontier nodes of which the other end has this type, grouped by that end. */
  knownEdges: LevelEdge[][];
  /** Relationships read for this type: the level read `scan` in all when these add up to it. */
  relationships: number;
}

/**
 * One BFS level: the relationships (of the allowed types) of the frontier nodes whose other end
 * is not in an earlier level, at most `scan` of them, so a hub costs no more than that. Grouped
 * by the node at the other end, and those by type; each type's new nodes come ranked (curated
 * and seed claims before mined ones, then confidence, then id: nothing that depends on the
 * frontier, so a larger frontier only adds nodes to the order) and cut to the best `take`,
 * with the count of all of them. An other end in the frontier itself
 * is not new: its relationships come back as knownEdges.
 */
export function expandLevelQuery(
  frontier: readonly string[],
  earlier: readonly string[],
  types: readonly RelType[] | null,
  take: number,
  scan: number,
): Query<LevelRow> {
  return readQuery(
    'subgraph:level',
    `${nodesByKeysCypher('frontier')}
     MATCH (n)-[r]-(m)
     WHERE ($types IS NULL OR type(r) IN $types)
     WITH r, m, ${publicIdCypher('m')} AS other
     WHERE other IS NOT NULL AND NOT other IN $earlier
     WITH DISTINCT r, m, other LIMIT $scan
     WITH r, m, other, startNode(r) AS s, endNode(r) AS t
     WITH m, other, collect({type: type(r), source: ${publicIdCypher('s')}, target: ${publicIdCypher('t')}, claim: ${edgeClaimCypher('[s, t]')}}) AS edges
     WITH m, other, edges, other IN $frontierIds AS known, ${labelCypher('m')} AS type
     ORDER BY type, CASE WHEN m:Claim AND m.source IN $minedSources THEN 1 ELSE 0 END, coalesce(m.confidence, -1.0) DESC, other
     WITH type, collect(CASE WHEN known THEN edges END) AS knownEdges,
          collect(CASE WHEN NOT known THEN {m: m, edges: edges} END) AS ranked,
          sum(size(edges)) AS relationships
     // Only the nodes kept are projected: a hub's level ranks thousands it does not return, and
     // holding a title for each of them is what made many such requests at once hit the
     // transaction memory limit.
     CALL (ranked) {
       UNWIND ranked[..$take] AS kept
       WITH kept.m AS m, kept.edges AS edges
       RETURN collect({node: ${graphNodeCypher('m')}, edges: edges}) AS candidates
     }
     RETURN type, size(ranked) AS found, candidates, knownEdges, relationships`,
    {
      frontier: keysByLabel(frontier),
      frontierIds: [...frontier],
      earlier,
      types,
      take: neo4j.int(take),
      scan: neo4j.int(scan),
      minedSources: MINED_SOURCES,
    },
  );
}

/** The public id of each node given by Neo4j element id; nodes of no model label have no row. */
export function publicIdsByElementIdQuery(elementIds: readonly string[]): Query<{ eid: string; id: string | null }> {
  return readQuery(
    'subgraph:public-ids',
    `UNWIND $ids AS eid MATCH (n) WHERE elementId(n) = eid
     RETURN eid, ${publicIdCypher('n')} AS id`,
    { ids: elementIds },
  );
}

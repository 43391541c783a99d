import neo4j from 'neo4j-driver';
import { readQuery, type Query } from '../db/query';
import { graphNodeCypher, keysByLabel, nodesByKeysCypher, publicIdCypher } from '../graph/fragments';
import type { RelType } from '../graph/model';
import type { GraphNodeRow } from '../graph/records';

/** Nodes by public id ("Paper:24392693"), one index lookup per id; unknown ids have no row. */
export function nodesByIdsQuery(ids: readonly string[]): Query<{ node: GraphNodeRow }> {
  return readQuery('subgraph:nodes-by-id', `${nodesByKeysCypher('keys')}\nRETURN ${graphNodeCypher('n')} AS node`, { keys: keysByLabel(ids) });
}

export interface LevelRow {
  type: string;
  source: GraphNodeRow;
  target: GraphNodeRow;
}

/**
 * One BFS level: the relationships (of the allowed types) of the frontier nodes whose other end
 * is not in an earlier level, at most `cap` of them. Lazy to its LIMIT, so a hub costs no more
 * than `cap` rows.
 */
export function expandLevelQuery(frontier: readonly string[], earlier: readonly string[], types: readonly RelType[] | null, cap: number): Query<LevelRow> {
  return readQuery(
    'subgraph:level',
    `${nodesByKeysCypher('frontier')}
     MATCH (n)-[r]-(m)
     WHERE ($types IS NULL OR type(r) IN $types)
     WITH r, ${publicIdCypher('m')} AS other
     WHERE other IS NOT NULL AND NOT other IN $earlier
     WITH DISTINCT r LIMIT $cap
     WITH r, startNode(r) AS s, endNode(r) AS t
     RETURN type(r) AS type, ${graphNodeCypher('s')} AS source, ${graphNodeCypher('t')} AS target`,
    { frontier: keysByLabel(frontier), earlier, types, cap: neo4j.int(cap) },
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

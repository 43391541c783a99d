import Cypher from '@neo4j/cypher-builder';
import neo4j from 'neo4j-driver';
import { readQuery, type Query } from '../db/query';
import { edgeClaimCypher, graphNodeCypher, keysByLabel, nodesByKeysCypher } from '../graph/fragments';
import { REL } from '../graph/model';
import type { EdgeClaimRow, GraphNodeRow } from '../graph/records';

/** One step of a path: the relationship type, whether it is stored pointing along the path, and the claim at one of its ends. */
export interface PathStep {
  type: string;
  forward: boolean;
  claim: EdgeClaimRow | null;
}

/** `(a)-[*..maxLength]-(b)`: the bound must be literal (Cypher takes no parameter there), so it is checked to be a small whole number. */
function undirectedUpTo(maxLength: number): string {
  if (!Number.isInteger(maxLength) || maxLength < 1 || maxLength > 100) throw new Error(`path length bound must be a small whole number, got ${maxLength}`);
  // The model's relationships only: the evidence counts' cells would join any two papers sharing one.
  const type = Cypher.labelExpr.or(...Object.values(REL));
  const pattern = new Cypher.Pattern(new Cypher.NamedNode('a')).related({ type, direction: 'undirected', length: { max: maxLength } }).to(new Cypher.NamedNode('b'));
  return new Cypher.Match(pattern).build().cypher.replace(/^MATCH /, '');
}

/** The shortest paths between two nodes (public ids), either direction, at most `maxLength` edges, at most `first` of them. */
export function shortestPathsQuery(fromId: string, toId: string, maxLength: number, first: number): Query<{ nodes: GraphNodeRow[]; steps: PathStep[] }> {
  return readQuery(
    'paths:shortest',
    `${nodesByKeysCypher('from')}
     WITH n AS a
     ${nodesByKeysCypher('to')}
     WITH a, n AS b
     MATCH p = allShortestPaths(${undirectedUpTo(maxLength)})
     WITH p LIMIT $first
     RETURN [x IN nodes(p) | ${graphNodeCypher('x')}] AS nodes,
            [i IN range(0, length(p) - 1) | {type: type(relationships(p)[i]), forward: startNode(relationships(p)[i]) = nodes(p)[i],
              claim: ${edgeClaimCypher('[nodes(p)[i], nodes(p)[i + 1]]')}}] AS steps`,
    { from: keysByLabel([fromId]), to: keysByLabel([toId]), first: neo4j.int(first) },
  );
}

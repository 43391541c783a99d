import neo4j from 'neo4j-driver';
import type { Executor } from '../db/executor';
import { ErrorCode, EvmapError } from '../errors';
import { ENTITY_LABELS, FULLTEXT_INDEX, parseNodeId } from '../graph/model';
import type { Loaders } from '../loaders';
import type { EntityReadRow } from './entities';
import type { PaperReadRow } from './papers';
import { graphNodeCypher, type GraphNodeRow } from './subgraph';

/** Bounds of `search`; beyond them is BAD_USER_INPUT. */
export const SEARCH_LIMITS = { maxFirst: 100, defaultFirst: 20, maxQueryLength: 500 } as const;

// Characters the Lucene query parser gives a meaning to; escaped, each stands for itself.
const LUCENE_SPECIAL = /[+\-!(){}[\]^"~*?:\\/&|]/g;
// Operators the parser recognises only in upper case; the index's analyzer lowercases anyway.
const LUCENE_OPERATORS = /\b(AND|OR|NOT)\b/g;

/**
 * Turns a user's text into a Lucene query that matches its words literally: every special
 * character escaped and the AND/OR/NOT operators written as plain words, so no input is a
 * syntax error. Words are OR-ed, as the index's default operator does, and ranked by relevance.
 */
export function luceneQuery(text: string): string {
  return text.replace(LUCENE_SPECIAL, '\\$&').replace(LUCENE_OPERATORS, (word) => word.toLowerCase());
}

/** Checks the search arguments (pure). */
export function planSearch(query: string, first: number | null | undefined): { text: string; first: number } {
  const size = first ?? SEARCH_LIMITS.defaultFirst;
  if (!Number.isInteger(size) || size < 1 || size > SEARCH_LIMITS.maxFirst) {
    throw new EvmapError(ErrorCode.BadUserInput, `"first" must be between 1 and ${SEARCH_LIMITS.maxFirst}, got ${size}.`, { argumentName: 'first' });
  }
  const text = query.trim();
  if (text.length === 0) throw new EvmapError(ErrorCode.BadUserInput, 'The search text is empty.', { argumentName: 'query' });
  if (text.length > SEARCH_LIMITS.maxQueryLength) {
    throw new EvmapError(ErrorCode.BadUserInput, `The search text is longer than ${SEARCH_LIMITS.maxQueryLength} characters.`, { argumentName: 'query' });
  }
  return { text, first: size };
}

/** A raw hit of the full-text index: the node's public id and label, and its score. */
export interface IndexHit {
  node: GraphNodeRow;
  score: number;
}

/** The best `first` matches in the full-text index over titles, abstracts, names and aliases. */
export async function searchIndex(db: Executor, query: string, first: number | null | undefined): Promise<IndexHit[]> {
  const plan = planSearch(query, first);
  return db.readRows<IndexHit>(
    `CALL db.index.fulltext.queryNodes($index, $query, {limit: $first}) YIELD node AS n, score
     RETURN ${graphNodeCypher('n')} AS node, score
     ORDER BY score DESC`,
    { index: FULLTEXT_INDEX, query: luceneQuery(plan.text), first: neo4j.int(plan.first) },
    { tag: 'traversals:search' },
  );
}

export interface SearchHitValue {
  score: number;
  kind: string;
  node: PaperReadRow | EntityReadRow;
}

/**
 * Full-text search with each hit's node read through the request's loaders (one batched
 * query for papers, one for entities, shared with anything else in the request); a hit whose
 * node vanished in between is left out.
 */
export async function search(db: Executor, loaders: Pick<Loaders, 'paper' | 'entity'>, query: string, first: number | null | undefined): Promise<SearchHitValue[]> {
  const hits = await searchIndex(db, query, first);
  const resolved = await Promise.all(
    hits.map(async ({ node, score }): Promise<SearchHitValue | null> => {
      const parsed = parseNodeId(node.id);
      if (!parsed) return null;
      if (parsed.label === 'Paper') {
        const paper = await loaders.paper.load(parsed.key);
        return paper && { score, kind: parsed.label, node: paper };
      }
      if (!(ENTITY_LABELS as readonly string[]).includes(parsed.label)) return null;
      const entity = await loaders.entity.load(parsed.key);
      return entity && entity.__typename === parsed.label ? { score, kind: parsed.label, node: entity } : null;
    }),
  );
  return resolved.filter((hit): hit is SearchHitValue => hit !== null);
}

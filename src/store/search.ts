import neo4j from 'neo4j-driver';
import { readQuery, type Query } from '../db/query';
import { graphNodeCypher } from '../graph/fragments';
import { FULLTEXT_INDEX } from '../graph/model';
import type { GraphNodeRow } from '../graph/records';

// Characters the Lucene query parser gives a meaning to; escaped, each stands for itself.
const LUCENE_SPECIAL = /[+\-!(){}[\]^"~*?:\\/&|]/g;
// Operators the parser recognises only in upper case; the index's analyzer lowercases anyway.
const LUCENE_OPERATORS = /\b(AND|OR|NOT)\b/g;
// The word being typed: letters and digits at the very end of the text.
const LAST_WORD = /[\p{L}\p{N}]+$/u;
// A one-letter prefix matches half the index; autocomplete starts at two.
const MIN_PREFIX = 2;

/**
 * Turns a user's text into a Lucene query that matches its words literally: every special
 * character escaped and the AND/OR/NOT operators written as plain words, so no input is a
 * syntax error. Words are OR-ed, as the index's default operator does, and ranked by relevance.
 */
export function luceneQuery(text: string, options: { prefix?: boolean } = {}): string {
  const literal = text.replace(LUCENE_SPECIAL, '\\$&').replace(LUCENE_OPERATORS, (word) => word.toLowerCase());
  if (!options.prefix) return literal;
  // The analyzer splits "GSK-3" into gsk and 3 and lowercases them, but leaves a wildcard term as
  // written: the prefix is the last run of letters and digits, lowercased. OR-ed with the literal
  // words, a whole-word match scores above a prefix match, whose score is constant.
  const last = LAST_WORD.exec(text)?.[0];
  return last && last.length >= MIN_PREFIX ? `${literal} ${last.toLowerCase()}*` : literal;
}

/** A raw hit of the full-text index: the node's public id and label, and its score. */
export interface IndexHit {
  node: GraphNodeRow;
  score: number;
}

/** The best `first` matches in the full-text index over titles, abstracts, names and aliases. */
export function searchIndexQuery(text: string, first: number, options: { prefix?: boolean } = {}): Query<IndexHit> {
  return readQuery(
    'search:index',
    `CALL db.index.fulltext.queryNodes($index, $query, {limit: $first}) YIELD node AS n, score
     RETURN ${graphNodeCypher('n')} AS node, score
     ORDER BY score DESC`,
    { index: FULLTEXT_INDEX, query: luceneQuery(text, options), first: neo4j.int(first) },
  );
}

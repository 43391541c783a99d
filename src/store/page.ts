import neo4j, { type Integer } from 'neo4j-driver';

/** SKIP and LIMIT of a page query, as Neo4j integers (a float LIMIT is a Cypher error). */
export interface Page {
  skip: Integer;
  limit: Integer;
}

/** A page from plain numbers, as they travel inside a DataLoader key. */
export function page(skip: number, limit: number): Page {
  return { skip: neo4j.int(skip), limit: neo4j.int(limit) };
}

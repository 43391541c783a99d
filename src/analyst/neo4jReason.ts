import type { Neo4jError } from 'neo4j-driver';

/** The first line of a Neo4j error, which names the problem without the server's internals. */
export function neo4jReason(error: Neo4jError): string {
  return (error.message.split('\n')[0] ?? error.message).trim();
}

import type { TestServer } from './server';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** What a request came back with, and how many Cypher queries it ran. */
export async function attempt(server: TestServer, query: string, variables?: Record<string, unknown>) {
  const before = server.db.queryCount;
  const res = await server.gql<Json>(query, variables);
  const error = res.body.errors?.[0];
  return {
    status: res.status,
    code: error?.extensions?.code,
    limit: (error?.extensions as { limit?: string } | undefined)?.limit,
    queries: server.db.queryCount - before,
    data: res.body.data,
  };
}

/** A request refused for its cost: before any Cypher runs. */
export const REFUSED = { status: 400, code: 'QUERY_TOO_COMPLEX', limit: 'cost', queries: 0 };

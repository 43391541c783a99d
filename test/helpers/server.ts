import type { AddressInfo } from 'node:net';
import { loadConfig, type Config } from '../../src/config';
import { Neo4jExecutor, type Executor } from '../../src/db/executor';
import { silentLogger, type Logger } from '../../src/log';
import { createServer } from '../../src/api/server';
import { testNeo4j } from './neo4jTarget';
import { RefusingExecutor } from './refusingExecutor';

export interface GraphQLResponse<T = Record<string, unknown>> {
  status: number;
  body: { data?: T | null; errors?: Array<{ message: string; extensions?: { code?: string } }> };
}

export interface TestServer<E extends Executor = Executor> {
  /** Base URL without a path, e.g. http://127.0.0.1:41234 */
  baseUrl: string;
  db: E;
  config: Config;
  /** POSTs a GraphQL operation to /graphql the way a browser or app would. */
  gql<T = Record<string, unknown>>(query: string, variables?: Record<string, unknown>, headers?: Record<string, string>): Promise<GraphQLResponse<T>>;
  close(): Promise<void>;
}

/** Serves the real HTTP server over `db` on a free port of 127.0.0.1; close() stops it, then closes `db`. */
async function serve<E extends Executor>(config: Config, db: E, log: Logger = silentLogger): Promise<TestServer<E>> {
  const server = await createServer(config, db, log);
  await server.listen(0, '127.0.0.1');
  const { port } = server.httpServer.address() as AddressInfo;
  const baseUrl = `http://127.0.0.1:${port}`;
  return {
    baseUrl,
    db,
    config,
    gql: async <T,>(query: string, variables?: Record<string, unknown>, headers: Record<string, string> = {}): Promise<GraphQLResponse<T>> => {
      const res = await fetch(`${baseUrl}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify({ query, variables }),
      });
      return { status: res.status, body: (await res.json()) as GraphQLResponse<T>['body'] };
    },
    close: async () => {
      await server.stop();
      await db.close();
    },
  };
}

/** Starts the real HTTP server on a free port against the run's real Neo4j. */
export async function startTestServer(env: Record<string, string> = {}, options: { log?: Logger } = {}): Promise<TestServer> {
  const config = loadConfig({ NODE_ENV: 'test', ...env });
  return serve(config, new Neo4jExecutor(testNeo4j(), config.queryTimeoutMs), options.log);
}

/**
 * Starts the real HTTP server on a free port with no database behind it: for what the server
 * answers before any resolver queries Neo4j. `db.calls` shows whether a request tried to.
 */
export async function startUnitServer(env: Record<string, string> = {}): Promise<TestServer<RefusingExecutor>> {
  return serve(loadConfig({ NODE_ENV: 'test', ...env }), new RefusingExecutor());
}

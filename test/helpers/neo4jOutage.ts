import type { AddressInfo } from 'node:net';
import { loadConfig } from '../../src/config';
import type { Neo4jConnection } from '../../src/db/driver';
import { Neo4jExecutor } from '../../src/db/executor';
import { silentLogger } from '../../src/log';
import { createServer, type EvmapServer } from '../../src/api/server';

/** Runs `check` against an API server whose Neo4j is at `connection`, then stops the server and closes its drivers. */
export async function withApi(connection: Neo4jConnection, check: (base: string) => Promise<void>): Promise<void> {
  const db = new Neo4jExecutor(connection, 5_000);
  const server: EvmapServer = await createServer(loadConfig({ NODE_ENV: 'test' }), db, silentLogger);
  await server.listen(0, '127.0.0.1');
  try {
    await check(`http://127.0.0.1:${(server.httpServer.address() as AddressInfo).port}`);
  } finally {
    await server.stop();
    await db.close();
  }
}

async function timed<T>(work: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const started = Date.now();
  const value = await work();
  return { ms: Date.now() - started, value };
}

export const statsQuery = (base: string) =>
  fetch(`${base}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ stats { nodes } }' }) }).then(
    async (res) => ({ status: res.status, body: (await res.json()) as { data?: { stats?: { nodes: number } } | null; errors?: Array<{ extensions?: { code?: string } }> } }),
  );

/** A request answers SERVICE_UNAVAILABLE within `requestMs`, and /readyz 503 within 2 s. */
export async function expectFailsFast(base: string, requestMs: number): Promise<void> {
  const request = await timed(() => statsQuery(base));
  expect(request.value.body.errors?.[0]?.extensions?.code).toBe('SERVICE_UNAVAILABLE');
  expect(request.ms).toBeLessThan(requestMs);

  const ready = await timed(() => fetch(`${base}/readyz`));
  expect(ready.value.status).toBe(503);
  expect(ready.ms).toBeLessThan(2_000);
}

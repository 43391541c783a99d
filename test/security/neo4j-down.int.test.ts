import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { loadConfig } from '../../src/config';
import { ACQUIRE_TIMEOUT_MS } from '../../src/db/driver';
import { Neo4jExecutor } from '../../src/db/executor';
import { silentLogger } from '../../src/log';
import { createServer, type EvmapServer } from '../../src/api/server';
import { testNeo4j } from '../helpers/neo4jTarget';

/**
 * A TCP relay in front of the run's Neo4j that can be taken down (every connection cut, new
 * ones refused) and brought back, the way a restarting or failing-over server looks to a client.
 */
async function relay(targetPort: number) {
  const sockets = new Set<net.Socket>();
  let server: net.Server | undefined;
  let port = 0;
  const up = () =>
    new Promise<void>((resolve) => {
      server = net.createServer((client) => {
        const upstream = net.connect(targetPort, '127.0.0.1');
        for (const s of [client, upstream]) {
          sockets.add(s);
          s.on('close', () => sockets.delete(s));
          s.on('error', () => s.destroy());
        }
        client.pipe(upstream).pipe(client);
      });
      server.listen(port, '127.0.0.1', () => {
        port = (server?.address() as AddressInfo).port;
        resolve();
      });
    });
  const down = () =>
    new Promise<void>((resolve) => {
      for (const s of sockets) s.destroy();
      server?.close(() => resolve());
    });
  await up();
  return { port: () => port, up, down };
}

/** Accepts TCP connections and never answers: a hung server, which only a timeout can detect. */
async function silentServer() {
  const held: net.Socket[] = [];
  const server = net.createServer((s) => held.push(s));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    close: () => {
      held.forEach((s) => s.destroy());
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** Runs `check` against an API server whose Neo4j is at `uri`, then stops the server and closes its drivers. */
async function withApi(uri: string, check: (base: string) => Promise<void>): Promise<void> {
  const target = testNeo4j();
  const db = new Neo4jExecutor({ ...target, uri }, 5_000);
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

const statsQuery = (base: string) =>
  fetch(`${base}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ stats { nodes } }' }) }).then(
    async (res) => ({ status: res.status, body: (await res.json()) as { data?: { stats?: { nodes: number } } | null; errors?: Array<{ extensions?: { code?: string } }> } }),
  );

/** A request answers SERVICE_UNAVAILABLE within `requestMs`, and /readyz 503 within 2 s. */
async function expectFailsFast(base: string, requestMs: number): Promise<void> {
  const request = await timed(() => statsQuery(base));
  expect(request.value.body.errors?.[0]?.extensions?.code).toBe('SERVICE_UNAVAILABLE');
  expect(request.ms).toBeLessThan(requestMs);

  const ready = await timed(() => fetch(`${base}/readyz`));
  expect(ready.value.status).toBe(503);
  expect(ready.ms).toBeLessThan(2_000);
}

describe('with Neo4j down, requests fail fast', () => {
  const target = testNeo4j();
  const targetPort = Number(/:(\d+)$/.exec(target.uri)?.[1]);

  it('answers SERVICE_UNAVAILABLE in under 3 s and /readyz 503 in under 2 s once Neo4j stops answering', async () => {
    const neo4j = await relay(targetPort);
    try {
      await withApi(`bolt://127.0.0.1:${neo4j.port()}`, async (base) => {
        expect((await statsQuery(base)).body.data?.stats?.nodes).toBeGreaterThan(0);
        await neo4j.down();
        await expectFailsFast(base, 3_000);
      });
    } finally {
      await neo4j.down();
    }
  });

  it('answers in time when Neo4j accepts connections but never replies', async () => {
    const hung = await silentServer();
    try {
      // Bounded by the wait for a pooled connection (ACQUIRE_TIMEOUT_MS), not the driver's 30 s default.
      await withApi(`bolt://127.0.0.1:${hung.port}`, (base) => expectFailsFast(base, ACQUIRE_TIMEOUT_MS + 1_000));
    } finally {
      await hung.close();
    }
  });

  it('still answers a read that starts during a brief outage, by retrying', async () => {
    const neo4j = await relay(targetPort);
    try {
      await withApi(`bolt://127.0.0.1:${neo4j.port()}`, async (base) => {
        expect((await statsQuery(base)).status).toBe(200);
        await neo4j.down();
        const pending = statsQuery(base);
        setTimeout(() => void neo4j.up(), 400);
        const answer = await pending;
        expect(answer.body.errors).toBeUndefined();
        expect(answer.body.data?.stats?.nodes).toBeGreaterThan(0);
      });
    } finally {
      await neo4j.down();
    }
  });
});

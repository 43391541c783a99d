import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { expectFailsFast, statsQuery, withApi } from '../helpers/neo4jOutage';
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

describe('with Neo4j down, requests fail fast', () => {
  const target = testNeo4j();
  const targetPort = Number(/:(\d+)$/.exec(target.uri)?.[1]);

  it('answers SERVICE_UNAVAILABLE in under 3 s and /readyz 503 in under 2 s once Neo4j stops answering', async () => {
    const neo4j = await relay(targetPort);
    try {
      await withApi({ ...target, uri: `bolt://127.0.0.1:${neo4j.port()}` }, async (base) => {
        expect((await statsQuery(base)).body.data?.stats?.nodes).toBeGreaterThan(0);
        await neo4j.down();
        await expectFailsFast(base, 3_000);
      });
    } finally {
      await neo4j.down();
    }
  });

  it('still answers a read that starts during a brief outage, by retrying', async () => {
    const neo4j = await relay(targetPort);
    try {
      await withApi({ ...target, uri: `bolt://127.0.0.1:${neo4j.port()}` }, async (base) => {
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

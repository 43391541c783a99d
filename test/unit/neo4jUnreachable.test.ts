import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { ACQUIRE_TIMEOUT_MS, type Neo4jConnection } from '../../src/db/driver';
import { expectFailsFast, withApi } from '../helpers/neo4jOutage';

/** Where nothing listens: a connection is refused at once. */
const NOTHING_LISTENS: Neo4jConnection = { uri: 'bolt://127.0.0.1:1', user: 'neo4j', password: 'unreachable', database: 'neo4j' };

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

describe('with no Neo4j answering, the API fails fast', () => {
  it('answers 503 on /readyz when Neo4j cannot be reached, while /healthz stays 200', () =>
    withApi(NOTHING_LISTENS, async (base) => {
      expect((await fetch(`${base}/healthz`)).status).toBe(200);
      const ready = await fetch(`${base}/readyz`);
      expect(ready.status).toBe(503);
    }));

  it('answers in time when Neo4j accepts connections but never replies', async () => {
    const hung = await silentServer();
    try {
      // Bounded by the wait for a pooled connection (ACQUIRE_TIMEOUT_MS), not the driver's 30 s default.
      await withApi({ ...NOTHING_LISTENS, uri: `bolt://127.0.0.1:${hung.port}` }, (base) => expectFailsFast(base, ACQUIRE_TIMEOUT_MS + 1_000));
    } finally {
      await hung.close();
    }
  });
});

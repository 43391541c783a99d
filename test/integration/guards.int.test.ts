import type { AddressInfo } from 'node:net';
import { loadConfig } from '../../src/config';
import { Neo4jExecutor } from '../../src/db/executor';
import { silentLogger } from '../../src/log';
import { createServer } from '../../src/api/server';
import { testDb } from '../helpers/db';
import { testNeo4j } from '../helpers/neo4jTarget';
import { startTestServer, type TestServer } from '../helpers/server';

describe('guards at low limits', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ EVMAP_MAX_DEPTH: '6', EVMAP_MAX_ALIASES: '3', EVMAP_MAX_TOKENS: '400', EVMAP_MAX_COST: '50' });
  });
  afterAll(() => server.close());

  it('lets an ordinary query through', async () => {
    const res = await server.gql('{ paper(pmid: "24392693") { title } }');
    expect(res.body.errors).toBeUndefined();
  });
});

describe('production error hygiene', () => {
  it('hides stack traces and the internal messages of a Neo4j failure', async () => {
    const target = testNeo4j();
    const db = new Neo4jExecutor({ ...target, password: 'wrong-password-123' }, 5_000);
    const prod = await createServer(loadConfig({ NODE_ENV: 'production' }), db, silentLogger);
    await prod.listen(0, '127.0.0.1');
    const { port } = prod.httpServer.address() as AddressInfo;
    const post = async (query: string) => {
      const res = await fetch(`http://127.0.0.1:${port}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query }) });
      return (await res.json()) as { errors?: Array<{ message: string; extensions?: Record<string, unknown> }> };
    };
    try {
      const internal = await post('{ paper(pmid: "24392693") { title } }');
      const error = internal.errors?.[0];
      expect(error?.extensions?.code).toBe('INTERNAL_SERVER_ERROR');
      expect(error?.message).toBe('Internal server error');
      expect(JSON.stringify(internal)).not.toMatch(/stacktrace|Neo4j|Neo\.|MATCH|Cypher|password/i);
    } finally {
      await prod.stop();
      await db.close();
    }
  });
});

describe('transaction time limit', () => {
  const { db, close } = testDb();
  afterAll(close);

  it('stops a long query near its timeout and reports TIMEOUT', async () => {
    const started = Date.now();
    await expect(
      db.readRows('UNWIND range(1, 2000000000) AS x WITH x WHERE x = -1 RETURN count(x) AS n', {}, { timeoutMs: 500 }),
    ).rejects.toMatchObject({ code: 'TIMEOUT' });
    expect(Date.now() - started).toBeLessThan(10_000);
  });
});

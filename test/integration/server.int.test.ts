import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { loadConfig } from '../../src/config';
import { Neo4jExecutor } from '../../src/db/executor';
import { silentLogger } from '../../src/log';
import { createServer } from '../../src/api/server';
import { startTestServer, type TestServer } from '../helpers/server';

describe('HTTP server against real Neo4j', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => {
    await server.close();
  });

  it('answers { __typename } with Query', async () => {
    const res = await server.gql<{ __typename: string }>('{ __typename }');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ data: { __typename: 'Query' } });
  });

  it('reports process health and Neo4j readiness', async () => {
    const health = await fetch(`${server.baseUrl}/healthz`);
    expect(health.status).toBe(200);
    const ready = await fetch(`${server.baseUrl}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ready', neo4j: 'ok' });
  });

  it('reads the graph through a resolver: stats sees a paper written to Neo4j', async () => {
    const pmid = `test-${randomUUID()}`;
    await server.db.writeRows('CREATE (:Paper {pmid: $pmid, title: "stats probe"})', { pmid });
    try {
      const res = await server.gql<{ stats: { server: string; labels: Array<{ name: string; count: number }> } }>(
        '{ stats { server labels { name count } } }',
      );
      expect(res.body.errors).toBeUndefined();
      expect(res.body.data?.stats.server).toMatch(/^Neo4j\/5\./);
      const [row] = await server.db.readRows<{ direct: number }>('RETURN COUNT { MATCH (:Paper) } AS direct');
      const papers = res.body.data?.stats.labels.find((l) => l.name === 'Paper')?.count ?? 0;
      expect(papers).toBeGreaterThanOrEqual(1);
      expect(Math.abs(papers - (row?.direct ?? 0))).toBeLessThanOrEqual(2);
    } finally {
      await server.db.writeRows('MATCH (p:Paper {pmid: $pmid}) DELETE p', { pmid });
    }
  });

  it('refuses a body over the configured limit with 413 and a coded error', async () => {
    const small = await startTestServer({ EVMAP_BODY_LIMIT: '1kb' });
    try {
      const res = await fetch(`${small.baseUrl}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: `{ __typename }`, variables: { pad: 'x'.repeat(4096) } }),
      });
      expect(res.status).toBe(413);
      const body = (await res.json()) as { errors: Array<{ extensions: { code: string } }> };
      expect(body.errors[0]?.extensions.code).toBe('BAD_REQUEST');
    } finally {
      await small.close();
    }
  });

  it('refuses batched requests', async () => {
    const res = await fetch(`${server.baseUrl}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify([{ query: '{ __typename }' }, { query: '{ __typename }' }]),
    });
    expect(res.status).toBe(400);
  });

  it('blocks a simple cross-site GET that lacks a preflight header (CSRF prevention)', async () => {
    const res = await fetch(`${server.baseUrl}/graphql?query=${encodeURIComponent('{ __typename }')}`);
    expect(res.status).toBe(400);
    const allowed = await fetch(`${server.baseUrl}/graphql?query=${encodeURIComponent('{ __typename }')}`, {
      headers: { 'apollo-require-preflight': 'true' },
    });
    expect(allowed.status).toBe(200);
  });

  it('answers 503 on /readyz when Neo4j cannot be reached, while /healthz stays 200', async () => {
    const db = new Neo4jExecutor({ uri: 'bolt://127.0.0.1:1', user: 'neo4j', password: 'unreachable', database: 'neo4j' }, 2_000);
    const down = await createServer(loadConfig({ NODE_ENV: 'test' }), db, silentLogger);
    await down.listen(0, '127.0.0.1');
    const { port } = down.httpServer.address() as AddressInfo;
    try {
      expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);
      const ready = await fetch(`http://127.0.0.1:${port}/readyz`);
      expect(ready.status).toBe(503);
    } finally {
      await down.stop();
      await db.close();
    }
  });
});

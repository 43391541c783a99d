import { randomUUID } from 'node:crypto';
import { startTestServer, type TestServer } from '../helpers/server';

describe('HTTP server against real Neo4j', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => {
    await server.close();
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
      // Stubs (papers known only as citation targets) are counted apart, as stubPapers.
      const [row] = await server.db.readRows<{ direct: number }>('RETURN COUNT { MATCH (p:Paper) WHERE p.stub IS NULL } AS direct');
      const papers = res.body.data?.stats.labels.find((l) => l.name === 'Paper')?.count ?? 0;
      expect(papers).toBeGreaterThanOrEqual(1);
      expect(Math.abs(papers - (row?.direct ?? 0))).toBeLessThanOrEqual(2);
    } finally {
      await server.db.writeRows('MATCH (p:Paper {pmid: $pmid}) DELETE p', { pmid });
    }
  });
});

import { randomInt, randomUUID } from 'node:crypto';
import { tagPapers } from '../../src/ingest/tagging';
import { upsertPapersQuery } from '../../src/store/papers';
import { startTestServer, type TestServer } from '../helpers/server';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

describe('no N+1: nested queries cost a number of Neo4j queries bounded by depth', () => {
  let server: TestServer;
  const journal = `Batching Test Journal ${randomUUID()}`;
  const base = 700_000_000 + randomInt(0, 9_000_000) * 10;

  beforeAll(async () => {
    server = await startTestServer();
    const records = Array.from({ length: 50 }, (_, i) => ({
      pmid: String(base + i),
      title: `Ketamine and mTOR signalling, cohort ${i}`,
      abstract: `Ketamine acted through GSK-3 in cohort ${i}.`,
      journal,
      year: 2000 + (i % 20),
      authors: [{ name: `Author${i} A` }, { name: 'Shared B' }],
    }));
    await server.db.run(upsertPapersQuery(records));
    await tagPapers(server.db, records);
  });
  afterAll(() => server.close());

  const nested = (first: number) => `{
    papers(where: { journal: "${journal}" }, first: ${first}) {
      totalCount
      edges { node {
        pmid
        authors { name papers(first: 3) { totalCount edges { node { pmid } } } }
        claims { totalCount edges { node { stance paper { pmid } about { id name } } } }
        citedBy { totalCount }
      } }
    }
  }`;

  async function queriesFor(first: number): Promise<{ queries: number; data: Json }> {
    const before = server.db.queryCount;
    const res = await server.gql<Json>(nested(first));
    expect(res.body.errors).toBeUndefined();
    return { queries: server.db.queryCount - before, data: res.body.data as Json };
  }

  it('answers a nested query over 50 papers with as many queries as over 5', async () => {
    const small = await queriesFor(5);
    const large = await queriesFor(50);

    expect(large.data.papers.totalCount).toBe(50);
    expect(large.data.papers.edges).toHaveLength(50);
    const claims = large.data.papers.edges.flatMap((e: Json) => e.node.claims.edges.map((c: Json) => c.node));
    expect(claims.length).toBeGreaterThanOrEqual(100);
    expect(claims.every((c: Json) => c.about.length > 0 && c.paper.pmid)).toBe(true);
    expect(large.data.papers.edges[0].node.authors.find((a: Json) => a.name === 'Shared B').papers.totalCount).toBeGreaterThanOrEqual(50);

    expect(large.queries).toBe(small.queries);
    // One query per resolver level (list, count, authors, their papers and counts, claims and
    // counts, claim papers, claim entities, citations): a fixed number, not 50 × anything.
    expect(large.queries).toBeLessThanOrEqual(14);
  });
});

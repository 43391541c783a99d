import { randomInt } from 'node:crypto';
import { deletePapersQuery } from '../../src/store/paperDeletion';
import { upsertPapersQuery, writeCitationsQuery } from '../../src/store/papers';
import { testDb } from '../helpers/db';
import { startTestServer, type GraphQLResponse, type TestServer } from '../helpers/server';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const CURATOR = 'curator-key-for-tests-cites-01';

// Most cited first reads a count every CITES write keeps on the cited paper. Each way evmap
// writes or removes citations is checked against the graph's own degree, and the listing
// against what each paper's citedBy says.
describe('stored citation counts', () => {
  const { db, close } = testDb();
  let server: TestServer;
  const base = 700_000_000 + randomInt(0, 9_000_000) * 10;
  const pmid = (i: number) => String(base + i);
  const journal = `Evmap Citation Count Tests ${base}`;

  async function storedAndActual(pmids: readonly string[]): Promise<Array<{ pmid: string; stored: number | null; actual: number }>> {
    return db.readRows(
      `UNWIND $pmids AS pmid MATCH (p:Paper {pmid: pmid})
       RETURN pmid, p.citedByCount AS stored, COUNT { (p)<-[:CITES]-() } AS actual ORDER BY pmid`,
      { pmids },
    );
  }

  async function mostCited(): Promise<Array<{ pmid: string; cited: number }>> {
    const res = await server.gql<Json>(
      `query($journal: String!) { papers(where: { journal: $journal }, orderBy: { field: CITATIONS, direction: DESC }, first: 20) {
         edges { node { pmid citedBy(first: 0) { totalCount } } } } }`,
      { journal },
    );
    return res.body.data?.papers.edges.map((e: Json) => ({ pmid: e.node.pmid, cited: e.node.citedBy.totalCount }));
  }

  beforeAll(async () => {
    server = await startTestServer({ EVMAP_API_KEYS: `${CURATOR}:curator` });
  });
  afterAll(async () => {
    await db.run(deletePapersQuery(Array.from({ length: 8 }, (_, i) => pmid(i))));
    await server.close();
    await close();
  });

  it('keeps each paper’s count equal to its citations through imports, the citations command, curation and deletion, and lists by it', async () => {
    // The importer's upsert: papers 1–3 cite 0, 1 and 2 cite 4 (a stub until its record comes).
    await db.run(
      upsertPapersQuery([
        { pmid: pmid(0), title: 'Cited by three', journal, year: 2010 },
        { pmid: pmid(1), title: 'Citer one', journal, year: 2011, cites: [pmid(0), pmid(4)] },
        { pmid: pmid(2), title: 'Citer two', journal, year: 2012, cites: [pmid(0), pmid(4)] },
        { pmid: pmid(3), title: 'Citer three', journal, year: 2013, cites: [pmid(0)] },
      ]),
    );
    // The same records again change no count.
    await db.run(upsertPapersQuery([{ pmid: pmid(1), title: 'Citer one', journal, year: 2011, cites: [pmid(0), pmid(4)] }]));
    await db.run(upsertPapersQuery([{ pmid: pmid(4), title: 'Cited by two', journal, year: 2014 }]));
    // `evmap citations` and the Open Citation Collection: 5 (new, a stub) cites 3; a repeated link adds nothing.
    await db.run(writeCitationsQuery([pmid(3), pmid(5)], [{ citing: pmid(5), cited: pmid(3) }]));
    await db.run(writeCitationsQuery([pmid(3), pmid(5)], [{ citing: pmid(5), cited: pmid(3) }]));
    // A curator's link: 4 cites 3.
    const added = await server.gql<Json>(`mutation { addCitation(citing: "${pmid(4)}", cited: "${pmid(3)}") { created } }`, {}, { authorization: `Bearer ${CURATOR}` });
    expect(added.body.data?.addCitation.created).toBe(true);

    const all = Array.from({ length: 6 }, (_, i) => pmid(i));
    expect(await storedAndActual(all)).toEqual([
      { pmid: pmid(0), stored: 3, actual: 3 },
      { pmid: pmid(1), stored: 0, actual: 0 },
      { pmid: pmid(2), stored: 0, actual: 0 },
      { pmid: pmid(3), stored: 2, actual: 2 },
      { pmid: pmid(4), stored: 2, actual: 2 },
      { pmid: pmid(5), stored: 0, actual: 0 },
    ]);
    // Ties break by PMID; the stub (5) is left out as in every listing.
    expect(await mostCited()).toEqual([
      { pmid: pmid(0), cited: 3 },
      { pmid: pmid(3), cited: 2 },
      { pmid: pmid(4), cited: 2 },
      { pmid: pmid(1), cited: 0 },
      { pmid: pmid(2), cited: 0 },
    ]);

    // A DeleteCitation of paper 1 takes its two citations out of 0's and 4's counts.
    expect(await db.run(deletePapersQuery([pmid(1)]))).toEqual([{ pmid: pmid(1), outcome: 'deleted' }]);
    expect(await storedAndActual([pmid(0), pmid(4)])).toEqual([
      { pmid: pmid(0), stored: 2, actual: 2 },
      { pmid: pmid(4), stored: 1, actual: 1 },
    ]);
    expect((await mostCited()).map((p) => p.pmid)).toEqual([pmid(0), pmid(3), pmid(4), pmid(2)]);
  });

  it('lists a paper no write has counted (stored before the count existed) after the counted ones, and pages through it with a cursor', async () => {
    await db.run(upsertPapersQuery([{ pmid: pmid(6), title: 'Not counted yet', journal, year: 2015 }]));
    await db.writeRows('MATCH (p:Paper {pmid: $pmid}) REMOVE p.citedByCount', { pmid: pmid(6) });
    const pages: string[] = [];
    let after: string | null = null;
    do {
      const res: GraphQLResponse<Json> = await server.gql<Json>(
        `query($journal: String!, $after: String) { papers(where: { journal: $journal }, orderBy: { field: CITATIONS, direction: DESC }, first: 2, after: $after) {
           edges { node { pmid } } pageInfo { hasNextPage endCursor } } }`,
        { journal, after },
      );
      const connection = res.body.data?.papers;
      pages.push(...connection.edges.map((e: Json) => e.node.pmid));
      after = connection.pageInfo.hasNextPage ? connection.pageInfo.endCursor : null;
    } while (after !== null);
    expect(pages).toEqual([pmid(0), pmid(3), pmid(4), pmid(2), pmid(6)]);
  });
});

import { randomInt, randomUUID } from 'node:crypto';
import { startTestServer, type TestServer } from '../helpers/server';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const CURATOR = 'curator-key-for-keyset-01';
const ADMIN = 'admin-key-for-keyset-0001';

const PAGE = `query($where: PaperFilter, $orderBy: PaperOrder, $first: Int, $after: String) {
  papers(where: $where, orderBy: $orderBy, first: $first, after: $after) { edges { cursor node { pmid year } } pageInfo { endCursor hasNextPage } }
}`;

describe('papers: keyset cursors', () => {
  let server: TestServer;
  const journal = `Keyset Journal ${randomUUID()}`;
  const base = 820_000_000 + randomInt(0, 9_000_000);
  let next = 0;
  const pmid = () => String(base + (next += 1));

  const add = async (year: number | null, title = `Keyset paging paper ${randomUUID()}`): Promise<string> => {
    const id = pmid();
    const res = await server.gql<Json>('mutation($input: PaperInput!) { upsertPaper(input: $input) { created } }', { input: { pmid: id, title, journal, ...(year === null ? {} : { year }) } }, { authorization: `Bearer ${CURATOR}` });
    expect(res.body.errors).toBeUndefined();
    return id;
  };
  const page = async (first: number, after: string | null, orderBy?: Json) => {
    const res = await server.gql<Json>(PAGE, { where: { journal }, orderBy, first, after });
    expect(res.body.errors).toBeUndefined();
    return res.body.data?.papers as Json;
  };
  const pmids = (p: Json) => (p.edges as Json[]).map((e) => e.node.pmid as string);

  beforeAll(async () => {
    server = await startTestServer({ EVMAP_API_KEYS: `${CURATOR}:curator,${ADMIN}:admin` });
    for (const year of [2006, 2005, 2004, 2003, 2002, 2001, null, null]) await add(year);
  });
  afterAll(async () => {
    await server.close();
  });

  it('neither repeats nor hides a row when papers are added between two pages, newest first', async () => {
    const first = await page(3, null);
    const before = pmids(first);
    // Newer than the whole first page: offset paging would shift it down and repeat a row.
    await add(2010);
    // Inside the second page's range: offset paging would hide a row at the page boundary.
    const inside = await add(2002);
    const second = await page(3, first.pageInfo.endCursor as string);
    const rest = await page(10, second.pageInfo.endCursor as string);
    const seen = [...before, ...pmids(second), ...pmids(rest)];
    expect(new Set(seen).size).toBe(seen.length);
    expect((second.edges as Json[]).map((e) => e.node.year)).toEqual([2003, 2002, 2002]);
    expect(seen).toContain(inside);
    // Undated papers come last, after every dated one, across the page boundary too.
    expect((rest.edges as Json[]).map((e) => e.node.year)).toEqual([2001, null, null]);
    expect(rest.pageInfo.hasNextPage).toBe(false);
  });

  it('pages every order by keyset, each page continuing where the last stopped', async () => {
    for (const orderBy of [{ field: 'YEAR', direction: 'ASC' }, { field: 'PMID', direction: 'DESC' }, { field: 'TITLE', direction: 'ASC' }, { field: 'CITATIONS', direction: 'DESC' }]) {
      const all = pmids(await page(100, null, orderBy));
      const paged: string[] = [];
      let after: string | null = null;
      for (let i = 0; i < 20; i += 1) {
        const p = await page(2, after, orderBy);
        paged.push(...pmids(p));
        if (!p.pageInfo.hasNextPage) break;
        after = p.pageInfo.endCursor as string;
      }
      expect({ orderBy, paged }).toEqual({ orderBy, paged: all });
    }
  });

  it('refuses a cursor of another order instead of answering nonsense', async () => {
    const first = await page(2, null, { field: 'TITLE', direction: 'ASC' });
    const res = await server.gql<Json>(PAGE, { where: { journal }, orderBy: { field: 'YEAR', direction: 'DESC' }, first: 2, after: first.pageInfo.endCursor });
    expect(res.body.errors?.[0]).toMatchObject({
      message: '"after" is a cursor of a list sorted by TITLE ASC; this one is sorted by YEAR DESC. Ask for the first page again.',
      extensions: { code: 'BAD_USER_INPUT', argumentName: 'after' },
    });
  });

  it('reads as much for a page far down the list as for the first: the cursor is a seek, not a skip', async () => {
    const dbHits = async (after: string | null) => {
      const res = await server.gql<Json>(`query($after: String) { papers(first: 20, after: $after) { edges { cursor } pageInfo { endCursor } } }`, { after }, { authorization: `Bearer ${ADMIN}`, 'x-evmap-plans': 'true' });
      const plan = ((res.body as Json).extensions.cost.plans as Json[]).find((p) => p.tag === 'papers:list-newest') as Json;
      return { hits: plan.dbHits as number, endCursor: res.body.data?.papers.pageInfo.endCursor as string };
    };
    const first = await dbHits(null);
    let after = first.endCursor;
    for (let i = 0; i < 8; i += 1) after = (await dbHits(after)).endCursor;
    const deep = await dbHits(after);
    // Nine pages of 20 in: an offset would read the 180 rows before the page again.
    expect(deep.hits).toBeLessThan(first.hits * 1.5);
  });
});

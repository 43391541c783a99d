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
    // Years no other test writes, so concurrent tests' papers never fall between this test's.
    for (const year of [1806, 1805, 1804, 1803, 1802, 1801, null, null]) await add(year);
  });
  afterAll(async () => {
    await server.close();
  });

  it('neither repeats nor hides a row when papers are added between two pages, newest first', async () => {
    const first = await page(3, null);
    const before = pmids(first);
    // Newer than the whole first page: offset paging would shift it down and repeat a row.
    await add(1810);
    // Inside the second page's range: offset paging would hide a row at the page boundary.
    const inside = await add(1802);
    const second = await page(3, first.pageInfo.endCursor as string);
    const rest = await page(10, second.pageInfo.endCursor as string);
    const seen = [...before, ...pmids(second), ...pmids(rest)];
    expect(new Set(seen).size).toBe(seen.length);
    expect((second.edges as Json[]).map((e) => e.node.year)).toEqual([1803, 1802, 1802]);
    expect(seen).toContain(inside);
    // Undated papers come last, after every dated one, across the page boundary too.
    expect((rest.edges as Json[]).map((e) => e.node.year)).toEqual([1801, null, null]);
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

  it('enters the year index at the cursor: a page far down reads less than the first, not the rows before it again', async () => {
    // This test's papers only, one a page, oldest last: the first page scans every newer paper of
    // the shared graph before it reaches them; a page deep down, found by its cursor, starts at its
    // year, where an offset would scan all of those again and then the pages before it too.
    const LIST = `query($where: PaperFilter, $after: String) { papers(where: $where, first: 1, after: $after) { edges { node { year } } pageInfo { endCursor } } }`;
    const read = async (after: string | null) => {
      const res = await server.gql<Json>(LIST, { where: { journal, yearFrom: 1800 }, after }, { authorization: `Bearer ${ADMIN}`, 'x-evmap-plans': 'true' });
      const plans = (res.body as Json).extensions.cost.plans as Json[];
      const list = plans.find((p) => p.tag === 'papers:list-newest') as Json;
      return { hits: list.dbHits as number, year: res.body.data?.papers.edges[0]?.node.year as number, endCursor: res.body.data?.papers.pageInfo.endCursor as string };
    };
    const first = await read(null);
    let page = first;
    for (let i = 0; i < 5; i += 1) page = await read(page.endCursor);
    expect(page.year).toBeLessThan(first.year);
    expect(page.hits).toBeLessThan(first.hits);
  });
});

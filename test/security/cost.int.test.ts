import { attempt, REFUSED } from '../helpers/attempt';
import { startTestServer, type TestServer } from '../helpers/server';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/**
 * The page of 100 papers with 10 claims each, sized by variables, with `authors` selected under
 * each paper. Papers about ketamine (the seed's and the fixtures'), so the page has claims whatever
 * claimless papers other test files have added by then.
 */
const page = (authors: string) => `query Page($papers: Int, $claims: Int) {
  papers(first: $papers, where: { about: "ketamine" }) {
    edges { node { pmid title claims(first: $claims) { edges { node { id quote stance } } } ${authors} } }
  }
}`;
const PAGE_SIZES = { papers: 100, claims: 10 };

describe('cost limit at the default EVMAP_MAX_COST', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.close());

  it('lets a page of 100 papers with 10 claims and 10 authors each through, with its data', async () => {
    const res = await attempt(server, page('authors(first: 10) { name fullName }'), PAGE_SIZES);
    expect(res.code).toBeUndefined();
    const edges = (res.data?.papers as Json).edges as Json[];
    expect(edges.length).toBeGreaterThan(0);
    expect(edges.some((e) => e.node.claims.edges.length > 0)).toBe(true);
    expect(edges.some((e) => e.node.authors.length > 0)).toBe(true);
    expect(edges.every((e) => e.node.claims.edges.length <= 10 && e.node.authors.length <= 10)).toBe(true);
  });

  it('does not refuse a query for adding authors(first: 10) to it', async () => {
    expect((await attempt(server, page(''), PAGE_SIZES)).code).toBeUndefined();
    expect((await attempt(server, page('authors(first: 10) { name }'), PAGE_SIZES)).code).toBeUndefined();
  });
});

/**
 * Per sizing argument, a value that passes and one that does not under a limit low enough
 * for every argument to matter: the variable form must be refused exactly like the literal.
 */
describe('cost limit counts every sizing argument given as a variable', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ EVMAP_MAX_COST: '1000' });
  });
  afterAll(() => server.close());

  const cases: Array<{ argument: string; query: string; variable: string; passes: number; refused: number }> = [
    { argument: 'first', query: 'query($v: Int) { papers(first: $v) { edges { node { pmid authors(first: 2) { name } } } } }', variable: 'first: $v', passes: 300, refused: 1000 },
    { argument: 'limit', query: 'query($v: Int) { subgraph(seeds: ["Mechanism:gsk-3"], limit: $v) { nodes { id } edges { id } } }', variable: 'limit: $v', passes: 300, refused: 1000 },
    { argument: 'depth', query: 'query($v: Int) { subgraph(seeds: ["Mechanism:gsk-3"], limit: 300, depth: $v) { nodes { id } edges { id } } }', variable: 'depth: $v', passes: 1, refused: 3 },
    {
      argument: 'viaCitations',
      query: 'query($v: Int) { supportingPapers(entity: "mTOR", first: 300, viaCitations: $v) { edges { node { pmid } claims { id } citationPath { pmid } } } }',
      variable: 'viaCitations: $v',
      passes: 0,
      refused: 1,
    },
    {
      argument: 'viaCitations (on an entity)',
      query: 'query($v: Int) { mechanism(id: "mTOR") { supportingPapers(first: 300, viaCitations: $v) { edges { node { pmid } claims { id } citationPath { pmid } } } } }',
      variable: 'viaCitations: $v',
      passes: 0,
      refused: 2,
    },
    { argument: 'maxLength', query: 'query($v: Int) { paths(from: "Paper:27723376", to: "mTOR", first: 100, maxLength: $v) { nodes { id } edges { id } } }', variable: 'maxLength: $v', passes: 2, refused: 6 },
  ];

  it.each(cases)('$argument: refuses the literal and the variable form alike, and lets a smaller value run', async ({ query, variable, passes, refused }) => {
    const literal = query.replace('query($v: Int)', 'query').replace(variable, variable.replace('$v', String(refused)));
    expect(await attempt(server, literal)).toMatchObject(REFUSED);
    expect(await attempt(server, query, { v: refused })).toMatchObject(REFUSED);
    const smaller = await attempt(server, query, { v: passes });
    expect(smaller.code).toBeUndefined();
    expect(smaller.data).toBeTruthy();
  });
});

describe('cost limit in production without a key', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ NODE_ENV: 'production' });
  });
  afterAll(() => server.close());

  it('still answers an ordinary query', async () => {
    const res = await attempt(server, '{ paper(pmid: "24392693") { title authors(first: 10) { name } } }');
    expect(res.code).toBeUndefined();
    expect((res.data?.paper as Json).title).toBeTruthy();
  });
});

import type { RefusingExecutor } from '../helpers/refusingExecutor';
import { startUnitServer, type TestServer } from '../helpers/server';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const SUBGRAPH = `query($seeds: [ID!]!, $depth: Int, $types: [String!], $limit: Int) {
  subgraph(seeds: $seeds, depth: $depth, relationshipTypes: $types, limit: $limit) {
    truncated nodes { id label name } edges { id type source target }
  }
}`;

const PATHS = `query($from: ID!, $to: ID!, $maxLength: Int) {
  paths(from: $from, to: $to, maxLength: $maxLength) { length nodes { id label } edges { id type source target } }
}`;

const MAP = `query($rows: EntityKind!, $columns: EntityKind!, $where: EvidenceMapFilter) {
  evidenceMap(rows: $rows, columns: $columns, where: $where) {
    rows { __typename id name } columns { __typename id name }
    cells { row column papers claims byStance { stance count } byEvidenceLevel { level count } }
  }
}`;

const SEARCH = `query($q: String!, $first: Int) {
  search(query: $q, first: $first) { score kind node { __typename id ... on Paper { pmid title } ... on Mechanism { name } } }
}`;

describe('reads answered from their arguments alone', () => {
  let server: TestServer<RefusingExecutor>;
  /** The error codes of a request that should fail. */
  const codes = async (query: string, variables?: Record<string, unknown>): Promise<Array<string | undefined>> => {
    const res = await server.gql<Json>(query, variables);
    return (res.body.errors ?? []).map((e) => e.extensions?.code);
  };

  beforeAll(async () => {
    server = await startUnitServer();
  });
  afterAll(() => server.close());
  // Each of these is answered from its arguments alone, before any lookup.
  afterEach(() => expect(server.db.calls).toEqual([]));

  it('refuses a page larger than 1000 and a forged cursor with BAD_USER_INPUT', async () => {
    const big = await server.gql(`{ papers(first: 1001) { totalCount } }`);
    expect(big.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const forged = await server.gql(`{ papers(after: "bm90LWEtY3Vyc29y") { totalCount } }`);
    expect(forged.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('refuses contradictory paper filters with BAD_USER_INPUT', async () => {
    for (const where of ['{ yearFrom: 2020, yearTo: 2010 }', '{ aboutStance: SUPPORTS }']) {
      const res = await server.gql(`{ papers(where: ${where}) { totalCount } }`);
      expect(res.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    }
  });

  it('refuses a subgraph with bad depth, limit, relationship types or seed list with BAD_USER_INPUT', async () => {
    const seeds = ['Mechanism:gsk-3'];
    expect(await codes(SUBGRAPH, { seeds, depth: 0 })).toEqual(['BAD_USER_INPUT']);
    expect(await codes(SUBGRAPH, { seeds, depth: 4 })).toEqual(['BAD_USER_INPUT']);
    expect(await codes(SUBGRAPH, { seeds, limit: 0 })).toEqual(['BAD_USER_INPUT']);
    expect(await codes(SUBGRAPH, { seeds, limit: 5001 })).toEqual(['BAD_USER_INPUT']);
    expect(await codes(SUBGRAPH, { seeds, types: ['CITES', 'FRIENDS_WITH'] })).toEqual(['BAD_USER_INPUT']);
    expect(await codes(SUBGRAPH, { seeds, types: ['cites'] })).toEqual(['BAD_USER_INPUT']);
    expect(await codes(SUBGRAPH, { seeds: [] })).toEqual(['BAD_USER_INPUT']);
  });

  it('refuses paths with maxLength outside 1..6 or first outside 1..100 with BAD_USER_INPUT', async () => {
    const vars = { from: 'Paper:27723376', to: 'Mechanism:mtor' };
    expect(await codes(PATHS, { ...vars, maxLength: 7 })).toEqual(['BAD_USER_INPUT']);
    expect(await codes(PATHS, { ...vars, maxLength: 0 })).toEqual(['BAD_USER_INPUT']);
    expect(await codes(`{ paths(from: "Paper:27723376", to: "mTOR", first: 101) { length } }`)).toEqual(['BAD_USER_INPUT']);
  });

  it('refuses an evidence map of more than 100 rows or backwards years with BAD_USER_INPUT', async () => {
    const many = Array.from({ length: 101 }, (_, i) => `mechanism-${i}`);
    expect(await codes(MAP, { rows: 'MECHANISM', columns: 'CONDITION', where: { rowIds: many } })).toEqual(['BAD_USER_INPUT']);
    expect(await codes(MAP, { rows: 'MECHANISM', columns: 'CONDITION', where: { yearFrom: 2020, yearTo: 2010 } })).toEqual(['BAD_USER_INPUT']);
  });

  it('refuses an evidence cell page outside 0..1000, a forged cursor, minConfidence 2 or backwards years with BAD_USER_INPUT', async () => {
    const cell = (args: string) => codes(`{ evidenceCell(row: "ketamine", column: "mTOR", ${args}) { papers edges { node { pmid } } } }`);
    expect(await cell('first: -1')).toEqual(['BAD_USER_INPUT']);
    expect(await cell('first: 1001')).toEqual(['BAD_USER_INPUT']);
    expect(await cell('after: "bm90LWEtY3Vyc29y"')).toEqual(['BAD_USER_INPUT']);
    expect(await cell('where: { minConfidence: 2 }')).toEqual(['BAD_USER_INPUT']);
    expect(await cell('where: { yearFrom: 2020, yearTo: 2010 }')).toEqual(['BAD_USER_INPUT']);
  });

  it('refuses a blank search query and first outside 1..100 with BAD_USER_INPUT', async () => {
    expect(await codes(SEARCH, { q: '   ' })).toEqual(['BAD_USER_INPUT']);
    expect(await codes(SEARCH, { q: 'ketamine', first: 0 })).toEqual(['BAD_USER_INPUT']);
    expect(await codes(SEARCH, { q: 'ketamine', first: 101 })).toEqual(['BAD_USER_INPUT']);
  });

  it('node(id:) answers null, not an error, for a paper id that cannot be a PMID', async () => {
    const { body } = await server.gql<Json>('{ node(id: "Paper:0") { id } }');
    expect(body).toEqual({ data: { node: null }, extensions: { requestId: expect.any(String) as string } });
  });
});

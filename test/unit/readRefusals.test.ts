import type { RefusingExecutor } from '../helpers/refusingExecutor';
import { startUnitServer, type TestServer } from '../helpers/server';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

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
  // An argument that cannot name anything needs no lookup to answer.
  afterEach(() => expect(server.db.calls).toEqual([]));

  it('refuses a page larger than 1000 and a forged cursor with BAD_USER_INPUT', async () => {
    const big = await server.gql(`{ papers(first: 1001) { totalCount } }`);
    expect(big.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const forged = await server.gql(`{ papers(after: "bm90LWEtY3Vyc29y") { totalCount } }`);
    expect(forged.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('refuses a blank search query and first outside 1..100 with BAD_USER_INPUT', async () => {
    expect(await codes(SEARCH, { q: '   ' })).toEqual(['BAD_USER_INPUT']);
    expect(await codes(SEARCH, { q: 'ketamine', first: 0 })).toEqual(['BAD_USER_INPUT']);
    expect(await codes(SEARCH, { q: 'ketamine', first: 101 })).toEqual(['BAD_USER_INPUT']);
  });

  it('node(id:) answers null, not an error, for a paper id that cannot be a PMID', async () => {
    const { body } = await server.gql<Json>('{ node(id: "Paper:0") { id } }');
    expect(body).toEqual({ data: { node: null } });
  });
});

import type { RefusingExecutor } from '../helpers/refusingExecutor';
import { startUnitServer, type TestServer } from '../helpers/server';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const ANALYST = 'analyst-key-for-tests-001';
const CURATOR = 'curator-key-for-tests-002';
const analyst = { authorization: `Bearer ${ANALYST}` };

describe('analyst API before Neo4j', () => {
  let server: TestServer<RefusingExecutor>;
  beforeAll(async () => {
    server = await startUnitServer({ EVMAP_API_KEYS: `${ANALYST}:analyst,${CURATOR}:curator` });
  });
  afterAll(() => server.close());
  // The role is checked, the traversal list built from code and malformed params refused, all before any query.
  afterEach(() => expect(server.db.calls).toEqual([]));

  const cypher = (query: string, params: Record<string, unknown> = {}, headers: Record<string, string> = analyst) =>
    server.gql<Json>(`query($q: String!, $p: JSON) { cypher(query: $q, params: $p) { columns rows truncated rowCount } }`, { q: query, p: params }, headers);

  it('needs the analyst role', async () => {
    expect((await cypher('MATCH (n) RETURN n LIMIT 1', {}, {})).body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect((await cypher('MATCH (n) RETURN n LIMIT 1', {}, { authorization: `Bearer ${CURATOR}` })).body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('refuses params nested 10,000 deep with BAD_USER_INPUT', async () => {
    const deep = `${'{"a":'.repeat(10_000)}1${'}'.repeat(10_000)}`;
    const res = await fetch(`${server.baseUrl}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...analyst },
      body: `{"query":"query($p: JSON) { cypher(query: \\"RETURN 1 AS x\\", params: $p) { rows } }","variables":{"p":{"x":${deep}}}}`,
    });
    const body = (await res.json()) as Json;
    expect(body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argumentName: 'params' });
  });

  it('lists every traversal with typed parameters', async () => {
    const res = await server.gql<Json>('{ traversals { name description parameters { name type required default description } } }');
    const names = res.body.data?.traversals.map((t: Json) => t.name);
    expect(names).toEqual(
      expect.arrayContaining(['supporting-via-citations', 'shared-mechanisms', 'co-mentioned', 'aim-evidence-gaps', 'most-cited-supporting', 'contradicting-papers']),
    );
    const via = res.body.data?.traversals.find((t: Json) => t.name === 'supporting-via-citations');
    expect(via.parameters).toEqual(expect.arrayContaining([expect.objectContaining({ name: 'entity', type: 'Entity', required: true }), expect.objectContaining({ name: 'viaCitations', type: 'Int', default: 2 })]));
  });

  it('refuses an unknown traversal and a missing parameter with clear codes', async () => {
    const unknown = await server.gql(`{ traversal(name: "nope") { rowCount } }`);
    expect(unknown.body.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const missing = await server.gql(`{ traversal(name: "co-mentioned", params: {}) { rowCount } }`);
    expect(missing.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});

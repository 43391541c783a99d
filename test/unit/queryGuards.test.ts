import type { RefusingExecutor } from '../helpers/refusingExecutor';
import { startUnitServer, type TestServer } from '../helpers/server';

describe('guards before Neo4j is touched', () => {
  let server: TestServer<RefusingExecutor>;
  beforeAll(async () => {
    server = await startUnitServer({ EVMAP_MAX_DEPTH: '6', EVMAP_MAX_ALIASES: '3', EVMAP_MAX_TOKENS: '400', EVMAP_MAX_COST: '50' });
  });
  afterAll(() => server.close());

  const codeOf = async (query: string) => {
    const before = server.db.queryCount;
    const res = await server.gql(query);
    return { code: res.body.errors?.[0]?.extensions?.code, limit: (res.body.errors?.[0]?.extensions as { limit?: string } | undefined)?.limit, queries: server.db.queryCount - before };
  };

  it('refuses a query deeper than the limit without running any Cypher', async () => {
    const deep = '{ paper(pmid: "24392693") { cites { edges { node { cites { edges { node { cites { edges { node { pmid } } } } } } } } } } }';
    expect(await codeOf(deep)).toEqual({ code: 'QUERY_TOO_COMPLEX', limit: 'depth', queries: 0 });
  });

  it('refuses too many aliases, too many tokens and too high a cost', async () => {
    expect(await codeOf('{ a: stats { nodes } b: stats { nodes } c: stats { nodes } d: stats { nodes } }')).toMatchObject({ code: 'QUERY_TOO_COMPLEX', limit: 'aliases', queries: 0 });
    expect(await codeOf(`{ ${Array.from({ length: 500 }, () => '__typename').join(' ')} }`)).toMatchObject({ code: 'QUERY_TOO_COMPLEX', limit: 'tokens', queries: 0 });
    const wide = `{ papers { edges { node { ${'pmid title abstract doi pmcid journal year publishedOn publicationTypes meshTerms '.repeat(3)} authors { name fullName id } } } } }`;
    expect(await codeOf(wide)).toMatchObject({ code: 'QUERY_TOO_COMPLEX', limit: 'cost', queries: 0 });
  });
});

describe('production error hygiene', () => {
  let server: TestServer<RefusingExecutor>;
  beforeAll(async () => {
    server = await startUnitServer({ NODE_ENV: 'production' });
  });
  afterAll(() => server.close());
  // Both are validation errors, answered before any resolver runs.
  afterEach(() => expect(server.db.calls).toEqual([]));

  it('hides introspection and field suggestions', async () => {
    const introspection = (await server.gql('{ __schema { types { name } } }')).body;
    expect(introspection.errors?.[0]?.message).toMatch(/introspection/i);

    const typo = (await server.gql('{ papr(pmid: "1") { title } }')).body;
    expect(typo.errors?.[0]?.message).not.toMatch(/Did you mean/);
  });
});

describe('stack traces in errors', () => {
  const refusal = '{ paper(pmid: "not-a-pmid") { title } }';

  it('are left out in development unless EVMAP_DEBUG_ERRORS asks for them', async () => {
    const quiet = await startUnitServer({ NODE_ENV: 'development' });
    const debug = await startUnitServer({ NODE_ENV: 'development', EVMAP_DEBUG_ERRORS: 'true' });
    try {
      const [plain] = (await quiet.gql(refusal)).body.errors ?? [];
      expect(plain?.extensions).toEqual({ code: 'BAD_USER_INPUT', argumentName: 'pmid' });
      const [traced] = (await debug.gql(refusal)).body.errors ?? [];
      expect((traced?.extensions as { stacktrace?: string[] } | undefined)?.stacktrace?.length).toBeGreaterThan(1);
    } finally {
      await quiet.close();
      await debug.close();
    }
  });
});

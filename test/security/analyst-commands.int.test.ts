import { startTestServer, type TestServer } from '../helpers/server';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const ANALYST = 'analyst-key-for-commands-01';
const analyst = { authorization: `Bearer ${ANALYST}` };

describe('analyst Cypher runs no server commands beyond describing the schema', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ EVMAP_API_KEYS: `${ANALYST}:analyst`, EVMAP_CYPHER_TIMEOUT_MS: '2000' });
  });
  afterAll(() => server.close());

  const cypher = (query: string, params: Record<string, unknown> = {}) =>
    server.gql<Json>(`query($q: String!, $p: JSON) { cypher(query: $q, params: $p) { columns rows rowCount } }`, { q: query, p: params }, analyst);

  it.each([
    'SHOW TRANSACTIONS',
    'SHOW TRANSACTIONS YIELD *',
    'SHOW TRANSACTION',
    'SHOW TRANSACTIONS YIELD * RETURN *',
    'SHOW TRANSACTIONS YIELD transactionId, currentQuery, parameters WHERE true RETURN transactionId, currentQuery, parameters',
    "TERMINATE TRANSACTIONS 'neo4j-transaction-1'",
    "TERMINATE TRANSACTION 'neo4j-transaction-1' YIELD *",
    'SHOW TRANSACTIONS YIELD transactionId AS t TERMINATE TRANSACTIONS t YIELD message RETURN *',
    'SHOW SETTINGS',
    'SHOW SETTINGS YIELD * RETURN *',
    'SHOW SERVERS',
    'SHOW DATABASES',
    'SHOW DATABASE neo4j',
    'SHOW DEFAULT DATABASE',
    'SHOW USERS',
    'SHOW CURRENT USER',
    'SHOW PRIVILEGES',
    'SHOW ROLES',
    'SHOW ALIASES FOR DATABASE',
    '/* a comment first */ show transactions',
  ])('refuses %s with FORBIDDEN', async (query) => {
    const res = await cypher(query);
    expect(res.body.data).toBeNull();
    expect(res.body.errors?.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN']);
  });

  it('cannot nest a command in CALL { }: Neo4j does not parse it', async () => {
    const res = await cypher('CALL () { SHOW TRANSACTIONS YIELD transactionId RETURN transactionId } RETURN transactionId');
    expect(res.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it("does not show another request's query or parameters", async () => {
    const secret = `secret-${Date.now()}`;
    const other = server.db.readRows('UNWIND range(1, 50000000) AS x WITH x WHERE x = -1 AND $secret <> "" RETURN count(x) AS n', { secret }, { timeoutMs: 1_500, tag: 'other-request' }).catch(() => undefined);
    await new Promise((resolve) => setTimeout(resolve, 300));
    const res = await cypher('SHOW TRANSACTIONS YIELD * RETURN *');
    await other;
    expect(res.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(JSON.stringify(res.body)).not.toContain(secret);
  });

  it.each([
    ['SHOW INDEXES', 'name'],
    ['SHOW INDEXES YIELD name, type WHERE type = "FULLTEXT" RETURN name', 'name'],
    ['SHOW RANGE INDEXES YIELD *', 'name'],
    ['SHOW CONSTRAINTS', 'name'],
    ['SHOW CONSTRAINTS YIELD name RETURN name ORDER BY name', 'name'],
    ['SHOW PROCEDURES', 'name'],
    ['SHOW FUNCTIONS', 'name'],
    ['SHOW FUNCTIONS YIELD name WHERE name STARTS WITH "string" RETURN name', 'name'],
  ])('answers %s, which only describes the schema', async (query, column) => {
    const res = await cypher(query);
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data?.cypher.columns).toContain(column);
  });

  it('still finds the evmap indexes and constraints', async () => {
    const indexes = await cypher('SHOW INDEXES YIELD name RETURN collect(name) AS names');
    expect(indexes.body.data?.cypher.rows[0].names.length).toBeGreaterThan(0);
    const constraints = await cypher('SHOW CONSTRAINTS YIELD name RETURN collect(name) AS names');
    expect(constraints.body.data?.cypher.rows[0].names).toContain('paper_pmid_unique');
  });
});

import { attempt, REFUSED } from '../helpers/attempt';
import type { RefusingExecutor } from '../helpers/refusingExecutor';
import { startUnitServer, type TestServer } from '../helpers/server';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const NESTED_LITERAL = '{ papers(first: 1000) { edges { node { pmid cites(first: 1000) { edges { node { pmid title } } } } } } }';
const NESTED_VARIABLE = 'query Nested($n: Int) { papers(first: $n) { edges { node { pmid cites(first: $n) { edges { node { pmid title } } } } } } }';

describe('cost limit at the default EVMAP_MAX_COST', () => {
  let server: TestServer<RefusingExecutor>;
  beforeAll(async () => {
    server = await startUnitServer();
  });
  afterAll(() => server.close());

  it('refuses papers(first: 1000) × cites(first: 1000) as a literal, a variable and a variable default, without running Cypher', async () => {
    expect(await attempt(server, NESTED_LITERAL)).toMatchObject(REFUSED);
    expect(await attempt(server, NESTED_VARIABLE, { n: 1000 })).toMatchObject(REFUSED);
    expect(await attempt(server, NESTED_VARIABLE.replace('$n: Int', '$n: Int = 1000'))).toMatchObject(REFUSED);
  });

  it('refuses evidenceCell(first: 1000) with a cites(first: 1000) page per paper, without running Cypher', async () => {
    const query = '{ evidenceCell(row: "ketamine", column: "mtor", first: 1000) { edges { node { cites(first: 1000) { edges { node { pmid } } } } } } }';
    expect(await attempt(server, query)).toMatchObject(REFUSED);
  });

  it('refuses one costly alias beside a negative-sized one that the resolver would refuse anyway', async () => {
    const query = 'query($n: Int, $m: Int) { a: papers(first: $m) { totalCount } b: papers(first: $n) { edges { node { cites(first: $n) { edges { node { pmid } } } } } } }';
    expect(await attempt(server, query, { n: 1000, m: -2_000_000_000 })).toMatchObject(REFUSED);
  });

  it('reports variables that do not coerce as bad input, not as cost', async () => {
    const res = await attempt(server, NESTED_VARIABLE, { n: 'a thousand' });
    expect(res.code).toBe('BAD_USER_INPUT');
    expect(res.queries).toBe(0);
  });
});

describe('cost limit at a low EVMAP_MAX_COST', () => {
  let server: TestServer<RefusingExecutor>;
  beforeAll(async () => {
    server = await startUnitServer({ EVMAP_MAX_COST: '1000' });
  });
  afterAll(() => server.close());

  it('keeps introspection exempt, so the playground loads the schema under a low limit', async () => {
    const res = await attempt(server, '{ __schema { types { name fields { name args { name } type { name ofType { name } } } } } }');
    expect(res.code).toBeUndefined();
    expect(((res.data?.__schema as Json).types as Json[]).length).toBeGreaterThan(10);
    expect(server.db.calls).toEqual([]);
  });
});

describe('cost limit in production without a key', () => {
  let server: TestServer<RefusingExecutor>;
  beforeAll(async () => {
    server = await startUnitServer({ NODE_ENV: 'production' });
  });
  afterAll(() => server.close());

  it('refuses the variable form with the same coded error and runs no Cypher', async () => {
    expect(await attempt(server, NESTED_VARIABLE, { n: 1000 })).toMatchObject(REFUSED);
  });
});

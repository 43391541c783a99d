import { startTestServer, type TestServer } from '../helpers/server';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const CURATOR = 'curator-key-for-echo-tests-01';
const curatorHeaders = { authorization: `Bearer ${CURATOR}` };

/** About 1 MB: what a client might send to make every error message carry it back. */
const HUGE = 'x'.repeat(1_000_000);

describe('error messages do not echo huge arguments', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer({ EVMAP_API_KEYS: `${CURATOR}:curator`, EVMAP_BODY_LIMIT: '4mb' });
  });
  afterAll(() => server.close());

  const ask = (query: string, variables: Record<string, unknown>) => server.gql<Json>(query, variables, curatorHeaders);

  it.each([
    ['retractClaim(id:)', 'mutation($v: ID!) { retractClaim(id: $v, reason: "test") { id } }', 'NOT_FOUND'],
    ['supportingPapers(entity:)', 'query($v: ID!) { supportingPapers(entity: $v) { totalCount } }', 'NOT_FOUND'],
    ['papers(where: {about:})', 'query($v: ID!) { papers(where: { about: $v }) { totalCount } }', 'NOT_FOUND'],
    ['timeline(entity:)', 'query($v: ID!) { timeline(entity: $v) { entity { id } } }', 'NOT_FOUND'],
    ['subgraph(seeds:)', 'query($v: ID!) { subgraph(seeds: [$v]) { truncated } }', 'NOT_FOUND'],
    ['evidenceMap(where: {rowIds:})', 'query($v: ID!) { evidenceMap(rows: MECHANISM, columns: CONDITION, where: { rowIds: [$v] }) { rows { id } } }', 'NOT_FOUND'],
    ['addClaim about', 'mutation($v: ID!) { addClaim(input: { paper: "24392693", about: [$v], stance: SUPPORTS, quote: "ketamine", evidenceLevel: RCT }) { created } }', 'NOT_FOUND'],
  ])('%s answers its code with a short message that still shows how long the argument was', async (_name, query, code) => {
    const { body } = await ask(query, { v: HUGE });
    expect(body.errors?.map((e) => e.extensions?.code)).toEqual([code]);
    const message = body.errors?.[0]?.message ?? '';
    expect(message.length).toBeLessThan(300);
    expect(message).toContain('1000000 characters');
  });

  it('a missing claim still names a short id in full', async () => {
    const { body } = await ask('mutation { retractClaim(id: "no-such-claim-here", reason: "test") { id } }', {});
    expect(body.errors?.[0]).toMatchObject({ message: 'no claim "no-such-claim-here"', extensions: { code: 'NOT_FOUND' } });
  });

  it('lookups that answer null stay null for a huge id', async () => {
    const { body } = await ask('query($v: ID!) { node(id: $v) { id } mechanism(id: $v) { id } claim(id: $v) { id } }', { v: `Paper:${HUGE}` });
    expect(body).toEqual({ data: { node: null, mechanism: null, claim: null }, extensions: { requestId: expect.any(String) as string } });
  });
});

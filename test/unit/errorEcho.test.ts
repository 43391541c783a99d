import type { RefusingExecutor } from '../helpers/refusingExecutor';
import { startUnitServer, type TestServer } from '../helpers/server';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const CURATOR = 'curator-key-for-echo-tests-01';
const curatorHeaders = { authorization: `Bearer ${CURATOR}` };

/** About 1 MB: what a client might send to make every error message carry it back. */
const HUGE = 'x'.repeat(1_000_000);

describe('error messages do not echo huge arguments', () => {
  let server: TestServer<RefusingExecutor>;

  beforeAll(async () => {
    server = await startUnitServer({ EVMAP_API_KEYS: `${CURATOR}:curator`, EVMAP_BODY_LIMIT: '4mb' });
  });
  afterAll(() => server.close());
  // Each argument here is malformed, so it is refused before any lookup.
  afterEach(() => expect(server.db.calls).toEqual([]));

  const ask = (query: string, variables: Record<string, unknown>) => server.gql<Json>(query, variables, curatorHeaders);

  it.each([
    ['paper(pmid:)', 'query($v: ID!) { paper(pmid: $v) { pmid } }', 'BAD_USER_INPUT'],
    ['addCitation(cited:)', 'mutation($v: ID!) { addCitation(citing: "24392693", cited: $v) { created } }', 'BAD_USER_INPUT'],
    ['subgraph(relationshipTypes:)', 'query($v: String!) { subgraph(seeds: ["Paper:24392693"], relationshipTypes: [$v]) { truncated } }', 'BAD_USER_INPUT'],
    ['papers(after:)', 'query($v: String!) { papers(first: 1, after: $v) { totalCount } }', 'BAD_USER_INPUT'],
  ])('%s answers its code with a short message that still shows how long the argument was', async (_name, query, code) => {
    const { body } = await ask(query, { v: HUGE });
    expect(body.errors?.map((e) => e.extensions?.code)).toEqual([code]);
    const message = body.errors?.[0]?.message ?? '';
    expect(message.length).toBeLessThan(300);
    expect(message).toContain('1000000 characters');
  });
});

import type { RefusingExecutor } from '../helpers/refusingExecutor';
import { startUnitServer, type TestServer } from '../helpers/server';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const CURATOR = 'curator-key-for-tests-0001';
const READER = 'reader-key-for-tests-00001';
const curatorHeaders = { authorization: `Bearer ${CURATOR}` };

describe('curator mutations refused before Neo4j', () => {
  let server: TestServer<RefusingExecutor>;

  const mutate = async (query: string, variables: Record<string, unknown> = {}, headers: Record<string, string> = curatorHeaders) =>
    server.gql<Json>(query, variables, headers);

  beforeAll(async () => {
    server = await startUnitServer({ EVMAP_API_KEYS: `${CURATOR}:curator,${READER}:reader` });
  });
  afterAll(() => server.close());
  // The key and the input are checked before any write is attempted.
  afterEach(() => expect(server.db.calls).toEqual([]));

  it('upsertPaper validates its input and names the bad fields', async () => {
    const res = await mutate(`mutation($input: PaperInput!) { upsertPaper(input: $input) { created } }`, {
      input: { pmid: 'abc', year: 3000, doi: 'not-a-doi' },
    });
    expect(res.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(res.body.errors?.[0]?.message).toMatch(/input\.pmid/);
    expect(res.body.errors?.[0]?.message).toMatch(/input\.year/);
    expect(res.body.errors?.[0]?.message).toMatch(/input\.doi/);
  });

  it('needs a curator key: anonymous is UNAUTHENTICATED, a reader key FORBIDDEN, a wrong key UNAUTHENTICATED', async () => {
    const query = `mutation { addCitation(citing: "27723376", cited: "24392693") { created } }`;
    const anonymous = await mutate(query, {}, {});
    expect(anonymous.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const reader = await mutate(query, {}, { authorization: `Bearer ${READER}` });
    expect(reader.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const wrong = await mutate(query, {}, { authorization: 'Bearer not-a-real-key-at-all' });
    expect(wrong.status).toBe(401);
    expect(wrong.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });
});

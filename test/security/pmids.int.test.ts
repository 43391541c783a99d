import { randomInt, randomUUID } from 'node:crypto';
import { startTestServer, type TestServer } from '../helpers/server';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const CURATOR = 'curator-key-for-pmid-tests-01';
const curatorHeaders = { authorization: `Bearer ${CURATOR}` };

/** PMIDs in a range no other test file uses. */
function freshPmid(): string {
  return String(600_000_000 + randomInt(0, 99_999_999));
}

describe('PMIDs from clients are canonical', () => {
  let server: TestServer;
  const pmid = freshPmid();
  const abstract = 'Ketamine increased mTOR phosphorylation in every participant.';

  const mutate = (query: string, variables: Record<string, unknown> = {}) => server.gql<Json>(query, variables, curatorHeaders);
  const code = (res: { body: { errors?: Array<{ extensions?: { code?: string } }> } }) => res.body.errors?.[0]?.extensions?.code;
  const papersKeyed = async (...keys: string[]) =>
    (await server.db.readRows<{ pmid: string }>('MATCH (p:Paper) WHERE p.pmid IN $keys RETURN p.pmid AS pmid', { keys })).map((r) => r.pmid);

  beforeAll(async () => {
    server = await startTestServer({ EVMAP_API_KEYS: `${CURATOR}:curator` });
  });
  afterAll(() => server.close());

  it('a leading zero finds the seed paper through paper(pmid:) and node(id:)', async () => {
    const { body } = await server.gql<Json>('{ paper(pmid: "024392693") { pmid } node(id: "Paper:024392693") { id } }');
    expect(body.data).toEqual({ paper: { pmid: '24392693' }, node: { id: 'Paper:24392693' } });
  });

  it('a leading zero in a global id reaches the same paper in subgraph and paths seeds', async () => {
    const { body } = await server.gql<Json>(
      '{ subgraph(seeds: ["Paper:024392693"], depth: 1, limit: 5) { nodes { id } } paths(from: "Paper:024392693", to: "Paper:24392693", maxLength: 1) { length } }',
    );
    expect(body.errors).toBeUndefined();
    expect(body.data?.subgraph.nodes.map((n: Json) => n.id)).toContain('Paper:24392693');
  });

  it('upsertPaper with a leading zero updates the seed paper instead of creating a second one', async () => {
    const res = await mutate(`mutation { upsertPaper(input: { pmid: "024392693" }) { created paper { id title } } }`);
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data?.upsertPaper).toMatchObject({ created: false, paper: { id: 'Paper:24392693' } });
    expect(res.body.data?.upsertPaper.paper.title).toMatch(/ketamine/i);
    expect(await papersKeyed('024392693', '0024392693')).toEqual([]);
  });

  it('cites, addCitation and addClaim take the canonical paper for a zero-padded PMID', async () => {
    const created = await mutate(`mutation($input: PaperInput!) { upsertPaper(input: $input) { created paper { pmid cites { edges { node { pmid } } } } } }`, {
      input: { pmid: `00${pmid}`, title: `PMID rule cohort ${randomUUID()}`, abstract, cites: ['024392693'] },
    });
    expect(created.body.data?.upsertPaper).toEqual({ created: true, paper: { pmid, cites: { edges: [{ node: { pmid: '24392693' } }] } } });
    const again = await mutate(`mutation { upsertPaper(input: { pmid: "Paper:0${pmid}" }) { created } }`);
    expect(again.body.data?.upsertPaper.created).toBe(false);

    const citation = await mutate(`mutation { addCitation(citing: "0${pmid}", cited: "Paper:024392693") { created citing { pmid } cited { pmid } } }`);
    expect(citation.body.data?.addCitation).toEqual({ created: false, citing: { pmid }, cited: { pmid: '24392693' } });

    const claim = await mutate(`mutation($input: AddClaimInput!) { addClaim(input: $input) { created claim { paper { pmid } } } }`, {
      input: { paper: `0${pmid}`, about: ['mtor'], stance: 'SUPPORTS', quote: 'Ketamine increased mTOR phosphorylation', evidenceLevel: 'RCT' },
    });
    expect(claim.body.data?.addClaim).toEqual({ created: true, claim: { paper: { pmid } } });
    expect(await papersKeyed(`0${pmid}`, `00${pmid}`, '024392693')).toEqual([]);
  });

  it.each(['0', '-1', 'abc', '000', '1234567890', '12 34', ''])('%j is BAD_USER_INPUT wherever a PMID is taken', async (bad) => {
    const lookups = await server.gql<Json>('query($p: ID!) { paper(pmid: $p) { pmid } }', { p: bad });
    expect(code(lookups)).toBe('BAD_USER_INPUT');
    const upsert = await mutate('mutation($p: ID!) { upsertPaper(input: { pmid: $p }) { created } }', { p: bad });
    expect(code(upsert)).toBe('BAD_USER_INPUT');
    const cites = await mutate('mutation($p: ID!) { upsertPaper(input: { pmid: "24392693", cites: [$p] }) { created } }', { p: bad });
    expect(code(cites)).toBe('BAD_USER_INPUT');
    const citation = await mutate('mutation($p: ID!) { addCitation(citing: $p, cited: "24392693") { created } }', { p: bad });
    expect(code(citation)).toBe('BAD_USER_INPUT');
    const claim = await mutate('mutation($input: AddClaimInput!) { addClaim(input: $input) { created } }', {
      input: { paper: bad, about: ['mtor'], stance: 'SUPPORTS', quote: 'mTOR', evidenceLevel: 'RCT' },
    });
    expect(code(claim)).toBe('BAD_USER_INPUT');
    expect(await papersKeyed(bad)).toEqual([]);
  });
});

import { randomInt, randomUUID } from 'node:crypto';
import { startTestServer, type TestServer } from '../helpers/server';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const CURATOR = 'curator-key-for-concurrency-01';
const curatorHeaders = { authorization: `Bearer ${CURATOR}` };

const ADD_CLAIM = `mutation($input: AddClaimInput!) { addClaim(input: $input) { created claim { id } } }`;
const READ_CLAIM = `query($id: ID!) { claim(id: $id) { id stance quote evidenceLevel statement confidence paper { pmid } about { id } } }`;

/** PMIDs in a range no other test file uses, so this file can run beside the others on one database. */
function freshPmid(): string {
  return String(700_000_000 + randomInt(0, 99_999_999));
}

interface ClaimContent {
  paper: string;
  about: string[];
  stance: string;
  quote: string;
  evidenceLevel: string;
  statement?: string;
  confidence?: number;
}

describe('addClaim under concurrency and retries', () => {
  let server: TestServer;
  const pmid = freshPmid();
  const otherPmid = freshPmid();
  const abstract = 'In this open-label study, ketamine increased mTOR phosphorylation. GSK-3 inhibition was not observed in any arm.';
  const base: ClaimContent = { paper: pmid, about: ['mtor'], stance: 'SUPPORTS', quote: 'ketamine increased mTOR phosphorylation', evidenceLevel: 'OPEN_LABEL' };

  const addClaim = (input: Json) => server.gql<Json>(ADD_CLAIM, { input }, curatorHeaders);
  const readClaim = async (id: string) => (await server.gql<Json>(READ_CLAIM, { id })).body.data?.claim;
  const aboutIds = (claim: Json) => claim.about.map((e: Json) => e.id).sort();
  const code = (res: { body: { errors?: Array<{ extensions?: { code?: string } }> } }) => res.body.errors?.[0]?.extensions?.code;

  beforeAll(async () => {
    server = await startTestServer({ EVMAP_API_KEYS: `${CURATOR}:curator` });
    for (const key of [pmid, otherPmid]) {
      const res = await server.gql<Json>(`mutation($input: PaperInput!) { upsertPaper(input: $input) { created } }`, {
        input: { pmid: key, title: `Concurrency cohort ${randomUUID()}`, abstract },
      }, curatorHeaders);
      expect(res.body.data?.upsertPaper.created).toBe(true);
    }
  });
  afterAll(() => server.close());

  it('20 identical parallel requests: exactly one says created, the rest created: false, and one claim exists', async () => {
    const id = `conc-same-${randomUUID().slice(0, 8)}`;
    const responses = await Promise.all(Array.from({ length: 20 }, () => addClaim({ id, ...base })));
    expect(responses.map((r) => r.body.errors)).toEqual(Array(20).fill(undefined));
    const created = responses.map((r) => r.body.data?.addClaim.created);
    expect(created.filter((c) => c === true)).toHaveLength(1);
    expect(created.filter((c) => c === false)).toHaveLength(19);

    const { body } = await server.gql<Json>(`{ paper(pmid: "${pmid}") { claims(first: 100) { edges { node { id } } } } }`);
    expect(body.data?.paper.claims.edges.filter((e: Json) => e.node.id === `Claim:${id}`)).toHaveLength(1);
    expect(aboutIds(await readClaim(id))).toEqual(['Mechanism:mtor']);
  });

  it('20 parallel requests with 5 different contents: one creates, identical ones get created: false, the rest CONFLICT, no blend', async () => {
    const id = `conc-mixed-${randomUUID().slice(0, 8)}`;
    const contents: ClaimContent[] = [
      base,
      { ...base, quote: 'GSK-3 inhibition was not observed' },
      { ...base, stance: 'CONTRADICTS' },
      { ...base, about: ['gsk-3', 'ketamine'] },
      { ...base, evidenceLevel: 'RCT' },
    ];
    const sent = Array.from({ length: 20 }, (_, i) => i % contents.length);
    const responses = await Promise.all(sent.map((c) => addClaim({ id, ...contents[c] })));

    const winners = responses.flatMap((r, i) => (r.body.data?.addClaim.created === true ? [sent[i]!] : []));
    expect(winners).toHaveLength(1);
    const winner = winners[0]!;
    responses.forEach((r, i) => {
      if (sent[i] === winner) expect(r.body.errors).toBeUndefined();
      else expect(code(r)).toBe('CONFLICT');
    });
    expect(responses.filter((r) => r.body.data?.addClaim.created === false)).toHaveLength(3);

    const stored = await readClaim(id);
    const expected = contents[winner]!;
    expect(stored).toMatchObject({ stance: expected.stance, quote: expected.quote, evidenceLevel: expected.evidenceLevel, paper: { pmid } });
    const resolved: Record<string, string> = { mtor: 'Mechanism:mtor', 'gsk-3': 'Mechanism:gsk-3', ketamine: 'Compound:ketamine' };
    expect(aboutIds(stored)).toEqual(expected.about.map((a) => resolved[a]).sort());
  });

  it('a later retry is created: false only when identical; a different about, paper, level, statement or confidence is CONFLICT and changes nothing', async () => {
    const id = `conc-retry-${randomUUID().slice(0, 8)}`;
    const first = { id, ...base, about: ['mtor', 'ketamine'], statement: 'Ketamine raises mTOR activity.', confidence: 0.8 };
    expect((await addClaim(first)).body.data?.addClaim.created).toBe(true);
    const before = await readClaim(id);

    // The same entities named differently, and omitted optional fields, are still the same claim.
    for (const same of [first, { ...first, about: ['ketamine', 'mTOR'] }, { ...first, statement: undefined, confidence: undefined }]) {
      const res = await addClaim(same);
      expect(res.body).toEqual({ data: { addClaim: { created: false, claim: { id: `Claim:${id}` } } }, extensions: { requestId: expect.any(String) as string } });
    }
    const different = [
      { ...first, about: ['mtor', 'ketamine', 'gsk-3'] },
      { ...first, about: ['mtor'] },
      { ...first, paper: otherPmid },
      { ...first, evidenceLevel: 'RCT' },
      { ...first, stance: 'MENTIONS' },
      { ...first, quote: 'GSK-3 inhibition was not observed' },
      { ...first, statement: 'Something else.' },
      { ...first, confidence: 0.5 },
    ];
    for (const input of different) expect(code(await addClaim(input))).toBe('CONFLICT');
    expect(await readClaim(id)).toEqual(before);

    const { body } = await server.gql<Json>(`{ paper(pmid: "${otherPmid}") { claims(first: 100) { edges { node { id } } } } }`);
    expect(body.data?.paper.claims.edges.map((e: Json) => e.node.id)).not.toContain(`Claim:${id}`);
  });

  it("reusing a seed claim's id is CONFLICT even with that claim's own content", async () => {
    const seed = await readClaim('24392693-mtor-target');
    expect(seed).toBeTruthy();
    const res = await addClaim({
      id: '24392693-mtor-target',
      paper: '24392693',
      about: aboutIds(seed),
      stance: seed.stance,
      quote: seed.quote,
      evidenceLevel: seed.evidenceLevel,
    });
    expect(code(res)).toBe('CONFLICT');
  });
});

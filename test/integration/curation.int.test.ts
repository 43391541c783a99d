import { randomInt, randomUUID } from 'node:crypto';
import { startTestServer, type TestServer } from '../helpers/server';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const CURATOR = 'curator-key-for-tests-0001';
const curatorHeaders = { authorization: `Bearer ${CURATOR}` };

/** A PMID no other test file uses, so curation tests can run beside the others. */
function freshPmid(): string {
  return String(800_000_000 + randomInt(0, 99_999_999));
}

describe('curator mutations', () => {
  let server: TestServer;
  const pmid = freshPmid();
  const title = `Ketamine rapidly restores mTOR signalling in a test cohort ${randomUUID()}`;
  const abstract = 'In this open-label study, ketamine increased mTOR phosphorylation. GSK-3 inhibition was not observed.';

  const mutate = async (query: string, variables: Record<string, unknown> = {}) => server.gql<Json>(query, variables, curatorHeaders);

  beforeAll(async () => {
    server = await startTestServer({ EVMAP_API_KEYS: `${CURATOR}:curator` });
    const res = await mutate(
      `mutation($input: PaperInput!) { upsertPaper(input: $input) { created paper { id title year authors { name } } } }`,
      { input: { pmid, title, abstract, year: 2024, journal: 'Test J', authors: [{ name: 'Doe J' }, { name: 'Roe R' }] } },
    );
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data?.upsertPaper).toMatchObject({ created: true, paper: { id: `Paper:${pmid}`, title, year: 2024, authors: [{ name: 'Doe J' }, { name: 'Roe R' }] } });
  });
  afterAll(() => server.close());

  it('upsertPaper merges fields without blanking the ones it does not send', async () => {
    const res = await mutate(`mutation($input: PaperInput!) { upsertPaper(input: $input) { created paper { title abstract doi } } }`, {
      input: { pmid: `Paper:${pmid}`, doi: '10.1000/evmap.test' },
    });
    expect(res.body.data?.upsertPaper).toEqual({ created: false, paper: { title, abstract, doi: '10.1000/evmap.test' } });
  });

  it('tags a new paper: mined mentions appear for entities its text names', async () => {
    const { body } = await server.gql<Json>(`{ paper(pmid: "${pmid}") { claims { edges { node { source stance about { id } } } } } }`);
    const mined = body.data?.paper.claims.edges.map((e: Json) => e.node).filter((c: Json) => c.source === 'TEXT_MINED');
    expect(mined.flatMap((c: Json) => c.about.map((e: Json) => e.id))).toEqual(expect.arrayContaining(['Compound:ketamine', 'Mechanism:mtor', 'Mechanism:gsk-3']));
  });

  it('addClaim checks the quote, stores offsets, replaces the mined mention and counts as evidence', async () => {
    const id = `test-${randomUUID().slice(0, 8)}`;
    const input = { id, paper: pmid, about: ['mTOR', 'ketamine'], stance: 'SUPPORTS', quote: 'ketamine increased mTOR phosphorylation', evidenceLevel: 'OPEN_LABEL', statement: 'Ketamine raises mTOR activity.' };
    const first = await mutate(`mutation($input: AddClaimInput!) { addClaim(input: $input) { created claim { id field quoteStart quoteEnd source curator about { id } } } }`, { input });
    expect(first.body.errors).toBeUndefined();
    const claim = first.body.data?.addClaim.claim;
    expect(first.body.data?.addClaim.created).toBe(true);
    expect(claim).toMatchObject({ id: `Claim:${id}`, field: 'ABSTRACT', source: 'CURATED' });
    expect(claim.curator).toMatch(/^key:[0-9a-f]{8}$/);
    expect(abstract.slice(claim.quoteStart, claim.quoteEnd)).toBe(input.quote);

    const retried = await mutate(`mutation($input: AddClaimInput!) { addClaim(input: $input) { created claim { id } } }`, { input });
    expect(retried.body.data?.addClaim).toEqual({ created: false, claim: { id: `Claim:${id}` } });

    const { body } = await server.gql<Json>(`{ paper(pmid: "${pmid}") { claims(first: 100) { edges { node { id source field quoteStart quoteEnd about { id } } } } } }`);
    const claims = body.data?.paper.claims.edges.map((e: Json) => e.node);
    expect(claims.filter((c: Json) => c.id === `Claim:${id}`)).toHaveLength(1);
    // The mention of mTOR and the sentence claim quoting the curated words are gone; the title's own sentence claim stays.
    const minedAboutMtor = claims.filter((c: Json) => c.source === 'TEXT_MINED' && c.about.some((a: Json) => a.id === 'Mechanism:mtor'));
    expect(minedAboutMtor.map((c: Json) => c.field)).toEqual(['TITLE']);
    expect(minedAboutMtor.every((c: Json) => c.id.startsWith(`Claim:mined:${pmid}:s:`))).toBe(true);

    const support = await server.gql<Json>(`{ mechanism(id: "mtor") { supportingPapers(first: 1000) { edges { node { pmid } } } } }`);
    expect(support.body.data?.mechanism.supportingPapers.edges.map((e: Json) => e.node.pmid)).toContain(pmid);
  });

  it('addClaim refuses a quote that is not in the paper, an unknown entity, an unknown paper and a reused id with new content', async () => {
    const base = { paper: pmid, about: ['mtor'], stance: 'SUPPORTS', quote: 'ketamine increased mTOR phosphorylation', evidenceLevel: 'RCT' };
    const codes = async (input: Json) =>
      (await mutate(`mutation($input: AddClaimInput!) { addClaim(input: $input) { created } }`, { input })).body.errors?.map((e) => e.extensions?.code);
    expect(await codes({ ...base, quote: 'ketamine cured everyone' })).toEqual(['BAD_USER_INPUT']);
    expect(await codes({ ...base, about: ['no-such-entity'] })).toEqual(['NOT_FOUND']);
    expect(await codes({ ...base, about: [] })).toEqual(['BAD_USER_INPUT']);
    expect(await codes({ ...base, paper: '999999999' })).toEqual(['NOT_FOUND']);
    expect(await codes({ ...base, id: 'mined:not-allowed' })).toEqual(['BAD_USER_INPUT']);
    expect(await codes({ ...base, confidence: 2 })).toEqual(['BAD_USER_INPUT']);
    expect(await codes({ ...base, id: '24392693-mtor-target' })).toEqual(['CONFLICT']);
  });

  it('retractClaim keeps the claim with when and why but removes it from evidence', async () => {
    const id = `retract-${randomUUID().slice(0, 8)}`;
    await mutate(`mutation($input: AddClaimInput!) { addClaim(input: $input) { created } }`, {
      input: { id, paper: pmid, about: ['gsk-3'], stance: 'CONTRADICTS', quote: 'GSK-3 inhibition was not observed', evidenceLevel: 'OPEN_LABEL' },
    });
    const before = await server.gql<Json>(`{ mechanism(id: "gsk-3") { supportingPapers(stance: CONTRADICTS, first: 1000) { edges { node { pmid } } } } }`);
    expect(before.body.data?.mechanism.supportingPapers.edges.map((e: Json) => e.node.pmid)).toContain(pmid);

    const res = await mutate(`mutation { retractClaim(id: "Claim:${id}", reason: "misread the abstract") { id retractedAt retractionReason } }`);
    expect(res.body.data?.retractClaim).toMatchObject({ id: `Claim:${id}`, retractionReason: 'misread the abstract' });
    expect(Number.isNaN(Date.parse(res.body.data?.retractClaim.retractedAt))).toBe(false);

    const after = await server.gql<Json>(`{ mechanism(id: "gsk-3") { supportingPapers(stance: CONTRADICTS, first: 1000) { edges { node { pmid } } } } claim(id: "${id}") { retractedAt } }`);
    expect(after.body.data?.mechanism.supportingPapers.edges.map((e: Json) => e.node.pmid)).not.toContain(pmid);
    expect(after.body.data?.claim.retractedAt).toBeTruthy();

    const missing = await mutate(`mutation { retractClaim(id: "no-such-claim", reason: "x") { id } }`);
    expect(missing.body.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });

  it('upsertEntity creates an entity found by its aliases and refuses an alias another entity owns', async () => {
    const name = `Test kinase ${randomUUID().slice(0, 6)}`;
    const res = await mutate(`mutation($input: EntityInput!) { upsertEntity(input: $input) { created entity { __typename id name aliases } } }`, {
      input: { kind: 'MECHANISM', name, aliases: [`${name} alias`], mechanismKind: 'TARGET' },
    });
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data?.upsertEntity).toMatchObject({ created: true, entity: { __typename: 'Mechanism', name } });
    const found = await server.gql<Json>(`query($n: ID!) { mechanism(id: $n) { name } }`, { n: `${name} ALIAS` });
    expect(found.body.data?.mechanism.name).toBe(name);

    const clash = await mutate(`mutation($input: EntityInput!) { upsertEntity(input: $input) { created } }`, {
      input: { kind: 'COMPOUND', name: `Other ${randomUUID().slice(0, 6)}`, aliases: ['mammalian target of rapamycin'] },
    });
    expect(clash.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const wrongField = await mutate(`mutation($input: EntityInput!) { upsertEntity(input: $input) { created } }`, {
      input: { kind: 'COMPOUND', name: `Third ${randomUUID().slice(0, 6)}`, role: 'PREDICTOR' },
    });
    expect(wrongField.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('addCitation links two papers once and refuses unknown or identical papers', async () => {
    const first = await mutate(`mutation { addCitation(citing: "${pmid}", cited: "24392693") { created citing { id } cited { id } } }`);
    expect(first.body.data?.addCitation).toEqual({ created: true, citing: { id: `Paper:${pmid}` }, cited: { id: 'Paper:24392693' } });
    const again = await mutate(`mutation { addCitation(citing: "${pmid}", cited: "Paper:24392693") { created } }`);
    expect(again.body.data?.addCitation.created).toBe(false);
    const unknown = await mutate(`mutation { addCitation(citing: "${pmid}", cited: "999999998") { created } }`);
    expect(unknown.body.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const self = await mutate(`mutation { addCitation(citing: "${pmid}", cited: "${pmid}") { created } }`);
    expect(self.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('answers reads without a key', async () => {
    const reads = await server.gql<Json>('{ paper(pmid: "24392693") { pmid } }');
    expect(reads.body.data?.paper.pmid).toBe('24392693');
  });
});

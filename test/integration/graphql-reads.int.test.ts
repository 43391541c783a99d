import { randomInt, randomUUID } from 'node:crypto';
import { upsertPapersQuery } from '../../src/store/papers';
import { startTestServer, type TestServer } from '../helpers/server';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

describe('GraphQL reads over the seed corpus', () => {
  let server: TestServer;
  const gql = async (query: string, variables?: Record<string, unknown>): Promise<Json> => {
    const res = await server.gql<Json>(query, variables);
    expect(res.body.errors).toBeUndefined();
    return res.body.data as Json;
  };

  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.close());

  it('answers "which papers support mTOR involvement?" with the seed review and its quoted claim', async () => {
    const data = await gql(`{
      mechanism(id: "mTOR") {
        id
        supportingPapers { totalCount edges { node { id title } claims { stance quote field quoteStart quoteEnd source about { id } } } }
      }
    }`);
    const mtor = data.mechanism;
    expect(mtor.id).toBe('Mechanism:mtor');
    const seed = mtor.supportingPapers.edges.find((e: Json) => e.node.id === 'Paper:24392693');
    expect(seed.node.title).toMatch(/^Glutamate receptor antagonists as fast-acting therapeutic alternatives/);
    const claim = seed.claims[0];
    expect(claim).toMatchObject({ stance: 'SUPPORTS', source: 'SEED', field: 'ABSTRACT' });
    expect(claim.quote).toContain('mTOR');
    expect(claim.about.map((a: Json) => a.id)).toContain('Mechanism:mtor');

    const paper = await gql(`{ paper(pmid: "24392693") { abstract } }`);
    expect(paper.paper.abstract.slice(claim.quoteStart, claim.quoteEnd)).toBe(claim.quote);
    expect(mtor.supportingPapers.totalCount).toBeGreaterThanOrEqual(1);
  });

  it('finds a mechanism by id, global id, name, alias or spelling variant, and returns null for none', async () => {
    const data = await gql(`{
      a: mechanism(id: "Mechanism:mtor") { id }
      b: mechanism(id: "mammalian target of rapamycin") { id }
      c: mechanism(id: "MAMMALIAN TARGET OF RAPAMYCIN") { id }
      d: mechanism(id: "gsk3") { id name }
      e: mechanism(id: "no such mechanism") { id }
      f: mechanism(id: "Compound:ketamine") { id }
      g: compound(id: "Ketamine") { id }
    }`);
    expect([data.a.id, data.b.id, data.c.id]).toEqual(['Mechanism:mtor', 'Mechanism:mtor', 'Mechanism:mtor']);
    expect(data.d).toEqual({ id: 'Mechanism:gsk-3', name: 'GSK-3' });
    expect(data.e).toBeNull();
    expect(data.f).toBeNull();
    expect(data.g.id).toBe('Compound:ketamine');
  });

  it('reads the seed paper with identifiers, citations both ways and ranked similar articles', async () => {
    const { paper } = await gql(`{
      paper(pmid: "24392693") {
        id pmid doi pmcid title year
        cites { totalCount edges { node { synthetic title } } }
        citedBy(first: 100) { totalCount edges { node { pmid } } }
        similar { totalCount edges { rank node { id } } }
      }
    }`);
    expect(paper).toMatchObject({ id: 'Paper:24392693', pmid: '24392693', doi: '10.1146/annurev-pharmtox-011613-135950', pmcid: 'PMC4089991' });
    expect(paper.cites.totalCount).toBe(4);
    expect(paper.cites.edges.every((e: Json) => e.node.synthetic === true && e.node.title)).toBe(true);
    expect(paper.citedBy.edges.map((e: Json) => e.node.pmid)).toEqual(expect.arrayContaining(['27090301', '28322166', '27723376', '34753794', '25726893']));
    expect(paper.similar.totalCount).toBe(5);
    expect(paper.similar.edges.map((e: Json) => [e.rank, e.node.id])).toEqual([
      [1, 'Paper:24388038'],
      [2, 'Paper:29532791'],
      [3, 'Paper:28111761'],
      [4, 'Paper:27062302'],
      [5, 'Paper:32017978'],
    ]);
  });

  it('reads a paper\'s MeSH subject fields as stored by an import', async () => {
    const pmid = String(600_000_000 + randomInt(0, 90_000_000));
    await server.db.run(
      upsertPapersQuery([
        {
          pmid,
          meshTerms: ['Humans', 'Ketamine'],
          mesh: [
            { descriptor: 'Humans', ui: 'D006801', majorTopic: false, qualifiers: [] },
            { descriptor: 'Ketamine', ui: 'D007649', majorTopic: false, qualifiers: [{ name: 'therapeutic use', ui: 'Q000627', majorTopic: true }] },
          ],
          checkTags: ['Humans'],
          chemicals: [{ name: 'Ketamine', ui: 'D007649', registryNumber: '690G0D6V8H' }],
          supplementaryConcepts: [{ name: 'COVID-19', ui: 'C000657245', type: 'Disease' }],
          keywords: ['ketamine'],
        },
      ]),
    );
    const { paper } = await gql(`{ paper(pmid: "${pmid}") { meshTerms meshIds majorTopics checkTags chemicals chemicalIds supplementaryConcepts keywords } }`);
    expect(paper).toEqual({
      meshTerms: ['Humans', 'Ketamine'],
      meshIds: ['MESH:D006801', 'MESH:D007649'],
      majorTopics: ['Ketamine'],
      checkTags: ['Humans'],
      chemicals: ['Ketamine'],
      chemicalIds: ['MESH:D007649', 'MESH:C000657245'],
      supplementaryConcepts: ['COVID-19'],
      keywords: ['ketamine'],
    });
    const seed = await gql('{ paper(pmid: "24392693") { meshIds majorTopics checkTags chemicals keywords } }');
    expect(seed.paper).toEqual({ meshIds: [], majorTopics: [], checkTags: [], chemicals: [], keywords: [] });
  });

  it('pages with opaque cursors without gaps or repeats, and totalCount agrees', async () => {
    // Its own papers under a journal no other test uses, so parallel test files cannot shift the pages.
    const journal = `Paging Journal ${randomUUID()}`;
    const base = 500_000_000 + randomInt(0, 9_000_000) * 10;
    await server.db.run(upsertPapersQuery(Array.from({ length: 23 }, (_, i) => ({ pmid: String(base + i), title: `Paging ${i}`, journal, year: 2000 + (i % 4) }))));
    const seen: string[] = [];
    let after: string | null = null;
    let total = 0;
    for (let i = 0; i < 10; i += 1) {
      const data: Json = await gql(
        `query($after: String, $journal: String) { papers(where: { journal: $journal }, first: 4, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { cursor node { pmid } } } }`,
        { after, journal },
      );
      total = data.papers.totalCount;
      seen.push(...data.papers.edges.map((e: Json) => e.node.pmid));
      if (!data.papers.pageInfo.hasNextPage) break;
      after = data.papers.pageInfo.endCursor;
    }
    expect(total).toBe(23);
    expect(seen).toHaveLength(23);
    expect(new Set(seen).size).toBe(23);
  });

  it('filters papers by year, publication type, journal, claims about an entity and text', async () => {
    const pmids = async (where: string, extra = '') =>
      (await gql(`{ papers(where: ${where}, first: 1000${extra}) { totalCount edges { node { pmid year publicationTypes journal } } } }`)).papers;
    const years = await pmids('{ yearFrom: 2016, yearTo: 2017 }');
    expect(years.edges.length).toBeGreaterThan(0);
    expect(years.edges.every((e: Json) => e.node.year >= 2016 && e.node.year <= 2017)).toBe(true);
    expect(years.totalCount).toBe(years.edges.length);

    const trials = await pmids('{ publicationType: "clinical trial" }');
    expect(trials.edges.map((e: Json) => e.node.pmid)).toContain('27090301');
    expect(trials.edges.every((e: Json) => e.node.publicationTypes.some((t: string) => t.toLowerCase() === 'clinical trial'))).toBe(true);

    const journal = await pmids('{ journal: "mol psychiatry" }');
    expect(journal.edges.map((e: Json) => e.node.pmid)).toEqual(expect.arrayContaining(['27090301', '29532791']));

    const about = await pmids('{ about: "mTOR", aboutStance: SUPPORTS }');
    expect(about.edges.map((e: Json) => e.node.pmid)).toContain('24392693');
    const contradicts = await pmids('{ about: "mTOR", aboutStance: CONTRADICTS }');
    expect(contradicts.edges.map((e: Json) => e.node.pmid)).not.toContain('24392693');

    const text = await pmids('{ text: "cocaine self-administration" }');
    expect(text.edges.map((e: Json) => e.node.pmid)).toContain('27090301');
    const odd = await pmids('{ text: "GSK-3 (mTOR AND \\"" }');
    expect(Array.isArray(odd.edges)).toBe(true);
  });

  it('sorts papers by title, year and citations with stable tie-breaks', async () => {
    const list = async (order: string) =>
      (await gql(`{ papers(orderBy: ${order}, first: 1000) { edges { node { pmid title year citedBy(first: 0) { totalCount } } } } }`)).papers.edges.map((e: Json) => e.node);
    const byTitle = await list('{ field: TITLE, direction: ASC }');
    const titles = byTitle.map((p: Json) => (p.title ?? '').toLowerCase());
    expect(titles).toEqual([...titles].sort((a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0)));
    const byCitations = await list('{ field: CITATIONS }');
    const counts = byCitations.map((p: Json) => p.citedBy.totalCount);
    expect(counts).toEqual([...counts].sort((a: number, b: number) => b - a));
    // Other test files write papers of their own into the same graph; the seed review ranks by its count among them.
    const seed = byCitations.findIndex((p: Json) => p.pmid === '24392693');
    expect(seed).toBeGreaterThanOrEqual(0);
    expect(byCitations[seed].citedBy.totalCount).toBeGreaterThan(0);
    expect(byCitations.slice(0, seed).every((p: Json) => p.citedBy.totalCount >= byCitations[seed].citedBy.totalCount)).toBe(true);
    const oldest = await list('{ field: YEAR, direction: ASC }');
    const years = oldest.map((p: Json) => p.year ?? -1);
    expect(years).toEqual([...years].sort((a: number, b: number) => a - b));
  });

  it('refuses an entity that is not there with NOT_FOUND naming where.about', async () => {
    const unknown = await server.gql(`{ papers(where: { about: "no-such-entity" }) { totalCount } }`);
    expect(unknown.body.errors?.[0]?.extensions).toEqual({ code: 'NOT_FOUND', argumentName: 'where.about' });
  });

  it('lists claims on an entity filtered by stance, curated before mined', async () => {
    const { compound } = await gql(`{
      compound(id: "ketamine") {
        all: claims(first: 1000) { totalCount edges { node { source stance } } }
        supports: claims(stance: SUPPORTS) { totalCount edges { node { stance } } }
      }
    }`);
    expect(compound.supports.edges.every((e: Json) => e.node.stance === 'SUPPORTS')).toBe(true);
    expect(compound.supports.totalCount).toBeLessThan(compound.all.totalCount);
    const sources = compound.all.edges.map((e: Json) => e.node.source);
    const mined = (s: string) => s === 'TEXT_MINED' || s === 'PUBTATOR';
    const firstMined = sources.findIndex(mined);
    expect(firstMined).toBeGreaterThan(0);
    expect(sources.slice(firstMined).every(mined)).toBe(true);
  });

  it('resolves any node by global id and returns null for unknown ids', async () => {
    const data = await gql(`{
      p: node(id: "Paper:24392693") { __typename id }
      m: node(id: "Mechanism:eef2") { __typename id ... on Mechanism { kind } }
      c: node(id: "Claim:24392693-mtor-target") { __typename ... on Claim { paper { pmid } } }
      aim: researchAim(id: "selective-nmda-antagonists") { __typename concerns { id } }
      wrongLabel: node(id: "Compound:mtor") { id }
      unknown: node(id: "Nope:1") { id }
    }`);
    expect(data.p).toEqual({ __typename: 'Paper', id: 'Paper:24392693' });
    expect(data.m).toEqual({ __typename: 'Mechanism', id: 'Mechanism:eef2', kind: 'TARGET' });
    expect(data.c).toEqual({ __typename: 'Claim', paper: { pmid: '24392693' } });
    expect(data.aim.concerns.length).toBeGreaterThan(0);
    expect(data.wrongLabel).toBeNull();
    expect(data.unknown).toBeNull();
  });

  it('follows citation chains: direct evidence first, then citing papers with the path that explains them', async () => {
    const data = await gql(`{
      supportingPapers(entity: "Mechanism:mtor", viaCitations: 1, first: 1000) {
        edges { distance node { pmid } citationPath { pmid } claims { id } }
      }
    }`);
    const edges = data.supportingPapers.edges;
    const distances = edges.map((e: Json) => e.distance);
    expect([...distances].sort((a: number, b: number) => a - b)).toEqual(distances);
    const seed = edges.find((e: Json) => e.node.pmid === '24392693');
    expect(seed).toMatchObject({ distance: 0, citationPath: [] });
    const citer = edges.find((e: Json) => e.node.pmid === '27723376');
    expect(citer.distance).toBe(1);
    expect(citer.citationPath.map((p: Json) => p.pmid)).toEqual(['27723376', '24392693']);
    expect(citer.claims.map((c: Json) => c.id)).toEqual(seed.claims.map((c: Json) => c.id));

    const direct = await gql(`{ supportingPapers(entity: "Mechanism:mtor", first: 1000) { edges { distance node { pmid } } } }`);
    expect(direct.supportingPapers.edges.every((e: Json) => e.distance === 0)).toBe(true);
    expect(direct.supportingPapers.edges.map((e: Json) => e.node.pmid)).not.toContain('27723376');
  });

  it('keeps only claims at or above minEvidenceLevel, and refuses viaCitations outside 0..3', async () => {
    const data = await gql(`{
      review: supportingPapers(entity: "mtor", minEvidenceLevel: REVIEW, first: 1000) { edges { node { pmid } } }
      rct: supportingPapers(entity: "mtor", minEvidenceLevel: RCT, first: 1000) { edges { node { pmid } claims { evidenceLevel } } }
    }`);
    expect(data.review.edges.map((e: Json) => e.node.pmid)).toContain('24392693');
    expect(data.rct.edges.map((e: Json) => e.node.pmid)).not.toContain('24392693');
    expect(data.rct.edges.flatMap((e: Json) => e.claims).every((c: Json) => ['META_ANALYSIS', 'RCT'].includes(c.evidenceLevel))).toBe(true);
    const bad = await server.gql(`{ supportingPapers(entity: "mtor", viaCitations: 4) { totalCount } }`);
    expect(bad.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('answers NOT_FOUND for supportingPapers of an unknown entity', async () => {
    const res = await server.gql(`{ supportingPapers(entity: "no-such-thing") { totalCount } }`);
    expect(res.body.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });
});

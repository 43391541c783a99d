import type { ClaimInput, CuratedClaimInput, MentionRecord, QuoteFieldName, SentenceClaim } from '../../src/graph/records';
import {
  aboutOfClaimsQuery,
  claimCountsQuery,
  claimsByIdsQuery,
  claimsPagesQuery,
  createClaimOnceQuery,
  curatedQuotesQuery,
  minedClaimId,
  misquotedClaimsQuery,
  paperOfClaimsQuery,
  reanchorQuotesQuery,
  retractClaimQuery,
  upsertClaimsQuery,
  writeMentionsQuery,
  writeSentenceClaimsQuery,
  type ClaimOwner,
} from '../../src/store/claims';
import { ANY_CLAIM } from '../../src/store/claimFilter';
import { page } from '../../src/store/page';
import { checkBuilders, expectInputOnlyInParams, hostile, type BuilderCase, type Built } from './queryChecks';

const OWNERS: ClaimOwner[] = ['paper', 'entity'];
const TOKEN = 'token-0001';

const CURATED: ClaimInput = {
  id: 'claim-1',
  paper: '24392693',
  about: ['ketamine', 'mtor'],
  stance: 'SUPPORTS',
  statement: 'Ketamine activates mTOR signalling.',
  quote: 'ketamine rapidly activated the mTOR pathway',
  field: 'abstract',
  start: 120,
  end: 163,
  evidenceLevel: 'PRECLINICAL',
  confidence: 0.9,
  source: 'CURATED',
  curator: 'reviewer-a',
};

/** Optional fields left out: they are written as nulls. */
const SEED: ClaimInput = { id: 'seed-1', paper: '11111111', about: ['esketamine'], stance: 'MENTIONS', quote: 'esketamine', field: 'title', start: 0, end: 10, source: 'SEED' };

const MENTIONS: Array<{ pmid: string; fields: QuoteFieldName[]; mentions: MentionRecord[] }> = [
  {
    pmid: '24392693',
    fields: ['title', 'abstract'],
    mentions: [
      { entityId: 'nmda-receptor', text: 'NMDA receptor', field: 'title', start: 4, end: 17, occurrences: 2 },
      { entityId: 'ketamine', text: 'ketamine', field: 'abstract', start: 0, end: 8, occurrences: 1 },
      { entityId: 'nmda-receptor', text: 'NMDAR', field: 'abstract', start: 40, end: 45, occurrences: 3 },
    ],
  },
  { pmid: '11111111', fields: ['title'], mentions: [{ entityId: 'ketamine', text: 'Ketamine', field: 'title', start: 0, end: 8, occurrences: 4 }] },
];

const CREATE: CuratedClaimInput = {
  id: 'curated-2',
  paper: '24392693',
  about: ['mtor', 'ketamine', 'mtor', 'bdnf'],
  stance: 'CONTRADICTS',
  quote: 'no change in BDNF',
  field: 'abstract',
  start: 300,
  end: 317,
  evidenceLevel: 'RCT',
};

const SENTENCE: SentenceClaim = {
  id: 'mined:24392693:s:0123456789abcdef',
  field: 'abstract',
  start: 0,
  end: 60,
  quote: 'Ketamine did not increase mTOR phosphorylation in the PFC.',
  about: ['ketamine', 'mtor'],
  stance: 'CONTRADICTS',
  negated: true,
  hedged: false,
  direction: 'INCREASES',
  cues: ['did not', 'increase'],
  confidence: 0.6,
  evidenceLevel: 'PRECLINICAL',
};

const cases: Record<string, BuilderCase | (() => Built)> = {
  'writeSentenceClaimsQuery, one paper with a claim and one whose claims are gone': () =>
    writeSentenceClaimsQuery([
      { pmid: '24392693', prefix: 'mined:24392693:s:', fields: ['title', 'abstract'], claims: [SENTENCE] },
      { pmid: '11111111', prefix: 'mined:11111111:s:', fields: ['title'], claims: [] },
    ]),
  'upsertClaimsQuery, a curated and a seed claim': () => upsertClaimsQuery([CURATED, SEED]),
  'writeMentionsQuery, repeated mentions in two papers': () => writeMentionsQuery(MENTIONS),
  'createClaimOnceQuery, without statement and confidence': () => createClaimOnceQuery(CREATE, TOKEN),
  'createClaimOnceQuery, with statement, confidence and curator': () =>
    createClaimOnceQuery({ ...CREATE, statement: 'No effect on BDNF.', confidence: 0.25, curator: 'reviewer-b' }, TOKEN),
  retractClaimQuery: () => retractClaimQuery('claim-1', 'duplicate of claim-2'),
  claimsByIdsQuery: () => claimsByIdsQuery(['claim-1', 'seed-1']),
  ...Object.fromEntries(OWNERS.map((owner) => [`claimsPagesQuery by ${owner}, any stance`, () => claimsPagesQuery(owner, ['k1', 'k2'], ANY_CLAIM, page(0, 11))])),
  ...Object.fromEntries(OWNERS.map((owner) => [`claimsPagesQuery by ${owner}, one stance`, () => claimsPagesQuery(owner, ['k1'], { ...ANY_CLAIM, stance: 'SUPPORTS', sources: ['TEXT_MINED'], minConfidence: 0.3 }, page(5, 6))])),
  ...Object.fromEntries(OWNERS.map((owner) => [`claimCountsQuery by ${owner}, any stance`, () => claimCountsQuery(owner, ['k1', 'k2'], ANY_CLAIM)])),
  ...Object.fromEntries(OWNERS.map((owner) => [`claimCountsQuery by ${owner}, one stance`, () => claimCountsQuery(owner, ['k1'], { ...ANY_CLAIM, stance: 'CONTRADICTS' })])),
  paperOfClaimsQuery: () => paperOfClaimsQuery(['claim-1', 'seed-1']),
  aboutOfClaimsQuery: () => aboutOfClaimsQuery(['claim-1', 'seed-1']),
  curatedQuotesQuery: () => curatedQuotesQuery(['24392693', '11111111']),
  'reanchorQuotesQuery, a moved and a lost quote': () =>
    reanchorQuotesQuery([{ id: 'claim-1', quote: CURATED.quote, start: 140, end: 183 }], [{ id: 'seed-1', quote: 'esketamine' }]),
  'reanchorQuotesQuery, nothing to write': () => reanchorQuotesQuery([], []),
  misquotedClaimsQuery: () => misquotedClaimsQuery(),
};

describe('claims store queries', () => {
  checkBuilders(cases);

  it('writes one mined claim per paper and entity: the first mention, with the occurrences of all of them summed', () => {
    const papers = writeMentionsQuery(MENTIONS).params.papers as Array<{ pmid: string; mentions: Array<{ id: string; entityId: string; props: Record<string, unknown> }> }>;
    expect(papers.map((p) => [p.pmid, p.mentions.map((m) => m.id)])).toEqual([
      ['24392693', [minedClaimId('24392693', 'nmda-receptor'), minedClaimId('24392693', 'ketamine')]],
      ['11111111', [minedClaimId('11111111', 'ketamine')]],
    ]);
    const [first, second] = papers;
    expect(first?.mentions[0]).toMatchObject({ entityId: 'nmda-receptor', props: { quote: 'NMDA receptor', field: 'title', quoteStart: 4, quoteEnd: 17, occurrences: 5 } });
    // The other paper's mention of ketamine is its own claim, not added to this paper's.
    expect(first?.mentions[1]?.props.occurrences).toBe(1);
    expect(second?.mentions[0]?.props.occurrences).toBe(4);
    for (const m of papers.flatMap((p) => p.mentions)) expect(m.props).toMatchObject({ stance: 'MENTIONS', source: 'TEXT_MINED', curator: 'evmap-tagger' });
    expect(minedClaimId('1', 'e')).toBe('mined:1:e');
  });

  it('writes sentence claims as TEXT_MINED with their reading, replacing only the paper\'s own stale sentence claims', () => {
    const query = writeSentenceClaimsQuery([{ pmid: '24392693', prefix: 'mined:24392693:s:', fields: ['title', 'abstract'], claims: [SENTENCE] }]);
    const [paper] = query.params.papers as Array<{ claims: Array<{ about: string[]; props: Record<string, unknown> }> }>;
    expect(paper?.claims[0]).toMatchObject({ about: ['ketamine', 'mtor'], props: { source: 'TEXT_MINED', unit: 'sentence', negated: true, cues: ['did not', 'increase'], quoteStart: 0, quoteEnd: 60 } });
    expect(query.cypher).toContain('WHERE old.id STARTS WITH paper.prefix AND old.field IN paper.fields AND NOT old.id IN [c IN paper.claims | c.id]');
    // A sentence a curated claim quotes is not mined again.
    expect(query.cypher).toContain('none(k IN curated WHERE k.field = row.props.field AND k.start < row.props.quoteEnd AND row.props.quoteStart < k.end)');
  });

  it('still visits a paper without mentions, so the mention claims its text no longer yields are removed, in the fields read only', () => {
    expect(writeMentionsQuery([{ pmid: '1', fields: ['title'], mentions: [] }]).params.papers).toEqual([{ pmid: '1', prefix: 'mined:1:', fields: ['title'], mentions: [] }]);
  });

  it('creates a claim once with its about list sorted and without repeats, and the token only as a parameter', () => {
    const query = createClaimOnceQuery(CREATE, TOKEN);
    expect(query.params.about).toEqual(['bdnf', 'ketamine', 'mtor']);
    // The caller's list is not reordered in place.
    expect(CREATE.about).toEqual(['mtor', 'ketamine', 'mtor', 'bdnf']);
    expect(query.params.token).toBe(TOKEN);
    expect(query.cypher).not.toContain(TOKEN);
    // The stored ABOUT set is compared with the same sorted, distinct list.
    expect(query.cypher).toContain('RETURN DISTINCT e.id AS id ORDER BY id } = $about');
    expect(query.params.props).toMatchObject({ source: 'CURATED', statement: null, confidence: null, curator: null });
  });

  it('writes the optional fields of an upserted claim as nulls', () => {
    const [, seed] = upsertClaimsQuery([CURATED, SEED]).params.rows as Array<{ props: Record<string, unknown> }>;
    expect(seed?.props).toMatchObject({ statement: null, evidenceLevel: null, confidence: null, curator: null, source: 'SEED' });
  });

  it('matches claims by owner with a different pattern per owner', () => {
    const [paper, entity] = OWNERS.map((owner) => claimsPagesQuery(owner, ['k'], ANY_CLAIM, page(0, 1)));
    expect(paper?.cypher).toContain('MATCH (:Paper {pmid: key})-[:ASSERTS]->(c:Claim)');
    expect(entity?.cypher).toContain('MATCH (c:Claim)-[:ABOUT]->(e:(Mechanism|ResearchAim|Biomarker|Compound|Condition) {id: key})');
    expect(paper?.tag).toBe('claims:pages-paper');
    expect(entity?.tag).toBe('claims:pages-entity');
  });

  it('keeps client strings out of the text', () => {
    const evil = hostile();
    const claim: ClaimInput = { ...CURATED, id: evil, paper: evil, about: [evil], statement: evil, quote: evil, curator: evil };
    expectInputOnlyInParams(upsertClaimsQuery([claim]));
    expectInputOnlyInParams(writeMentionsQuery([{ pmid: evil, fields: ['title'], mentions: [{ entityId: evil, text: evil, field: 'title', start: 0, end: 1, occurrences: 1 }] }]));
    expectInputOnlyInParams(createClaimOnceQuery({ ...CREATE, id: evil, paper: evil, about: [evil], quote: evil, statement: evil, curator: evil }, hostile('token')));
    expectInputOnlyInParams(retractClaimQuery(evil, evil));
    expectInputOnlyInParams(writeSentenceClaimsQuery([{ pmid: evil, prefix: evil, fields: ['abstract'], claims: [{ ...SENTENCE, id: evil, quote: evil, about: [evil], cues: [evil] }] }]));
    expectInputOnlyInParams(claimsByIdsQuery([evil]));
    for (const owner of OWNERS) {
      const filter = { stance: evil, levels: [evil], sources: [evil], minConfidence: 0.5 };
      expectInputOnlyInParams(claimsPagesQuery(owner, [evil], filter, page(0, 1)));
      expectInputOnlyInParams(claimCountsQuery(owner, [evil], filter));
    }
    expectInputOnlyInParams(paperOfClaimsQuery([evil]));
    expectInputOnlyInParams(aboutOfClaimsQuery([evil]));
    expectInputOnlyInParams(curatedQuotesQuery([evil]));
    expectInputOnlyInParams(reanchorQuotesQuery([{ id: evil, quote: evil, start: 0, end: 1 }], [{ id: evil, quote: hostile('lost') }]));
  });

  it('reads only curated and seed quotes for re-anchoring, each with the text of the field it quotes', () => {
    const query = curatedQuotesQuery(['24392693']);
    expect(query.params.minedSources).toEqual(['TEXT_MINED', 'PUBTATOR']);
    expect(query.cypher).toContain('WHERE NOT c.source IN $minedSources');
    expect(query.cypher).toContain("CASE c.field WHEN 'title' THEN p.title ELSE p.abstract END AS text");
  });

  it('re-anchors only a claim whose quote is still the one read, flags a lost one once with the time, and keeps the claim', () => {
    const { cypher } = reanchorQuotesQuery([], []);
    expect(cypher).toContain('REMOVE c.needsReview, c.needsReviewSince');
    expect(cypher).toContain('WHERE c.quote = row.quote AND c.needsReview IS NULL');
    expect(cypher).toContain('SET c.needsReview = true, c.needsReviewSince = datetime()');
    expect(cypher).not.toMatch(/DELETE c\b/);
  });
});

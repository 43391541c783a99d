import type { PaperRecord } from '../../src/graph/paperRecord';
import { page } from '../../src/store/page';
import {
  addCitationQuery,
  authorsByIdsQuery,
  authorshipsOfPapersQuery,
  authorsOfPapersQuery,
  countPapersQuery,
  countPapersToTagQuery,
  hasPapersQuery,
  linkSimilarQuery,
  listPapersQuery,
  markRetractedQuery,
  papersByPmidsQuery,
  papersForCitationsQuery,
  papersToTagQuery,
  recordedPapersQuery,
  relatedCountsQuery,
  relatedPagesQuery,
  storedTitle,
  upsertPapersQuery,
  writeCitationsQuery,
  type PaperFilter,
  type PaperOrderField,
  type Relation,
} from '../../src/store/papers';
import { deletePapersQuery } from '../../src/store/paperDeletion';
import { checkBuilders, expectInputOnlyInParams, hostile, type BuilderCase, type Built } from './queryChecks';

const RELATIONS: Relation[] = ['cites', 'citedBy', 'similar', 'authored', 'correctedBy', 'retractedBy', 'commentedOnBy', 'commentsOn', 'updatedBy'];
const ORDER_FIELDS: PaperOrderField[] = ['YEAR', 'TITLE', 'CITATIONS', 'EVIDENCE', 'PMID'];
const DIRECTIONS = ['ASC', 'DESC'] as const;

/** Every filter set, so each parameter of the WHERE clause carries a value. */
const FULL_FILTER: PaperFilter = {
  yearFrom: 2010,
  yearTo: 2020,
  publicationType: 'Review',
  journal: 'Psychiatry',
  aboutEntityId: 'ketamine',
  aboutStance: 'SUPPORTS',
  text: 'ketamine AND (mTOR)',
};

const RECORD: PaperRecord = {
  pmid: '24392693',
  doi: '10.1016/J.EXAMPLE.2014.01.001',
  title: 'Ketamine and rapid antidepressant action.',
  abstract: '',
  journal: 'Biol Psychiatry',
  year: 2014,
  publishedOn: '2014-03-01',
  publicationTypes: ['Review'],
  meshTerms: [],
  authors: [{ name: 'Abdallah CG', fullName: 'Chadi G Abdallah', identifier: '0000-0001-0000-0000' }, { name: 'Krystal JH' }, { name: '---' }],
  cites: ['11111111', '24392693', '11111111', '22222222'],
};

/** The subject fields as the XML parser gives them, UIs included. */
const FROM_XML: PaperRecord = {
  pmid: '900000001',
  meshTerms: ['Humans', 'Antidepressive Agents', 'Ketamine', 'Pregnancy'],
  mesh: [
    { descriptor: 'Humans', ui: 'D006801', majorTopic: false, qualifiers: [] },
    { descriptor: 'Antidepressive Agents', ui: 'D000928', majorTopic: false, qualifiers: [{ name: 'therapeutic use', ui: 'Q000627', majorTopic: true }] },
    { descriptor: 'Ketamine', ui: 'D007649', majorTopic: true, qualifiers: [{ name: 'administration & dosage', ui: 'Q000008', majorTopic: false }] },
    { descriptor: 'Pregnancy', ui: 'D011247', majorTopic: false, qualifiers: [] },
  ],
  checkTags: ['Humans', 'Pregnancy'],
  chemicals: [
    { name: 'Antidepressive Agents', ui: 'D000928' },
    { name: 'Ketamine', ui: 'D007649', registryNumber: '690G0D6V8H' },
  ],
  supplementaryConcepts: [{ name: 'COVID-19', ui: 'C000657245', type: 'Disease' }],
  keywords: ['ketamine', 'COVID-19'],
};

/** A paper from MEDLINE text, which has no UIs: nothing to say about meshIds or chemicalIds. */
const FROM_MEDLINE: PaperRecord = {
  pmid: '900000002',
  meshTerms: ['Humans', 'Ketamine'],
  mesh: [
    { descriptor: 'Humans', majorTopic: false, qualifiers: [] },
    { descriptor: 'Ketamine', majorTopic: true, qualifiers: [] },
  ],
  checkTags: ['Humans'],
  chemicals: [{ name: 'Ketamine', registryNumber: '690G0D6V8H' }],
};

/** Every field issue 11 keeps: namesakes with affiliations, a structured abstract, grants, links, a DOI-only reference. */
const EVERY_FIELD: PaperRecord = {
  pmid: '900000101',
  doi: '10.2174/1570159X15666170320104237',
  abstract: 'BACKGROUND: Ketamine works. METHODS: We tested it.',
  abstractSections: [{ label: 'BACKGROUND', start: 0 }, { label: 'METHODS', start: 28 }],
  languages: ['eng', 'ger'],
  grants: ['R01 MH000000/MH/NIMH NIH HHS/United States'],
  retracted: true,
  authors: [
    { name: 'Smith J', fullName: 'Smith, John', identifier: '0000-0002-1825-0097', affiliations: ['Yale University, New Haven, CT, USA.'] },
    { name: 'Smith J', fullName: 'Smith, Jane' },
  ],
  links: [
    { type: 'ErratumIn', pmid: '900000102' },
    { type: 'CommentIn', pmid: '900000103' },
    { type: 'RetractionIn', pmid: '900000104' },
    { type: 'UpdateOf', pmid: '900000100' },
  ],
  cites: ['24392693', 'doi:10.1038/nature17998'],
  citedDois: [{ key: 'doi:10.1038/nature17998', doi: '10.1038/Nature17998' }],
};

const SYNTHETIC: PaperRecord = { pmid: 'doi:10.1000/xyz', pmidIsSynthetic: true, title: 'A reference without a PMID' };

const cases: Record<string, BuilderCase | (() => Built)> = {
  'upsertPapersQuery, a full record and a synthetic one': () => upsertPapersQuery([RECORD, SYNTHETIC]),
  'upsertPapersQuery, no records': () => upsertPapersQuery([]),
  'upsertPapersQuery, every field of a PubMed record': () => upsertPapersQuery([EVERY_FIELD]),
  'upsertPapersQuery, MeSH and keyword fields from XML and from MEDLINE': () => upsertPapersQuery([FROM_XML, FROM_MEDLINE]),
  markRetractedQuery: () => markRetractedQuery(),
  linkSimilarQuery: () => linkSimilarQuery('24392693', [{ pmid: '11111111', rank: 1 }, { pmid: '22222222', rank: 2 }]),
  papersByPmidsQuery: () => papersByPmidsQuery(['24392693', '11111111']),
  'listPapersQuery, full-text search with every filter': () => listPapersQuery(FULL_FILTER, { field: 'YEAR', direction: 'DESC' }, page(20, 10)),
  'listPapersQuery, label scan without words': { build: () => listPapersQuery({ yearTo: 2015 }, { field: 'PMID', direction: 'ASC' }, page(0, 5)), unused: ['text'] },
  'listPapersQuery, label scan when the words are only blanks': {
    build: () => listPapersQuery({ text: '   ' }, { field: 'PMID', direction: 'ASC' }, page(0, 5)),
    unused: ['text'],
  },
  'listPapersQuery, newest first after a keyset cursor: a range seek from its year': () => listPapersQuery({}, { field: 'YEAR', direction: 'DESC' }, page(40, 11), { key: 2014, pmid: '24392693' }),
  'listPapersQuery, newest first after a cursor among the undated': () => listPapersQuery({}, { field: 'YEAR', direction: 'DESC' }, page(900, 11), { key: -1, pmid: '11111111' }),
  'listPapersQuery, most cited after a keyset cursor: a range seek from its count': () => listPapersQuery({}, { field: 'CITATIONS', direction: 'DESC' }, page(40, 11), { key: 17, pmid: '24392693' }),
  'listPapersQuery, most cited after a cursor among the papers not counted yet': () => listPapersQuery({}, { field: 'CITATIONS', direction: 'DESC' }, page(900, 11), { key: -1, pmid: '11111111' }),
  'countPapersQuery, full-text search with every filter': () => countPapersQuery(FULL_FILTER),
  'countPapersQuery, label scan': { build: () => countPapersQuery({ journal: 'Psychiatry' }), unused: ['text'] },
  ...Object.fromEntries(
    ORDER_FIELDS.flatMap((field) =>
      DIRECTIONS.map((direction) => [
        `listPapersQuery ordered by ${field} ${direction}`,
        // Newest first reads the year index and has no full-text source, so no `text` parameter either.
        { build: () => listPapersQuery({}, { field, direction }, page(0, 11)), unused: (field === 'YEAR' || field === 'CITATIONS') && direction === 'DESC' ? [] : ['text'] },
      ]),
    ),
  ),
  ...Object.fromEntries(RELATIONS.map((relation) => [`relatedPagesQuery ${relation}`, () => relatedPagesQuery(relation, ['24392693', '11111111'], page(10, 21))])),
  ...Object.fromEntries(RELATIONS.map((relation) => [`relatedCountsQuery ${relation}`, () => relatedCountsQuery(relation, ['24392693', '11111111'])])),
  authorsOfPapersQuery: () => authorsOfPapersQuery(['24392693', '11111111'], 100),
  authorsByIdsQuery: () => authorsByIdsQuery(['abdallah-cg', 'krystal-jh']),
  authorshipsOfPapersQuery: () => authorshipsOfPapersQuery(['24392693', '11111111'], 100),
  deletePapersQuery: () => deletePapersQuery(['24392693', '900000105']),
  addCitationQuery: () => addCitationQuery('24392693', '11111111'),
  hasPapersQuery: () => hasPapersQuery(),
  'papersToTagQuery, first page of all papers': () => papersToTagQuery('', null, 500),
  'papersToTagQuery, a later page of papers changed since a time': () => papersToTagQuery('24392693', '2026-01-01T00:00:00.000Z', 100),
  'countPapersToTagQuery, since a time': () => countPapersToTagQuery('2026-01-01T00:00:00.000Z'),
  'papersForCitationsQuery, a later page': () => papersForCitationsQuery('24392693', 1000),
  recordedPapersQuery: () => recordedPapersQuery(['24392693', '11111111']),
  writeCitationsQuery: () =>
    writeCitationsQuery(['24392693', '11111111', '22222222'], [
      { citing: '24392693', cited: '11111111' },
      { citing: '22222222', cited: '24392693' },
    ]),
};

// Each query's text and parameters, fixed without a database: a change to a query shows up
// here as a snapshot diff to review, and the parameters prove client input stays out of the text.
describe('papers store queries', () => {
  it('lists papers with every filter as a parameter and the order chosen by enum', () => {
    const query = listPapersQuery({ yearFrom: 2010, journal: 'Psychiatry', text: 'ketamine AND (mTOR)' }, { field: 'CITATIONS', direction: 'ASC' }, page(0, 11));
    expect(query.cypher).not.toContain('Psychiatry');
    expect(query.cypher).not.toContain('ketamine');
    expect(query).toMatchSnapshot();
  });

  it('counts papers from a label scan when no words are given', () => {
    expect(countPapersQuery({})).toMatchSnapshot();
  });

  it.each(RELATIONS)('pages the %s relation', (relation) => {
    expect(relatedPagesQuery(relation, ['24392693'], page(10, 21))).toMatchSnapshot();
  });

  describe('every builder', () => {
    checkBuilders(cases);
  });

  it('moves updatedAt only when a property gets a new value', () => {
    expect(upsertPapersQuery([RECORD]).cypher).toContain('p.updatedAt = CASE WHEN sameProps THEN p.updatedAt ELSE datetime() END');
  });

  it('leaves stub papers out of lists and counts unless asked, creates cited-only papers as stubs and clears the mark with a title or abstract', () => {
    expect(countPapersQuery({}).params.includeStubs).toBe(false);
    expect(listPapersQuery({ includeStubs: true }, { field: 'PMID', direction: 'ASC' }, page(0, 1)).params.includeStubs).toBe(true);
    expect(countPapersQuery({}).cypher).toContain('AND ($includeStubs OR p.stub IS NULL)');
    const upsert = upsertPapersQuery([RECORD]).cypher;
    expect(upsert).toContain('MERGE (cited:Paper {pmid: citedKey})\n         ON CREATE SET cited.stub = true, cited.citedByCount = 0');
    expect(upsert).toContain('p.stub = CASE WHEN row.props.title IS NULL AND row.props.abstract IS NULL THEN p.stub END');
  });

  it('pages papers to tag by PMID keyset, never by SKIP, with the cursor and the time as parameters', () => {
    const query = papersToTagQuery(hostile(), hostile('since'), 10);
    expect(query.cypher).toContain('p.pmid > $after');
    expect(query.cypher).toContain('ORDER BY p.pmid LIMIT $limit');
    expect(query.cypher).not.toContain('SKIP');
    expectInputOnlyInParams(query);
    expectInputOnlyInParams(countPapersToTagQuery(hostile('since')));
  });

  it('searches the full-text index only when there are words, and then with the escaped words as a parameter', () => {
    const search = listPapersQuery({ text: ' ketamine AND (mTOR) ' }, { field: 'YEAR', direction: 'DESC' }, page(0, 1));
    expect(search.cypher).toMatch(/^CALL db\.index\.fulltext\.queryNodes\('evmap_text', \$text\)/);
    expect(search.params.text).toBe('ketamine and \\(mTOR\\)');
    const scan = countPapersQuery({ text: '  ' });
    expect(scan.cypher).toMatch(/^MATCH \(p:Paper\) WHERE/);
    expect(scan.cypher).not.toContain('fulltext');
    expect(scan.params.text).toBeNull();
  });

  it('gives each order field its own sort key and each direction its keyword, with PMID as the tie-break', () => {
    const keys = new Set<string>();
    for (const field of ORDER_FIELDS) {
      const asc = listPapersQuery({}, { field, direction: 'ASC' }, page(0, 1)).cypher;
      const desc = listPapersQuery({}, { field, direction: 'DESC' }, page(0, 1)).cypher;
      expect(asc).toContain('ORDER BY sortKey ASC, p.pmid SKIP $skip LIMIT $limit');
      if (field !== 'YEAR' && field !== 'CITATIONS') expect(desc).toContain('ORDER BY sortKey DESC, p.pmid SKIP $skip LIMIT $limit');
      keys.add(/WITH p, (.*) AS sortKey/.exec(asc)?.[1] ?? '');
    }
    expect(keys.size).toBe(ORDER_FIELDS.length);
  });

  it('lists newest first from the year index, stopping at the page, with undated papers last as coalesce(p.year, -1) places them', () => {
    const newest = listPapersQuery({ journal: 'Psychiatry' }, { field: 'YEAR', direction: 'DESC' }, page(0, 1)).cypher;
    expect(newest).toContain('MATCH (p:Paper) USING INDEX p:Paper(year)');
    expect(newest).toContain('WITH p ORDER BY p.year DESC, p.pmid LIMIT $skip + $limit');
    // The undated papers are read only when the page needs them: an empty UNWIND stops the scan.
    expect(newest).toContain('UNWIND CASE WHEN size(indexed) < $skip + $limit AND $yearFrom IS NULL AND $yearTo IS NULL THEN [true] ELSE [] END AS needed');
    expect(newest).toContain('UNWIND (indexed + missing)[$skip..$skip + $limit] AS p');
    // Words come from the full-text index, whose order is relevance, not year.
    expect(listPapersQuery({ text: 'ketamine' }, { field: 'YEAR', direction: 'DESC' }, page(0, 1)).cypher).toContain('ORDER BY sortKey DESC, p.pmid');
  });

  it('lists most cited first from the stored citation count and its index, papers not counted yet last, whatever the year bounds', () => {
    const mostCited = listPapersQuery({ yearFrom: 2010 }, { field: 'CITATIONS', direction: 'DESC' }, page(0, 1));
    expect(mostCited.tag).toBe('papers:list-most-cited');
    expect(mostCited.cypher).toContain('MATCH (p:Paper) USING INDEX p:Paper(citedByCount)');
    expect(mostCited.cypher).toContain('WITH p ORDER BY p.citedByCount DESC, p.pmid LIMIT $skip + $limit');
    expect(mostCited.cypher).toContain('UNWIND CASE WHEN size(indexed) < $skip + $limit THEN [true] ELSE [] END AS needed');
    expect(mostCited.cypher).toContain('coalesce(p.citedByCount, -1) AS sortKey');
    // Least cited first sorts by the same key, so both directions agree on where an uncounted paper stands.
    expect(listPapersQuery({}, { field: 'CITATIONS', direction: 'ASC' }, page(0, 1)).cypher).toContain('WITH p, coalesce(p.citedByCount, -1) AS sortKey');
  });

  it('counts a cited paper again whenever a write adds or removes one of its citations, and gives new papers a count of 0', () => {
    const refresh = 'citedByCount = COUNT { (cited)<-[:CITES]-() }';
    expect(upsertPapersQuery([RECORD]).cypher).toContain(refresh);
    expect(upsertPapersQuery([RECORD]).cypher).toContain('ON CREATE SET p.citedByCount = 0');
    expect(upsertPapersQuery([RECORD]).cypher).toContain('ON CREATE SET cited.stub = true, cited.citedByCount = 0');
    expect(addCitationQuery('1', '2').cypher).toContain('SET b.citedByCount = COUNT { (b)<-[:CITES]-() }');
    expect(writeCitationsQuery([], []).cypher).toContain('SET b.citedByCount = COUNT { (b)<-[:CITES]-() }');
    expect(writeCitationsQuery([], []).cypher).toContain('ON CREATE SET p.stub = true, p.citedByCount = 0');
  });

  it('never puts a direction other than ASC into the text', () => {
    const query = listPapersQuery({}, { field: 'YEAR', direction: 'ASC LIMIT 1' as 'ASC' }, page(0, 1));
    expect(query.cypher).toContain('ORDER BY sortKey DESC');
    expect(query.cypher).not.toContain('LIMIT 1');
  });

  it('passes filter values as parameters, with years and the page as Neo4j integers', () => {
    const { params } = listPapersQuery(FULL_FILTER, { field: 'YEAR', direction: 'DESC' }, page(20, 10));
    expect(params).toMatchObject({ publicationType: 'Review', journal: 'Psychiatry', entityId: 'ketamine', stance: 'SUPPORTS' });
    for (const name of ['yearFrom', 'yearTo', 'skip', 'limit']) expect((params[name] as { toNumber(): number }).toNumber()).toBe({ yearFrom: 2010, yearTo: 2020, skip: 20, limit: 10 }[name]);
  });

  it('gives each relation its own pattern and tag', () => {
    const patterns = RELATIONS.map((relation) => /MATCH (.*)\n/.exec(relatedPagesQuery(relation, ['1'], page(0, 1)).cypher)?.[1]);
    expect(new Set(patterns).size).toBe(RELATIONS.length);
    expect(new Set(RELATIONS.map((relation) => relatedCountsQuery(relation, ['1']).tag)).size).toBe(RELATIONS.length);
    expect(relatedPagesQuery('similar', ['1'], page(0, 1)).cypher).toContain('ORDER BY coalesce(r.rank, 2147483647), p.pmid');
    expect(relatedPagesQuery('citedBy', ['1'], page(0, 1)).cypher).toContain('ORDER BY coalesce(p.year, -1) DESC, p.pmid');
  });

  it('upserts only the properties a record has, without self-citations, repeated citations or keyless authors', () => {
    const [row, synthetic] = upsertPapersQuery([RECORD, SYNTHETIC]).params.rows as Array<{ pmid: string; props: Record<string, unknown>; authors: Array<{ id: string; position: number }>; cites: string[] }>;
    expect(row?.props).toEqual({
      doi: '10.1016/J.EXAMPLE.2014.01.001',
      doiKey: '10.1016/j.example.2014.01.001',
      title: 'Ketamine and rapid antidepressant action',
      journal: 'Biol Psychiatry',
      year: 2014,
      publishedOn: '2014-03-01',
      publicationTypes: ['Review'],
    });
    expect(row?.cites).toEqual(['11111111', '22222222']);
    expect(row?.authors.map((a) => [a.id, a.position])).toEqual([
      ['0000-0001-0000-0000', 0],
      ['krystal-jh', 1],
    ]);
    expect(synthetic?.props).toEqual({ title: 'A reference without a PMID', synthetic: true });
  });

  it('flattens MeSH and keyword fields into string lists, leaving out the ones a record cannot fill', () => {
    const [xml, medline] = upsertPapersQuery([FROM_XML, FROM_MEDLINE]).params.rows as Array<{ props: Record<string, unknown> }>;
    expect(xml?.props).toEqual({
      meshTerms: ['Humans', 'Antidepressive Agents', 'Ketamine', 'Pregnancy'],
      meshIds: ['MESH:D006801', 'MESH:D000928', 'MESH:D007649', 'MESH:D011247'],
      meshMajor: ['Antidepressive Agents', 'Ketamine'],
      checkTags: ['Humans', 'Pregnancy'],
      chemicals: ['Antidepressive Agents', 'Ketamine'],
      chemicalIds: ['MESH:D000928', 'MESH:D007649', 'MESH:C000657245'],
      supplementaryConcepts: ['COVID-19'],
      keywords: ['ketamine', 'COVID-19'],
    });
    expect(medline?.props).toEqual({
      meshTerms: ['Humans', 'Ketamine'],
      meshMajor: ['Ketamine'],
      checkTags: ['Humans'],
      chemicals: ['Ketamine'],
    });
  });

  it('keeps every byline slot, points each CommentsCorrections link the way the model stores it and keeps the DOI case', () => {
    const [row] = upsertPapersQuery([EVERY_FIELD]).params.rows as Array<{
      props: Record<string, unknown>;
      authors: Array<{ id: string; orcid: string | null; name: string; fullName: string | null; affiliations: string[] | null; position: number }>;
      links: Array<{ rel: string; from: string; to: string }>;
    }>;
    expect(row?.authors.map((a) => [a.id, a.orcid, a.name, a.fullName, a.affiliations, a.position])).toEqual([
      ['0000-0002-1825-0097', '0000-0002-1825-0097', 'Smith J', 'Smith, John', ['Yale University, New Haven, CT, USA.'], 0],
      ['smith-j', null, 'Smith J', 'Smith, Jane', null, 1],
    ]);
    expect(row?.links).toEqual([
      { rel: 'CORRECTED_BY', from: '900000101', to: '900000102' },
      { rel: 'COMMENTS_ON', from: '900000103', to: '900000101' },
      { rel: 'RETRACTED_BY', from: '900000101', to: '900000104' },
      { rel: 'UPDATED_BY', from: '900000100', to: '900000101' },
    ]);
    expect(row?.props).toMatchObject({ doi: '10.2174/1570159X15666170320104237', doiKey: '10.2174/1570159x15666170320104237', retracted: true, languages: ['eng', 'ger'], abstractSections: ['BACKGROUND', 'METHODS'] });
  });

  it('drops only the closing period PubMed adds to a title', () => {
    expect(storedTitle('Ketamine.')).toBe('Ketamine');
    expect(storedTitle('Ketamine...')).toBe('Ketamine...');
    expect(storedTitle(undefined)).toBeUndefined();
  });

  it('keeps client strings out of the text', () => {
    const evil = hostile();
    expectInputOnlyInParams(listPapersQuery({ journal: evil, publicationType: evil, aboutEntityId: evil, aboutStance: evil, text: evil }, { field: 'TITLE', direction: 'ASC' }, page(0, 1)));
    expectInputOnlyInParams(countPapersQuery({ journal: evil, text: evil }));
    for (const relation of RELATIONS) {
      expectInputOnlyInParams(relatedPagesQuery(relation, [evil], page(0, 1)));
      expectInputOnlyInParams(relatedCountsQuery(relation, [evil]));
    }
    expectInputOnlyInParams(upsertPapersQuery([{ pmid: evil, title: evil, journal: evil, authors: [{ name: evil }], cites: [evil + 'x'] }]));
    expectInputOnlyInParams(linkSimilarQuery(evil, [{ pmid: evil, rank: 1 }]));
    expectInputOnlyInParams(papersByPmidsQuery([evil]));
    expectInputOnlyInParams(authorsOfPapersQuery([evil], 1));
    expectInputOnlyInParams(authorsByIdsQuery([evil]));
    expectInputOnlyInParams(addCitationQuery(evil, evil));
    expectInputOnlyInParams(papersForCitationsQuery(evil, 10));
    expectInputOnlyInParams(recordedPapersQuery([evil]));
    expectInputOnlyInParams(writeCitationsQuery([evil], [{ citing: evil, cited: evil + 'x' }]));
  });

  it('asks iCite only about papers with a record and a PubMed id, paged by PMID keyset, and makes only new papers stubs', () => {
    const page = papersForCitationsQuery('', 1000).cypher;
    expect(page).toContain('p.pmid > $after AND p.stub IS NULL AND p.synthetic IS NULL');
    expect(page).toContain('ORDER BY p.pmid LIMIT $limit');
    expect(page).not.toContain('SKIP');
    expect(writeCitationsQuery([], []).cypher).toContain('MERGE (p:Paper {pmid: pmid})\n       ON CREATE SET p.stub = true, p.citedByCount = 0');
    expect(recordedPapersQuery([]).cypher).toContain('WHERE p.stub IS NULL');
  });
});

import { copyFileSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { importFile, type ImportSummary } from '../../src/ingest/pipeline';
import { loadSeed, SEED_PAGE_FILE } from '../../src/ingest/seed';
import { parseSeedPage } from '../../src/ingest/seedPage';
import { papersByPmids } from '../../src/store/batches';
import { testDb } from '../helpers/db';
import { copyFixtureWithUniquePmids, copySeedWithUniquePmids, ingestTmpDir, uniquePmidMapping, type UniqueCopy } from '../helpers/ingestFixtures';
import { runCli } from '../helpers/cli';

const SEED_ABSTRACT = parseSeedPage(readFileSync(SEED_PAGE_FILE, 'utf8')).paper.abstract;
/** The same abstract as MEDLINE's AB and the XML's labelled AbstractTexts give it: each section starts with its label. */
const IMPORTED_ABSTRACT = `BACKGROUND: ${SEED_ABSTRACT?.replace('(GSK-3). Current', '(GSK-3). CURRENT RESEARCH: Current')}`;
// Stored without the period PubMed ends every ArticleTitle with.
const GLUTAMATE_TITLE = 'Glutamate receptor antagonists as fast-acting therapeutic alternatives for the treatment of depression: ketamine and other compounds';
const COCAINE_TITLE = 'Cocaine self-administration disrupted by the N-methyl-D-aspartate receptor antagonist ketamine: a randomized, crossover trial';
const MECHANISMS_TITLE = 'Mechanisms of ketamine action as an antidepressant';

type Db = ReturnType<typeof testDb>['db'];

interface StoredPaper {
  title: string | null;
  abstract: string | null;
  journal: string | null;
  year: number | null;
  publishedOn: string | null;
  doi: string | null;
  pmcid: string | null;
  publicationTypes: string[] | null;
  meshTerms: string[] | null;
  authors: Array<{ position: number; name: string; fullName: string | null; orcid: string | null }>;
  cites: string[];
}

async function storedPaper(db: Db, pmid: string): Promise<StoredPaper | undefined> {
  const [row] = await db.readRows<StoredPaper>(
    `MATCH (p:Paper {pmid: $pmid})
     RETURN p.title AS title, p.abstract AS abstract, p.journal AS journal, p.year AS year, p.publishedOn AS publishedOn,
            p.doi AS doi, p.pmcid AS pmcid, p.publicationTypes AS publicationTypes, p.meshTerms AS meshTerms,
            [(p)-[r:AUTHORED_BY]->(a:Author) | {position: r.position, name: a.name, fullName: a.fullName, orcid: a.orcid}] AS authors,
            [(p)-[:CITES]->(c:Paper) | c.pmid] AS cites`,
    { pmid },
  );
  if (!row) return undefined;
  return { ...row, authors: [...row.authors].sort((a, b) => a.position - b.position), cites: [...row.cites].sort() };
}

function authorNames(paper: StoredPaper | undefined): Array<[number, string, string | null]> {
  return (paper?.authors ?? []).map((a) => [a.position, a.name, a.fullName]);
}

/** Sorts object keys so that two reads of the same graph serialise identically. */
function stable(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(stable);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b)).map(([k, v]) => [k, stable(v)]));
  }
  return value;
}

/**
 * What an import of these papers wrote: their properties, every relationship to another of
 * them, to an author or to a claim mined from them, and those claims' properties.
 */
async function importSnapshot(db: Db, pmids: string[]): Promise<string[]> {
  const rows = await db.readRows(
    `MATCH (p:Paper) WHERE p.pmid IN $pmids
     OPTIONAL MATCH (p)-[r]-(n) WHERE (n:Paper AND n.pmid IN $pmids) OR n:Author OR (n:Claim AND n.id STARTS WITH 'mined:' + p.pmid + ':')
     RETURN p.pmid AS paper, properties(p) AS props, type(r) AS type, startNode(r) = p AS outgoing,
            coalesce(n.pmid, n.id) AS other, properties(r) AS relProps, properties(n) AS otherProps`,
    { pmids },
  );
  return rows.map((r) => JSON.stringify(stable(r))).sort();
}

describe('importFile against Neo4j', () => {
  const { db, close } = testDb();
  const tmp = ingestTmpDir();

  beforeAll(async () => {
    // Mining depends on which entities exist; loading them up front keeps a re-import from
    // seeing entities another test file loads in between.
    await loadSeed(db);
  });
  afterAll(async () => {
    await close();
    tmp.cleanup();
  });

  describe('a MEDLINE file with a malformed record 2', () => {
    let copy: UniqueCopy;
    let summary: ImportSummary;
    beforeAll(async () => {
      copy = copyFixtureWithUniquePmids('pubmed-sample.nbib', tmp.dir);
      summary = await importFile(db, copy.file);
    });

    it('imports the 3 good records and reports record 2 with its identifier', () => {
      expect(summary).toMatchObject({ file: copy.file, format: 'medline', records: 3, created: 3, updated: 0, unchanged: 0 });
      expect(summary.rejected).toEqual([{ recordNumber: 2, identifier: '10.1000/evmap.no-pmid', reason: 'record has no PMID' }]);
    });

    it('stores title, journal, year, DOI, PMCID, abstract, publication types and MeSH terms', async () => {
      expect(await storedPaper(db, copy.pmid('24392693'))).toMatchObject({
        title: GLUTAMATE_TITLE,
        abstract: IMPORTED_ABSTRACT,
        journal: 'Annual review of pharmacology and toxicology',
        year: 2014,
        publishedOn: '2014',
        doi: '10.1146/annurev-pharmtox-011613-135950',
        pmcid: 'PMC4089991',
        publicationTypes: ['Journal Article', 'Research Support, N.I.H., Intramural', 'Review'],
        meshTerms: ['Animals', 'Antidepressive Agents', 'Depressive Disorder, Major', 'Excitatory Amino Acid Antagonists', 'Humans', 'Ketamine', 'Receptors, N-Methyl-D-Aspartate'],
        cites: [],
      });
      expect(await storedPaper(db, copy.pmid('27090301'))).toMatchObject({
        title: COCAINE_TITLE,
        abstract: null,
        journal: 'Molecular psychiatry',
        year: 2017,
        publishedOn: '2017-01',
        doi: '10.1038/mp.2016.39',
        pmcid: null,
        publicationTypes: ['Clinical Trial', 'Journal Article', 'Randomized Controlled Trial', 'Research Support, N.I.H., Extramural'],
        meshTerms: ['Adult', 'Cocaine', 'Cocaine-Related Disorders', 'Cross-Over Studies', 'Excitatory Amino Acid Antagonists', 'Humans', 'Ketamine', 'Male', 'Self Administration'],
      });
      expect(await storedPaper(db, copy.pmid('29532791'))).toMatchObject({
        title: MECHANISMS_TITLE,
        journal: 'Molecular psychiatry',
        year: 2018,
        publishedOn: '2018-04',
        doi: '10.1038/mp.2017.255',
        publicationTypes: ['Journal Article', 'Research Support, N.I.H., Extramural', 'Review'],
      });
    });

    it('links authors in byline order with full names and the ORCID', async () => {
      const glutamate = await storedPaper(db, copy.pmid('24392693'));
      expect(authorNames(glutamate)).toEqual([
        [0, 'Niciu MJ', 'Niciu, Mark J'],
        [1, 'Henter ID', 'Henter, Ioline D'],
        [2, 'Luckenbaugh DA', 'Luckenbaugh, David A'],
        [3, 'Zarate CA Jr', 'Zarate, Carlos A Jr'],
        [4, 'Charney DS', 'Charney, Dennis S'],
      ]);
      expect(glutamate?.authors[0]?.orcid).toBe('0000-0002-1825-0097');
      expect(authorNames(await storedPaper(db, copy.pmid('27090301'))).map(([position, name]) => [position, name])).toEqual([
        [0, 'Dakwar E'],
        [1, 'Hart CL'],
        [2, 'Levin FR'],
        [3, 'Nunes EV'],
        [4, 'Foltin RW'],
      ]);
      expect(authorNames(await storedPaper(db, copy.pmid('29532791')))).toEqual([
        [0, 'Zanos P', 'Zanos, P'],
        [1, 'Gould TD', 'Gould, T D'],
      ]);
    });

    it('stores nothing for the malformed record', async () => {
      const [row] = await db.readRows<{ papers: number }>(
        `RETURN COUNT { MATCH (p:Paper) WHERE p.doi = '10.1000/evmap.no-pmid' OR p.title STARTS WITH 'Example record exported without its PMID' } AS papers`,
      );
      expect(row?.papers).toBe(0);
    });

    it('tags mentions of seed entities as TEXT_MINED claims: a sentence claim where a sentence links them, a MENTIONS claim otherwise', async () => {
      const pmid = copy.pmid('24392693');
      const rows = await db.readRows<{ entity: string; quote: string; stance: string; unit: string | null }>(
        `MATCH (:Paper {pmid: $pmid})-[:ASSERTS]->(c:Claim {source: 'TEXT_MINED'})-[:ABOUT]->(e) RETURN e.id AS entity, c.quote AS quote, c.stance AS stance, c.unit AS unit`,
        { pmid },
      );
      expect(summary.mentions).toBeGreaterThan(0);
      const targets = 'three important targets have been identified: mammalian target of rapamycin (mTOR), eukaryotic elongation factor 2 (eEF2), and glycogen synthase kinase-3 (GSK-3).';
      for (const entity of ['mtor', 'gsk-3', 'eef2', 'ketamine']) {
        expect(rows).toEqual(expect.arrayContaining([{ entity, quote: expect.stringContaining(targets), stance: 'MENTIONS', unit: 'sentence' }]));
      }
      // Named in no sentence that links it to another kind of entity: its own claim, quoting the mention.
      expect(rows).toEqual(expect.arrayContaining([{ entity: 'classic-monoaminergic-antidepressants', quote: 'classic monoaminergic antidepressants', stance: 'MENTIONS', unit: null }]));
      const mentionOnly = rows.filter((r) => r.unit === null).map((r) => r.entity);
      expect(mentionOnly.filter((e) => rows.some((r) => r.unit === 'sentence' && r.entity === e))).toEqual([]);
    });

    it('stores the MeSH subject fields as string lists the paper projection reads back, with no UIs from MEDLINE text', async () => {
      const [glutamate] = await papersByPmids(db, [copy.pmid('24392693')]);
      expect(glutamate).toMatchObject({
        meshIds: [],
        majorTopics: ['Antidepressive Agents', 'Depressive Disorder, Major', 'Excitatory Amino Acid Antagonists', 'Ketamine', 'Receptors, N-Methyl-D-Aspartate'],
        checkTags: ['Animals', 'Humans'],
        chemicals: ['Antidepressive Agents', 'Excitatory Amino Acid Antagonists', 'Receptors, N-Methyl-D-Aspartate', 'Ketamine'],
        chemicalIds: [],
        supplementaryConcepts: [],
        keywords: ['NMDA receptor', 'biomarkers', 'ketamine', 'mTOR'],
      });
    });

    it('changes nothing when the same file is imported again', async () => {
      const pmids = ['24392693', '27090301', '29532791'].map(copy.pmid);
      const before = await importSnapshot(db, pmids);
      const again = await importFile(db, copy.file);
      const after = await importSnapshot(db, pmids);

      expect(again).toMatchObject({ records: 3, created: 0, updated: 0, unchanged: 3 });
      expect(again.rejected.map((r) => r.recordNumber)).toEqual([2]);
      expect(before.length).toBeGreaterThan(pmids.length);
      expect(after).toEqual(before);
    });
  });

  describe('a PubMed XML file with a malformed record 2', () => {
    let copy: UniqueCopy;
    let summary: ImportSummary;
    beforeAll(async () => {
      copy = copyFixtureWithUniquePmids('pubmed-sample.xml', tmp.dir);
      summary = await importFile(db, copy.file);
    });

    it('imports the 3 good records and reports record 2 with its identifier', () => {
      expect(summary).toMatchObject({ file: copy.file, format: 'pubmed-xml', records: 3, created: 3, updated: 0, unchanged: 0 });
      expect(summary.rejected).toEqual([{ recordNumber: 2, identifier: '10.1000/evmap.no-pmid', reason: 'article has no MedlineCitation/PMID' }]);
    });

    it('stores the same fields as MEDLINE would, with inline markup flattened in the abstract', async () => {
      const glutamate = await storedPaper(db, copy.pmid('24392693'));
      expect(glutamate).toMatchObject({
        title: GLUTAMATE_TITLE,
        abstract: IMPORTED_ABSTRACT,
        journal: 'Annual review of pharmacology and toxicology',
        year: 2014,
        doi: '10.1146/annurev-pharmtox-011613-135950',
        pmcid: 'PMC4089991',
        publicationTypes: ['Journal Article', 'Research Support, N.I.H., Intramural', 'Review'],
        meshTerms: ['Animals', 'Antidepressive Agents', 'Depressive Disorder, Major', 'Excitatory Amino Acid Antagonists', 'Humans', 'Ketamine', 'Receptors, N-Methyl-D-Aspartate'],
      });
      expect(authorNames(glutamate)).toEqual([
        [0, 'Niciu MJ', 'Niciu, Mark J'],
        [1, 'Henter ID', 'Henter, Ioline D'],
        [2, 'Luckenbaugh DA', 'Luckenbaugh, David A'],
        [3, 'Zarate CA Jr', 'Zarate, Carlos A Jr'],
        [4, 'Charney DS', 'Charney, Dennis S'],
      ]);
      expect(glutamate?.authors[0]?.orcid).toBe('0000-0002-1825-0097');
      const cocaine = await storedPaper(db, copy.pmid('27090301'));
      expect(cocaine).toMatchObject({
        title: COCAINE_TITLE,
        journal: 'Molecular psychiatry',
        year: 2017,
        publishedOn: '2017-01',
        doi: '10.1038/mp.2016.39',
        pmcid: null,
        publicationTypes: ['Clinical Trial', 'Journal Article', 'Randomized Controlled Trial', 'Research Support, N.I.H., Extramural'],
        meshTerms: ['Adult', 'Cocaine', 'Cocaine-Related Disorders', 'Cross-Over Studies', 'Humans', 'Ketamine'],
      });
      expect(authorNames(cocaine).map(([position, name]) => [position, name])).toEqual([
        [0, 'Dakwar E'],
        [1, 'Hart CL'],
        [2, 'Levin FR'],
        [3, 'Nunes EV'],
        [4, 'Foltin RW'],
      ]);
      expect(await storedPaper(db, copy.pmid('29532791'))).toMatchObject({ title: MECHANISMS_TITLE, year: 2018, publishedOn: '2018-04', doi: '10.1038/mp.2017.255' });
    });

    it('links CITES from the ReferenceList to the referenced PMIDs, skipping the reference without one', async () => {
      expect((await storedPaper(db, copy.pmid('29532791')))?.cites).toEqual([copy.pmid('24392693'), copy.pmid('27090301')].sort());
      expect((await storedPaper(db, copy.pmid('24392693')))?.cites).toEqual([]);
    });

    it('changes nothing when the same file is imported again', async () => {
      const pmids = ['24392693', '27090301', '29532791'].map(copy.pmid);
      const before = await importSnapshot(db, pmids);
      const again = await importFile(db, copy.file);
      const after = await importSnapshot(db, pmids);

      expect(again).toMatchObject({ records: 3, created: 0, updated: 0, unchanged: 3 });
      expect(again.rejected.map((r) => r.recordNumber)).toEqual([2]);
      // The review's two ReferenceList citations and the trial's CommentsCorrections "Cites", each seen from both ends.
      expect(before.filter((line) => line.includes('"type":"CITES"'))).toHaveLength(6);
      expect(after).toEqual(before);
    });
  });

  it('keeps what an earlier import stored when a later file has a sparser record for the same paper and a record that cannot be written', async () => {
    const copy = copyFixtureWithUniquePmids('pubmed-sample.nbib', tmp.dir);
    await importFile(db, copy.file);
    const pmid = copy.pmid('24392693');
    const before = await storedPaper(db, pmid);
    const fresh = uniquePmidMapping(['10000001', '10000002']);
    const [added, failing] = [fresh.get('10000001')!, fresh.get('10000002')!];
    const later = path.join(tmp.dir, `later-${pmid}.nbib`);
    // A 10,000-character author name is beyond what Neo4j can index as an Author key, so that
    // record's write fails in the database, not in the parser.
    writeFileSync(
      later,
      [
        `PMID- ${pmid}`,
        `TI  - ${GLUTAMATE_TITLE}`,
        '',
        `PMID- ${added}`,
        'TI  - Ketamine and mTOR signalling in a record added by a later file.',
        'FAU - Later, Ann',
        'AU  - Later A',
        '',
        `PMID- ${failing}`,
        'TI  - A record whose write the database refuses.',
        `AU  - ${'X'.repeat(10_000)} A`,
        '',
      ].join('\n'),
    );

    const summary = await importFile(db, later);

    expect(summary).toMatchObject({ format: 'medline', records: 2, created: 1, updated: 0, unchanged: 1 });
    expect(summary.rejected).toEqual([{ recordNumber: 3, identifier: failing, reason: expect.stringMatching(/^could not be written: /) }]);
    expect(before?.abstract).toBe(IMPORTED_ABSTRACT);
    expect(await storedPaper(db, pmid)).toEqual(before);
    expect(await storedPaper(db, added)).toMatchObject({ title: 'Ketamine and mTOR signalling in a record added by a later file', authors: [{ position: 0, name: 'Later A' }] });
    expect(await storedPaper(db, failing)).toBeUndefined();
  });

  it('counts every record as created, updated or unchanged when its paper was so far known only as a citation', async () => {
    const medline = copyFixtureWithUniquePmids('pubmed-sample.nbib', tmp.dir);
    const cited = ['24392693', '27090301', '29532791'].map(medline.pmid);
    const citing = path.join(tmp.dir, `citing-${cited[0]}.xml`);
    const references = cited.map((pmid) => `<Reference><ArticleIdList><ArticleId IdType="pubmed">${pmid}</ArticleId></ArticleIdList></Reference>`);
    writeFileSync(
      citing,
      `<?xml version="1.0"?>\n<PubmedArticleSet><PubmedArticle><MedlineCitation><PMID>${uniquePmidMapping(['10000003']).get('10000003')}</PMID>` +
        `<Article><ArticleTitle>A later review citing the three sample papers.</ArticleTitle></Article></MedlineCitation>` +
        `<PubmedData><ReferenceList>${references.join('')}</ReferenceList></PubmedData></PubmedArticle></PubmedArticleSet>\n`,
    );
    expect(await importFile(db, citing)).toMatchObject({ records: 1, created: 1 });

    const summary = await importFile(db, medline.file);

    // `evmap import` prints these three numbers; a user expects them to add up to the records imported.
    expect({ records: summary.records, counted: summary.created + summary.updated + summary.unchanged, unchanged: summary.unchanged }).toEqual({
      records: 3,
      counted: 3,
      unchanged: 0,
    });
    expect((await storedPaper(db, cited[0]!))?.title).toBe(GLUTAMATE_TITLE);
  });

  it('counts a record as updated when it only adds a field its paper lacked, such as a PMCID assigned later', async () => {
    const copy = copyFixtureWithUniquePmids('pubmed-sample.nbib', tmp.dir);
    await importFile(db, copy.file);
    const pmid = copy.pmid('27090301');
    const text = readFileSync(copy.file, 'utf8');
    const refreshed = path.join(tmp.dir, `refreshed-${pmid}.nbib`);
    // The export of the same records a few months on: PubMed has since given the trial a PMCID.
    writeFileSync(refreshed, text.replace('AID - 10.1038/mp.2016.39 [doi]\n', 'AID - 10.1038/mp.2016.39 [doi]\nPMC - PMC9999999\n'));
    expect(readFileSync(refreshed, 'utf8')).not.toBe(text);

    const summary = await importFile(db, refreshed);

    expect((await storedPaper(db, pmid))?.pmcid).toBe('PMC9999999');
    expect(summary).toMatchObject({ records: 3, created: 0, updated: 1, unchanged: 2 });
  });

  it('keeps one author list when the same papers come from MEDLINE and then PubMed XML', async () => {
    const medline = copyFixtureWithUniquePmids('pubmed-sample.nbib', tmp.dir);
    await importFile(db, medline.file);
    const xml = copyFixtureWithUniquePmids('pubmed-sample.xml', tmp.dir, medline.mapping);

    const summary = await importFile(db, xml.file);

    // The XML adds citations to one paper and carries shorter MeSH lists for two, and gives all
    // three the MeSH UIs (meshIds, chemicalIds) that MEDLINE text lacks.
    expect(summary).toMatchObject({ records: 3, created: 0, updated: 3, unchanged: 0 });
    expect(authorNames(await storedPaper(db, medline.pmid('24392693'))).map(([position, name]) => [position, name])).toEqual([
      [0, 'Niciu MJ'],
      [1, 'Henter ID'],
      [2, 'Luckenbaugh DA'],
      [3, 'Zarate CA Jr'],
      [4, 'Charney DS'],
    ]);
    expect(authorNames(await storedPaper(db, medline.pmid('27090301'))).map(([position]) => position)).toEqual([0, 1, 2, 3, 4]);
  });

  it('keeps the MeSH UIs from PubMed XML when MEDLINE text of the same papers comes after', async () => {
    const xml = copyFixtureWithUniquePmids('pubmed-sample.xml', tmp.dir);
    await importFile(db, xml.file);
    const medline = copyFixtureWithUniquePmids('pubmed-sample.nbib', tmp.dir, xml.mapping);

    await importFile(db, medline.file);

    const [glutamate] = await papersByPmids(db, [xml.pmid('24392693')]);
    expect(glutamate?.meshIds).toEqual(['MESH:D000818', 'MESH:D000928', 'MESH:D003865', 'MESH:D018691', 'MESH:D006801', 'MESH:D007649', 'MESH:D016194']);
    expect(glutamate?.chemicalIds).toEqual(['MESH:D000928', 'MESH:D018691', 'MESH:D016194', 'MESH:D007649']);
  });

  describe('format sniffing', () => {
    it('reads MEDLINE by its content whatever the file is called', async () => {
      const copy = copyFixtureWithUniquePmids('pubmed-sample.nbib', tmp.dir);
      const misnamed = path.join(tmp.dir, `medline-${copy.pmid('24392693')}.xml`);
      copyFileSync(copy.file, misnamed);
      expect(await importFile(db, misnamed)).toMatchObject({ format: 'medline', records: 3 });
    });

    it('reads PubMed XML by its content whatever the file is called', async () => {
      const copy = copyFixtureWithUniquePmids('pubmed-sample.xml', tmp.dir);
      const misnamed = path.join(tmp.dir, `xml-${copy.pmid('24392693')}.txt`);
      copyFileSync(copy.file, misnamed);
      expect(await importFile(db, misnamed)).toMatchObject({ format: 'pubmed-xml', records: 3 });
    });

    it('reads a saved PubMed page as a seed page with its similar, citing and referenced papers', async () => {
      const copy = copySeedWithUniquePmids(tmp.dir);
      const summary = await importFile(db, copy.file);
      expect(summary).toMatchObject({ format: 'seed', records: 15, rejected: [] });
      const [row] = await db.readRows<{ similar: number; citing: number; title: string }>(
        `MATCH (p:Paper {pmid: $pmid})
         RETURN p.title AS title, COUNT { (p)-[:SIMILAR_TO]->() } AS similar, COUNT { (p)<-[:CITES]-() } AS citing`,
        { pmid: copy.pmid('24392693') },
      );
      expect(row).toEqual({ title: expect.stringMatching(/^Glutamate receptor antagonists/), similar: 5, citing: 5 });
    });
  });

  describe('the evmap command', () => {
    it('import: exits 3 and lists the rejected record on stdout while the rest import', async () => {
      const copy = copyFixtureWithUniquePmids('pubmed-sample.nbib', tmp.dir);
      const result = await runCli(['import', copy.file]);
      expect({ code: result.code, stderr: result.stderr }).toMatchObject({ code: 3 });
      expect(result.stdout).toContain(`${copy.file} (medline): 4 records read`);
      expect(result.stdout).toContain('3 created, 0 updated, 0 unchanged, 1 rejected');
      expect(result.stdout).toContain('rejected record 2 (10.1000/evmap.no-pmid): record has no PMID');
      expect((await storedPaper(db, copy.pmid('29532791')))?.title).toBe(MECHANISMS_TITLE);
    }, 120_000);

    it('import --metrics-file: writes the import metrics in Prometheus text for a textfile collector', async () => {
      const copy = copyFixtureWithUniquePmids('pubmed-sample.nbib', tmp.dir);
      const metrics = path.join(tmp.dir, 'evmap-import.prom');
      const result = await runCli(['import', '--metrics-file', metrics, copy.file]);
      expect(result.code).toBe(3);
      const text = readFileSync(metrics, 'utf8');
      expect(text).toContain('# TYPE evmap_import_records_total counter');
      expect(text).toMatch(/^evmap_import_records_total\{outcome="created"\} 3$/m);
      expect(text).toMatch(/^evmap_import_records_total\{outcome="skipped"\} 1$/m);
      expect(text).toMatch(/^evmap_import_running 0$/m);
      expect(text).toMatch(/^evmap_import_claims_total\{source="TEXT_MINED"\} \d+$/m);
      // Written through a temporary file and renamed, so no half-written file is ever left.
      expect(readdirSync(tmp.dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    }, 120_000);

    it('import --metrics-file goes with an incremental import, not --bulk', async () => {
      const result = await runCli(['import', '--bulk', '--metrics-file', path.join(tmp.dir, 'x.prom'), 'whatever.nbib']);
      expect(result.code).toBe(6);
      expect(result.stderr).toContain('--metrics-file goes with an incremental import');
    }, 120_000);

    it('import: exits 1 with the reason on stderr for a missing file', async () => {
      const missing = path.join(tmp.dir, 'not-there.nbib');
      const result = await runCli(['import', missing]);
      expect(result.code).toBe(1);
      expect(result.stderr).toContain(`${missing}: no such file`);
      expect(result.stdout).not.toContain('records in');
    }, 120_000);

    it('stats --json: prints JSON with the Paper count', async () => {
      const result = await runCli(['stats', '--json']);
      expect(result.code).toBe(0);
      const stats = JSON.parse(result.stdout) as { nodes: number; labels: Array<{ name: string; count: number }> };
      const papers = stats.labels.find((l) => l.name === 'Paper')?.count;
      // This file alone has stored the 15 seed papers and at least 3 more.
      expect(papers).toBeGreaterThanOrEqual(18);
      expect(stats.nodes).toBeGreaterThanOrEqual(papers ?? Infinity);
    }, 120_000);
  });
});

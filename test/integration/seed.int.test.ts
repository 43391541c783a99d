import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { importFile } from '../../src/ingest/pipeline';
import { loadSeed, SEED_ANNOTATIONS_FILE, SEED_PAGE_FILE, SEED_VOCABULARY_FILE, type SeedSummary } from '../../src/ingest/seed';
import { parseSeedPage } from '../../src/ingest/seedPage';
import { testDb } from '../helpers/db';
import { copySeedWithUniquePmids, ingestTmpDir } from '../helpers/ingestFixtures';

const SEED = '24392693';
const SIMILAR = ['24388038', '29532791', '28111761', '27062302', '32017978'];
const CITED_BY = ['27090301', '28322166', '27723376', '34753794', '25726893'];
// The page gives references no PMIDs; the keys come from the page parser, which has its own unit tests.
const REFERENCE_KEYS = parseSeedPage(readFileSync(SEED_PAGE_FILE, 'utf8')).references.map((r) => r.pmid);
const PAGE_KEYS = [SEED, ...SIMILAR, ...CITED_BY, ...REFERENCE_KEYS];

/** The curated file as a curator wrote it, read without the loader under test. */
interface CuratedFile {
  entities: Record<string, Array<{ id: string }>>;
  claims: Array<{
    id: string;
    paper: string;
    about: string[];
    stance: string;
    statement: string;
    quote: string;
    field: 'title' | 'abstract';
    evidenceLevel: string;
    confidence: number;
    source: string;
    curator: string;
  }>;
}
const curated = parse(readFileSync(SEED_ANNOTATIONS_FILE, 'utf8')) as CuratedFile;
const CLAIM_IDS = curated.claims.map((c) => c.id);
const ENTITY_IDS = Object.values(curated.entities).flatMap((group) => group.map((e) => e.id));
const VOCABULARY = parse(readFileSync(SEED_VOCABULARY_FILE, 'utf8')) as Pick<CuratedFile, 'entities'>;
const VOCABULARY_IDS = Object.values(VOCABULARY.entities).flatMap((group) => group.map((e) => e.id));

/** Sorts object keys so that two reads of the same graph serialise identically. */
function stable(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(stable);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b)).map(([k, v]) => [k, stable(v)]));
  }
  return value;
}

/** Rows as sorted JSON lines: a diff of two snapshots shows exactly what changed. */
function lines(rows: unknown[]): string[] {
  return rows.map((r) => JSON.stringify(stable(r))).sort();
}

type Db = ReturnType<typeof testDb>['db'];

/**
 * Everything a seed load writes: the page's papers with their properties, every relationship
 * between them, their authors and their curated or mined claims, those claims with their ABOUT
 * links, and the curated entities. Links other test files add from papers or claims of their
 * own are left out, since those files run at the same time.
 */
async function seedSnapshot(db: Db): Promise<{ papers: string[]; relationships: string[]; authors: string[]; claims: string[]; entities: string[] }> {
  const params = { keys: PAGE_KEYS, claimIds: CLAIM_IDS, entityIds: ENTITY_IDS };
  const papers = await db.readRows(`MATCH (p:Paper) WHERE p.pmid IN $keys RETURN p.pmid AS key, properties(p) AS props`, params);
  const relationships = await db.readRows(
    `MATCH (p:Paper)-[r]-(n) WHERE p.pmid IN $keys
       AND ((n:Paper AND n.pmid IN $keys) OR n:Author OR (n:Claim AND (n.id IN $claimIds OR n.id STARTS WITH 'mined:')))
     RETURN p.pmid AS paper, type(r) AS type, startNode(r) = p AS outgoing, labels(n) AS labels,
            coalesce(n.pmid, n.id) AS other, properties(r) AS props`,
    params,
  );
  const authors = await db.readRows(`MATCH (p:Paper)-[:AUTHORED_BY]->(a:Author) WHERE p.pmid IN $keys RETURN DISTINCT properties(a) AS props`, params);
  const claims = await db.readRows(
    `MATCH (p:Paper)-[:ASSERTS]->(c:Claim) WHERE p.pmid IN $keys AND (c.id IN $claimIds OR c.id STARTS WITH 'mined:')
     RETURN c.id AS id, properties(c) AS props, [(c)-[:ABOUT]->(e) | e.id] AS about, COUNT { (c)<-[:ASSERTS]-() } AS asserters`,
    params,
  );
  const entities = await db.readRows(
    `MATCH (e) WHERE e.id IN $entityIds AND NOT e:Claim AND NOT e:Author
     WITH e, coalesce(e.importedXrefs, []) AS learned
     // A concurrent PubTator3 test may add xrefs it learned (importedXrefs); the seed's own properties are what must not change.
     RETURN labels(e) AS labels,
            e{.*, xrefs: [x IN coalesce(e.xrefs, []) WHERE NOT x IN learned], importedXrefs: null} AS props,
            [(e)-[:CONCERNS]->(t) | t.id] AS concerns`,
    params,
  );
  return {
    papers: lines(papers),
    relationships: lines(relationships),
    authors: lines(authors),
    claims: lines(claims.map((c) => ({ ...c, about: [...(c.about as string[])].sort() }))),
    entities: lines(entities.map((e) => ({ ...e, concerns: [...(e.concerns as string[])].sort() }))),
  };
}

interface StoredClaim {
  id: string;
  papers: string[];
  about: string[];
  source: string;
  stance: string;
  statement: string | null;
  quote: string;
  field: 'title' | 'abstract';
  start: number;
  end: number;
  evidenceLevel: string | null;
  confidence: number | null;
  curator: string | null;
  text: string | null;
}

const STORED_CLAIM = `
  RETURN c.id AS id, [(p:Paper)-[:ASSERTS]->(c) | p.pmid] AS papers, [(c)-[:ABOUT]->(e) | e.id] AS about,
         c.source AS source, c.stance AS stance, c.statement AS statement, c.quote AS quote, c.field AS field,
         c.quoteStart AS start, c.quoteEnd AS end, c.evidenceLevel AS evidenceLevel, c.confidence AS confidence,
         c.curator AS curator, head([(p:Paper)-[:ASSERTS]->(c) | p[c.field]]) AS text`;

/**
 * Mined claims that repeat curated evidence of their paper: a mention of an entity a curated
 * claim is about, or a sentence claim quoting text a curated claim quotes.
 */
async function minedDuplicates(db: Db, pmids: string[]): Promise<Array<{ pmid: string; entity: string; mined: string }>> {
  return db.readRows(
    `MATCH (p:Paper)-[:ASSERTS]->(m:Claim {source: 'TEXT_MINED'})-[:ABOUT]->(e)
     WHERE p.pmid IN $pmids AND EXISTS {
       MATCH (p)-[:ASSERTS]->(c:Claim)-[:ABOUT]->(e) WHERE c.source <> 'TEXT_MINED'
         AND (m.unit IS NULL OR (c.field = m.field AND c.quoteStart < m.quoteEnd AND m.quoteStart < c.quoteEnd))
     }
     RETURN p.pmid AS pmid, e.id AS entity, m.id AS mined ORDER BY pmid, entity`,
    { pmids },
  );
}

describe('loadSeed against Neo4j', () => {
  const { db, close } = testDb();
  const tmp = ingestTmpDir();
  let first: SeedSummary;

  beforeAll(async () => {
    first = await loadSeed(db);
  });
  afterAll(async () => {
    await close();
    tmp.cleanup();
  });

  it('summarises the page: the seed paper, 5 similar, 5 citing, 4 references', () => {
    expect(first).toMatchObject({ pmid: SEED, similar: 5, citedBy: 5, references: 4, entities: ENTITY_IDS.length + VOCABULARY_IDS.length });
  });

  it('stores the seed paper with its title, DOI, PMCID and abstract', async () => {
    const [paper] = await db.readRows(
      'MATCH (p:Paper {pmid: $pmid}) RETURN p.title AS title, p.doi AS doi, p.pmcid AS pmcid, p.abstract AS abstract',
      { pmid: SEED },
    );
    expect(paper).toEqual({
      title: 'Glutamate receptor antagonists as fast-acting therapeutic alternatives for the treatment of depression: ketamine and other compounds',
      doi: '10.1146/annurev-pharmtox-011613-135950',
      pmcid: 'PMC4089991',
      abstract: expect.stringMatching(/^The N-methyl-D-aspartate \(NMDA\) receptor antagonist ketamine has rapid and potent antidepressant effects/),
    });
    expect(paper?.abstract).toMatch(/three important targets have been identified: mammalian target of rapamycin \(mTOR\), eukaryotic elongation factor 2 \(eEF2\), and glycogen synthase kinase-3 \(GSK-3\)\./);
    expect(paper?.abstract).toMatch(/treatment response biomarkers of ketamine's antidepressant effects\.$/);
  });

  it('links exactly 5 similar articles with ranks 1..5 in page order', async () => {
    const rows = await db.readRows<{ pmid: string; rank: number; journal: string | null }>(
      'MATCH (:Paper {pmid: $pmid})-[r:SIMILAR_TO]->(q:Paper) RETURN q.pmid AS pmid, r.rank AS rank, q.journal AS journal ORDER BY r.rank',
      { pmid: SEED },
    );
    expect(rows.map((r) => [r.rank, r.pmid])).toEqual(SIMILAR.map((pmid, i) => [i + 1, pmid]));
    expect(rows[0]?.journal).toBe('J Affect Disord');
  });

  it('has each of the 5 citing papers CITE the seed paper once', async () => {
    const rows = await db.readRows<{ pmid: string; links: number }>(
      'MATCH (c:Paper)-[r:CITES]->(:Paper {pmid: $pmid}) WHERE c.pmid IN $citers RETURN c.pmid AS pmid, count(r) AS links ORDER BY pmid',
      { pmid: SEED, citers: CITED_BY },
    );
    expect(rows).toEqual([...CITED_BY].sort().map((pmid) => ({ pmid, links: 1 })));
  });

  it('has the seed paper CITE its 4 references under synthetic keys', async () => {
    const rows = await db.readRows<{ key: string; synthetic: boolean | null; title: string | null; year: number | null }>(
      `MATCH (:Paper {pmid: $pmid})-[:CITES]->(r:Paper) WHERE r.synthetic
       RETURN r.pmid AS key, r.synthetic AS synthetic, r.title AS title, r.year AS year ORDER BY r.year`,
      { pmid: SEED },
    );
    expect(rows).toHaveLength(4);
    expect(new Set(rows.map((r) => r.key))).toEqual(new Set(REFERENCE_KEYS));
    for (const row of rows) expect(row.key).toMatch(/^(ref|doi):/);
    expect(rows.map((r) => [r.year, r.title])).toEqual([
      [2006, 'Acute and longer-term outcomes in depressed outpatients requiring one or several treatment steps: a STAR*D report'],
      [2009, 'The STAR*D trial: revealing the need for better treatments'],
      [2011, 'Combining Medications to Enhance Depression Outcomes (CO-MED): acute and long-term outcomes of a single-blind randomized study'],
      [2013, 'The economic burden of treatment-resistant depression'],
    ]);
  });

  it('stores every curated claim as SEED, asserted by the seed paper, ABOUT its entities, with a quote that matches the stored paper text', async () => {
    const stored = await db.readRows<StoredClaim>(`UNWIND $ids AS id MATCH (c:Claim {id: id}) ${STORED_CLAIM}`, { ids: CLAIM_IDS });
    expect(stored.map((c) => c.id).sort()).toEqual([...CLAIM_IDS].sort());
    for (const claim of curated.claims) {
      const row = stored.find((c) => c.id === claim.id)!;
      expect({ id: row.id, papers: row.papers, about: [...row.about].sort(), source: row.source }).toEqual({
        id: claim.id,
        papers: [SEED],
        about: [...claim.about].sort(),
        source: 'SEED',
      });
      expect(row).toMatchObject({
        stance: claim.stance,
        statement: claim.statement,
        quote: claim.quote,
        field: claim.field,
        evidenceLevel: claim.evidenceLevel,
        confidence: claim.confidence,
        curator: claim.curator,
      });
      expect({ id: row.id, sliced: row.text?.slice(row.start, row.end) }).toEqual({ id: claim.id, sliced: claim.quote });
    }
  });

  it('answers "which papers support mTOR?" with the seed paper, and likewise for eEF2 and GSK-3', async () => {
    const rows = await db.readRows<{ target: string; papers: string[] }>(
      `UNWIND ['mtor', 'eef2', 'gsk-3'] AS target
       MATCH (p:Paper)-[:ASSERTS]->(:Claim {stance: 'SUPPORTS'})-[:ABOUT]->(:Mechanism {id: target})
       RETURN target, collect(DISTINCT p.pmid) AS papers ORDER BY target`,
    );
    expect(rows.map((r) => r.target)).toEqual(['eef2', 'gsk-3', 'mtor']);
    for (const row of rows) expect(row.papers).toContain(SEED);
  });

  it('mines sentence claims from the page papers: each quotes a whole sentence that slices back and links entities of two kinds', async () => {
    const mined = await db.readRows<{ id: string; quote: string; sliced: string; kinds: number; stance: string; confidence: number }>(
      `MATCH (p:Paper)-[:ASSERTS]->(c:Claim {source: 'TEXT_MINED', unit: 'sentence'}) WHERE p.pmid IN $keys
       RETURN c.id AS id, c.quote AS quote, substring(CASE c.field WHEN 'title' THEN p.title ELSE p.abstract END, c.quoteStart, c.quoteEnd - c.quoteStart) AS sliced,
              COUNT { MATCH (c)-[:ABOUT]->(e) RETURN DISTINCT head(labels(e)) } AS kinds, c.stance AS stance, c.confidence AS confidence`,
      { keys: PAGE_KEYS },
    );
    expect(mined.length).toBeGreaterThan(0);
    for (const claim of mined) {
      expect({ id: claim.id, sliced: claim.sliced }).toEqual({ id: claim.id, sliced: claim.quote });
      expect(claim.kinds).toBeGreaterThanOrEqual(2);
      expect(claim.confidence).toBeLessThan(0.8);
    }
    // "Glutamate-Modulating Drugs as a Potential Therapeutic Strategy in Obsessive-Compulsive Disorder" is a title, hedged by "Potential".
    expect(mined.find((c) => c.quote.startsWith('Glutamate-Modulating Drugs'))).toMatchObject({ stance: 'SUPPORTS' });
  });

  it('mines the titles of other page papers: an entity outside every linking sentence gets a MENTIONS claim, one inside gets none', async () => {
    const mined = await db.readRows<StoredClaim & { pmid: string; unit: string | null }>(
      `MATCH (p:Paper)-[:ASSERTS]->(c:Claim {source: 'TEXT_MINED'}) WHERE p.pmid IN $keys WITH p.pmid AS pmid, c ${STORED_CLAIM}, pmid, c.unit AS unit`,
      { keys: PAGE_KEYS },
    );
    const covering = (pmid: string, entity: string) => mined.filter((c) => c.pmid === pmid && c.about.includes(entity)).map((c) => ({ unit: c.unit, field: c.field, quote: c.quote }));
    // "Ketamine up-regulates … by inhibiting glycogen synthase kinase-3." links a compound and a mechanism: one sentence claim.
    expect(covering('27723376', 'gsk-3')).toEqual([{ unit: 'sentence', field: 'title', quote: expect.stringContaining('by inhibiting glycogen synthase kinase-3') }]);
    expect(covering('27723376', 'ketamine')).toEqual(covering('27723376', 'gsk-3'));
    const mentions = mined.filter((c) => c.unit === null);
    expect(mentions.length).toBeGreaterThan(0);
    for (const claim of mentions) {
      expect({ id: claim.id, stance: claim.stance, about: claim.about.length, sliced: claim.text?.slice(claim.start, claim.end) }).toEqual({
        id: claim.id,
        stance: 'MENTIONS',
        about: 1,
        sliced: claim.quote,
      });
      const entity = claim.about[0] as string;
      expect({ id: claim.id, alsoInSentence: mined.some((c) => c.pmid === claim.pmid && c.unit === 'sentence' && c.about.includes(entity)) }).toEqual({ id: claim.id, alsoInSentence: false });
    }
  });

  it('mines no claim that duplicates a curated claim of the same paper about the same entity', async () => {
    expect(await minedDuplicates(db, PAGE_KEYS)).toEqual([]);
    // The seed abstract names mTOR, so only the curated claim keeps mining from adding one.
    const [row] = await db.readRows<{ mined: number }>(`RETURN COUNT { MATCH (:Paper {pmid: $pmid})-[:ASSERTS]->(:Claim {source: 'TEXT_MINED'}) } AS mined`, { pmid: SEED });
    expect(row?.mined).toBe(0);
  });

  it('changes nothing when loaded again', async () => {
    const before = await seedSnapshot(db);
    const second = await loadSeed(db);
    const after = await seedSnapshot(db);

    expect(second.papers).toEqual({ created: 0, updated: 0, unchanged: PAGE_KEYS.length });
    expect(second.claims).toEqual({ created: 0, updated: 0 });
    expect(before.claims.length).toBeGreaterThanOrEqual(CLAIM_IDS.length);
    expect(before.relationships.length).toBeGreaterThan(0);
    expect(after).toEqual(before);
  });

  it('does not keep mined claims that a later curated claim of the same paper covers (import the page, then load the seed)', async () => {
    const copy = copySeedWithUniquePmids(tmp.dir);
    const pmid = copy.pmid(SEED);
    const imported = await importFile(db, copy.file);
    expect(imported.format).toBe('seed');
    // Importing the page alone mines the abstract, e.g. the sentence naming mTOR, eEF2 and GSK-3 as ketamine's targets.
    const [minedFirst] = await db.readRows<{ quotes: string[] }>(
      `RETURN [(:Paper {pmid: $pmid})-[:ASSERTS]->(c:Claim {source: 'TEXT_MINED'})-[:ABOUT]->(:Mechanism {id: 'mtor'}) | c.quote] AS quotes`,
      { pmid },
    );
    expect(minedFirst?.quotes).toEqual([expect.stringContaining('mammalian target of rapamycin (mTOR)')]);

    await loadSeed(db, { page: copy.file, annotations: copy.annotations });

    expect(await minedDuplicates(db, [pmid])).toEqual([]);
  });

  it('refuses an annotations file with a wrong quote, naming the claim, and writes nothing', async () => {
    const copy = copySeedWithUniquePmids(tmp.dir, (yaml) => yaml.replace('quote: "mammalian target of rapamycin (mTOR)"', 'quote: "mammalian target of rapamycin (MTOR)"'));
    expect(readFileSync(copy.annotations, 'utf8')).toContain('(MTOR)"');
    const pmid = copy.pmid(SEED);
    const pagePmids = [pmid, ...SIMILAR.map(copy.pmid), ...CITED_BY.map(copy.pmid)];
    const count = async () => {
      const [row] = await db.readRows<{ papers: number; claims: number }>(
        `RETURN COUNT { MATCH (p:Paper) WHERE p.pmid IN $pagePmids } AS papers, COUNT { MATCH (c:Claim) WHERE c.id STARTS WITH $pmid } AS claims`,
        { pagePmids, pmid },
      );
      return row;
    };
    const before = await count();

    const load = loadSeed(db, { page: copy.file, annotations: copy.annotations });

    await expect(load).rejects.toThrow(`claim "${pmid}-mtor-target": quote not found in abstract of paper ${pmid}`);
    expect(before).toEqual({ papers: 0, claims: 0 });
    expect(await count()).toEqual(before);
  });
});

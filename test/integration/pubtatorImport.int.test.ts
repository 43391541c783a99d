import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { importFile } from '../../src/ingest/pipeline';
import { loadSeed } from '../../src/ingest/seed';
import { testDb } from '../helpers/db';
import { ingestTmpDir, replacePmids, uniquePmidMapping } from '../helpers/ingestFixtures';
import { startTestServer, type TestServer } from '../helpers/server';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const FIXTURES = path.join(__dirname, '..', 'fixtures', 'pubtator');
/** The PMIDs the PubTator fixtures use; every copy gets fresh ones, so runs do not meet. */
const FIXTURE_PMIDS = ['24392693', '29532791', '27090301', '31000001'];

function copyWithFreshPmids(name: string, dir: string, mapping = uniquePmidMapping(FIXTURE_PMIDS)) {
  const file = path.join(dir, `${[...mapping.values()][0]}-${name}`);
  writeFileSync(file, replacePmids(readFileSync(path.join(FIXTURES, name), 'utf8'), mapping));
  return { file, mapping, pmid: (original: string) => mapping.get(original) as string };
}

interface StoredClaim {
  id: string;
  source: string;
  stance: string;
  predicate: string | null;
  direction: string | null;
  about: string[];
  quote: string;
  sliced: string;
  confidence: number;
}

describe('importing PubTator3 exports', () => {
  const { db, close } = testDb();
  const tmp = ingestTmpDir();
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => {
    await server.close();
    await close();
    tmp.cleanup();
  });

  const claimsOf = (pmid: string) =>
    db.readRows<StoredClaim>(
      `MATCH (p:Paper {pmid: $pmid})-[:ASSERTS]->(c:Claim)
       RETURN c.id AS id, c.source AS source, c.stance AS stance, c.predicate AS predicate, c.direction AS direction,
              [(c)-[:ABOUT]->(e) | e.id] AS about, c.quote AS quote, c.confidence AS confidence,
              substring(CASE c.field WHEN 'title' THEN p.title ELSE p.abstract END, c.quoteStart, c.quoteEnd - c.quoteStart) AS sliced
       ORDER BY id`,
      { pmid },
    );

  it('turns relations into PUBTATOR claims about curated entities matched by identifier, quoting the sentence naming both', async () => {
    const copy = copyWithFreshPmids('export.pubtator', tmp.dir);
    const summary = await importFile(db, copy.file);
    expect(summary.format).toBe('pubtator');
    expect(summary.rejected.map((r) => r.identifier)).toEqual([copy.pmid('27090301')]);
    // Two relations in each of the two papers with text and relations.
    expect(summary.pubtator).toMatchObject({ relationClaims: 4, relationsWithoutSentence: 0 });
    expect(summary.pubtator?.entitiesMatched).toBeGreaterThan(0);

    const claims = await claimsOf(copy.pmid('24392693'));
    for (const c of claims) expect({ id: c.id, sliced: c.sliced }).toEqual({ id: c.id, sliced: c.quote });
    const pubtator = claims.filter((c) => c.source === 'PUBTATOR');
    // MESH:D007649 is the seed's ketamine, MESH:D003865 its major depressive disorder, NCBIGene:2932 the vocabulary's GSK-3β.
    expect(pubtator.map((c) => [c.predicate, c.direction, [...c.about].sort()])).toEqual([
      ['negative_correlate', 'DECREASES', ['gsk-3b', 'ketamine']],
      ['treat', 'DECREASES', ['ketamine', 'major-depressive-disorder']],
    ]);
    expect(pubtator.find((c) => c.predicate === 'treat')?.quote).toBe(
      'Ketamine, an NMDA receptor antagonist, produces rapid antidepressant effects in patients with major depressive disorder.',
    );
    for (const c of pubtator) expect(c.confidence).toBeLessThan(0.8);
    // evmap's own reading of the same abstract runs beside PubTator's.
    expect(claims.some((c) => c.source === 'TEXT_MINED' && c.id.includes(':s:'))).toBe(true);
  });

  it('creates an entity for an identifier nothing carries, keyed and named by PubTator, and finds it by name', async () => {
    const copy = copyWithFreshPmids('export.pubtator', tmp.dir);
    await importFile(db, copy.file);
    const { body } = await server.gql<Json>(`{ mechanism(id: "TGF-β") { id name xrefs } }`);
    expect(body.errors).toBeUndefined();
    expect(body.data?.mechanism).toMatchObject({ name: 'TGF-β', xrefs: ['NCBIGene:7040'] });
  });

  it('keeps an identifier it taught a curated entity when the seed vocabulary is loaded again (as every start-up does)', async () => {
    const copy = copyWithFreshPmids('export.pubtator', tmp.dir);
    await importFile(db, copy.file);
    const xrefsOfMdd = async () => (await db.readRows<{ xrefs: string[] }>(`MATCH (e:Condition {id: 'major-depressive-disorder'}) RETURN e.xrefs AS xrefs`))[0]?.xrefs;
    // "depression" of MESH:D003866 merged by name into the curated condition, which the vocabulary gives MESH:D003865.
    expect(await xrefsOfMdd()).toEqual(['MESH:D003865', 'MESH:D003866']);
    await loadSeed(db);
    expect(await xrefsOfMdd()).toEqual(['MESH:D003865', 'MESH:D003866']);
  });

  it('changes nothing when the same export is imported again', async () => {
    const copy = copyWithFreshPmids('export.pubtator', tmp.dir);
    await importFile(db, copy.file);
    const before = await claimsOf(copy.pmid('24392693'));
    const again = await importFile(db, copy.file);
    expect(again).toMatchObject({ created: 0, updated: 0 });
    expect(again.pubtator?.entitiesCreated).toBe(0);
    expect(await claimsOf(copy.pmid('24392693'))).toEqual(before);
  });

  it('reads BioC-JSON with the PubTator3 wrapper to the same claims as the tab format, confidence following its relation scores', async () => {
    const mapping = uniquePmidMapping(FIXTURE_PMIDS);
    const tab = copyWithFreshPmids('export.pubtator', tmp.dir, mapping);
    await importFile(db, tab.file);
    const fromTab = await claimsOf(tab.pmid('24392693'));
    const json = copyWithFreshPmids('export.biocjson', tmp.dir, mapping);
    const summary = await importFile(db, json.file);
    expect(summary.format).toBe('bioc-json');
    const fromJson = await claimsOf(json.pmid('24392693'));
    const withoutConfidence = (claims: StoredClaim[]) => claims.map(({ confidence: _c, ...rest }) => rest);
    expect(withoutConfidence(fromJson)).toEqual(withoutConfidence(fromTab));
    // The tab format has no scores; BioC-JSON's 0.99 puts its relations near the top of the mined scale.
    const relation = (claims: StoredClaim[]) => claims.find((c) => c.predicate === 'treat')?.confidence ?? 0;
    expect(relation(fromJson)).toBeGreaterThan(relation(fromTab));
  });

  it('counts the relations in supportingPapers and the evidence map when asked for PUBTATOR claims', async () => {
    const copy = copyWithFreshPmids('export.pubtator', tmp.dir);
    await importFile(db, copy.file);
    const pmid = copy.pmid('24392693');
    const { body } = await server.gql<Json>(
      `{ supportingPapers(entity: "ketamine", sources: [PUBTATOR], first: 1000) { edges { node { pmid } claims { source predicate } } } }`,
    );
    expect(body.errors).toBeUndefined();
    const edge = body.data?.supportingPapers.edges.find((e: Json) => e.node.pmid === pmid);
    expect(edge?.claims.map((c: Json) => c.source)).toEqual(['PUBTATOR', 'PUBTATOR']);
    const map = await server.gql<Json>(
      `{ evidenceMap(rows: COMPOUND, columns: CONDITION, where: { rowIds: ["ketamine"], columnIds: ["major-depressive-disorder"], sources: [PUBTATOR] }) { cells { claims bySource { source count } } } }`,
    );
    const [cell] = map.body.data?.evidenceMap.cells ?? [];
    expect(cell.claims).toBeGreaterThan(0);
    expect(cell.bySource.find((s: Json) => s.source === 'PUBTATOR').count).toBe(cell.claims);
  });

  it('annotates only papers already in the graph from a bulk file, which carries no text', async () => {
    const mapping = uniquePmidMapping(FIXTURE_PMIDS);
    const tab = copyWithFreshPmids('export.pubtator', tmp.dir, mapping);
    await importFile(db, tab.file);
    const bulk = copyWithFreshPmids('relation2pubtator3.tsv', tmp.dir, mapping);
    const summary = await importFile(db, bulk.file);
    expect(summary.format).toBe('pubtator-bulk-relations');
    expect(summary.created).toBe(0);
    expect(summary.pubtator?.notInGraph).toBeGreaterThanOrEqual(0);
    const claims = await claimsOf(tab.pmid('24392693'));
    for (const c of claims) expect({ id: c.id, sliced: c.sliced }).toEqual({ id: c.id, sliced: c.quote });
  });
});

import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { importFile } from '../../src/ingest/pipeline';
import { testDb } from '../helpers/db';
import { copyFixtureWithUniquePmids, ingestTmpDir } from '../helpers/ingestFixtures';
import { startTestServer, type TestServer } from '../helpers/server';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** Five ketamine papers in MEDLINE format, among them Li et al. 2010 (mTOR) and Autry et al. 2011 (eEF2). */
const FIVE = 'ketamine-five.nbib';
const LI_2010 = '20724638';

const CELL = `query Cell($sources: [ClaimSource!], $minConfidence: Float) {
  evidenceMap(rows: COMPOUND, columns: MECHANISM, where: { rowIds: ["ketamine"], columnIds: ["mTOR"], sources: $sources, minConfidence: $minConfidence }) {
    cells { papers claims byStance { stance count } bySource { source count } }
  }
}`;

describe('evidence mined from imported papers', () => {
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

  const cell = async (variables: Record<string, unknown> = {}) => {
    const { body } = await server.gql<Json>(CELL, variables);
    expect(body.errors).toBeUndefined();
    return body.data?.evidenceMap.cells[0];
  };

  it('fills the ketamine × mTOR cell and the supporting papers of mTOR from the sentences of imported abstracts', async () => {
    const before = await cell();
    const copy = copyFixtureWithUniquePmids(FIVE, tmp.dir);
    const summary = await importFile(db, copy.file);
    expect(summary).toMatchObject({ format: 'medline', records: 5, rejected: [] });
    expect(summary.sentenceClaims).toBeGreaterThan(0);

    const after = await cell();
    expect(after.papers).toBeGreaterThan(before.papers);
    const mined = (c: Json) => c.bySource.find((s: Json) => s.source === 'TEXT_MINED').count;
    expect(mined(after)).toBeGreaterThan(mined(before));

    const { body } = await server.gql<Json>(
      `{ supportingPapers(entity: "mTOR", sources: [TEXT_MINED], first: 1000) { edges { node { pmid } claims { quote stance evidenceLevel cues } } } }`,
    );
    const li = body.data?.supportingPapers.edges.find((e: Json) => e.node.pmid === copy.pmid(LI_2010));
    expect(li).toBeDefined();
    expect(li.claims.map((c: Json) => c.quote)).toContain('We observed that ketamine rapidly activated the mammalian target of rapamycin (mTOR) pathway, leading to increased synaptic signaling proteins and increased number and function of new spine synapses in the prefrontal cortex of rats.');
    // MeSH says Animals and not Humans: a rat study.
    expect(new Set(li.claims.map((c: Json) => c.evidenceLevel))).toEqual(new Set(['PRECLINICAL']));
  });

  it('leaves mined claims out when asked for curated evidence only, and keeps curated ones whatever the confidence floor', async () => {
    const curated = await cell({ sources: ['CURATED', 'SEED'] });
    expect(curated.bySource.find((s: Json) => s.source === 'TEXT_MINED').count).toBe(0);
    const strict = await cell({ minConfidence: 0.99 });
    expect(strict.claims).toBe(curated.claims);
  });

  it('changes no claim when the same file is imported again', async () => {
    const copy = copyFixtureWithUniquePmids(FIVE, tmp.dir);
    await importFile(db, copy.file);
    const snapshot = () =>
      db.readRows(`MATCH (p:Paper)-[:ASSERTS]->(c:Claim) WHERE p.pmid IN $pmids RETURN c.id AS id, properties(c) AS props ORDER BY id`, {
        pmids: [...copy.mapping.values()],
      });
    const before = await snapshot();
    const again = await importFile(db, copy.file);
    expect(again).toMatchObject({ created: 0, updated: 0, unchanged: 5 });
    expect(await snapshot()).toEqual(before);
  });

  it('keeps the mined claims of a stored abstract when a sparser record of the paper (no abstract) is imported', async () => {
    const copy = copyFixtureWithUniquePmids(FIVE, tmp.dir);
    await importFile(db, copy.file);
    const pmid = copy.pmid(LI_2010);
    const claimsByField = () =>
      db.readRows<{ field: string; ids: string[] }>(
        `MATCH (:Paper {pmid: $pmid})-[:ASSERTS]->(c:Claim {source: 'TEXT_MINED'}) WITH c.field AS field, c.id AS id ORDER BY id RETURN field, collect(id) AS ids ORDER BY field`,
        { pmid },
      );
    const before = await claimsByField();
    expect(before.find((r) => r.field === 'abstract')?.ids.length).toBeGreaterThan(0);
    // The same record as a citation manager might export it: PMID, title and journal, no AB.
    const record = readFileSync(copy.file, 'utf8').split(/\n(?=PMID- )/).find((r) => r.startsWith(`PMID- ${pmid}`)) as string;
    const sparse = record.split('\n').filter((line, i, lines) => {
      const tag = /^([A-Z]{2,4})\s*-/.exec(line)?.[1] ?? [...lines.slice(0, i)].reverse().map((l) => /^([A-Z]{2,4})\s*-/.exec(l)?.[1]).find(Boolean);
      return tag !== 'AB';
    });
    const file = path.join(tmp.dir, `sparse-${pmid}.nbib`);
    writeFileSync(file, `${sparse.join('\n')}\n`);
    const summary = await importFile(db, file);
    expect(summary).toMatchObject({ records: 1, rejected: [] });
    expect(await claimsByField()).toEqual(before);
  });
});

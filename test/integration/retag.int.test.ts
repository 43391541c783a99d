import { readFileSync, writeFileSync } from 'node:fs';
import { upsertEntity } from '../../src/features/curation';
import { importFile } from '../../src/ingest/pipeline';
import { loadSeed } from '../../src/ingest/seed';
import { runCli } from '../helpers/cli';
import { testDb } from '../helpers/db';
import { copyFixtureWithUniquePmids, ingestTmpDir, type UniqueCopy } from '../helpers/ingestFixtures';

// Each CLI run starts Node on the TypeScript sources, 10-30 s on a busy 2-core machine.
const CLI_RUNS_MS = 180_000;

describe('evmap retag', () => {
  const { db, close } = testDb();
  const tmp = ingestTmpDir();
  let copy: UniqueCopy;
  let pmids: string[];
  let since: string;
  let entityId: string;

  /** Every claim of these papers with all its properties and ABOUT targets, in a stable order. */
  async function claimsOf(): Promise<string[]> {
    const rows = await db.readRows(
      `MATCH (p:Paper)-[:ASSERTS]->(c:Claim) WHERE p.pmid IN $pmids
       RETURN p.pmid AS pmid, properties(c) AS props, COLLECT { MATCH (c)-[:ABOUT]->(e) RETURN e.id ORDER BY e.id } AS about`,
      { pmids },
    );
    return rows.map((r) => JSON.stringify(r, (_k, v: unknown) => (v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => a.localeCompare(b))) : v))).sort();
  }

  beforeAll(async () => {
    await loadSeed(db);
    // Only papers this file imports are retagged, so other test files' papers stay as they are.
    since = new Date(Date.now() - 1000).toISOString();
    copy = copyFixtureWithUniquePmids('pubmed-sample.xml', tmp.dir);
    pmids = ['24392693', '27090301', '29532791'].map(copy.pmid);
    // A word of its own in one abstract, letters only so the tagger takes it as one name.
    const word = `retagamine${[...copy.pmid('24392693')].map((d) => String.fromCharCode(97 + Number(d))).join('')}`;
    writeFileSync(copy.file, readFileSync(copy.file, 'utf8').replace('three important targets have been identified', `three important targets have been identified with ${word}`));
    await importFile(db, copy.file);
    entityId = `compound-${word}`;
    // The vocabulary changes after the import: only a retag finds the new entity in the text.
    await upsertEntity(db, { kind: 'COMPOUND', id: entityId, name: word });
  });
  afterAll(async () => {
    await close();
    tmp.cleanup();
  });

  it('tags stored papers with the current vocabulary, and changes nothing when run again', async () => {
    // The new word stands in the sentence naming ketamine's targets, so a sentence claim is about it.
    const has = async (): Promise<boolean> =>
      (await db.readRows(`MATCH (:Paper {pmid: $pmid})-[:ASSERTS]->(c:Claim {source: 'TEXT_MINED', unit: 'sentence'})-[:ABOUT]->(:Compound {id: $entityId}) RETURN c`, { pmid: copy.pmid('24392693'), entityId })).length === 1;
    expect(await has()).toBe(false);

    const first = await runCli(['retag', '--since', since, '--batch', '2']);
    expect({ code: first.code, stderr: first.stderr }).toEqual({ code: 0, stderr: expect.any(String) });
    expect(first.stdout).toMatch(/^retag: \d+ papers in [\d.]+ s: \d+ mention claims, \d+ sentence claims written\n$/);
    expect(Number(/retag: (\d+) papers/.exec(first.stdout)?.[1])).toBeGreaterThanOrEqual(3);
    expect(await has()).toBe(true);

    const before = await claimsOf();
    const second = await runCli(['retag', '--since', since, '--batch', '2']);
    expect(second.code).toBe(0);
    expect(await claimsOf()).toEqual(before);
    expect(before.length).toBeGreaterThan(3);
  }, CLI_RUNS_MS);

  it('drops the claims of an entity the vocabulary no longer names in the text, sentence and mention claims alike', async () => {
    const pmid = copy.pmid('24392693');
    // A mention claim as an earlier vocabulary left it: "ketamine" was then also an alias of OCD.
    await db.writeRows(
      `MATCH (p:Paper {pmid: $pmid}), (e:Condition {id: 'obsessive-compulsive-disorder'})
       CREATE (p)-[:ASSERTS]->(c:Claim {id: 'mined:' + $pmid + ':obsessive-compulsive-disorder', source: 'TEXT_MINED', stance: 'MENTIONS', field: 'abstract', quote: 'ketamine',
               quoteStart: 0, quoteEnd: 8, curator: 'evmap-tagger', confidence: 0.5})-[:ABOUT]->(e)`,
      { pmid },
    );
    await upsertEntity(db, { kind: 'COMPOUND', id: entityId, name: `${entityId}-renamed` });
    const retag = await runCli(['retag', '--since', since]);
    expect(retag.code).toBe(0);
    const [row] = await db.readRows<{ about: string[] }>(
      `RETURN [(:Paper {pmid: $pmid})-[:ASSERTS]->(c:Claim {source: 'TEXT_MINED'})-[:ABOUT]->(e) WHERE e.id IN [$entityId, 'obsessive-compulsive-disorder'] | c.id] AS about`,
      { pmid, entityId },
    );
    expect(row?.about).toEqual([]);
  }, CLI_RUNS_MS);

  it.each([
    [['--since', 'last tuesday'], '--since'],
    [['--batch', '0'], '--batch'],
    [['--batch', 'many'], '--batch'],
  ])('refuses %j with BAD_USER_INPUT and exit code 4, before writing anything', async (args, option) => {
    const result = await runCli(['retag', ...args]);
    expect(result.code).toBe(4);
    expect(result.stderr).toContain(`BAD_USER_INPUT: ${option} must be`);
    expect(result.stdout).toBe('');
  });
});

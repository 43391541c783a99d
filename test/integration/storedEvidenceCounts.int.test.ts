import { randomInt } from 'node:crypto';
import { upsertClaimsQuery, reanchorQuotesQuery, retractClaimQuery, writeMentionsQuery, writeSentenceClaimsQuery } from '../../src/store/claims';
import { upsertEntitiesQueries } from '../../src/store/entities';
import { deletePapersQuery } from '../../src/store/paperDeletion';
import { upsertPapersQuery } from '../../src/store/papers';
import type { ClaimInput, SentenceClaim } from '../../src/graph/records';
import { testDb } from '../helpers/db';
import { startTestServer, type GraphQLResponse, type TestServer } from '../helpers/server';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

// Unfiltered evidence maps, cells and supporting papers read counts and rankings every claim write
// keeps; a filter reads the claims. `minConfidence: 0` filters nothing out here (every mined claim
// has a confidence), so each question asked both ways must get the same answer after every kind of
// write: curated and mined claims, a retracted claim, a quote lost in review, a new year, a
// retracted paper, a deleted paper. The entities are this file's own, so no other test moves them.
describe('evidence counts kept on write', () => {
  const { db, close } = testDb();
  let server: TestServer;
  const tag = `cells${randomInt(0, 1e9)}`;
  const drug = `${tag}-drug`;
  const target = `${tag}-target`;
  const disease = `${tag}-disease`;
  const base = 600_000_000 + randomInt(0, 9_000_000) * 10;
  const pmid = (i: number) => String(base + i);
  const TITLE = 'Drug engages target in disease';

  const curated = (id: string, paper: string, about: string[], stance: ClaimInput['stance'], evidenceLevel: string): ClaimInput => ({
    id: `${tag}-${id}`,
    paper,
    about,
    stance,
    quote: TITLE,
    field: 'title',
    start: 0,
    end: TITLE.length,
    evidenceLevel,
    source: 'CURATED',
  });

  const sentence = (id: string, about: string[], stance: SentenceClaim['stance'], confidence: number): SentenceClaim => ({
    id: `mined:${pmid(3)}:s:${tag}${id}`,
    field: 'title',
    start: 0,
    end: TITLE.length,
    quote: TITLE,
    about: [...about].sort(),
    stance,
    negated: stance === 'CONTRADICTS',
    hedged: false,
    direction: null,
    cues: [],
    confidence,
    evidenceLevel: 'PRECLINICAL',
  });

  async function both<T>(query: string, vars: Record<string, unknown>): Promise<{ stored: T; live: T }> {
    const ask = async (extra: Record<string, unknown>) => {
      const res = await server.gql<Json>(query, { ...vars, ...extra });
      expect(res.body.errors).toBeUndefined();
      return res.body.data as T;
    };
    return { stored: await ask({ minConfidence: null }), live: await ask({ minConfidence: 0 }) };
  }

  const MAP = `query($rows: EntityKind!, $columns: EntityKind!, $rowIds: [ID!], $columnIds: [ID!], $minConfidence: Float) {
    evidenceMap(rows: $rows, columns: $columns, where: { rowIds: $rowIds, columnIds: $columnIds, minConfidence: $minConfidence }) {
      cells { row column papers claims byStance { stance count } byEvidenceLevel { level count } bySource { source count } } } }`;
  const CELL = `query($row: ID!, $column: ID!, $minConfidence: Float) {
    evidenceCell(row: $row, column: $column, where: { minConfidence: $minConfidence }, first: 10) {
      papers claims byStance { stance count } edges { node { pmid } claims { id } } } }`;
  const SUPPORTING = `query($entity: ID!, $stance: Stance, $minConfidence: Float, $via: Int = 0, $first: Int = 10) {
    supportingPapers(entity: $entity, stance: $stance, minConfidence: $minConfidence, viaCitations: $via, first: $first) {
      totalCount totalCountIsExact edges { distance node { pmid } claims { id } citationPath { pmid } } pageInfo { hasNextPage } } }`;

  /** Every question both ways; returns the stored answers for checks of their own. */
  async function expectSameBothWays(): Promise<Json> {
    const maps: Json[] = [];
    for (const [rows, columns, rowIds, columnIds] of [
      ['COMPOUND', 'MECHANISM', [drug], [target]],
      ['COMPOUND', 'CONDITION', [drug], [disease]],
      ['COMPOUND', 'COMPOUND', [drug], [drug]],
      ['MECHANISM', 'COMPOUND', [target], [drug]],
    ] as const) {
      const { stored, live } = await both<Json>(MAP, { rows, columns, rowIds, columnIds });
      expect(stored).toEqual(live);
      maps.push(stored.evidenceMap.cells[0]);
    }
    const cells: Json[] = [];
    for (const [row, column] of [
      [drug, disease],
      [target, drug],
      [drug, drug],
    ]) {
      const { stored, live } = await both<Json>(CELL, { row, column });
      expect(stored).toEqual(live);
      cells.push(stored.evidenceCell);
    }
    const supporting: Json = {};
    for (const stance of ['SUPPORTS', 'CONTRADICTS', 'MENTIONS']) {
      const { stored, live } = await both<Json>(SUPPORTING, { entity: drug, stance });
      expect(stored).toEqual(live);
      supporting[stance] = stored.supportingPapers;
    }
    // Through citations: a first page that direct evidence fills, and one reaching the citing paper.
    for (const first of [1, 10]) {
      const { stored, live } = await both<Json>(SUPPORTING, { entity: drug, stance: 'SUPPORTS', via: 1, first });
      expect(stored).toEqual(live);
      supporting[`via${first}`] = stored.supportingPapers;
    }
    return { maps, cells, supporting };
  }

  beforeAll(async () => {
    server = await startTestServer();
    await db.runAll(
      upsertEntitiesQueries([
        { entityKind: 'COMPOUND', id: drug, name: `${tag} drug`, aliases: [] },
        { entityKind: 'MECHANISM', id: target, name: `${tag} target`, aliases: [], kind: 'TARGET' },
        { entityKind: 'CONDITION', id: disease, name: `${tag} disease`, aliases: [] },
      ]),
    );
    await db.run(upsertPapersQuery([0, 1, 2, 3, 4].map((i) => ({ pmid: pmid(i), title: TITLE, year: 2000 + i }))));
    // Paper 5 has no claims of its own; it cites paper 0.
    await db.run(upsertPapersQuery([{ pmid: pmid(5), title: 'Citing paper', year: 2010, cites: [pmid(0)] }]));
  });
  afterAll(async () => {
    await db.run(deletePapersQuery([0, 1, 2, 3, 4, 5, 6, 7].map(pmid)));
    await db.writeRows('MATCH (c:Claim) WHERE c.id STARTS WITH $tag DETACH DELETE c', { tag });
    await db.writeRows('MATCH (p:Paper) WHERE p.pmid IN $pmids DETACH DELETE p', { pmids: [0, 1, 2, 3, 4, 5, 6, 7].map(pmid) });
    await server.close();
    await close();
  });

  it('answers alike from the counts and from the claims after every kind of write, with the counts the claims give', async () => {
    // Paper 0: drug × target SUPPORTS (RCT) and drug × disease CONTRADICTS; paper 1: all three SUPPORTS (preclinical);
    // paper 3: mined sentences; paper 4: a mined mention of the drug alone.
    await db.run(
      upsertClaimsQuery([
        curated('c0a', pmid(0), [drug, target], 'SUPPORTS', 'RCT'),
        curated('c0b', pmid(0), [drug, disease], 'CONTRADICTS', 'RCT'),
        curated('c1', pmid(1), [drug, target, disease], 'SUPPORTS', 'PRECLINICAL'),
        curated('c2', pmid(2), [drug, disease], 'SUPPORTS', 'OBSERVATIONAL'),
      ]),
    );
    await db.run(
      writeSentenceClaimsQuery([
        { pmid: pmid(3), prefix: `mined:${pmid(3)}:s:`, fields: ['title'], claims: [sentence('a', [drug, disease], 'SUPPORTS', 0.8), sentence('b', [drug, target], 'MENTIONS', 0.4)] },
      ]),
    );
    await db.run(
      writeMentionsQuery([{ pmid: pmid(4), fields: ['title'], mentions: [{ entityId: drug, field: 'title', start: 0, end: 4, text: 'Drug', occurrences: 1 }] }]),
    );

    let seen = await expectSameBothWays();
    const [drugTarget, drugDisease, drugDrug] = seen.maps;
    expect(drugTarget).toMatchObject({ papers: 3, claims: 3 });
    expect(drugDisease).toMatchObject({ papers: 4, claims: 4 });
    // Every claim about the drug, the mention included.
    expect(drugDrug).toMatchObject({ papers: 5, claims: 7 });
    expect(drugDisease.byStance).toEqual([
      { stance: 'SUPPORTS', count: 3 },
      { stance: 'CONTRADICTS', count: 1 },
      { stance: 'MENTIONS', count: 0 },
    ]);
    // One supporting claim each, so newest first.
    expect(seen.supporting.SUPPORTS.edges.map((e: Json) => e.node.pmid)).toEqual([pmid(3), pmid(2), pmid(1), pmid(0)]);
    expect(seen.supporting.SUPPORTS.totalCount).toBe(4);
    expect(seen.supporting.MENTIONS.edges.map((e: Json) => e.node.pmid)).toEqual([pmid(4), pmid(3)]);
    expect(seen.supporting.via10.edges.map((e: Json) => [e.node.pmid, e.distance])).toEqual([...[3, 2, 1, 0].map((i) => [pmid(i), 0]), [pmid(5), 1]]);
    expect(seen.supporting.via1.pageInfo.hasNextPage).toBe(true);

    // A curator retracts a claim; a new abstract loses a quote; a paper gets another year.
    await db.run(retractClaimQuery(`${tag}-c0a`, 'test'));
    await db.run(reanchorQuotesQuery([], [{ id: `${tag}-c2`, quote: TITLE }]));
    await db.run(upsertPapersQuery([{ pmid: pmid(1), title: TITLE, year: 2030 }]));
    seen = await expectSameBothWays();
    expect(seen.maps[0]).toMatchObject({ papers: 2, claims: 2 });
    expect(seen.supporting.SUPPORTS.edges.map((e: Json) => e.node.pmid)).toEqual([pmid(1), pmid(3)]);

    // The quote found again; PubMed retracts paper 3; paper 4 is withdrawn (DeleteCitation).
    await db.run(reanchorQuotesQuery([{ id: `${tag}-c2`, quote: TITLE, start: 0, end: TITLE.length }], []));
    await db.run(upsertPapersQuery([{ pmid: pmid(3), title: TITLE, year: 2003, retracted: true }]));
    expect(await db.run(deletePapersQuery([pmid(4)]))).toEqual([{ pmid: pmid(4), outcome: 'deleted' }]);
    seen = await expectSameBothWays();
    expect(seen.maps[1]).toMatchObject({ papers: 3, claims: 3 });
    expect(seen.maps[2]).toMatchObject({ papers: 3, claims: 3 });
    expect(seen.supporting.MENTIONS.totalCount).toBe(0);

    // Nothing is left behind for a paper without live claims: its shares are gone with them.
    const shares = await db.readRows<{ pmid: string; n: number }>(
      'UNWIND $pmids AS pmid MATCH (p:Paper {pmid: pmid}) RETURN pmid, COUNT { (p)-[:CONTRIBUTES]->() } AS n ORDER BY pmid',
      { pmids: [pmid(0), pmid(3)] },
    );
    expect(shares).toEqual([
      { pmid: pmid(0), n: 3 },
      { pmid: pmid(3), n: 0 },
    ]);
  });

  /**
   * Pages `field` one row at a time and, after the first page, adds paper `i` (newer than every
   * listed one, so it ranks before the cursor: an offset cursor would show page 1's row again) with
   * a claim about the drug and the target. Returns the rows seen and the whole list afterwards.
   */
  async function pageWhileInserting(field: 'supportingPapers' | 'evidenceCell', args: string, i: number): Promise<{ seen: string[]; now: string[] }> {
    const PAGE = `query($after: String) { ${field}(${args}, first: 1, after: $after) { edges { node { pmid } } pageInfo { hasNextPage endCursor } } }`;
    const seen: string[] = [];
    let after: string | null = null;
    do {
      const res: GraphQLResponse<Json> = await server.gql<Json>(PAGE, { after });
      const connection = res.body.data?.[field];
      seen.push(...connection.edges.map((e: Json) => e.node.pmid));
      after = connection.pageInfo.hasNextPage ? connection.pageInfo.endCursor : null;
      if (seen.length === 1) {
        await db.run(upsertPapersQuery([{ pmid: pmid(i), title: TITLE, year: 2040 + i }]));
        await db.run(upsertClaimsQuery([curated(`c${i}`, pmid(i), [drug, target], 'SUPPORTS', 'RCT')]));
      }
    } while (after !== null);
    const listed = await server.gql<Json>(`{ ${field}(${args}, first: 20) { edges { node { pmid } } } }`);
    return { seen, now: listed.body.data?.[field].edges.map((e: Json) => e.node.pmid) };
  }

  it('pages the stored rankings by keyset: a paper ranked first that arrives between two pages neither repeats a row nor hides one', async () => {
    for (const [field, args, i] of [
      ['supportingPapers', `entity: "${drug}"`, 6],
      ['evidenceCell', `row: "${drug}", column: "${target}"`, 7],
    ] as const) {
      const { seen, now } = await pageWhileInserting(field, args, i);
      expect([field, now[0]]).toEqual([field, pmid(i)]);
      expect(seen).toEqual(now.slice(1));
      expect(seen.length).toBeGreaterThan(1);
    }
  });
});

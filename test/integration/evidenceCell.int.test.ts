import { randomUUID } from 'node:crypto';
import type { ClaimInput } from '../../src/graph/records';
import { retractClaimQuery, upsertClaimsQuery } from '../../src/store/claims';
import { upsertEntitiesQueries } from '../../src/store/entities';
import { startTestServer, type TestServer } from '../helpers/server';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const CELL = `query($row: ID!, $column: ID!, $where: EvidenceMapFilter, $first: Int, $after: String) {
  evidenceCell(row: $row, column: $column, where: $where, first: $first, after: $after) {
    row { __typename id } column { __typename id }
    papers claims totalCount
    byStance { stance count } byEvidenceLevel { level count } bySource { source count }
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
    edges { cursor node { pmid year } claims { id quote stance source confidence } }
  }
}`;

const MAP = `query($rows: EntityKind!, $columns: EntityKind!, $where: EvidenceMapFilter) {
  evidenceMap(rows: $rows, columns: $columns, where: $where) {
    cells { row column papers claims byStance { stance count } byEvidenceLevel { level count } bySource { source count } }
  }
}`;

describe('evidenceCell: the papers behind one evidence-map cell', () => {
  let server: TestServer;
  const gql = async (query: string, variables?: Record<string, unknown>): Promise<Json> => {
    const res = await server.gql<Json>(query, variables);
    expect(res.body.errors).toBeUndefined();
    return res.body.data as Json;
  };
  const errors = async (variables: Record<string, unknown>): Promise<Json[]> => {
    const res = await server.gql<Json>(CELL, variables);
    return (res.body.errors ?? []).map((e) => e.extensions ?? {});
  };

  // Entities and claims with ids no other test file uses, on three seed-corpus papers (2014, 2017, 2020).
  const tag = randomUUID().slice(0, 8);
  const compound = `cell-comp-${tag}`;
  const condition = `cell-cond-${tag}`;
  const claim = (id: string, paper: string, extra: Partial<ClaimInput>): ClaimInput => ({
    id: `cell-${tag}-${id}`,
    paper,
    about: [compound, condition],
    stance: 'SUPPORTS',
    quote: `quote ${id}`,
    field: 'title',
    start: 0,
    end: 8,
    source: 'CURATED',
    curator: 'evidence-cell-test',
    ...extra,
  });
  const kept = [
    claim('curated', '32017978', { evidenceLevel: 'RCT' }),
    claim('retracted', '32017978', { evidenceLevel: 'REVIEW' }),
    claim('seed', '27090301', { source: 'SEED', evidenceLevel: 'REVIEW' }),
    claim('old', '24392693', { stance: 'CONTRADICTS', evidenceLevel: 'PRECLINICAL' }),
  ];
  // Written after the curated claims, which would otherwise supersede mined claims on the same paper.
  const mined = [
    claim('low', '32017978', { source: 'TEXT_MINED', stance: 'MENTIONS', confidence: 0.3, curator: undefined }),
    claim('high', '32017978', { source: 'PUBTATOR', stance: 'MENTIONS', confidence: 0.9, curator: undefined }),
  ];
  const id = (name: string) => `Claim:cell-${tag}-${name}`;

  beforeAll(async () => {
    server = await startTestServer();
    await server.db.runAll(
      upsertEntitiesQueries([
        { entityKind: 'COMPOUND', id: compound, name: `Evidence cell compound ${tag}`, aliases: [`cellcomp${tag}`] },
        { entityKind: 'CONDITION', id: condition, name: `Evidence cell condition ${tag}`, aliases: [] },
      ]),
    );
    // Quotes are real slices of the titles: an import of these papers elsewhere re-anchors curated
    // quotes, and one not in the text would be sent to review and drop out of the counts.
    const titles = new Map(
      (await server.db.readRows<{ pmid: string; title: string }>('MATCH (p:Paper) WHERE p.pmid IN $pmids RETURN p.pmid AS pmid, p.title AS title', {
        pmids: [...new Set([...kept, ...mined].map((c) => c.paper))],
      })).map((r) => [r.pmid, r.title]),
    );
    for (const c of [...kept, ...mined]) c.quote = (titles.get(c.paper) ?? '').slice(c.start, c.end);
    await server.db.run(upsertClaimsQuery(kept));
    await server.db.run(upsertClaimsQuery(mined));
    await server.db.run(retractClaimQuery(kept[1]!.id, 'evidence cell test'));
  });
  afterAll(async () => {
    await server.db.writeRows('MATCH (c:Claim) WHERE c.id IN $ids DETACH DELETE c', { ids: [...kept, ...mined].map((c) => c.id) });
    await server.db.writeRows('MATCH (e) WHERE e.id IN $ids AND (e:Compound OR e:Condition) DETACH DELETE e', { ids: [compound, condition] });
    await server.close();
  });

  /** The evidenceMap cell for one row and one column under the same filter. */
  const mapCell = async (rows: string, columns: string, row: string, column: string, filter: Json): Promise<Json> => {
    const { evidenceMap } = await gql(MAP, { rows, columns, where: { ...filter, rowIds: [row], columnIds: [column] } });
    expect(evidenceMap.cells).toHaveLength(1);
    return evidenceMap.cells[0];
  };

  const FILTERS: Json[] = [{}, { stance: 'SUPPORTS' }, { minEvidenceLevel: 'REVIEW' }, { minEvidenceLevel: 'RCT' }, { sources: ['SEED'] }, { minConfidence: 0.5 }, { yearFrom: 2015 }, { yearTo: 2017, stance: 'CONTRADICTS' }];
  const CELLS: Array<[string, string, string, string]> = [
    ['COMPOUND', 'CONDITION', `Compound:${compound}`, `Condition:${condition}`],
    ['COMPOUND', 'MECHANISM', 'Compound:ketamine', 'Mechanism:mtor'],
    ['COMPOUND', 'CONDITION', 'Compound:ketamine', 'Condition:major-depressive-disorder'],
  ];

  it.each(CELLS)('counts %s × %s (%s, %s) as evidenceMap does, under every filter, listing exactly its papers', async (rows, columns, row, column) => {
    expect((await mapCell(rows, columns, row, column, {})).papers).toBeGreaterThan(0);
    for (const filter of FILTERS) {
      // Other suites import papers about ketamine meanwhile: compare only when the map's cell
      // read before and after the evidenceCell request agree, so no write fell between them.
      let expected: Json = {};
      let evidenceCell: Json = {};
      for (let round = 0; round < 5; round += 1) {
        expected = await mapCell(rows, columns, row, column, filter);
        ({ evidenceCell } = await gql(CELL, { row, column, where: filter, first: 1000 }));
        if (JSON.stringify(await mapCell(rows, columns, row, column, filter)) === JSON.stringify(expected)) break;
      }
      const { row: _row, column: _column, ...counts } = expected;
      expect({ filter, counts: { papers: evidenceCell.papers, claims: evidenceCell.claims, byStance: evidenceCell.byStance, byEvidenceLevel: evidenceCell.byEvidenceLevel, bySource: evidenceCell.bySource } }).toEqual({ filter, counts });
      expect(evidenceCell.totalCount).toBe(expected.papers);
      expect(evidenceCell.edges).toHaveLength(expected.papers);
      expect(evidenceCell.edges.every((e: Json) => e.claims.length >= 1)).toBe(true);
    }
  });

  it('finds the seed claims of ketamine × mTOR with their quotes', async () => {
    const { evidenceCell } = await gql(CELL, { row: 'ketamine', column: 'mTOR', where: { sources: ['SEED', 'CURATED'] } });
    expect(evidenceCell.row).toEqual({ __typename: 'Compound', id: 'Compound:ketamine' });
    expect(evidenceCell.column).toEqual({ __typename: 'Mechanism', id: 'Mechanism:mtor' });
    const seedPaper = evidenceCell.edges.find((e: Json) => e.node.pmid === '24392693');
    expect(seedPaper?.claims.length).toBeGreaterThanOrEqual(1);
    expect(seedPaper.claims.every((c: Json) => typeof c.quote === 'string' && c.quote.length > 0)).toBe(true);
  });

  it('lists most claims first, then newest, each paper with its live claims curated first and mined ones most confident first', async () => {
    const { evidenceCell } = await gql(CELL, { row: `cellcomp${tag}`, column: `Condition:${condition}` });
    expect(evidenceCell).toMatchObject({ papers: 3, claims: 5, totalCount: 3 });
    expect(evidenceCell.edges.map((e: Json) => [e.node.pmid, e.node.year])).toEqual([
      ['32017978', 2020],
      ['27090301', 2017],
      ['24392693', 2014],
    ]);
    expect(evidenceCell.edges.map((e: Json) => e.claims.map((c: Json) => c.id))).toEqual([[id('curated'), id('high'), id('low')], [id('seed')], [id('old')]]);
    expect(evidenceCell.edges[0].claims.map((c: Json) => c.id)).toEqual([id('curated'), id('high'), id('low')]);
    expect(evidenceCell.pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: false });
  });

  it('applies the filter to the listing: the confidence floor drops the weak mined claim, a stance keeps its papers only', async () => {
    const confident = (await gql(CELL, { row: `Compound:${compound}`, column: `Condition:${condition}`, where: { minConfidence: 0.5 } })).evidenceCell;
    expect(confident.edges[0].claims.map((c: Json) => c.id)).toEqual([id('curated'), id('high')]);
    const contradicting = (await gql(CELL, { row: `Compound:${compound}`, column: `Condition:${condition}`, where: { stance: 'CONTRADICTS' } })).evidenceCell;
    expect(contradicting.edges.map((e: Json) => e.node.pmid)).toEqual(['24392693']);
  });

  it('ignores where.rowIds and where.columnIds, even ones naming nothing', async () => {
    const { evidenceCell } = await gql(CELL, { row: `Compound:${compound}`, column: `Condition:${condition}`, where: { rowIds: ['no-such-entity'], columnIds: ['ketamine'] } });
    expect(evidenceCell.papers).toBe(3);
  });

  it('pages with after, one paper at a time, the nested fields costing one query per level', async () => {
    const pmids: string[] = [];
    let after: string | null = null;
    for (let i = 0; i < 3; i++) {
      const before = server.db.queryCount;
      const { evidenceCell }: Json = await gql(CELL, { row: `Compound:${compound}`, column: `Condition:${condition}`, first: 1, after });
      // Entities, page, counts, papers, claims.
      expect(server.db.queryCount - before).toBeLessThanOrEqual(5);
      expect(evidenceCell.edges).toHaveLength(1);
      expect(evidenceCell.pageInfo).toMatchObject({ hasNextPage: i < 2, hasPreviousPage: i > 0, endCursor: evidenceCell.edges[0].cursor });
      pmids.push(evidenceCell.edges[0].node.pmid);
      after = evidenceCell.pageInfo.endCursor;
    }
    expect(pmids).toEqual(['32017978', '27090301', '24392693']);
    const { evidenceCell: past } = await gql(CELL, { row: `Compound:${compound}`, column: `Condition:${condition}`, first: 1, after });
    expect(past.edges).toEqual([]);
    expect(past.totalCount).toBe(3);
  });

  it('is NOT_FOUND naming the argument for an unknown row or column', async () => {
    expect(await errors({ row: `no-such-entity-${tag}`, column: 'mtor' })).toEqual([{ code: 'NOT_FOUND', argumentName: 'row' }]);
    expect(await errors({ row: 'ketamine', column: `no-such-entity-${tag}` })).toEqual([{ code: 'NOT_FOUND', argumentName: 'column' }]);
  });

  it('is BAD_USER_INPUT for first out of range, a foreign cursor and minConfidence 2', async () => {
    expect(await errors({ row: 'ketamine', column: 'mtor', first: -1 })).toEqual([{ code: 'BAD_USER_INPUT', argumentName: 'first' }]);
    expect(await errors({ row: 'ketamine', column: 'mtor', first: 1001 })).toEqual([{ code: 'BAD_USER_INPUT', argumentName: 'first' }]);
    expect(await errors({ row: 'ketamine', column: 'mtor', after: 'not-a-cursor' })).toEqual([{ code: 'BAD_USER_INPUT', argumentName: 'after' }]);
    expect(await errors({ row: 'ketamine', column: 'mtor', where: { minConfidence: 2 } })).toEqual([{ code: 'BAD_USER_INPUT', argumentName: 'where.minConfidence' }]);
  });
});

import type { EntityLabel } from '../../src/graph/model';
import { evidenceCellsQuery, type EvidenceCellsQuery } from '../../src/store/evidenceMap';
import { checkBuilders, expectInputOnlyInParams, hostile } from './queryChecks';

/** A same-kind map (mechanisms × mechanisms) with no filter. */
const SAME_KIND: EvidenceCellsQuery = {
  rowLabel: 'Mechanism',
  columnLabel: 'Mechanism',
  rowIds: ['mtor', 'nmda-receptor'],
  columnIds: ['mtor', 'nmda-receptor'],
  claims: { stance: null, levels: null, sources: null, minConfidence: null },
  yearFrom: null,
  yearTo: null,
};

/** A cross-kind map (compounds × conditions) with every filter. */
const CROSS_KIND: EvidenceCellsQuery = {
  rowLabel: 'Compound',
  columnLabel: 'Condition',
  rowIds: ['ketamine', 'esketamine'],
  columnIds: ['trd', 'suicidality'],
  claims: { stance: 'SUPPORTS', levels: ['META_ANALYSIS', 'RCT'], sources: ['PUBTATOR', 'TEXT_MINED'], minConfidence: 0.4 },
  yearFrom: 2000,
  yearTo: 2020,
};

describe('evidence map store queries', () => {
  checkBuilders({
    'evidenceCellsQuery, same kind without filters': () => evidenceCellsQuery(SAME_KIND),
    'evidenceCellsQuery, cross kind with every filter': () => evidenceCellsQuery(CROSS_KIND),
  });

  it('matches rows and columns by their own labels', () => {
    expect(evidenceCellsQuery(CROSS_KIND).cypher).toMatch(/MATCH \(r:Compound \{id: rowId\}\)<-\[:ABOUT\]-\(c:Claim\)[\s\S]*MATCH \(c\)-\[:ABOUT\]->\(col:Condition\)/);
    expect(evidenceCellsQuery(SAME_KIND).cypher).toMatch(/MATCH \(r:Mechanism \{id: rowId\}\)[\s\S]*\(col:Mechanism\)/);
  });

  it('passes years as Neo4j integers and the stance and level vocabularies in enum order', () => {
    const { params } = evidenceCellsQuery(CROSS_KIND);
    expect((params.yearFrom as { toNumber(): number }).toNumber()).toBe(2000);
    expect((params.yearTo as { toNumber(): number }).toNumber()).toBe(2020);
    expect(params.stances).toEqual(['SUPPORTS', 'CONTRADICTS', 'MENTIONS']);
    expect((params.allLevels as string[])[0]).toBe('META_ANALYSIS');
    expect(evidenceCellsQuery(SAME_KIND).params).toMatchObject({ yearFrom: null, yearTo: null, stance: null, levels: null });
  });

  it.each([
    ['row', { rowLabel: 'Paper' as EntityLabel }],
    ['column', { columnLabel: 'Claim' as EntityLabel }],
    ['row', { rowLabel: 'Mechanism {id: $x}) DETACH DELETE (r' as EntityLabel }],
    ['column', { columnLabel: 'condition' as EntityLabel }],
  ])('refuses a non-entity %s label', (_axis, change) => {
    expect(() => evidenceCellsQuery({ ...SAME_KIND, ...change })).toThrow(/not an entity label/);
  });

  it('keeps client strings out of the text', () => {
    const evil = hostile();
    expectInputOnlyInParams(evidenceCellsQuery({ ...CROSS_KIND, rowIds: [evil], columnIds: [evil], claims: { stance: evil, levels: [evil], sources: [evil], minConfidence: 0.5 } }));
  });
});

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

/** The same map counting one stance, which the cells kept on write do not answer. */
const ONE_STANCE: EvidenceCellsQuery = { ...SAME_KIND, claims: { ...SAME_KIND.claims, stance: 'CONTRADICTS' } };

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
    'evidenceCellsQuery, same kind, one stance': () => evidenceCellsQuery(ONE_STANCE),
    'evidenceCellsQuery, cross kind with every filter': () => evidenceCellsQuery(CROSS_KIND),
  });

  it('matches rows and columns of a filtered map by their own labels', () => {
    expect(evidenceCellsQuery(CROSS_KIND).cypher).toMatch(/MATCH \(r:Compound \{id: rowId\}\)<-\[:ABOUT\]-\(c:Claim\)[\s\S]*MATCH \(c\)-\[:ABOUT\]->\(col:Condition\)/);
    expect(evidenceCellsQuery(ONE_STANCE).cypher).toMatch(/MATCH \(r:Mechanism \{id: rowId\}\)[\s\S]*\(col:Mechanism\)/);
  });

  it('reads an unfiltered map from the cells kept on write: one key per pair, the same whichever axis holds which entity', () => {
    const stored = evidenceCellsQuery(SAME_KIND);
    expect(stored.tag).toBe('evidence-map:stored-cells');
    expect(stored.cypher).toContain('MATCH (cell:EvidenceCell {key: pair.key})');
    const pairs = stored.params.pairs as Array<{ row: string; column: string; key: string }>;
    expect(pairs).toHaveLength(4);
    const key = (row: string, column: string) => pairs.find((p) => p.row === row && p.column === column)?.key;
    expect(key('mtor', 'nmda-receptor')).toBe(key('nmda-receptor', 'mtor'));
    expect(key('mtor', 'mtor')).not.toBe(key('nmda-receptor', 'nmda-receptor'));
    // Any filter, a year bound included, is answered from the claims.
    for (const filtered of [ONE_STANCE, { ...SAME_KIND, yearTo: 2010 }, { ...SAME_KIND, claims: { ...SAME_KIND.claims, minConfidence: 0.5 } }]) {
      expect(evidenceCellsQuery(filtered).tag).toBe('evidence-map:cells');
    }
  });

  it('passes years as Neo4j integers and the stance and level vocabularies in enum order', () => {
    const { params } = evidenceCellsQuery(CROSS_KIND);
    expect((params.yearFrom as { toNumber(): number }).toNumber()).toBe(2000);
    expect((params.yearTo as { toNumber(): number }).toNumber()).toBe(2020);
    expect(params.stances).toEqual(['SUPPORTS', 'CONTRADICTS', 'MENTIONS']);
    expect((params.allLevels as string[])[0]).toBe('META_ANALYSIS');
    expect(evidenceCellsQuery({ ...ONE_STANCE, claims: { ...ONE_STANCE.claims, stance: null, levels: ['RCT'] } }).params).toMatchObject({ yearFrom: null, yearTo: null, stance: null, levels: ['RCT'] });
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

import type { EntityLabel } from '../../src/graph/model';
import { cellCountsQuery, evidenceCellPageQuery, type EvidenceCellQuery } from '../../src/store/evidenceCell';
import { evidenceCellsQuery } from '../../src/store/evidenceMap';
import { page } from '../../src/store/page';
import { checkBuilders, expectInputOnlyInParams, hostile } from './queryChecks';

/** A diagonal cell of a same-kind map, with no filter. */
const DIAGONAL: EvidenceCellQuery = {
  rowLabel: 'Mechanism',
  rowId: 'mtor',
  columnLabel: 'Mechanism',
  columnId: 'mtor',
  claims: { stance: null, levels: null, sources: null, minConfidence: null },
  yearFrom: null,
  yearTo: null,
};

/** A cross-kind cell with every filter. */
const FILTERED: EvidenceCellQuery = {
  rowLabel: 'Compound',
  rowId: 'ketamine',
  columnLabel: 'Condition',
  columnId: 'major-depressive-disorder',
  claims: { stance: 'SUPPORTS', levels: ['META_ANALYSIS', 'RCT'], sources: ['PUBTATOR', 'TEXT_MINED'], minConfidence: 0.4 },
  yearFrom: 2000,
  yearTo: 2020,
};

describe('evidence cell store queries', () => {
  checkBuilders({
    'evidenceCellPageQuery, a diagonal cell without filters': () => evidenceCellPageQuery(DIAGONAL, page(0, 21)),
    'evidenceCellPageQuery, a cross-kind cell with every filter, second page': () => evidenceCellPageQuery(FILTERED, page(20, 21)),
  });

  it('matches the row and column by their own labels and ids', () => {
    expect(evidenceCellPageQuery(FILTERED, page(0, 1)).cypher).toMatch(/MATCH \(:Compound \{id: \$rowId\}\)<-\[:ABOUT\]-\(c:Claim\)[\s\S]*MATCH \(c\)-\[:ABOUT\]->\(:Condition \{id: \$columnId\}\)/);
  });

  it('caps the rows read and the claims listed per paper, and pages with Neo4j integers', () => {
    const { cypher, params } = evidenceCellPageQuery(FILTERED, page(20, 21));
    expect(cypher).toMatch(/LIMIT \$maxRows[\s\S]*ids\[\.\.\$claimsPerPaper\][\s\S]*SKIP \$skip LIMIT \$limit\s*$/);
    const asNumber = (name: string) => (params[name] as { toNumber(): number }).toNumber();
    expect([asNumber('maxRows'), asNumber('claimsPerPaper'), asNumber('skip'), asNumber('limit'), asNumber('yearFrom')]).toEqual([100_000, 50, 20, 21, 2000]);
  });

  it('counts the cell with the evidence map query for one row and one column', () => {
    expect(evidenceCellsQuery(cellCountsQuery(FILTERED))).toEqual(
      evidenceCellsQuery({ rowLabel: 'Compound', columnLabel: 'Condition', rowIds: ['ketamine'], columnIds: ['major-depressive-disorder'], claims: FILTERED.claims, yearFrom: 2000, yearTo: 2020 }),
    );
  });

  it.each([
    ['row', { rowLabel: 'Paper' as EntityLabel }],
    ['column', { columnLabel: 'Mechanism {id: $x}) DETACH DELETE (r' as EntityLabel }],
  ])('refuses a non-entity %s label', (_axis, change) => {
    expect(() => evidenceCellPageQuery({ ...DIAGONAL, ...change }, page(0, 1))).toThrow(/not an entity label/);
  });

  it('keeps client strings out of the text', () => {
    const evil = hostile();
    expectInputOnlyInParams(evidenceCellPageQuery({ ...FILTERED, rowId: evil, columnId: evil, claims: { stance: evil, levels: [evil], sources: [evil], minConfidence: 0.5 } }, page(0, 1)));
  });

  it('lists an unfiltered cell in the order stored with its papers\' shares, an index seek from the cell\'s key', () => {
    const stored = evidenceCellPageQuery({ ...FILTERED, claims: DIAGONAL.claims, yearFrom: null, yearTo: null }, page(10, 11));
    expect(stored.tag).toBe('evidence-cell:page-stored');
    expect(stored.cypher).toContain('WHERE share.rank STARTS WITH $prefix');
    expect(stored.cypher).toContain('WITH p, share ORDER BY share.rank SKIP $skip LIMIT $limit');
    expect(stored.params.prefix).toBe('Compound:ketamine\u001fCondition:major-depressive-disorder\u001f');
    expect(evidenceCellPageQuery(FILTERED, page(0, 1)).tag).toBe('evidence-cell:page');
    // After a keyset cursor of this cell: a range seek from its rank key to the cell's end; another cell's key is ignored.
    const unfiltered = { ...FILTERED, claims: DIAGONAL.claims, yearFrom: null, yearTo: null };
    const after = evidenceCellPageQuery(unfiltered, page(10, 11), 'Compound:ketamine\u001fCondition:major-depressive-disorder\u001f099999');
    expect(after.tag).toBe('evidence-cell:page-stored-after');
    expect(after.cypher).toContain('WHERE share.rank > $afterRank AND share.rank < $end');
    expect(after.params.end).toBe('Compound:ketamine\u001fCondition:major-depressive-disorder\u0020');
    expect((after.params.skip as { toNumber(): number }).toNumber()).toBe(0);
    expect(evidenceCellPageQuery(unfiltered, page(10, 11), 'Mechanism:mtor\u001fMechanism:mtor\u001f099999').tag).toBe('evidence-cell:page-stored');
  });
});

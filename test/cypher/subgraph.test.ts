import { NODE_LABELS } from '../../src/graph/model';
import { expandLevelQuery, nodesByIdsQuery, publicIdsByElementIdQuery } from '../../src/store/subgraph';
import { checkBuilders, expectInputOnlyInParams, hostile } from './queryChecks';

/** Ids of several labels, a PMID with a leading zero, and ids no lookup can use (unknown label, no key, no colon). */
const IDS = ['Paper:024392693', 'Mechanism:mtor', 'Compound:ketamine', 'Claim:claim-1', 'Author:abdallah-cg', 'Gene:BDNF', 'Mechanism:', 'mtor'];

describe('subgraph store queries', () => {
  checkBuilders({
    'nodesByIdsQuery, ids of several labels and unusable ones': () => nodesByIdsQuery(IDS),
    'nodesByIdsQuery, no ids': () => nodesByIdsQuery([]),
    'expandLevelQuery, every relationship type': () => expandLevelQuery(['Mechanism:mtor', 'Paper:24392693'], ['Mechanism:mtor'], null, 500, 20000),
    'expandLevelQuery, some relationship types': () => expandLevelQuery(['Compound:ketamine'], ['Compound:ketamine', 'Paper:1'], ['CITES', 'ABOUT'], 50, 20000),
    publicIdsByElementIdQuery: () => publicIdsByElementIdQuery(['4:abc:1', '4:abc:2']),
  });

  it('looks nodes up by label and key, one UNION branch per label, never by scanning', () => {
    const query = nodesByIdsQuery(IDS);
    expect(query.params.keys).toEqual({
      Paper: ['24392693'],
      Author: ['abdallah-cg'],
      Claim: ['claim-1'],
      Mechanism: ['mtor'],
      ResearchAim: [],
      Biomarker: [],
      Compound: ['ketamine'],
      Condition: [],
    });
    for (const label of NODE_LABELS) expect(query.cypher).toContain(`UNWIND coalesce($keys.${label}, []) AS key\n  MATCH (n:${label} {`);
    expect(query.cypher.match(/\bUNION\b/g)).toHaveLength(NODE_LABELS.length - 1);
    expect(query.cypher).not.toMatch(/MATCH \(n\)/);
  });

  it('filters relationship types only when some are given', () => {
    expect(expandLevelQuery(['Paper:1'], [], null, 1, 10).params.types).toBeNull();
    expect(expandLevelQuery(['Paper:1'], [], ['CITES'], 1, 10).params.types).toEqual(['CITES']);
    expect(expandLevelQuery(['Paper:1'], [], ['CITES'], 1, 10).cypher).toContain('WHERE ($types IS NULL OR type(r) IN $types)');
  });

  it('reads at most `scan` relationships a hop, ranks before it cuts each type to `take`, and keeps human claims first', () => {
    const query = expandLevelQuery(['Mechanism:gsk-3'], [], null, 7, 20000);
    expect((query.params.take as { toNumber(): number }).toNumber()).toBe(7);
    expect((query.params.scan as { toNumber(): number }).toNumber()).toBe(20000);
    expect(query.params.minedSources).toEqual(['TEXT_MINED', 'PUBTATOR']);
    const text = query.cypher;
    expect(text.indexOf('LIMIT $scan')).toBeLessThan(text.indexOf('ORDER BY type, CASE WHEN m:Claim AND m.source IN $minedSources THEN 1 ELSE 0 END, coalesce(m.confidence, -1.0) DESC'));
    expect(text.indexOf('ORDER BY')).toBeLessThan(text.indexOf('ranked[..$take]'));
  });

  it('keeps client strings out of the text', () => {
    expectInputOnlyInParams(nodesByIdsQuery([`Mechanism:${hostile()}`]));
    expectInputOnlyInParams(expandLevelQuery([`Compound:${hostile()}`], [hostile()], null, 1, 10));
    expectInputOnlyInParams(publicIdsByElementIdQuery([hostile()]));
  });
});

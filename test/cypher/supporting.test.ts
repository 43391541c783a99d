import { LIMITS } from '../../src/limits';
import { page } from '../../src/store/page';
import { countSupportingQuery, supportingPageQuery, supportingTableQuery, type SupportingPapersQuery } from '../../src/store/supporting';
import { checkBuilders, expectInputOnlyInParams, hostile, type BuilderCase, type Built } from './queryChecks';

const VARIANTS: Record<string, SupportingPapersQuery> = {
  'direct only, any level': { entityId: 'ketamine', claims: { stance: 'SUPPORTS', levels: null, sources: null, minConfidence: null }, viaCitations: 0 },
  'three citation hops, some levels': { entityId: 'ketamine', claims: { stance: 'CONTRADICTS', levels: ['META_ANALYSIS', 'RCT'], sources: null, minConfidence: null }, viaCitations: 3 },
  'direct only, some levels': { entityId: 'mtor', claims: { stance: 'SUPPORTS', levels: ['RCT'], sources: null, minConfidence: null }, viaCitations: 0 },
  'direct only, curated and mined of some confidence': {
    entityId: 'mtor',
    claims: { stance: 'SUPPORTS', levels: null, sources: ['CURATED', 'TEXT_MINED'], minConfidence: 0.5 },
    viaCitations: 0,
  },
  'three citation hops, any level': { entityId: 'mtor', claims: { stance: 'SUPPORTS', levels: null, sources: null, minConfidence: null }, viaCitations: 3 },
};

const cases: Record<string, BuilderCase | (() => Built)> = Object.fromEntries(
  Object.entries(VARIANTS).flatMap(([name, q]) => [
    [`supportingPageQuery, ${name}`, () => supportingPageQuery(q, page(0, 25))],
    [`countSupportingQuery, ${name}`, () => countSupportingQuery(q)],
    [`supportingTableQuery, ${name}`, () => supportingTableQuery(q)],
  ]),
);

describe('supporting store queries', () => {
  checkBuilders(cases);

  it('has one text whatever the hops and levels: the hop count is a parameter under a fixed bound', () => {
    const texts = new Set(Object.values(VARIANTS).map((q) => supportingPageQuery(q, page(0, 1)).cypher));
    expect(texts.size).toBe(1);
    const [text] = [...texts];
    expect(text).toContain(`MATCH chain = (p:Paper)-[:CITES*1..${LIMITS.supporting.maxViaCitations}]->(target)`);
    expect(text).toContain('WHERE length(chain) <= $viaCitations');
    expect(text).toContain('WITH row, row.paper AS target WHERE $viaCitations > 0');
  });

  it('passes the hop count as a Neo4j integer and the levels as given', () => {
    const three = countSupportingQuery(VARIANTS['three citation hops, some levels'] as SupportingPapersQuery).params;
    expect((three.viaCitations as { toNumber(): number }).toNumber()).toBe(3);
    expect(three.levels).toEqual(['META_ANALYSIS', 'RCT']);
    const zero = countSupportingQuery(VARIANTS['direct only, any level'] as SupportingPapersQuery).params;
    expect((zero.viaCitations as { toNumber(): number }).toNumber()).toBe(0);
    expect(zero.levels).toBeNull();
  });

  it('pages, counts and tabulates the same listing in the same order', () => {
    const q = VARIANTS['three citation hops, any level'] as SupportingPapersQuery;
    const prefix = (cypher: string) => cypher.slice(0, cypher.indexOf('AS best') + 'AS best'.length);
    expect(prefix(countSupportingQuery(q).cypher)).toBe(prefix(supportingPageQuery(q, page(0, 1)).cypher));
    expect(prefix(supportingTableQuery(q).cypher)).toBe(prefix(supportingPageQuery(q, page(0, 1)).cypher));
    const order = 'ORDER BY best.distance, size(best.claimIds) DESC, coalesce(p.year, -1) DESC, p.pmid';
    expect(supportingPageQuery(q, page(0, 1)).cypher).toContain(`${order}\n     SKIP $skip LIMIT $limit`);
    expect(supportingTableQuery(q).cypher).toContain(order);
  });

  it('keeps client strings out of the text', () => {
    const q: SupportingPapersQuery = {
      entityId: hostile(),
      claims: { stance: hostile('stance'), levels: [hostile('level')], sources: [hostile('source')], minConfidence: 0.5 },
      viaCitations: 1,
    };
    expectInputOnlyInParams(supportingPageQuery(q, page(0, 1)));
    expectInputOnlyInParams(countSupportingQuery(q));
    expectInputOnlyInParams(supportingTableQuery(q));
  });
});

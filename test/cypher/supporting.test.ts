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
  'direct only, the entity label known: the stored ranking': {
    entityId: 'mtor',
    entityLabel: 'Mechanism',
    claims: { stance: 'CONTRADICTS', levels: null, sources: null, minConfidence: null },
    viaCitations: 0,
  },
  'two citation hops, the entity label known: direct pages from the stored ranking': {
    entityId: 'mtor',
    entityLabel: 'Mechanism',
    claims: { stance: 'SUPPORTS', levels: null, sources: null, minConfidence: null },
    viaCitations: 2,
  },
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

  it('bounds citation chains in the pattern, one text per hop count, and never caps direct evidence', () => {
    const base = VARIANTS['three citation hops, any level'] as SupportingPapersQuery;
    const hops = Array.from({ length: LIMITS.supporting.maxViaCitations + 1 }, (_, via) => ({ ...base, viaCitations: via }));
    const pages = hops.map((q) => supportingPageQuery(q, page(0, 1)).cypher);
    expect(new Set(pages).size).toBe(hops.length);
    expect(pages[0]).not.toContain(':CITES');
    hops.slice(1).forEach((q) => {
      for (const cypher of [supportingPageQuery(q, page(0, 1)).cypher, countSupportingQuery(q).cypher, supportingTableQuery(q).cypher]) {
        expect(cypher).toContain(`MATCH chain = (p:Paper)-[:CITES*1..${q.viaCitations}]->(target)`);
        expect(cypher).not.toContain('length(chain) <=');
      }
    });
    for (const q of hops) {
      for (const cypher of [supportingPageQuery(q, page(0, 1)).cypher, countSupportingQuery(q).cypher, supportingTableQuery(q).cypher]) {
        expect(cypher).not.toMatch(/LIMIT 10000\b/);
      }
    }
    expect(() => supportingPageQuery({ ...base, viaCitations: LIMITS.supporting.maxViaCitations + 1 }, page(0, 1))).toThrow(/outside/);
  });

  it('follows citations only for a page reaching past the direct evidence, and counts say whether the chain cap cut them', () => {
    const q = VARIANTS['three citation hops, any level'] as SupportingPapersQuery;
    const listing = supportingPageQuery(q, page(0, 1)).cypher;
    expect(listing).toContain('WITH e, direct WHERE $skip + $limit > size(direct)');
    expect(listing).toContain('UNWIND direct[$skip..$skip + $limit] AS row');
    expect(countSupportingQuery(q).cypher).toContain('chains < $maxChainRows AS exact');
    expect(countSupportingQuery({ ...q, viaCitations: 0 }).cypher).toContain('true AS exact');
    const limit = countSupportingQuery(q).params.maxChainRows as { toNumber(): number };
    expect(limit.toNumber()).toBe(LIMITS.supporting.maxChainRows);
    expect(countSupportingQuery(VARIANTS['three citation hops, some levels'] as SupportingPapersQuery).params.levels).toEqual(['META_ANALYSIS', 'RCT']);
  });

  it('pages, counts and tabulates the same listing in the same order', () => {
    const q = VARIANTS['three citation hops, any level'] as SupportingPapersQuery;
    const direct = (cypher: string) => cypher.slice(0, cypher.indexOf('AS claimIds') + 'AS claimIds'.length).trim();
    expect(direct(countSupportingQuery(q).cypher)).toBe(direct(supportingPageQuery(q, page(0, 1)).cypher));
    expect(supportingTableQuery(q).cypher).toContain(direct(supportingPageQuery(q, page(0, 1)).cypher));
    expect(supportingPageQuery(q, page(0, 1)).cypher).toContain('ORDER BY distance, size(claimIds) DESC, coalesce(p.year, -1) DESC, p.pmid');
    expect(supportingPageQuery({ ...q, viaCitations: 0 }, page(0, 1)).cypher).toContain('ORDER BY size(claimIds) DESC, coalesce(d.year, -1) DESC, d.pmid\n       SKIP $skip LIMIT $limit');
    expect(supportingTableQuery(q).cypher).toContain('ORDER BY best.distance, size(best.claimIds) DESC, coalesce(p.year, -1) DESC, p.pmid');
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

  it('reads unfiltered direct evidence of a known entity from the stored ranking of its stance, and anything else from the claims', () => {
    const stored = VARIANTS['direct only, the entity label known: the stored ranking'] as SupportingPapersQuery;
    const listing = supportingPageQuery(stored, page(50, 25));
    expect(listing.tag).toBe('supporting:page-stored');
    expect(listing.cypher).toContain('WHERE share.rankContradicts STARTS WITH $prefix');
    expect(listing.cypher).toContain('WITH d, share ORDER BY share.rankContradicts SKIP $skip LIMIT $limit');
    expect(listing.params.prefix).toBe('Mechanism:mtor\u001fMechanism:mtor\u001f');
    const count = countSupportingQuery(stored);
    expect(count.tag).toBe('supporting:count-stored');
    expect((count.params.stanceIndex as { toNumber(): number }).toNumber()).toBe(1);
    // After a keyset cursor of this list: a range seek from its rank key to the cell's end; another list's key is ignored.
    const after = supportingPageQuery(stored, page(50, 25), 'Mechanism:mtor\u001fMechanism:mtor\u001f099999\u001f097986\u001f123');
    expect(after.tag).toBe('supporting:page-stored-after');
    expect(after.cypher).toContain('WHERE share.rankContradicts > $afterRank AND share.rankContradicts < $end');
    expect(after.params.end).toBe('Mechanism:mtor\u001fMechanism:mtor\u0020');
    expect((after.params.skip as { toNumber(): number }).toNumber()).toBe(0);
    expect(supportingPageQuery(stored, page(50, 25), 'Mechanism:gsk-3\u001fMechanism:gsk-3\u001f099999').tag).toBe('supporting:page-stored');
    // With citations, a page that direct evidence fills is the stored ranking's; the chains run only past it.
    const via = supportingPageQuery({ ...stored, viaCitations: 1 }, page(0, 25));
    expect(via.tag).toBe('supporting:page-via-1-stored');
    expect(via.cypher).toContain('WITH d, share ORDER BY share.rankContradicts SKIP $skip LIMIT $limit\n     WITH d, share WHERE $skip + $limit <= directCount');
    expect(via.cypher).toContain('UNWIND CASE WHEN $skip + $limit > directCount THEN [true] ELSE [] END AS reached');
    expect(countSupportingQuery({ ...stored, viaCitations: 1 }).tag).toBe('supporting:count-via-1');
    for (const live of [
      { ...stored, entityLabel: null },
      { ...stored, claims: { ...stored.claims, levels: ['RCT'] } },
      { ...stored, claims: { ...stored.claims, sources: ['CURATED'] } },
      { ...stored, claims: { ...stored.claims, minConfidence: 0 } },
    ]) {
      expect(supportingPageQuery(live, page(0, 25)).tag).not.toBe('supporting:page-stored');
      expect(countSupportingQuery(live).tag).not.toBe('supporting:count-stored');
    }
  });
});

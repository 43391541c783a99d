import { ENTITY_LABELS, type EntityLabel } from '../../src/graph/model';
import { ANY_CLAIM } from '../../src/store/claimFilter';
import { claimsPerYearQuery } from '../../src/store/timeline';
import { checkBuilders, expectInputOnlyInParams, hostile } from './queryChecks';

describe('timeline store queries', () => {
  checkBuilders({
    ...Object.fromEntries(ENTITY_LABELS.map((label) => [`claimsPerYearQuery ${label}, any stance`, () => claimsPerYearQuery(label, 'some-id', ANY_CLAIM)])),
    'claimsPerYearQuery Compound, one stance': () => claimsPerYearQuery('Compound', 'ketamine', { ...ANY_CLAIM, stance: 'CONTRADICTS', sources: ['CURATED'] }),
  });

  it.each(ENTITY_LABELS)('matches the entity under its own label %s', (label) => {
    expect(claimsPerYearQuery(label, 'x', ANY_CLAIM).cypher).toMatch(new RegExp(`^MATCH \\(:${label} \\{id: \\$id\\}\\)<-\\[:ABOUT\\]-\\(c:Claim\\)`));
  });

  it.each(['Paper', 'Author', 'compound', 'Compound {id: 1}) DETACH DELETE (c'])('refuses the non-entity label %j', (label) => {
    expect(() => claimsPerYearQuery(label as EntityLabel, 'x', ANY_CLAIM)).toThrow(/not an entity label/);
  });

  it('keeps client strings out of the text', () => {
    expectInputOnlyInParams(claimsPerYearQuery('Condition', hostile(), { stance: hostile('stance'), levels: [hostile('level')], sources: [hostile('source')], minConfidence: 0.5 }));
  });
});

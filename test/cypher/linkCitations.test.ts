import { linkCitationsQuery } from '../../src/store/papers';
import { checkBuilders, expectInputOnlyInParams, hostile } from './queryChecks';

describe('citation links from elink', () => {
  checkBuilders({
    linkCitationsQuery: () => linkCitationsQuery([{ citing: '24392693', cited: '11111111' }, { citing: '22222222', cited: '24392693' }]),
    'linkCitationsQuery, no links': () => linkCitationsQuery([]),
  });

  it('keeps PMIDs in the parameters and marks only papers it creates as stubs', () => {
    const query = linkCitationsQuery([{ citing: hostile('citing'), cited: hostile('cited') }]);
    expectInputOnlyInParams(query);
    expect(query.cypher).toContain('ON CREATE SET a.stub = true');
    expect(query.cypher).toContain('ON CREATE SET b.stub = true');
  });
});

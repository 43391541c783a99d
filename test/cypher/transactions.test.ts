import { terminateTaggedQuery } from '../../src/store/transactions';
import { checkBuilders, expectInputOnlyInParams, hostile } from './queryChecks';

describe('transactions store queries', () => {
  checkBuilders({ terminateTaggedQuery: () => terminateTaggedQuery('analyst:run-42') });

  it('terminates only the transactions of the given tag, passed as a parameter', () => {
    const query = terminateTaggedQuery('analyst:run-42');
    expect(query.cypher).toContain('WHERE metaData.tag = $tag');
    expect(query.params).toEqual({ tag: 'analyst:run-42' });
    // Its own tag differs, so the watchdog never terminates itself.
    expect(query.tag).not.toBe('analyst:run-42');
  });

  it('keeps client strings out of the text', () => {
    expectInputOnlyInParams(terminateTaggedQuery(hostile()));
  });
});

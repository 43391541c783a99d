import { luceneQuery, searchIndexQuery } from '../../src/store/search';
import { checkBuilders, expectInputOnlyInParams, hostile } from './queryChecks';

describe('search store queries', () => {
  checkBuilders({
    'searchIndexQuery, plain words': () => searchIndexQuery('ketamine mTOR', 20),
    'searchIndexQuery, Lucene syntax and operators': () => searchIndexQuery('title:"NMDA" AND (GSK-3 OR bdnf*) NOT ~x', 100),
    'searchIndexQuery, prefix of the last word': () => searchIndexQuery('NMDA Keta', 10, { prefix: true }),
  });

  it('passes the index name, the escaped words and the bound as parameters', () => {
    const { params, cypher } = searchIndexQuery('a AND b:c', 5);
    expect(cypher).toContain('CALL db.index.fulltext.queryNodes($index, $query, {limit: $first})');
    expect(params.index).toBe('evmap_text');
    expect(params.query).toBe('a and b\\:c');
    expect((params.first as { toNumber(): number }).toNumber()).toBe(5);
  });

  it('escapes every Lucene special character and lowercases the operators', () => {
    expect(luceneQuery('+-!(){}[]^"~*?:\\/&|')).toBe('\\+\\-\\!\\(\\)\\{\\}\\[\\]\\^\\"\\~\\*\\?\\:\\\\\\/\\&\\|');
    expect(luceneQuery('NOT ANDROID OR x')).toBe('not ANDROID or x');
  });

  it('keeps client strings out of the text', () => {
    expectInputOnlyInParams(searchIndexQuery(hostile(), 1));
  });
});

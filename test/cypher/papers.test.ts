import { page } from '../../src/store/page';
import { countPapersQuery, listPapersQuery, relatedPagesQuery } from '../../src/store/papers';

// Each query's text and parameters, fixed without a database: a change to a query shows up
// here as a snapshot diff to review, and the parameters prove client input stays out of the text.
describe('papers store queries', () => {
  it('lists papers with every filter as a parameter and the order chosen by enum', () => {
    const query = listPapersQuery({ yearFrom: 2010, journal: 'Psychiatry', text: 'ketamine AND (mTOR)' }, { field: 'CITATIONS', direction: 'ASC' }, page(0, 11));
    expect(query.cypher).not.toContain('Psychiatry');
    expect(query.cypher).not.toContain('ketamine');
    expect(query).toMatchSnapshot();
  });

  it('counts papers from a label scan when no words are given', () => {
    expect(countPapersQuery({})).toMatchSnapshot();
  });

  it.each(['cites', 'citedBy', 'similar', 'authored'] as const)('pages the %s relation', (relation) => {
    expect(relatedPagesQuery(relation, ['24392693'], page(10, 21))).toMatchSnapshot();
  });
});

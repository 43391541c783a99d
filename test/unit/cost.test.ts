import { buildSchema, getOperationAST, parse } from 'graphql';
import { queryCost } from '../../src/api/cost';
import { loadTypeDefs } from '../../src/api/schema';

const schema = buildSchema(loadTypeDefs());

function cost(query: string, variables?: Record<string, unknown>): number {
  const document = parse(query);
  const operation = getOperationAST(document);
  if (!operation) throw new Error('test query has no single operation');
  return queryCost(schema, document, operation, variables);
}

const PAGE = (extra: string) => `{ papers(first: 100) { edges { node { pmid title claims(first: 10) { edges { node { id quote stance } } } ${extra} } } } }`;

describe('queryCost', () => {
  it('counts a variable as its value, and an operation default as the variable', () => {
    const literal = cost('{ papers(first: 1000) { edges { node { cites(first: 1000) { edges { node { title } } } } } } }');
    const query = 'query($n: Int) { papers(first: $n) { edges { node { cites(first: $n) { edges { node { title } } } } } } }';
    expect(literal).toBe(1000 * (1 + 1000));
    expect(cost(query, { n: 1000 })).toBe(literal);
    expect(cost(query.replace('$n: Int', '$n: Int = 1000'))).toBe(literal);
  });

  it('multiplies nested lists: each row costs 1 plus its selection', () => {
    // authors: 10 rows of 1; the paper is one lookup, 1 + 10. A connection's edges { node } is its row.
    expect(cost('{ paper(pmid: "1") { authors(first: 10) { name } } }')).toBe(1 + 10);
    expect(cost('{ papers(first: 10) { edges { node { pmid } } } }')).toBe(10);
    expect(cost(PAGE('authors(first: 10) { name }'))).toBe(100 * (1 + 10 + 10));
  });

  it('lets the 100 papers × (10 claims + 10 authors) page through the default limit of 50,000', () => {
    expect(cost(PAGE('authors(first: 10) { name fullName }'))).toBeLessThan(50_000);
  });

  it('never makes a query cheaper by asking for more, nor dearer by asking for less', () => {
    expect(cost(PAGE('authors(first: 10) { name }'))).toBeGreaterThan(cost(PAGE('')));
    expect(cost(PAGE('authors(first: 10) { name }'))).toBeLessThan(cost(PAGE('authors { name }')));
    // The page is read even for totalCount alone, so leaving out edges saves nothing, and costs nothing.
    expect(cost('{ papers(first: 10) { totalCount } }')).toBeLessThanOrEqual(cost('{ papers(first: 10) { totalCount edges { node { pmid } } } }'));
    expect(cost('{ papers(first: 10) { edges { node { pmid } } } }')).toBeLessThan(cost('{ papers(first: 10) { edges { node { pmid claims(first: 1) { totalCount } } } } }'));
    expect(cost('{ papers(first: 10) { edges { node { pmid } } } }')).toBeLessThan(cost('{ papers(first: 11) { edges { node { pmid } } } }'));
  });

  it('counts a left-out first as the default page size, and the SDL defaults of the other sizing arguments', () => {
    expect(cost('{ papers { edges { node { pmid } } } }')).toBe(cost('{ papers(first: 100) { edges { node { pmid } } } }'));
    expect(cost('{ papers(first: null) { edges { node { pmid } } } }')).toBe(cost('{ papers(first: 100) { edges { node { pmid } } } }'));
    expect(cost('{ search(query: "x") { node { id } } }')).toBe(20 * 2);
    expect(cost('{ subgraph(seeds: ["x"]) { nodes { id } } }')).toBe(cost('{ subgraph(seeds: ["x"], depth: 1, limit: 500) { nodes { id } } }'));
    expect(cost('{ paths(from: "a", to: "b") { nodes { id } } }')).toBe(cost('{ paths(from: "a", to: "b", maxLength: 4, first: 10) { nodes { id } } }'));
  });

  it('grows subgraph with limit × depth, paths with first × maxLength, supportingPapers with 1 + viaCitations', () => {
    const subgraph = (args: string) => cost(`{ subgraph(seeds: ["x"], ${args}) { nodes { id } edges { id } } }`);
    expect(subgraph('depth: 3, limit: 1000')).toBe(3 * subgraph('depth: 1, limit: 1000'));
    expect(subgraph('depth: 2, limit: 1000')).toBe(10 * subgraph('depth: 2, limit: 100'));
    // A later slice reads the slices before it too.
    expect(subgraph('depth: 2, limit: 100, offset: 900')).toBe(subgraph('depth: 2, limit: 1000'));
    const paths = (args: string) => cost(`{ paths(from: "a", to: "b", ${args}) { nodes { id } } }`);
    expect(paths('maxLength: 6, first: 10')).toBe(3 * paths('maxLength: 2, first: 10'));
    const supporting = (via: number) => cost(`{ supportingPapers(entity: "mtor", viaCitations: ${via}, first: 50) { edges { node { pmid } citationPath { pmid } } } }`);
    expect(supporting(3)).toBe(4 * supporting(0));
    expect(cost('{ mechanism(id: "mtor") { supportingPapers(viaCitations: 1) { edges { node { pmid } } } } }')).toBe(1 + 2 * 100);
  });

  it('counts nodes(ids:) by its ids, from literals and variables', () => {
    const ids = Array.from({ length: 300 }, (_, i) => `Paper:${i + 1}`);
    const one = cost('{ nodes(ids: ["Paper:1"]) { id ... on Paper { title } } }');
    expect(cost('query($ids: [ID!]!) { nodes(ids: $ids) { id ... on Paper { title } } }', { ids })).toBe(300 * one);
    expect(cost(`{ nodes(ids: ${JSON.stringify(ids)}) { id } }`)).toBe(300 * cost('{ nodes(ids: ["Paper:1"]) { id } }'));
  });

  it('grows evidenceCell with first (default 20), its papers and claims under the one page', () => {
    const cell = (first: string) => cost(`{ evidenceCell(row: "ketamine", column: "mtor"${first}) { papers edges { node { pmid } claims { quote } } } }`);
    expect(cell('')).toBe(cell(', first: 20'));
    expect(cell(', first: 1000')).toBe(50 * cell(', first: 20'));
    expect(cell(', first: 20')).toBe(20 * (1 + 1));
  });

  it('does not let a negative size cancel out the cost of a sibling', () => {
    const sibling = '{ papers(first: 1000) { edges { node { cites(first: 1000) { edges { node { pmid } } } } } } }';
    expect(cost(sibling.replace('{ papers', '{ a: papers(first: -2000000000) { totalCount } b: papers'))).toBe(cost(sibling));
  });

  it('follows @skip and @include with their variables, as execution does', () => {
    const query = 'query($skip: Boolean!) { paper(pmid: "1") { title cites(first: 1000) @skip(if: $skip) { edges { node { pmid } } } } }';
    expect(cost(query, { skip: true })).toBe(1);
    expect(cost(query, { skip: false })).toBe(1 + 1000);
  });

  it('makes introspection free, so the playground can load the schema under any limit', () => {
    expect(cost('{ __schema { types { name fields { name args { name } type { name ofType { name } } } } } }')).toBe(0);
  });

  it('leaves variables that do not coerce to execution, which refuses them with the reason', () => {
    expect(cost('query($n: Int) { papers(first: $n) { totalCount } }', { n: 'many' })).toBe(0);
  });

  it('costs Infinity when fragments spread into one another beyond what the counter walks', () => {
    const levels = Array.from({ length: 16 }, (_, i) => `fragment F${i + 1} on Paper { ...F${i} ...F${i} }`);
    const query = `{ paper(pmid: "1") { ...F16 } } fragment F0 on Paper { pmid } ${levels.join(' ')}`;
    expect(cost(query)).toBe(Infinity);
  });
});

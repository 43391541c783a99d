/** The questions the benchmark asks: issue 12's Q1–Q7 and Q7c, and the evidence issue's cell and filtered listing. */
export interface BenchQuery {
  name: string;
  description: string;
  graphql: string;
  variables?: Record<string, unknown>;
}

const SUPPORTING_EDGES = 'totalCount edges { distance node { pmid title year } claims { id stance source } citationPath { pmid } } pageInfo { hasNextPage endCursor }';

export function benchQueries(papers: { mostCited: string; listedPaper: string }): BenchQuery[] {
  return [
    {
      name: 'Q1',
      description: 'paper(pmid) + authors + 10 cites',
      graphql: 'query($pmid: ID!) { paper(pmid: $pmid) { pmid title year authors { name } cites(first: 10) { edges { node { pmid title year } } } } }',
      variables: { pmid: papers.listedPaper },
    },
    {
      name: 'Q2',
      description: 'supportingPapers(mTOR, first: 50) with totalCount',
      graphql: `{ supportingPapers(entity: "mTOR", first: 50) { ${SUPPORTING_EDGES} } }`,
    },
    {
      name: 'Q3',
      description: 'supportingPapers(mTOR, viaCitations: 2, first: 50) with totalCount',
      graphql: `{ supportingPapers(entity: "mTOR", viaCitations: 2, first: 50) { ${SUPPORTING_EDGES} } }`,
    },
    {
      name: 'Q3p',
      description: 'supportingPapers(mTOR, viaCitations: 2, first: 50), page 1 without totalCount',
      graphql: '{ supportingPapers(entity: "mTOR", viaCitations: 2, first: 50) { edges { distance node { pmid title year } claims { id } citationPath { pmid } } pageInfo { hasNextPage endCursor } } }',
    },
    {
      name: 'Q4',
      description: 'subgraph(mTOR, depth 2, limit 1000)',
      graphql: '{ subgraph(seeds: ["Mechanism:mtor"], depth: 2, limit: 1000) { nodes { id label name } edges { id type source target } truncated } }',
    },
    {
      name: 'Q5',
      description: 'evidenceMap(MECHANISM × CONDITION)',
      graphql: '{ evidenceMap(rows: MECHANISM, columns: CONDITION) { cells { row column papers claims byStance { stance count } } } }',
    },
    {
      name: 'Q6',
      description: 'search("ketamine synaptic", 20)',
      graphql: '{ search(query: "ketamine synaptic", first: 20) { score kind node { id } } }',
    },
    {
      name: 'Q7',
      description: 'papers(first: 100, orderBy YEAR) + authors',
      graphql: '{ papers(first: 100, orderBy: { field: YEAR, direction: DESC }) { edges { node { pmid title year authors { name } } } pageInfo { hasNextPage endCursor } } }',
    },
    {
      name: 'Q7c',
      description: 'papers(first: 100, orderBy CITATIONS) + claims and cites nested, with totalCounts',
      graphql: `{ papers(first: 100, orderBy: { field: CITATIONS, direction: DESC }) { edges { node { pmid title year authors { name }
          claims(first: 5) { totalCount edges { node { id stance source } } }
          cites(first: 5) { totalCount edges { node { pmid } } } } } } }`,
    },
    {
      name: 'Q7cit',
      description: 'papers(first: 100, orderBy CITATIONS), nothing nested',
      graphql: '{ papers(first: 100, orderBy: { field: CITATIONS, direction: DESC }) { edges { node { pmid title year } } } }',
    },
    {
      name: 'Q1hot',
      description: 'citedBy(first: 10) with totalCount of the most cited paper',
      graphql: 'query($pmid: ID!) { paper(pmid: $pmid) { pmid citedBy(first: 10) { totalCount edges { node { pmid } } } } }',
      variables: { pmid: papers.mostCited },
    },
    {
      name: 'EC',
      description: 'evidenceCell(mTOR × MDD, first: 10) with counts and claims',
      graphql: '{ evidenceCell(row: "mTOR", column: "MDD", first: 10) { papers claims byStance { stance count } edges { node { pmid title year } claims { id stance source } } pageInfo { hasNextPage endCursor } } }',
    },
    {
      name: 'Q2f',
      description: 'supportingPapers(mTOR, sources: [TEXT_MINED, PUBTATOR], minConfidence: 0.5, first: 50)',
      graphql: `{ supportingPapers(entity: "mTOR", sources: [TEXT_MINED, PUBTATOR], minConfidence: 0.5, first: 50) { ${SUPPORTING_EDGES} } }`,
    },
  ];
}

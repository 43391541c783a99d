/** A query the playground opens in its own tab. */
export interface PlaygroundExample {
  title: string;
  query: string;
}

/**
 * The playground's example tabs, first one shown on opening. Each query is named because
 * GraphiQL titles a tab with its operation name; test/unit/playgroundExamples.test.ts checks
 * them against the schema.
 */
export const examples: readonly PlaygroundExample[] = [
  {
    title: 'Which papers support mTOR involvement?',
    query: `# Which papers support mTOR involvement?
# Each paper comes with the claims that make it evidence.
query MtorEvidence {
  mechanism(id: "mTOR") {
    name
    supportingPapers {
      totalCount
      edges {
        node { title year }
        claims { quote stance evidenceLevel }
      }
    }
  }
}
`,
  },
  {
    title: 'The seed review with its citations and similar articles',
    query: `# The seed review (PubMed 24392693): what it cites,
# who cites it, and what PubMed lists as similar.
query SeedPaper {
  paper(pmid: "24392693") {
    title
    journal
    year
    doi
    authors { name }
    cites(first: 10) {
      totalCount
      edges { node { pmid title year } }
    }
    citedBy(first: 10) {
      totalCount
      edges { node { pmid title year } }
    }
    similar(first: 10) {
      totalCount
      edges { rank node { pmid title year } }
    }
  }
}
`,
  },
  {
    title: 'Research aims and what they concern',
    query: `# The seed review's open research aims (a, b, c)
# and the entities each is about.
query ResearchAims {
  prolong: researchAim(id: "prolong-ketamine-effect") { ...Aim }
  selective: researchAim(id: "selective-nmda-antagonists") { ...Aim }
  biomarkers: researchAim(id: "ketamine-biomarkers") { ...Aim }
}

fragment Aim on ResearchAim {
  marker
  name
  concerns { __typename id name }
}
`,
  },
  {
    title: 'Evidence through citation chains',
    query: `# Direct evidence for mTOR first, then papers that cite their way to it (up to 2 hops),
# each with the citation path that explains why it is listed.
query MtorViaCitations {
  supportingPapers(entity: "mTOR", viaCitations: 2, first: 20) {
    totalCount
    edges {
      distance
      node { pmid title year }
      citationPath { pmid }
      claims { quote }
    }
  }
}
`,
  },
  {
    title: 'GSK-3 neighbourhood',
    query: `# The neighbourhood of GSK-3 two hops out: a subgraph a front end can draw.
# Nodes are the real types (inline fragments pick their fields); claim edges carry
# stance and source; omitted and nextOffset say what the limit left for the next slice.
query Gsk3Neighbourhood {
  subgraph(seeds: ["Mechanism:gsk-3"], depth: 2, limit: 200) {
    nodes {
      id label name
      ... on Paper { pmid year }
      ... on Claim { stance source confidence }
    }
    edges { id type source target stance claimSource confidence }
    truncated
    omitted { type count }
    nextOffset
  }
}
`,
  },
  {
    title: 'Where is evidence thin?',
    query: `# Mechanisms × conditions: each cell counts papers and claims; zero cells are the gaps.
query EvidenceGaps {
  evidenceMap(rows: MECHANISM, columns: CONDITION) {
    rows { id name }
    columns { id name }
    cells { row column papers claims byStance { stance count } }
  }
}
`,
  },
  {
    title: 'Open one cell of the evidence map',
    query: `# The papers behind mTOR × major depressive disorder, most claims first,
# each with its claims; pass pageInfo.endCursor as "after" for the next page.
query EvidenceCellPapers {
  evidenceCell(row: "mTOR", column: "MDD", first: 10) {
    row { name }
    column { name }
    papers
    claims
    byStance { stance count }
    edges {
      node { pmid title year }
      claims { quote stance evidenceLevel source confidence }
    }
    pageInfo { endCursor hasNextPage }
  }
}
`,
  },
  {
    title: 'Graph stats',
    query: `# How much is in the graph, by node label and relationship type.
query GraphStats {
  stats {
    nodes
    relationships
    labels { name count }
    relationshipTypes { name count }
    server
  }
}
`,
  },
];

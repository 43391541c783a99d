/**
 * Every bound the API documents, in one object: beyond a bound a request is BAD_USER_INPUT,
 * never a silent cut. The bounds that an operator may change (query time limits, GraphQL
 * depth, cost, aliases and tokens, the analyst's rows, bytes and time) are read from the
 * environment into `Config` (src/config.ts) instead; README "Limits" lists both.
 */
export const LIMITS = {
  /** Relay connections (`first`/`after`). */
  page: { defaultSize: 100, maxSize: 1000 },
  /** `extensions.cost.plans`: profiles kept per request, and operators kept per profile (past it, the deeper ones are left out; the totals still count them). */
  observe: { plansPerRequest: 50, planSteps: 200 },
  /**
   * `supportingPapers(viaCitations:)`: citation hops followed from direct evidence, and the citation
   * chains enumerated per request; past that many the count is a lower bound (`totalCountIsExact: false`).
   */
  supporting: { maxViaCitations: 3, maxChainRows: 100_000 },
  /** `papers(where:)`. */
  papers: { maxTextLength: 500 },
  search: { maxFirst: 100, defaultFirst: 20, maxQueryLength: 500 },
  /**
   * `subgraph`: `offset` + `limit` is at most maxLimit; each hop reads at most maxScan
   * relationships of its frontier, whatever the hubs among them hold.
   */
  subgraph: { maxDepth: 3, maxLimit: 5000, maxSeeds: 100, defaultDepth: 1, defaultLimit: 500, maxScan: 20_000 },
  /** `nodes(ids:)`: as many as one page. */
  nodes: { maxIds: 1000 },
  paths: { maxLength: 6, maxFirst: 100, defaultLength: 4, defaultFirst: 10 },
  /** `evidenceMap`: rows and columns each. */
  evidenceMap: { maxAxis: 100 },
  /**
   * `evidenceCell`: papers per page by default, claims listed per paper, and the (paper, claim)
   * rows read for one cell, beyond which its listing is incomplete rather than slow.
   */
  evidenceCell: { defaultFirst: 20, claimsPerPaper: 50, maxRows: 100_000 },
  /**
   * Analyst Cypher and traversals: query text, the params object, and range() inside
   * expressions (a data-sized loop Neo4j's timeout cannot stop; see src/analyst/rangeCheck.ts).
   */
  analyst: { maxQueryLength: 20_000, maxParamsDepth: 32, maxParamsValues: 100_000, rangeCap: 100_000, maxStringParam: 500 },
  /** Authors listed per paper. */
  authors: { defaultFirst: 100 },
  /** How long the CLI, benchmarks and the test set-up let one query run: imports write large batches. */
  batchQueryTimeoutMs: 120_000,
} as const;

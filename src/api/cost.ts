import { getComplexity, type ComplexityEstimatorArgs } from 'graphql-query-complexity';
import { getNamedType, getVariableValues, isLeafType, type DocumentNode, type GraphQLSchema, type OperationDefinitionNode } from 'graphql';
import { LIMITS } from '../limits';

const DEFAULT_PAGE_SIZE = LIMITS.page.defaultSize;

/**
 * The arguments that size what a field makes Neo4j read and the server hold, each as the factor
 * it multiplies the field's rows by. A field lacking one of them gets the factor 1.
 */
const SIZING: Record<string, (value: number) => number> = {
  // A page or list is at most this many rows.
  first: (n) => n,
  limit: (n) => n,
  // subgraph runs one query per level, each reading up to `limit` rows.
  depth: (n) => n,
  // paths: every path carries up to `maxLength` edges, and the search widens with each one.
  maxLength: (n) => n,
  // supportingPapers: every hop brings in more candidate papers and a longer citationPath per edge.
  viaCitations: (n) => 1 + n,
};

/** A list argument that names what the field fetches, each item one row: `nodes(ids:)`. */
const LISTED = new Set(['ids']);

/** The rows a field can produce, from its sizing arguments (an argument left out counts as its default). */
function rows(field: ComplexityEstimatorArgs['field'], args: ComplexityEstimatorArgs['args']): number {
  let product = 1;
  const number = (name: string): number => {
    const definition = field.args.find((a) => a.name === name);
    // No value and no SDL default is a connection's `first`, which api/connections.ts fills in.
    const value: unknown = args[name] ?? definition?.defaultValue ?? DEFAULT_PAGE_SIZE;
    // The resolver refuses a negative size, but here it must not cancel out its siblings' cost first.
    return typeof value === 'number' ? Math.max(0, value) : DEFAULT_PAGE_SIZE;
  };
  for (const definition of field.args) {
    if (LISTED.has(definition.name)) {
      const value: unknown = args[definition.name];
      product *= Array.isArray(value) ? value.length : 1;
      continue;
    }
    const factor = SIZING[definition.name];
    if (!factor) continue;
    // subgraph ranks `offset` nodes before the `limit` it returns, and reads for all of them.
    const size = definition.name === 'limit' && field.args.some((a) => a.name === 'offset') ? number('limit') + number('offset') : number(definition.name);
    product *= factor(size);
  }
  return product;
}

/** Relay's `edges { node }` spells out the rows a connection's sizing argument already counts. */
function isConnectionRow({ type, field }: ComplexityEstimatorArgs): boolean {
  return (field.name === 'edges' && type.name.endsWith('Connection')) || (field.name === 'node' && type.name.endsWith('Edge'));
}

/**
 * What one field costs, roughly the rows it makes Neo4j read: each row a sized field can produce
 * costs 1 plus what is selected under it, so nested lists multiply (papers(first: 100) { …
 * claims(first: 10) } costs about 100 × 10), and any extra field or larger argument adds cost,
 * never removes it. A connection's page counts even when only totalCount is selected, because
 * its resolver reads the page anyway. An object field without a sizing argument is one lookup
 * (1 plus its selection); a list without one (about, citationPath, an evidence map's cells, an
 * evidence cell's claims per paper) is bounded by its resolver and counted as one lookup. Scalars come with their row and cost
 * nothing. Introspection is bounded by the schema, and the playground needs it, so it is free.
 */
function fieldCost(estimate: ComplexityEstimatorArgs): number {
  const { field, args, childComplexity } = estimate;
  if (field.name.startsWith('__') || isLeafType(getNamedType(field.type))) return 0;
  if (isConnectionRow(estimate)) return childComplexity;
  return rows(field, args) * (1 + childComplexity);
}

/**
 * The cost of `operation` with its variables' values, as fieldCost counts it. A document too
 * large for the counter to walk (fragments spread into one another) costs Infinity, so it is
 * refused rather than let through uncounted.
 */
export function queryCost(schema: GraphQLSchema, document: DocumentNode, operation: OperationDefinitionNode, variables: Record<string, unknown> = {}): number {
  // Variables that do not coerce are refused by execution, with the reason, before any resolver
  // runs; reporting them as too costly would hide that reason.
  if (getVariableValues(schema, operation.variableDefinitions ?? [], variables).errors) return 0;
  try {
    return getComplexity({ schema, query: document, operationName: operation.name?.value, variables, estimators: [fieldCost] });
  } catch {
    return Infinity;
  }
}

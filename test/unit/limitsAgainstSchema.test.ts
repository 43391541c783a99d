import { buildSchema, type GraphQLField } from 'graphql';
import { loadTypeDefs } from '../../src/api/schema';
import { LIMITS } from '../../src/limits';

// The cost limit reads defaults from the SDL and the features from LIMITS: when the two drift,
// a query is counted at one size and run at another.
const query = buildSchema(loadTypeDefs()).getQueryType();

function defaultOf(fieldName: string, argument: string): unknown {
  const field = query?.getFields()[fieldName] as GraphQLField<unknown, unknown> | undefined;
  return field?.args.find((a) => a.name === argument)?.defaultValue;
}

describe('the SDL defaults and LIMITS', () => {
  it.each([
    ['subgraph', 'depth', LIMITS.subgraph.defaultDepth],
    ['subgraph', 'limit', LIMITS.subgraph.defaultLimit],
    ['paths', 'maxLength', LIMITS.paths.defaultLength],
    ['paths', 'first', LIMITS.paths.defaultFirst],
    ['search', 'first', LIMITS.search.defaultFirst],
    ['supportingPapers', 'viaCitations', 0],
    ['evidenceCell', 'first', LIMITS.evidenceCell.defaultFirst],
  ])('%s(%s:) defaults to %s in both', (field, argument, expected) => {
    expect(defaultOf(field, argument)).toBe(expected);
  });
});

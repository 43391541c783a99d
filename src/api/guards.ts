import type { ApolloServerPlugin } from '@apollo/server';
import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import { maxDirectivesRule } from '@escape.tech/graphql-armor-max-directives';
import { GraphQLError, type GraphQLFormattedError, type ValidationContext, type ValidationRule } from 'graphql';
import type { Config } from '../config';
import { queryCost } from './cost';
import { ErrorCode } from '../errors';
import { currentScope } from '../observe/requestScope';

/** Marks errors raised by a limit (in validation or the cost plugin), so the error formatter can give them their own code. */
const LIMIT_MARK = 'evmapLimit';

/** A refusal that codeLimitErrors will code with the limit hit; 400, as for any other invalid query. */
function limitError(limit: string, message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { [LIMIT_MARK]: limit, http: { status: 400 } } });
}

/**
 * Armor throws out of the validator by default, which Apollo reports as an internal error;
 * instead each rejection is reported as a validation error that says which limit was hit.
 */
function reportAs(limit: string) {
  return {
    propagateOnRejection: false,
    exposeLimits: true,
    onReject: [(context: ValidationContext | null, error: GraphQLError) => context?.reportError(limitError(limit, error.message.replace(/^Syntax Error: /, '')))],
  };
}

/**
 * Depth, alias and directive limits from graphql-armor, checked during validation, so an
 * abusive query is refused before any resolver (or Neo4j) runs. Introspection is exempt from
 * depth so the playground can load the schema. Cost needs the variables: see costLimit.
 */
export function limitRules(limits: Config['limits']): ValidationRule[] {
  return [
    maxDepthRule({ n: limits.maxDepth, ignoreIntrospection: true, ...reportAs('depth') }),
    maxAliasesRule({ n: limits.maxAliases, ...reportAs('aliases') }),
    maxDirectivesRule({ n: 50, ...reportAs('directives') }),
  ];
}

/**
 * The cost limit, checked once Apollo has resolved the operation, because a validation rule
 * cannot see variables and `first: $n` would pass uncounted; execution (and Neo4j) has not
 * started yet, so a refused query runs nothing.
 */
export function costLimit(maxCost: number): ApolloServerPlugin {
  return {
    requestDidStart: async () => ({
      didResolveOperation: async ({ schema, document, operation, request }) => {
        // No operation to run (an unknown operationName): execution refuses it before any resolver.
        if (!operation) return;
        const cost = queryCost(schema, document, operation, request.variables);
        const scope = currentScope();
        if (scope) scope.cost = cost;
        if (cost > maxCost) throw limitError('cost', `Query Cost limit of ${maxCost} exceeded, found ${cost}.`);
      },
    }),
  };
}

/** Gives limit violations (validation, cost) and over-long documents (parsing) the QUERY_TOO_COMPLEX code. */
export function codeLimitErrors(formatted: GraphQLFormattedError): GraphQLFormattedError {
  const extensions = formatted.extensions ?? {};
  const limit = extensions[LIMIT_MARK];
  const tooManyTokens = extensions.code === 'GRAPHQL_PARSE_FAILED' && /contains more (than|that) \d+ tokens/i.test(formatted.message);
  if (limit === undefined && !tooManyTokens) return formatted;
  const { [LIMIT_MARK]: _mark, ...rest } = extensions;
  return { ...formatted, extensions: { ...rest, code: ErrorCode.QueryTooComplex, limit: limit ?? 'tokens' } };
}

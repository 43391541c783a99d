import { costLimitRule } from '@escape.tech/graphql-armor-cost-limit';
import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import { maxDirectivesRule } from '@escape.tech/graphql-armor-max-directives';
import { GraphQLError, type GraphQLFormattedError, type ValidationContext, type ValidationRule } from 'graphql';
import type { Config } from './config';
import { ErrorCode } from './errors';

/** Marks validation errors raised by a limit, so the error formatter can give them their own code. */
const LIMIT_MARK = 'evmapLimit';

/**
 * Armor throws out of the validator by default, which Apollo reports as an internal error;
 * instead each rejection is reported as a validation error that says which limit was hit.
 */
function reportAs(limit: string) {
  return {
    propagateOnRejection: false,
    exposeLimits: true,
    onReject: [
      (context: ValidationContext | null, error: GraphQLError) =>
        context?.reportError(new GraphQLError(error.message.replace(/^Syntax Error: /, ''), { extensions: { [LIMIT_MARK]: limit } })),
    ],
  };
}

/**
 * Depth, cost, alias and directive limits from graphql-armor, checked during validation, so an
 * abusive query is refused before any resolver (or Neo4j) runs. Introspection is exempt from
 * depth and cost so the playground can load the schema.
 */
export function limitRules(limits: Config['limits']): ValidationRule[] {
  return [
    maxDepthRule({ n: limits.maxDepth, ignoreIntrospection: true, ...reportAs('depth') }),
    costLimitRule({ maxCost: limits.maxCost, ignoreIntrospection: true, ...reportAs('cost') }),
    maxAliasesRule({ n: limits.maxAliases, ...reportAs('aliases') }),
    maxDirectivesRule({ n: 50, ...reportAs('directives') }),
  ];
}

/** Gives limit violations (validation) and over-long documents (parsing) the QUERY_TOO_COMPLEX code. */
export function codeLimitErrors(formatted: GraphQLFormattedError): GraphQLFormattedError {
  const extensions = formatted.extensions ?? {};
  const limit = extensions[LIMIT_MARK];
  const tooManyTokens = extensions.code === 'GRAPHQL_PARSE_FAILED' && /contains more (than|that) \d+ tokens/i.test(formatted.message);
  if (limit === undefined && !tooManyTokens) return formatted;
  const { [LIMIT_MARK]: _mark, ...rest } = extensions;
  return { ...formatted, extensions: { ...rest, code: ErrorCode.QueryTooComplex, limit: limit ?? 'tokens' } };
}

import { costLimitRule } from '@escape.tech/graphql-armor-cost-limit';
import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import { maxDirectivesRule } from '@escape.tech/graphql-armor-max-directives';
import { GraphQLError, type GraphQLFormattedError, type ValidationContext, type ValidationRule } from 'graphql';
import type { Config } from './config';
import { ErrorCode } from './errors';

/** Marks validation errors raised by a limit, so the error formatter can give them their own code. */
const LIMIT_MARK = 'evmapLimit';

/** Wraps an armor rule so the errors it reports carry which limit was hit. */
function marked(name: string, rule: (context: ValidationContext) => unknown): ValidationRule {
  return (context) => {
    const proxy = new Proxy(context, {
      get(target, prop) {
        if (prop === 'reportError') {
          return (error: GraphQLError) =>
            target.reportError(new GraphQLError(error.message, { nodes: error.nodes, extensions: { ...error.extensions, [LIMIT_MARK]: name } }));
        }
        const value: unknown = Reflect.get(target, prop, target);
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
    return rule(proxy) as ReturnType<ValidationRule>;
  };
}

/**
 * Depth, cost, alias and directive limits from graphql-armor, checked during validation, so an
 * abusive query is refused before any resolver (or Neo4j) runs. Introspection is exempt from
 * depth and cost so the playground can load the schema.
 */
export function limitRules(limits: Config['limits']): ValidationRule[] {
  return [
    marked('depth', maxDepthRule({ n: limits.maxDepth, ignoreIntrospection: true, exposeLimits: true })),
    marked('cost', costLimitRule({ maxCost: limits.maxCost, ignoreIntrospection: true, exposeLimits: true })),
    marked('aliases', maxAliasesRule({ n: limits.maxAliases, exposeLimits: true })),
    marked('directives', maxDirectivesRule({ n: 50, exposeLimits: true })),
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

import type { GraphQLResolveInfo } from 'graphql';
import type { Resolvers } from '../../generated/graphql';
import { withSpan } from '../../observe/tracing';

type Resolve = (parent: unknown, args: unknown, context: unknown, info: GraphQLResolveInfo) => unknown;

/**
 * The resolvers with each one run in its own span (`Type.field`), so a trace shows request →
 * resolver → Neo4j query. Only resolvers written here get one; fields read straight off their
 * parent are not worth a span each. Used only when tracing is on.
 */
export function tracedResolvers(resolvers: Resolvers): Resolvers {
  const traced: Record<string, unknown> = {};
  for (const [type, fields] of Object.entries(resolvers as Record<string, unknown>)) {
    if (typeof fields !== 'object' || fields === null || fields.constructor !== Object) {
      traced[type] = fields;
      continue;
    }
    traced[type] = Object.fromEntries(
      Object.entries(fields as Record<string, unknown>).map(([field, resolver]) => {
        if (typeof resolver !== 'function' || field.startsWith('__')) return [field, resolver];
        const resolve = resolver as Resolve;
        const name = `${type}.${field}`;
        const wrapped: Resolve = (parent, args, context, info) => withSpan(name, { 'graphql.field.path': pathOf(info) }, async () => resolve(parent, args, context, info));
        return [field, wrapped];
      }),
    );
  }
  return traced as Resolvers;
}

function pathOf(info: GraphQLResolveInfo): string {
  const parts: Array<string | number> = [];
  for (let at: GraphQLResolveInfo['path'] | undefined = info.path; at; at = at.prev) parts.unshift(at.key);
  return parts.join('.');
}

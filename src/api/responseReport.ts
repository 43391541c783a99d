import type { ApolloServerPlugin } from '@apollo/server';
import { currentScope } from '../observe/requestScope';
import { BOOKMARK_HEADER, formatBookmarks } from './bookmarks';
import type { Context } from './context';

/** The header that asks for each query's plan in `extensions.cost.plans`. */
export const PLANS_HEADER = 'x-evmap-plans';

/** Whether a request may see what it cost: every request when the operator exposes it, else an admin's. */
export function maySeeCost(exposeCost: boolean, context: Pick<Context, 'viewer'>): boolean {
  return exposeCost || context.viewer.role === 'admin';
}

/**
 * What every GraphQL response says about itself: `extensions.requestId` (as the x-request-id
 * header), the bookmark header after a write, and for those who may see it `extensions.cost`:
 * the computed cost and its limit, the Neo4j round trips and database time, and, when the
 * x-evmap-plans header asked, each query's profiled plan.
 */
export function responseReport(options: { exposeCost: boolean; maxCost: number }): ApolloServerPlugin<Context> {
  return {
    requestDidStart: async () => ({
      didResolveOperation: async ({ operation, request }) => {
        const scope = currentScope();
        if (scope) scope.operation = operation?.name?.value ?? request.operationName ?? undefined;
      },
      willSendResponse: async ({ response, contextValue }) => {
        const scope = currentScope();
        if (!scope) return;
        if (scope.written.length > 0) response.http.headers.set(BOOKMARK_HEADER, formatBookmarks(scope.written));
        if (response.body.kind !== 'single') return;
        const result = response.body.singleResult;
        const cost = maySeeCost(options.exposeCost, contextValue)
          ? {
              cost: {
                requested: scope.cost ?? null,
                limit: options.maxCost,
                neo4jQueries: scope.queries,
                dbTimeMs: Math.round(scope.dbMs * 10) / 10,
                ...(scope.profile ? { plans: scope.plans } : {}),
              },
            }
          : {};
        result.extensions = { ...result.extensions, requestId: scope.id, ...cost };
      },
    }),
  };
}

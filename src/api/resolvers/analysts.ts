import { JSONResolver } from 'graphql-scalars';
import { runReadOnlyCypher } from '../../analyst/cypher';
import { asParams } from '../../analyst/params';
import { runTraversal, traversalRegistry } from '../../analyst/traversal';
import { requireRole } from '../auth';
import type { Resolvers } from '../../generated/graphql';

export const analystResolvers: Resolvers = {
  JSON: JSONResolver,
  Query: {
    traversals: () =>
      [...traversalRegistry().values()].map((t) => ({
        name: t.name,
        description: t.description,
        parameters: Object.entries(t.parameters).map(([name, spec]) => ({
          name,
          type: spec.type,
          required: spec.required ?? false,
          default: spec.default ?? null,
          description: spec.description,
        })),
      })),
    traversal: (_p, { name, params }, { db, analyst }) => runTraversal(db, name, params, analyst),
    cypher: (_p, { query, params }, { db, viewer, analyst }) => {
      requireRole(viewer, 'analyst');
      return runReadOnlyCypher(db, query, asParams(params), analyst);
    },
  },
  CypherResult: {
    rowCount: (r) => r.rows.length,
  },
};

import type { Resolvers } from '../generated/graphql';
import { evidenceMap } from '../queries/evidenceMap';
import { shortestPaths } from '../queries/paths';
import { search } from '../queries/search';
import { subgraph } from '../queries/subgraph';
import { timeline } from '../queries/timeline';

export const traversalResolvers: Resolvers = {
  Query: {
    subgraph: (_p, args, { db }) => subgraph(db, args),
    paths: (_p, args, { db }) => shortestPaths(db, args),
    evidenceMap: (_p, { rows, columns, where }, { db }) => evidenceMap(db, rows, columns, where),
    timeline: (_p, { entity, stance }, { db }) => timeline(db, entity, stance ?? null),
    search: (_p, { query, first }, { db, loaders }) => search(db, loaders, query, first),
  },
};

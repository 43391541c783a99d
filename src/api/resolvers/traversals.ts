import type { Resolvers } from '../../generated/graphql';
import { evidenceMap } from '../../features/evidenceMap';
import { shortestPaths } from '../../features/paths';
import { search } from '../../features/search';
import { subgraph } from '../../features/subgraph';
import { timeline } from '../../features/timeline';

export const traversalResolvers: Resolvers = {
  Query: {
    subgraph: (_p, args, { db }) => subgraph(db, args),
    paths: (_p, args, { db }) => shortestPaths(db, args),
    evidenceMap: (_p, { rows, columns, where }, { db }) => evidenceMap(db, rows, columns, where),
    timeline: (_p, { entity, ...filter }, { db }) => timeline(db, entity, filter),
    search: (_p, { query, first }, { db, loaders }) => search(db, loaders, query, first),
  },
};

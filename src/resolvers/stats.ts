import type { Resolvers } from '../generated/graphql';
import { graphCounts, serverAgent } from '../queries/stats';

export const statsResolvers: Resolvers = {
  Query: {
    stats: async (_parent, _args, { db }) => ({ ...(await graphCounts(db)), server: await serverAgent(db) }),
  },
};

import { stats } from '../../features/stats';
import type { Resolvers } from '../../generated/graphql';
import { parseNodeId } from '../../graph/keys';

export const baseResolvers: Resolvers = {
  Query: {
    node: async (_p, { id }, { loaders }) => {
      const parsed = parseNodeId(id);
      if (!parsed) return null;
      switch (parsed.label) {
        case 'Paper':
          return loaders.paper.load(parsed.key);
        case 'Claim':
          return loaders.claim.load(parsed.key);
        case 'Author':
          return loaders.author.load(parsed.key);
        default: {
          const entity = await loaders.entity.load(parsed.key);
          return entity?.__typename === parsed.label ? entity : null;
        }
      }
    },
    stats: (_parent, _args, { db }) => stats(db),
  },
};

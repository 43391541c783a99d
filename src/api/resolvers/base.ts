import { ErrorCode, EvmapError } from '../../errors';
import { stats } from '../../features/stats';
import type { Resolvers } from '../../generated/graphql';
import { parseNodeId } from '../../graph/keys';
import type { AuthorRow, ClaimRow, EntityReadRow, PaperReadRow } from '../../graph/records';
import { LIMITS } from '../../limits';
import type { Loaders } from '../loaders';

export type NodeValue = PaperReadRow | ClaimRow | AuthorRow | EntityReadRow;

/** The node with a global id, through the request's loaders (one query per label for a batch); null when there is none. */
export async function nodeById(loaders: Loaders, id: string): Promise<NodeValue | null> {
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
}

/** The nodes of a drawn graph, in its order; one that vanished since the graph was read is left out. */
export async function nodesByIds(loaders: Loaders, ids: readonly string[]): Promise<NodeValue[]> {
  return (await Promise.all(ids.map((id) => nodeById(loaders, id)))).filter((n): n is NodeValue => n !== null);
}

export const baseResolvers: Resolvers = {
  Query: {
    node: (_p, { id }, { loaders }) => nodeById(loaders, id),
    nodes: (_p, { ids }, { loaders }) => {
      if (ids.length > LIMITS.nodes.maxIds) throw new EvmapError(ErrorCode.BadUserInput, `At most ${LIMITS.nodes.maxIds} ids, got ${ids.length}.`, { argumentName: 'ids' });
      return Promise.all(ids.map((id) => nodeById(loaders, id)));
    },
    stats: (_parent, _args, { db }) => stats(db),
  },
};

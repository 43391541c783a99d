import type { Resolvers } from '../generated/graphql';
import { analystResolvers } from './analysts';
import { claimResolvers } from './claims';
import { curationResolvers } from './curation';
import { entityResolvers } from './entities';
import { nodeResolvers } from './node';
import { paperResolvers } from './papers';
import { statsResolvers } from './stats';
import { traversalResolvers } from './traversals';

/** All resolvers, merged per type so each area keeps its own file. */
export function buildResolvers(): Resolvers {
  const parts: Resolvers[] = [analystResolvers, statsResolvers, nodeResolvers, paperResolvers, entityResolvers, claimResolvers, curationResolvers, traversalResolvers];
  const merged: Record<string, Record<string, unknown>> = {};
  for (const part of parts) {
    for (const [type, fields] of Object.entries(part)) {
      merged[type] = { ...merged[type], ...(fields as Record<string, unknown>) };
    }
  }
  return merged as Resolvers;
}

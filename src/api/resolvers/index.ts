import type { Resolvers } from '../../generated/graphql';
import { analystResolvers } from './analysts';
import { baseResolvers } from './base';
import { curationResolvers } from './curation';
import { entityResolvers } from './entities';
import { evidenceResolvers } from './evidence';
import { paperResolvers } from './papers';
import { traversalResolvers } from './traversals';

/** All resolvers, one file per SDL file in schema/, merged per type. */
export function buildResolvers(): Resolvers {
  const parts: Resolvers[] = [baseResolvers, analystResolvers, paperResolvers, entityResolvers, evidenceResolvers, curationResolvers, traversalResolvers];
  const merged: Record<string, Record<string, unknown>> = {};
  for (const part of parts) {
    for (const [type, fields] of Object.entries(part)) {
      merged[type] = { ...merged[type], ...(fields as Record<string, unknown>) };
    }
  }
  return merged as Resolvers;
}

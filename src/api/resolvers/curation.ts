import { requireRole } from '../auth';
import { addCitation, addClaim, retractClaim, upsertEntity, upsertPaper } from '../../features/curation';
import type { Resolvers } from '../../generated/graphql';

export const curationResolvers: Resolvers = {
  Mutation: {
    upsertPaper: (_p, { input }, { db, viewer }) => {
      requireRole(viewer, 'curator');
      return upsertPaper(db, input);
    },
    upsertEntity: (_p, { input }, { db, viewer }) => {
      requireRole(viewer, 'curator');
      return upsertEntity(db, input);
    },
    addClaim: (_p, { input }, { db, viewer }) => {
      requireRole(viewer, 'curator');
      return addClaim(db, input, viewer.keyId ?? 'unknown');
    },
    retractClaim: (_p, { id, reason }, { db, viewer }) => {
      requireRole(viewer, 'curator');
      return retractClaim(db, id, reason);
    },
    addCitation: (_p, { citing, cited }, { db, viewer }) => {
      requireRole(viewer, 'curator');
      return addCitation(db, citing, cited);
    },
  },
};

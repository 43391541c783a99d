import type { Resolvers } from '../generated/graphql';
import { keyOf, nodeId } from '../graph/model';
import { present } from '../loaders';

export const claimResolvers: Resolvers = {
  Query: {
    claim: (_p, { id }, { loaders }) => loaders.claim.load(keyOf('Claim', id)),
  },
  QuoteField: { TITLE: 'title', ABSTRACT: 'abstract' },
  Claim: {
    id: (c) => nodeId('Claim', c.id),
    paper: async (c, _args, { loaders }) => {
      const pmid = await loaders.claimPaper.load(c.id);
      const paper = pmid ? await loaders.paper.load(pmid) : null;
      if (!paper) throw new Error(`claim ${c.id} has no asserting paper`);
      return paper;
    },
    about: async (c, _args, { loaders }) => {
      return present(await loaders.entity.loadMany(await loaders.claimAbout.load(c.id)));
    },
  },
  SupportingPaperEdge: {
    node: async (edge, _args, { loaders }) => {
      const paper = await loaders.paper.load(edge.pmid);
      if (!paper) throw new Error(`supporting paper ${edge.pmid} vanished`);
      return paper;
    },
    claims: async (edge, _args, { loaders }) => present(await loaders.claim.loadMany(edge.claimIds)),
    citationPath: async (edge, _args, { loaders }) => present(await loaders.paper.loadMany(edge.path)),
  },
};

import { countPapers, listPapers, planPaperFilter } from '../../features/papers';
import type { Resolvers } from '../../generated/graphql';
import { nodeId, requirePaperKey } from '../../graph/keys';
import { keysetAfter, pageWindow, toConnection } from '../connections';
import { claimConnection, relatedConnection } from './batchedConnections';

export const paperResolvers: Resolvers = {
  Query: {
    paper: (_p, { pmid }, { loaders }) => loaders.paper.load(requirePaperKey(pmid, 'pmid')),
    papers: async (_p, { where, orderBy, ...args }, { db }) => {
      const window = pageWindow(args);
      const filter = await planPaperFilter(db, where ?? {});
      const order = { field: orderBy?.field ?? 'YEAR', direction: orderBy?.direction ?? 'DESC' };
      const orderName = `${order.field} ${order.direction}`;
      const rows = await listPapers(db, filter, order, window.params, keysetAfter(window, orderName));
      return toConnection(rows, window, (row) => ({ node: row.paper }), () => countPapers(db, filter), (row) => ({ order: orderName, key: row.sortKey, pmid: row.paper.pmid }));
    },
  },
  Paper: {
    id: (p) => nodeId('Paper', p.pmid),
    label: () => 'Paper',
    name: (p) => p.title,
    authors: (p, { first }, { loaders }) => loaders.paperAuthors.load({ key: p.pmid, variant: pageWindow({ first }).size }),
    authorships: (p, { first }, { loaders }) => loaders.paperAuthorships.load({ key: p.pmid, variant: pageWindow({ first }).size }),
    cites: (p, args, { loaders }) => relatedConnection(loaders, 'cites', p.pmid, args),
    citedBy: (p, args, { loaders }) => relatedConnection(loaders, 'citedBy', p.pmid, args),
    similar: (p, args, { loaders }) => relatedConnection(loaders, 'similar', p.pmid, args),
    correctedBy: (p, args, { loaders }) => relatedConnection(loaders, 'correctedBy', p.pmid, args),
    retractedBy: (p, args, { loaders }) => relatedConnection(loaders, 'retractedBy', p.pmid, args),
    commentedOnBy: (p, args, { loaders }) => relatedConnection(loaders, 'commentedOnBy', p.pmid, args),
    commentsOn: (p, args, { loaders }) => relatedConnection(loaders, 'commentsOn', p.pmid, args),
    updatedBy: (p, args, { loaders }) => relatedConnection(loaders, 'updatedBy', p.pmid, args),
    claims: (p, args, { loaders }) => claimConnection(loaders, 'paper', p.pmid, args),
  },
  Author: {
    id: (a) => nodeId('Author', a.id),
    label: () => 'Author',
    papers: (a, args, { loaders }) => relatedConnection(loaders, 'authored', a.id, args),
  },
};

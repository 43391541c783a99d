import type { Context } from '../context';
import { ErrorCode, EvmapError, quoteInput } from '../errors';
import type { PaperFilter as PaperFilterInput, Resolvers } from '../generated/graphql';
import { findEntity } from '../queries/entities';
import { nodeId, requirePaperKey } from '../graph/model';
import { pageWindow, toConnection } from '../paging';
import { variantKey } from '../loaders';
import { countPapers, listPapers, type PaperFilter } from '../queries/papers';
import { claimConnection, relatedConnection } from './connectionLoaders';

/** Checks the filter and resolves `about` (a name or alias) to an entity id; an unknown entity is BAD_USER_INPUT. */
async function paperFilter(db: Context['db'], where: PaperFilterInput): Promise<PaperFilter> {
  if (where.yearFrom != null && where.yearTo != null && where.yearFrom > where.yearTo) {
    throw new EvmapError(ErrorCode.BadUserInput, `where.yearFrom (${where.yearFrom}) is after where.yearTo (${where.yearTo})`, { argumentName: 'where' });
  }
  if (where.aboutStance && !where.about) {
    throw new EvmapError(ErrorCode.BadUserInput, 'where.aboutStance needs where.about', { argumentName: 'where' });
  }
  if (where.text != null && where.text.length > 500) {
    throw new EvmapError(ErrorCode.BadUserInput, 'where.text must be at most 500 characters', { argumentName: 'where' });
  }
  let aboutEntityId: string | null = null;
  if (where.about) {
    const entity = await findEntity(db, where.about);
    if (!entity) throw new EvmapError(ErrorCode.BadUserInput, `where.about: no entity matches ${quoteInput(where.about)}`, { argumentName: 'where' });
    aboutEntityId = entity.id;
  }
  return { ...where, aboutEntityId };
}

export const paperResolvers: Resolvers = {
  Query: {
    paper: (_p, { pmid }, { loaders }) => loaders.paper.load(requirePaperKey(pmid, 'pmid')),
    papers: async (_p, { where, orderBy, ...args }, { db }) => {
      const window = pageWindow(args);
      const filter = await paperFilter(db, where ?? {});
      const order = { field: orderBy?.field ?? 'YEAR', direction: orderBy?.direction ?? 'DESC' };
      return toConnection(await listPapers(db, filter, order, window.params), window, (node) => ({ node }), () => countPapers(db, filter));
    },
  },
  Paper: {
    id: (p) => nodeId('Paper', p.pmid),
    authors: (p, { first }, { loaders }) => loaders.paperAuthors.load(variantKey(p.pmid, pageWindow({ first }).size)),
    cites: (p, args, { loaders }) => relatedConnection(loaders, 'cites', p.pmid, args),
    citedBy: (p, args, { loaders }) => relatedConnection(loaders, 'citedBy', p.pmid, args),
    similar: (p, args, { loaders }) => relatedConnection(loaders, 'similar', p.pmid, args),
    claims: (p, args, { loaders }) => claimConnection(loaders, 'paper', p.pmid, args),
  },
  Author: {
    id: (a) => nodeId('Author', a.id),
    papers: (a, args, { loaders }) => relatedConnection(loaders, 'authored', a.id, args),
  },
};

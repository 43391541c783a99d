import { requireEntity } from '../../features/entityRefs';
import { countSupportingPapers, planSupporting, supportingPapersPage, type SupportingArgs } from '../../features/supportingPapers';
import type { Resolvers } from '../../generated/graphql';
import { keyOf, nodeId } from '../../graph/keys';
import type { Executor } from '../../db/executor';
import type { EntityReadRow } from '../../graph/records';
import { keysetAfter, pageWindow, toConnection, type PageArgs } from '../connections';
import { present } from '../loaders';

/** The supporting-papers connection of an entity id; shared by the root field and every entity type. */
export async function supportingConnection(db: Executor, entity: EntityReadRow, { first, after, ...args }: SupportingArgs & PageArgs) {
  const query = planSupporting(entity.id, args, entity.__typename);
  const window = pageWindow({ first, after });
  // Keyset cursors name the stance they rank by; the rank key itself says whose list it is.
  const order = `supporting ${query.claims.stance}`;
  const afterRank = keysetAfter(window, order)?.key;
  // totalCount and totalCountIsExact come from one count query, run only if either is selected.
  let counted: ReturnType<typeof countSupportingPapers> | undefined;
  const count = () => (counted ??= countSupportingPapers(db, query));
  const rows = await supportingPapersPage(db, query, window.params, typeof afterRank === 'string' ? afterRank : undefined);
  const connection = toConnection(rows, window, (row) => row, async () => (await count()).n, (row) => (row.rankKey ? { order, key: row.rankKey, pmid: row.pmid } : undefined));
  return { ...connection, totalCountIsExact: async () => (await count()).exact };
}

export const evidenceResolvers: Resolvers = {
  Query: {
    claim: (_p, { id }, { loaders }) => loaders.claim.load(keyOf('Claim', id)),
    supportingPapers: async (_p, { entity, ...args }, { db }) => supportingConnection(db, await requireEntity(db, entity, 'entity'), args),
  },
  QuoteField: { TITLE: 'title', ABSTRACT: 'abstract' },
  Claim: {
    id: (c) => nodeId('Claim', c.id),
    label: () => 'Claim',
    name: (c) => c.statement ?? c.quote,
    paper: async (c, _args, { loaders }) => {
      const pmid = await loaders.claimPaper.load(c.id);
      const paper = pmid ? await loaders.paper.load(pmid) : null;
      if (!paper) throw new Error(`claim ${c.id} has no asserting paper`);
      return paper;
    },
    about: async (c, _args, { loaders }) => present(await loaders.entity.loadMany(await loaders.claimAbout.load(c.id))),
  },
  SupportingPaperEdge: {
    node: async (edge, _args, { loaders }) => {
      const paper = await loaders.paper.load(edge.pmid);
      if (!paper) throw new Error(`supporting paper ${edge.pmid} vanished`);
      return paper;
    },
    claims: async (edge, _args, { loaders }) => present(await loaders.claim.loadMany(edge.claimIds)),
    citationPath: async (edge, _args, { loaders }) => present(await loaders.paper.loadMany(edge.citationPath)),
  },
};

import type { Executor } from '../../db/executor';
import type { Resolvers } from '../../generated/graphql';
import type { QueryEvidenceCellArgs } from '../../generated/schema';
import { evidenceCellCounts, evidenceCellPage, planEvidenceCell } from '../../features/evidenceCell';
import { evidenceMap, type EvidenceCellRow } from '../../features/evidenceMap';
import { shortestPaths } from '../../features/paths';
import { search } from '../../features/search';
import { subgraph } from '../../features/subgraph';
import { timeline } from '../../features/timeline';
import { keysetAfter, pageWindow, toConnection } from '../connections';
import { present } from '../loaders';
import { nodesByIds } from './base';
import type { EvidenceCellConnectionValue } from './mappers';

/** What a keyset cursor of a cell's papers names as its order; the rank key itself says which cell. */
const EVIDENCE_CELL_ORDER = 'evidence cell';

/** The papers behind a cell; the page is checked before any lookup, and the counts wait until selected. */
async function evidenceCellConnection(db: Executor, { row, column, where, first, after }: QueryEvidenceCellArgs): Promise<EvidenceCellConnectionValue> {
  const window = pageWindow({ first, after });
  const plan = await planEvidenceCell(db, row, column, where);
  let counted: Promise<EvidenceCellRow> | undefined;
  const counts = () => (counted ??= evidenceCellCounts(db, plan));
  const afterRank = keysetAfter(window, EVIDENCE_CELL_ORDER)?.key;
  const rows = await evidenceCellPage(db, plan, window.params, typeof afterRank === 'string' ? afterRank : undefined);
  const connection = toConnection(rows, window, (r) => r, async () => (await counts()).papers, (r) =>
    r.rankKey ? { order: EVIDENCE_CELL_ORDER, key: r.rankKey, pmid: r.pmid } : undefined,
  );
  return { ...connection, row: plan.row, column: plan.column, counts };
}

export const traversalResolvers: Resolvers = {
  Query: {
    subgraph: (_p, args, { db }) => subgraph(db, args),
    paths: (_p, args, { db }) => shortestPaths(db, args),
    evidenceMap: (_p, { rows, columns, where }, { db }) => evidenceMap(db, rows, columns, where),
    evidenceCell: (_p, args, { db }) => evidenceCellConnection(db, args),
    timeline: (_p, { entity, ...filter }, { db }) => timeline(db, entity, filter),
    search: (_p, { query, first, prefix }, { db, loaders }) => search(db, loaders, query, first, prefix ?? false),
  },
  Subgraph: {
    nodes: (graph, _args, { loaders }) => nodesByIds(loaders, graph.nodes.map((n) => n.id)),
  },
  Path: {
    nodes: (path, _args, { loaders }) => nodesByIds(loaders, path.nodes.map((n) => n.id)),
  },
  EvidenceCellConnection: {
    papers: async (cell) => (await cell.counts()).papers,
    claims: async (cell) => (await cell.counts()).claims,
    byStance: async (cell) => (await cell.counts()).byStance,
    byEvidenceLevel: async (cell) => (await cell.counts()).byEvidenceLevel,
    bySource: async (cell) => (await cell.counts()).bySource,
  },
  EvidenceCellEdge: {
    node: async (edge, _args, { loaders }) => {
      const paper = await loaders.paper.load(edge.pmid);
      if (!paper) throw new Error(`evidence-cell paper ${edge.pmid} vanished`);
      return paper;
    },
    claims: async (edge, _args, { loaders }) => present(await loaders.claim.loadMany(edge.claimIds)),
  },
};

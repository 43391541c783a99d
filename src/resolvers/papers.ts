import type { Resolvers } from '../generated/graphql';
import { nodeId } from '../graph/model';
import { pageWindow, toConnection } from '../paging';
import { claimsPage, countClaims } from '../queries/claims';
import {
  citationPage,
  countCitations,
  countPapers,
  countPapersOfAuthor,
  countSimilar,
  listPapers,
  papersOfAuthor,
  similarPage,
} from '../queries/papers';

/** Accepts a bare PMID or a global "Paper:<pmid>" id. */
export function pmidFrom(ref: string): string {
  return ref.startsWith('Paper:') ? ref.slice('Paper:'.length) : ref;
}

export const paperResolvers: Resolvers = {
  Query: {
    paper: (_p, { pmid }, { loaders }) => loaders.paper.load(pmidFrom(pmid)),
    papers: async (_p, args, { db }) => {
      const window = pageWindow(args);
      return toConnection(await listPapers(db, window.params), window, (node) => ({ node }), () => countPapers(db));
    },
  },
  Paper: {
    id: (p) => nodeId('Paper', p.pmid),
    synthetic: (p) => p.synthetic ?? false,
    publicationTypes: (p) => p.publicationTypes ?? [],
    meshTerms: (p) => p.meshTerms ?? [],
    authors: (p, { first }, { loaders }) => loaders.paperAuthors.load(`${p.pmid}\u0000${pageWindow({ first }).size}`),
    cites: async (p, args, { db }) => {
      const window = pageWindow(args);
      return toConnection(await citationPage(db, p.pmid, 'out', window.params), window, (node) => ({ node }), () => countCitations(db, p.pmid, 'out'));
    },
    citedBy: async (p, args, { db }) => {
      const window = pageWindow(args);
      return toConnection(await citationPage(db, p.pmid, 'in', window.params), window, (node) => ({ node }), () => countCitations(db, p.pmid, 'in'));
    },
    similar: async (p, args, { db }) => {
      const window = pageWindow(args);
      return toConnection(await similarPage(db, p.pmid, window.params), window, (row) => ({ node: row.paper, rank: row.rank }), () => countSimilar(db, p.pmid));
    },
    claims: async (p, { stance, ...args }, { db }) => {
      const window = pageWindow(args);
      const owner = { paper: p.pmid };
      return toConnection(await claimsPage(db, owner, stance ?? null, window.params), window, (node) => ({ node }), () => countClaims(db, owner, stance ?? null));
    },
  },
  Author: {
    id: (a) => nodeId('Author', a.id),
    papers: async (a, args, { db }) => {
      const window = pageWindow(args);
      return toConnection(await papersOfAuthor(db, a.id, window.params), window, (node) => ({ node }), () => countPapersOfAuthor(db, a.id));
    },
  },
};

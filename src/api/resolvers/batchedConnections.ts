import { planClaimFilter, type ClaimFilterArgs } from '../../features/claimFilter';
import type { ClaimOwner } from '../../store/claims';
import type { Relation } from '../../store/papers';
import { pageVariant, pageWindow, toConnection, type PageArgs } from '../connections';
import type { Loaders } from '../loaders';

/** A batched connection of related papers (cites, citedBy, similar, an author's papers) under one key. */
export async function relatedConnection(loaders: Loaders, relation: Relation, key: string, args: PageArgs) {
  const window = pageWindow(args);
  const rows = await loaders.relatedPage.load({ key, variant: { relation, page: pageVariant(window) } });
  return toConnection(rows, window, (row) => ({ node: row.paper, rank: row.rank }), () => loaders.relatedCount.load({ key, variant: relation }));
}

/** A batched connection of the live claims of a paper or about an entity. */
export async function claimConnection(loaders: Loaders, owner: ClaimOwner, key: string, { stance, sources, minConfidence, ...args }: PageArgs & ClaimFilterArgs) {
  const window = pageWindow(args);
  const filter = planClaimFilter({ stance, sources, minConfidence });
  const rows = await loaders.claimsPage.load({ key, variant: { owner, filter, page: pageVariant(window) } });
  return toConnection(rows, window, (node) => ({ node }), () => loaders.claimCount.load({ key, variant: { owner, filter } }));
}

/**
 * "Which papers support mTOR involvement?": the papers with live claims of a stance about an
 * entity, and, with `viaCitations`, the papers that cite their way to them, each with its
 * distance and citation path. The GraphQL fields (root and on every entity), the export
 * routes and the analysts' `supporting-via-citations` traversal all ask this one question.
 */
import type { Executor } from '../db/executor';
import { ErrorCode, EvmapError } from '../errors';
import type { ClaimSource, EntityLabel, EvidenceLevel } from '../graph/model';
import type { SupportingRow } from '../graph/records';
import { LIMITS } from '../limits';
import type { Page } from '../store/page';
import { planClaimFilter } from './claimFilter';
import { countSupportingQuery, supportingPageQuery, type SupportingPapersQuery } from '../store/supporting';

export interface SupportingArgs {
  stance?: string | null;
  minEvidenceLevel?: EvidenceLevel | null;
  viaCitations?: number | null;
  sources?: readonly ClaimSource[] | null;
  minConfidence?: number | null;
}

/**
 * Checks the arguments (pure) and turns them into the store's query. `entityLabel`, when known,
 * lets unfiltered direct evidence come from the counts kept on write.
 */
export function planSupporting(entityId: string, args: SupportingArgs, entityLabel: EntityLabel | null = null): SupportingPapersQuery {
  const viaCitations = args.viaCitations ?? 0;
  const max = LIMITS.supporting.maxViaCitations;
  if (!Number.isInteger(viaCitations) || viaCitations < 0 || viaCitations > max) {
    throw new EvmapError(ErrorCode.BadUserInput, `"viaCitations" must be 0 to ${max}, got ${viaCitations}`, { argumentName: 'viaCitations' });
  }
  const stance = args.stance ?? 'SUPPORTS';
  return { entityId, entityLabel, claims: { ...planClaimFilter(args), stance }, viaCitations };
}

/**
 * One page of an entity's supporting papers: direct first, then by distance, most claims, newest.
 * `afterRank`, a row's `rankKey` from a page read from the stored ranking, starts the page after it.
 */
export function supportingPapersPage(db: Executor, query: SupportingPapersQuery, page: Page, afterRank?: string): Promise<SupportingRow[]> {
  return db.run(supportingPageQuery(query, page, afterRank));
}

/** How many supporting papers the listing has in all, and whether that is exact or a lower bound (citation chains cut). */
export async function countSupportingPapers(db: Executor, query: SupportingPapersQuery): Promise<{ n: number; exact: boolean }> {
  const [row] = await db.run(countSupportingQuery(query));
  return { n: row?.n ?? 0, exact: row?.exact ?? true };
}

import type { Executor } from '../db/executor';
import { curatedQuotesQuery, reanchorQuotesQuery, type CuratedQuote, type LostQuote, type QuoteAnchor } from '../store/claims';

/** The first ids reported of the claims an import sent to review; the count is always exact. */
export const NEEDS_REVIEW_IDS_SHOWN = 20;

/** Where a quote stands in a text: UTF-16 offsets, as JavaScript strings and the stored claims count them. */
export interface QuoteSpan {
  start: number;
  end: number;
}

/**
 * Finds `quote` in `text`: at `oldStart` when it is still there, else the occurrence nearest to
 * `oldStart` (the earlier one on a tie), so a claim quoting one of several equal sentences keeps
 * quoting the one it meant as long as the text around it moved only a little. Null when the
 * quote no longer occurs at all.
 */
export function locateQuote(text: string | null | undefined, quote: string, oldStart: number | null | undefined): QuoteSpan | null {
  if (!text || quote.length === 0) return null;
  const span = (start: number): QuoteSpan => ({ start, end: start + quote.length });
  if (oldStart != null && text.startsWith(quote, oldStart)) return span(oldStart);
  const anchor = oldStart ?? 0;
  let best: number | null = null;
  // Stepping by one, not by the quote's length, so overlapping occurrences are candidates too.
  for (let at = text.indexOf(quote); at >= 0; at = text.indexOf(quote, at + 1)) {
    if (best === null || Math.abs(at - anchor) < Math.abs(best - anchor)) best = at;
    if (at > anchor) break;
  }
  return best === null ? null : span(best);
}

/** What one import does to its papers' curated quotes. */
export interface ReanchorPlan {
  /** Quotes found at new offsets. */
  moved: QuoteAnchor[];
  /** Quotes found at their stored offsets again after having been lost: back out of review. */
  restored: QuoteAnchor[];
  /** Quotes the text no longer has, and that were not in review already. */
  lost: LostQuote[];
}

/** Decides, without the database, what becomes of each curated quote given its paper's current text. */
export function planReanchor(quotes: readonly CuratedQuote[]): ReanchorPlan {
  const plan: ReanchorPlan = { moved: [], restored: [], lost: [] };
  for (const q of quotes) {
    const found = locateQuote(q.text, q.quote, q.start);
    if (found === null) {
      if (!q.needsReview) plan.lost.push({ id: q.id, quote: q.quote });
    } else if (found.start !== q.start || found.end !== q.end) {
      plan.moved.push({ id: q.id, quote: q.quote, ...found });
    } else if (q.needsReview) {
      plan.restored.push({ id: q.id, quote: q.quote, ...found });
    }
  }
  return plan;
}

/** What re-anchoring reports: quotes moved, and the claims it sent to review (the first NEEDS_REVIEW_IDS_SHOWN ids of `count`). */
export interface ReanchorCounts {
  quotesMoved: number;
  needsReview: { count: number; ids: string[] };
}

export function noReanchoring(): ReanchorCounts {
  return { quotesMoved: 0, needsReview: { count: 0, ids: [] } };
}

/** Adds `more` into `into`, keeping only the first NEEDS_REVIEW_IDS_SHOWN ids. */
export function addReanchorCounts(into: ReanchorCounts, more: ReanchorCounts): void {
  into.quotesMoved += more.quotesMoved;
  into.needsReview.count += more.needsReview.count;
  into.needsReview.ids.push(...more.needsReview.ids.slice(0, NEEDS_REVIEW_IDS_SHOWN - into.needsReview.ids.length));
}

/**
 * Finds the curated and seed quotes of papers just written in their stored text again: one read
 * of the claims with their papers' titles and abstracts, one write of what moved or was lost.
 * Run it after the papers' upsert and before tagging, so mining sees curated quotes where they
 * now stand. A lost quote's claim is kept but marked `needsReview`, which takes it out of
 * every evidence count until a curator looks at it.
 */
export async function reanchorCuratedQuotes(db: Executor, pmids: readonly string[]): Promise<ReanchorCounts> {
  if (pmids.length === 0) return noReanchoring();
  const plan = planReanchor(await db.run(curatedQuotesQuery(pmids)));
  const found = [...plan.moved, ...plan.restored];
  if (found.length === 0 && plan.lost.length === 0) return noReanchoring();
  const [written = { anchored: [], flagged: [] }] = await db.run(reanchorQuotesQuery(found, plan.lost));
  const movedIds = new Set(plan.moved.map((m) => m.id));
  return {
    quotesMoved: written.anchored.filter((id) => movedIds.has(id)).length,
    needsReview: { count: written.flagged.length, ids: [...written.flagged].sort().slice(0, NEEDS_REVIEW_IDS_SHOWN) },
  };
}

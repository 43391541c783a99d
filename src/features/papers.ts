/** "Which papers match?": papers filtered by year, type, journal, words and what they have claims about, sorted and paged. */
import type { Executor } from '../db/executor';
import { ErrorCode, EvmapError } from '../errors';
import type { PaperReadRow } from '../graph/records';
import { LIMITS } from '../limits';
import { page, type Page } from '../store/page';
import { countPapersQuery, listPapersQuery, newestDatedQuery, newestUndatedQuery, readsYearIndex, type PaperFilter, type PaperListAfter, type PaperOrderField } from '../store/papers';
import { requireEntity } from './entityRefs';

export interface PaperWhere {
  yearFrom?: number | null;
  yearTo?: number | null;
  publicationType?: string | null;
  journal?: string | null;
  /** An entity reference (id, name or alias). */
  about?: string | null;
  aboutStance?: string | null;
  text?: string | null;
  includeStubs?: boolean | null;
}

export interface PaperOrder {
  field: PaperOrderField;
  direction: 'ASC' | 'DESC';
}

/** Checks the filter and resolves `about` to an entity id (NOT_FOUND when it names none). */
export async function planPaperFilter(db: Executor, where: PaperWhere): Promise<PaperFilter> {
  if (where.yearFrom != null && where.yearTo != null && where.yearFrom > where.yearTo) {
    throw new EvmapError(ErrorCode.BadUserInput, `where.yearFrom (${where.yearFrom}) is after where.yearTo (${where.yearTo})`, { argumentName: 'where' });
  }
  if (where.aboutStance && !where.about) {
    throw new EvmapError(ErrorCode.BadUserInput, 'where.aboutStance needs where.about', { argumentName: 'where' });
  }
  if (where.text != null && where.text.length > LIMITS.papers.maxTextLength) {
    throw new EvmapError(ErrorCode.BadUserInput, `where.text must be at most ${LIMITS.papers.maxTextLength} characters`, { argumentName: 'where' });
  }
  const aboutEntityId = where.about ? (await requireEntity(db, where.about, 'where.about')).id : null;
  return { ...where, aboutEntityId };
}

/** A listed paper with the sort key its keyset cursor carries. */
export interface ListedPaper {
  paper: PaperReadRow;
  sortKey: string | number;
}

/** How newest first sorts a paper without a year: after every dated one, as coalesce(p.year, -1) does. */
const UNDATED = -1;

/**
 * One page of papers. Newest first without words reads the year index for the dated papers and,
 * only when they do not fill the page, reads the undated ones in a second query: one query that
 * held both made Neo4j scan every paper for undated ones on every page.
 */
export async function listPapers(db: Executor, filter: PaperFilter, order: PaperOrder, window: Page, after?: PaperListAfter): Promise<ListedPaper[]> {
  if (!readsYearIndex(filter, order)) return db.run(listPapersQuery(filter, order, window, after));
  const skip = after ? 0 : window.skip.toNumber();
  const limit = window.limit.toNumber();
  const inUndated = after !== undefined && after.key === UNDATED;
  const dated = inUndated ? { papers: [], dated: 0 } : ((await db.run(newestDatedQuery(filter, window, after)))[0] ?? { papers: [], dated: 0 });
  const rows: ListedPaper[] = dated.papers.map((paper) => ({ paper, sortKey: paper.year ?? UNDATED }));
  // A year bound leaves undated papers out by itself; only without one can they fill the page.
  if (dated.dated >= skip + limit || filter.yearFrom != null || filter.yearTo != null) return rows;
  const undated = await db.run(newestUndatedQuery(filter, page(Math.max(0, skip - dated.dated), limit - rows.length), inUndated ? after.pmid : undefined));
  return [...rows, ...undated.map(({ paper }) => ({ paper, sortKey: UNDATED }))];
}

export async function countPapers(db: Executor, filter: PaperFilter): Promise<number> {
  const [row] = await db.run(countPapersQuery(filter));
  return row?.n ?? 0;
}

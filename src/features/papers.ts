/** "Which papers match?": papers filtered by year, type, journal, words and what they have claims about, sorted and paged. */
import type { Executor } from '../db/executor';
import { ErrorCode, EvmapError } from '../errors';
import type { PaperReadRow } from '../graph/records';
import { LIMITS } from '../limits';
import type { Page } from '../store/page';
import { countPapersQuery, listPapersQuery, type PaperFilter, type PaperListAfter, type PaperOrderField } from '../store/papers';
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

export async function listPapers(db: Executor, filter: PaperFilter, order: PaperOrder, page: Page, after?: PaperListAfter): Promise<ListedPaper[]> {
  return db.run(listPapersQuery(filter, order, page, after));
}

export async function countPapers(db: Executor, filter: PaperFilter): Promise<number> {
  const [row] = await db.run(countPapersQuery(filter));
  return row?.n ?? 0;
}

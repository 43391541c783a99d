/**
 * "Which papers are behind this cell?": the drill-down of an evidence map. The papers asserting
 * the claims a cell counts, with those claims, and the cell's counts as evidenceMap gives them.
 */
import type { Executor } from '../db/executor';
import type { EvidenceMapFilter } from '../generated/schema';
import type { EntityReadRow, EvidenceCellPaperRow } from '../graph/records';
import { cellCountsQuery, evidenceCellPageQuery, type EvidenceCellQuery } from '../store/evidenceCell';
import { evidenceCellsQuery } from '../store/evidenceMap';
import type { Page } from '../store/page';
import { findEntities, noEntity } from './entityRefs';
import { fillCells, planFilter, type EvidenceCellRow } from './evidenceMap';

export interface EvidenceCellPlan {
  row: EntityReadRow;
  column: EntityReadRow;
  query: EvidenceCellQuery;
}

/**
 * Checks the filter (its rowIds and columnIds play no part: the cell names its own entities),
 * then resolves both references in one query; NOT_FOUND naming `row` or `column`.
 */
export async function planEvidenceCell(db: Executor, rowRef: string, columnRef: string, where: EvidenceMapFilter | null | undefined): Promise<EvidenceCellPlan> {
  const filter = planFilter(where);
  const found = await findEntities(db, [rowRef, columnRef]);
  const row = found.get(rowRef);
  if (!row) throw noEntity('row', [rowRef]);
  const column = found.get(columnRef);
  if (!column) throw noEntity('column', [columnRef]);
  return {
    row,
    column,
    query: { rowLabel: row.__typename, rowId: row.id, columnLabel: column.__typename, columnId: column.id, ...filter },
  };
}

/**
 * One page of the cell's papers, most claims first, then newest; `afterRank`, a row's `rankKey`
 * from a page read from the stored ranking, starts the page after it.
 */
export function evidenceCellPage(db: Executor, plan: EvidenceCellPlan, page: Page, afterRank?: string): Promise<EvidenceCellPaperRow[]> {
  return db.run(evidenceCellPageQuery(plan.query, page, afterRank));
}

/** The cell's counts, by the very query evidenceMap counts it with; zeros for a gap. */
export async function evidenceCellCounts(db: Executor, plan: EvidenceCellPlan): Promise<EvidenceCellRow> {
  const counted = await db.run(evidenceCellsQuery(cellCountsQuery(plan.query)));
  const [cell] = fillCells([plan.row], [plan.column], counted);
  if (!cell) throw new Error('fillCells gave no cell for one row and one column');
  return cell;
}

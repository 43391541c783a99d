/** "How has the evidence about an entity grown?": claims and papers per publication year. */
import type { Executor } from '../db/executor';
import { ENTITY_LABELS } from '../graph/model';
import type { EntityReadRow } from '../graph/records';
import { claimsPerYearQuery, type YearCounts } from '../store/timeline';
import { planClaimFilter, type ClaimFilterArgs } from './claimFilter';
import { requireEntity } from './entityRefs';
import { stanceCounts, type StanceCount } from './evidenceMap';

export interface TimelinePointRow {
  year: number;
  papers: number;
  claims: number;
  byStance: StanceCount[];
}

export interface TimelineResult {
  entity: EntityReadRow;
  points: TimelinePointRow[];
  undated: number;
}

/** Dated years ascending as points, and the claims of undated papers as one count (pure). */
export function toTimeline(entity: EntityReadRow, years: readonly YearCounts[]): TimelineResult {
  const points = years
    .filter((y): y is YearCounts & { year: number } => y.year !== null)
    .sort((a, b) => a.year - b.year)
    .map((y) => ({ year: y.year, papers: y.papers, claims: y.claims, byStance: stanceCounts(y.byStance) }));
  const undated = years.filter((y) => y.year === null).reduce((n, y) => n + y.claims, 0);
  return { entity, points, undated };
}

/**
 * Live claims about an entity (id, global id, name or alias) per publication year of the
 * asserting paper, of the filter's stance, evidence level, sources and confidence; NOT_FOUND when no entity matches.
 */
export async function timeline(db: Executor, ref: string, filter: ClaimFilterArgs): Promise<TimelineResult> {
  const entity = await requireEntity(db, ref, 'entity');
  const label = ENTITY_LABELS.find((l) => l === entity.__typename);
  if (!label) throw new Error(`entity ${entity.id} has no entity label`);
  return toTimeline(entity, await db.run(claimsPerYearQuery(label, entity.id, planClaimFilter(filter))));
}

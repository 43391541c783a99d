import type { Executor } from '../db/executor';
import { ErrorCode, EvmapError, quoteInput } from '../errors';
import type { Stance } from '../generated/graphql';
import { ENTITY_LABELS, STANCES } from '../graph/model';
import { findEntity, type EntityReadRow } from './entities';
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

/** One year's counts as the query returns them; `year` is null for papers without one. */
export interface YearCounts {
  year: number | null;
  papers: number;
  claims: number;
  byStance: number[];
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
 * asserting paper, optionally of one stance; NOT_FOUND when no entity matches.
 */
export async function timeline(db: Executor, ref: string, stance: Stance | null): Promise<TimelineResult> {
  const entity = await findEntity(db, ref);
  if (!entity) throw new EvmapError(ErrorCode.NotFound, `No entity matches ${quoteInput(ref)}.`, { argumentName: 'entity' });
  // The label came from the database: only a model label may stand in the Cypher text.
  const label = ENTITY_LABELS.find((l) => l === entity.__typename);
  if (!label) throw new Error(`entity ${entity.id} has no entity label`);
  const years = await db.readRows<YearCounts>(
    `MATCH (:${label} {id: $id})<-[:ABOUT]-(c:Claim)
     WHERE c.retractedAt IS NULL AND ($stance IS NULL OR c.stance = $stance)
     MATCH (p:Paper)-[:ASSERTS]->(c)
     WITH p.year AS year, collect(DISTINCT c) AS claims, count(DISTINCT p) AS papers
     RETURN year, papers, size(claims) AS claims, [s IN $stances | size([c IN claims WHERE c.stance = s])] AS byStance
     ORDER BY year`,
    { id: entity.id, stance, stances: STANCES },
    { tag: 'traversals:timeline' },
  );
  return toTimeline(entity, years);
}

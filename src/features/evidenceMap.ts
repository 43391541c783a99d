/**
 * "Where is the evidence, and where are the gaps?": entities of one kind against entities of
 * another, each cell counting claims and papers; zero cells are the gaps.
 */
import type { Executor } from '../db/executor';
import { ErrorCode, EvmapError, quoteInput } from '../errors';
import type { EntityKind, EvidenceLevel, EvidenceMapFilter, Stance } from '../generated/schema';
import { nodeId } from '../graph/keys';
import { CLAIM_SOURCES, ENTITY_KIND_LABEL, ENTITY_LABELS, EVIDENCE_LEVELS, STANCES, type ClaimSource, type EntityLabel } from '../graph/model';
import type { EntityReadRow } from '../graph/records';
import { LIMITS } from '../limits';
import { entitiesOfLabelQuery } from '../store/entities';
import { evidenceCellsQuery, type CellCounts } from '../store/evidenceMap';
import { planClaimFilter } from './claimFilter';
import { requireEntities } from './entityRefs';

const MAX_AXIS = LIMITS.evidenceMap.maxAxis;

export interface StanceCount {
  stance: Stance;
  count: number;
}

export interface LevelCount {
  level: EvidenceLevel;
  count: number;
}

export interface SourceCount {
  source: ClaimSource;
  count: number;
}

export interface EvidenceCellRow {
  row: string;
  column: string;
  papers: number;
  claims: number;
  byStance: StanceCount[];
  byEvidenceLevel: LevelCount[];
  bySource: SourceCount[];
}

export interface EvidenceMapResult {
  rows: EntityReadRow[];
  columns: EntityReadRow[];
  cells: EvidenceCellRow[];
}

/** Counts per stance, in STANCES order, from a list aligned with it. */
export function stanceCounts(counts: readonly number[]): StanceCount[] {
  return STANCES.map((stance, i) => ({ stance, count: counts[i] ?? 0 }));
}

function levelCounts(counts: readonly number[]): LevelCount[] {
  return EVIDENCE_LEVELS.map((level, i) => ({ level, count: counts[i] ?? 0 }));
}

function sourceCounts(counts: readonly number[]): SourceCount[] {
  return CLAIM_SOURCES.map((source, i) => ({ source, count: counts[i] ?? 0 }));
}

/**
 * Every row × column cell, row-major, with the counted cells filled in and the rest zero
 * (the gaps). Cells name their entities by public id.
 */
export function fillCells(rows: readonly EntityReadRow[], columns: readonly EntityReadRow[], counted: readonly CellCounts[]): EvidenceCellRow[] {
  const byPair = new Map(counted.map((c) => [`${c.row}\u0000${c.column}`, c]));
  return rows.flatMap((r) =>
    columns.map((c) => {
      const found = byPair.get(`${r.id}\u0000${c.id}`);
      return {
        row: nodeId(r.__typename, r.id),
        column: nodeId(c.__typename, c.id),
        papers: found?.papers ?? 0,
        claims: found?.claims ?? 0,
        byStance: stanceCounts(found?.byStance ?? []),
        byEvidenceLevel: levelCounts(found?.byLevel ?? []),
        bySource: sourceCounts(found?.bySource ?? []),
      };
    }),
  );
}

/** The label of an EntityKind; the label is a model constant, so it may stand in Cypher text. */
function labelOfKind(kind: EntityKind, argumentName: string): EntityLabel {
  const label = Object.hasOwn(ENTITY_KIND_LABEL, kind) ? ENTITY_KIND_LABEL[kind] : undefined;
  if (!label || !ENTITY_LABELS.includes(label)) throw new EvmapError(ErrorCode.BadUserInput, `Unknown entity kind ${quoteInput(String(kind))}.`, { argumentName });
  return label;
}

/**
 * Resolves up to MAX_AXIS entity references of one axis with findEntities, preferring the
 * axis's own kind. A reference to another kind is BAD_USER_INPUT; one to nothing, NOT_FOUND.
 */
async function resolveAxisRefs(db: Executor, label: EntityLabel, refs: readonly string[], argumentName: string): Promise<EntityReadRow[]> {
  if (refs.length > MAX_AXIS) {
    throw new EvmapError(ErrorCode.BadUserInput, `"${argumentName}" may name at most ${MAX_AXIS} entities, got ${refs.length}.`, { argumentName });
  }
  const byRef = await requireEntities(db, refs, argumentName, { prefer: label });
  const wrong = refs.filter((r) => byRef.get(r)?.__typename !== label);
  if (wrong.length > 0) {
    const named = wrong.map((r) => `${quoteInput(r)} is a ${byRef.get(r)?.__typename}`).join(', ');
    throw new EvmapError(ErrorCode.BadUserInput, `"${argumentName}" must name ${label} entities: ${named}.`, { argumentName });
  }
  const unique = new Map<string, EntityReadRow>();
  for (const ref of refs) {
    const entity = byRef.get(ref);
    if (entity && !unique.has(entity.id)) unique.set(entity.id, entity);
  }
  return [...unique.values()];
}

/** Every entity of a kind, by name; BAD_USER_INPUT when there are more than MAX_AXIS. */
async function allOfKind(db: Executor, label: EntityLabel, argumentName: string): Promise<EntityReadRow[]> {
  const rows = await db.run(entitiesOfLabelQuery(label, MAX_AXIS + 1));
  if (rows.length > MAX_AXIS) {
    throw new EvmapError(ErrorCode.BadUserInput, `There are more than ${MAX_AXIS} ${label} entities: choose at most ${MAX_AXIS} with "${argumentName}".`, { argumentName });
  }
  return rows.map((r) => r.entity);
}

/** Checks the filter's bounds (pure) and turns it into query parameters. */
export function planFilter(where: EvidenceMapFilter | null | undefined) {
  const { yearFrom = null, yearTo = null } = where ?? {};
  if (yearFrom !== null && yearTo !== null && yearFrom > yearTo) {
    throw new EvmapError(ErrorCode.BadUserInput, `"yearFrom" (${yearFrom}) is after "yearTo" (${yearTo}).`, { argumentName: 'where.yearFrom' });
  }
  return { yearFrom, yearTo, claims: planClaimFilter(where ?? {}, 'where.') };
}

/**
 * An evidence map: entities of one kind (rows) against entities of another (columns), each
 * cell counting the live claims ABOUT both (of the filter's stance, evidence level and paper
 * years) and the distinct papers asserting them. Every pair is a cell; zero cells are the gaps.
 * A cell on the diagonal of a same-kind map counts the claims about that one entity.
 * Three queries: one per axis, then one aggregate for all cells (evidenceCellsQuery).
 */
export async function evidenceMap(db: Executor, rowKind: EntityKind, columnKind: EntityKind, where: EvidenceMapFilter | null | undefined): Promise<EvidenceMapResult> {
  const rowLabel = labelOfKind(rowKind, 'rows');
  const columnLabel = labelOfKind(columnKind, 'columns');
  const filter = planFilter(where);
  const rows = where?.rowIds ? await resolveAxisRefs(db, rowLabel, where.rowIds, 'where.rowIds') : await allOfKind(db, rowLabel, 'where.rowIds');
  const columns = where?.columnIds ? await resolveAxisRefs(db, columnLabel, where.columnIds, 'where.columnIds') : await allOfKind(db, columnLabel, 'where.columnIds');
  if (rows.length === 0 || columns.length === 0) return { rows, columns, cells: [] };

  const counted = await db.run(
    evidenceCellsQuery({
      rowLabel,
      columnLabel,
      rowIds: rows.map((r) => r.id),
      columnIds: columns.map((c) => c.id),
      claims: filter.claims,
      yearFrom: filter.yearFrom,
      yearTo: filter.yearTo,
    }),
  );
  return { rows, columns, cells: fillCells(rows, columns, counted) };
}

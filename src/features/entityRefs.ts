/**
 * Entity and node references as clients and files write them — a public id ("Mechanism:mtor",
 * "Paper:24392693"), an entity id, name or alias in any case and spelling ("GSK3", "gsk-3") —
 * resolved to records, with one rule for a reference that names nothing: NOT_FOUND naming the
 * argument.
 */
import type { Executor } from '../db/executor';
import { ErrorCode, EvmapError, quoteInput } from '../errors';
import { entityRef, nodeId, parseNodeId } from '../graph/keys';
import { ENTITY_LABELS, type EntityLabel } from '../graph/model';
import type { EntityReadRow, GraphNodeRow } from '../graph/records';
import { findEntitiesQuery } from '../store/entities';
import { nodesByIdsQuery } from '../store/subgraph';

export interface FindOptions {
  /** Only entities of these labels count. */
  labels?: readonly EntityLabel[];
  /** Among several matches, an entity of this label wins. */
  prefer?: EntityLabel;
}

/** The entity each reference names, in one query; references that match nothing are absent. */
export async function findEntities(db: Executor, refs: readonly string[], options: FindOptions = {}): Promise<Map<string, EntityReadRow>> {
  if (refs.length === 0) return new Map();
  const allowed = options.labels ?? ENTITY_LABELS;
  const parsed = refs.map(entityRef).map((r) => ({ ...r, labels: r.labels.filter((l) => allowed.includes(l)) }));
  const rows = await db.run(findEntitiesQuery(parsed, options.prefer ?? null));
  return new Map(rows.map((r) => [r.ref, r.entity]));
}

/** The entity one reference names, or null. */
export async function findEntity(db: Executor, ref: string, labels: readonly EntityLabel[] = ENTITY_LABELS): Promise<EntityReadRow | null> {
  return (await findEntities(db, [ref], { labels })).get(ref) ?? null;
}

/** The refusal for references that name nothing. */
export function noEntity(argumentName: string, refs: readonly string[], labels: readonly EntityLabel[] = ENTITY_LABELS): EvmapError {
  const what = labels.length === ENTITY_LABELS.length ? 'entity' : labels.join(' or ');
  return new EvmapError(ErrorCode.NotFound, `${argumentName}: no ${what} matches ${refs.map(quoteInput).join(', ')}.`, { argumentName });
}

/** The entity a client's argument names; NOT_FOUND naming the argument when it names none. */
export async function requireEntity(db: Executor, ref: string, argumentName: string, labels: readonly EntityLabel[] = ENTITY_LABELS): Promise<EntityReadRow> {
  const entity = await findEntity(db, ref, labels);
  if (!entity) throw noEntity(argumentName, [ref], labels);
  return entity;
}

/** The entities a list argument names, in one query, in order and keyed by reference; NOT_FOUND naming every reference that matches nothing. */
export async function requireEntities(db: Executor, refs: readonly string[], argumentName: string, options: FindOptions = {}): Promise<Map<string, EntityReadRow>> {
  const found = await findEntities(db, refs, options);
  const missing = refs.filter((ref) => !found.has(ref));
  if (missing.length > 0) throw noEntity(argumentName, missing, options.labels);
  return found;
}

/**
 * Resolves node references — public ids ("Paper:24392693", "Mechanism:mtor") or entity names
 * and aliases ("mTOR", "GSK3") — to graph nodes, in the order given, without duplicates.
 * Public ids are looked up in one query, the rest in one entity lookup.
 * NOT_FOUND names every reference that matches nothing.
 */
export async function requireNodes(db: Executor, refs: readonly string[], argumentName: string): Promise<GraphNodeRow[]> {
  const exact = new Map<string, GraphNodeRow>();
  const parsedIds = refs.filter((ref) => parseNodeId(ref) !== undefined);
  if (parsedIds.length > 0) {
    for (const { node } of await db.run(nodesByIdsQuery(parsedIds))) exact.set(node.id, node);
  }
  // A reference finds its node under the node's canonical id ("Paper:024392693" → "Paper:24392693").
  const exactFor = (ref: string) => {
    const parsed = parseNodeId(ref);
    return parsed && exact.get(nodeId(parsed.label, parsed.key));
  };
  // Entities are also found by name or alias, and by a spelling variant of their id ("Mechanism:GSK3").
  const byName = await findEntities(
    db,
    refs.filter((ref) => {
      const parsed = parseNodeId(ref);
      return !exactFor(ref) && (!parsed || (ENTITY_LABELS as readonly string[]).includes(parsed.label));
    }),
  );
  const resolved: GraphNodeRow[] = [];
  const missing: string[] = [];
  for (const ref of refs) {
    const entity = byName.get(ref);
    const node = exactFor(ref) ?? (entity && { id: nodeId(entity.__typename, entity.id), label: entity.__typename, name: entity.name });
    if (node) resolved.push(node);
    else missing.push(ref);
  }
  if (missing.length > 0) {
    throw new EvmapError(
      ErrorCode.NotFound,
      `No node matches ${missing.map(quoteInput).join(', ')}: use a global id such as "Paper:24392693" or "Mechanism:mtor", or an entity name or alias.`,
      { argumentName },
    );
  }
  return [...new Map(resolved.map((n) => [n.id, n])).values()];
}

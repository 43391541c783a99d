import neo4j from 'neo4j-driver';
import type { Executor } from '../db/executor';
import { ANY_ENTITY, ENTITY_KIND_LABEL, ENTITY_LABELS, foldKey, type EntityKindName, type EntityLabel } from '../graph/model';
import { inKeyOrder } from './keyed';

/** An entity as written: the label-independent fields plus `kind` (mechanisms) or `role` (biomarkers). */
export interface EntityInput {
  entityKind: EntityKindName;
  id: string;
  name: string;
  aliases: string[];
  description?: string;
  kind?: string;
  role?: string;
  marker?: string;
  /** Research aims: ids of the entities the aim concerns. */
  concerns?: string[];
}

/** An entity as the API reads it; `__typename` is its label, so `node(id:)` and `Entity` resolve the concrete type. */
export interface EntityReadRow {
  __typename: EntityLabel;
  id: string;
  name: string;
  aliases: string[];
  description: string | null;
  kind: string | null;
  role: string | null;
  marker: string | null;
}

/** Everything an entity may be looked up by, folded (see foldKey). */
function matchKeys(entity: { id: string; name: string; aliases: string[] }): string[] {
  return [...new Set([entity.id, entity.name, ...entity.aliases].map(foldKey).filter((k) => k.length > 0))];
}

/** Cypher: the entity label of node variable `v`; the list is the model's, never input. */
function entityLabelOf(v: string): string {
  return `[l IN labels(${v}) WHERE l IN [${ENTITY_LABELS.map((l) => `'${l}'`).join(', ')}]][0]`;
}

/** Cypher: the `EntityReadRow` map of node variable `v`. */
export function entityProjection(v: string): string {
  return `${v} {__typename: ${entityLabelOf(v)}, .id, .name, aliases: coalesce(${v}.aliases, []), .description, .kind, .role, .marker}`;
}

const ENTITY = entityProjection('e');

/**
 * Creates or updates entities, one UNWIND per label (labels cannot be parameters), then links
 * research aims to what they concern. Names and aliases are replaced by the input's, since the
 * input is the curated source of truth for them.
 */
export async function upsertEntities(db: Executor, entities: EntityInput[]): Promise<{ written: number }> {
  let written = 0;
  await db.write(async (tx) => {
    for (const [kind, label] of Object.entries(ENTITY_KIND_LABEL)) {
      const rows = entities
        .filter((e) => e.entityKind === kind)
        .map((e) => ({
          id: e.id,
          props: {
            name: e.name,
            aliases: e.aliases,
            matchKeys: matchKeys(e),
            description: e.description ?? null,
            kind: e.kind ?? null,
            role: e.role ?? null,
            marker: e.marker ?? null,
          },
        }));
      if (rows.length === 0) continue;
      await tx.run(`UNWIND $rows AS row MERGE (e:${label} {id: row.id}) SET e += row.props`, { rows });
      written += rows.length;
    }
    const concerns = entities.flatMap((e) => (e.concerns ?? []).map((target) => ({ aim: e.id, target })));
    if (concerns.length > 0) {
      await tx.run(
        `UNWIND $concerns AS c
         MATCH (aim:ResearchAim {id: c.aim})
         MATCH (target:${ANY_ENTITY} {id: c.target})
         MERGE (aim)-[:CONCERNS]->(target)`,
        { concerns },
      );
    }
  }, { tag: 'entities:upsert' });
  return { written };
}

/** Names and aliases of every entity, for the mention tagger; bounded because entities are curated, not mined. */
export async function taggableEntities(db: Executor, limit = 50_000): Promise<Array<{ id: string; names: string[] }>> {
  return db.readRows(
    `MATCH (e:${ANY_ENTITY})
     RETURN e.id AS id, [e.name] + coalesce(e.aliases, []) AS names
     LIMIT $limit`,
    { limit: neo4j.int(limit) },
    { tag: 'entities:taggable' },
  );
}

/** A reference split for lookup: "Mechanism:mtor" is scoped to Mechanism, anything else to every entity label. */
export function entityRef(ref: string): { ref: string; key: string; folded: string; labels: EntityLabel[] } {
  const colon = ref.indexOf(':');
  const scoped = ENTITY_LABELS.find((l) => l === ref.slice(0, Math.max(colon, 0)));
  const key = scoped ? ref.slice(colon + 1) : ref;
  return { ref, key, folded: foldKey(key), labels: scoped ? [scoped] : [...ENTITY_LABELS] };
}

/**
 * Finds entities by global id ("Mechanism:mtor"), id, name or alias, in any case and with
 * hyphen or spacing variants ("GSK3" finds "GSK-3"), all references in one query. `labels`
 * narrows the search; among several matches, an entity of `prefer` wins, then an exact id.
 * References that match nothing are absent from the result.
 */
export async function findEntities(
  db: Executor,
  refs: readonly string[],
  options: { labels?: readonly EntityLabel[]; prefer?: EntityLabel } = {},
): Promise<Map<string, EntityReadRow>> {
  if (refs.length === 0) return new Map();
  const allowed = options.labels ?? ENTITY_LABELS;
  const parsed = refs.map(entityRef).map((r) => ({ ...r, labels: r.labels.filter((l) => allowed.includes(l)) }));
  // One branch per label, entered only when the reference may be of that label, so a scoped
  // lookup scans that label alone.
  const branches = ENTITY_LABELS.map(
    (l) => `WITH ref WHERE '${l}' IN ref.labels MATCH (e:${l}) WHERE e.id = ref.key OR ref.folded IN e.matchKeys RETURN e`,
  );
  const rows = await db.readRows<{ ref: string; entity: EntityReadRow }>(
    `UNWIND $refs AS ref
     CALL (ref) {
       CALL (ref) {
         ${branches.join('\n         UNION\n         ')}
       }
       WITH e ORDER BY CASE WHEN $prefer IN labels(e) THEN 0 ELSE 1 END, CASE WHEN e.id = ref.key THEN 0 ELSE 1 END, e.id
       LIMIT 1
       RETURN e
     }
     RETURN ref.ref AS ref, ${ENTITY} AS entity`,
    { refs: parsed, prefer: options.prefer ?? null },
    { tag: 'entities:find' },
  );
  return new Map(rows.map((r) => [r.ref, r.entity]));
}

/** The entity one reference names (see findEntities), or null. */
export async function findEntity(db: Executor, ref: string, labels: readonly EntityLabel[] = ENTITY_LABELS): Promise<EntityReadRow | null> {
  return (await findEntities(db, [ref], { labels })).get(ref) ?? null;
}

/** Entities by id, in the order asked, null where there is none (a DataLoader batch function). */
export async function entitiesByIds(db: Executor, ids: readonly string[]): Promise<Array<EntityReadRow | null>> {
  const rows = await db.readRows<{ entity: EntityReadRow }>(
    `UNWIND $ids AS id MATCH (e:${ANY_ENTITY} {id: id}) RETURN ${ENTITY} AS entity`,
    { ids },
    { tag: 'entities:by-id' },
  );
  return inKeyOrder(ids, rows, (r) => r.entity.id, (r) => r.entity, null);
}

/** What each research aim concerns (a DataLoader batch function over aim ids). */
export async function concernsOfAims(db: Executor, aimIds: readonly string[]): Promise<EntityReadRow[][]> {
  const rows = await db.readRows<{ aim: string; entities: EntityReadRow[] }>(
    `UNWIND $aimIds AS aimId
     MATCH (aim:ResearchAim {id: aimId})
     CALL (aim) {
       MATCH (aim)-[:CONCERNS]->(e:${ANY_ENTITY})
       WITH e ORDER BY e.id LIMIT 1000
       RETURN collect(${ENTITY}) AS entities
     }
     RETURN aimId AS aim, entities`,
    { aimIds },
    { tag: 'entities:concerns' },
  );
  return inKeyOrder(aimIds, rows, (r) => r.aim, (r) => r.entities, []);
}

/** The entity label that holds `id`, if any. */
export async function labelOfEntity(db: Executor, id: string): Promise<EntityLabel | null> {
  const [row] = await db.readRows<{ label: EntityLabel }>(
    `MATCH (e:${ANY_ENTITY} {id: $id})
     RETURN ${entityLabelOf('e')} AS label LIMIT 1`,
    { id },
    { tag: 'entities:label-of' },
  );
  return row?.label ?? null;
}

/** Other entities that already go by one of these names (compared folded), so a new alias cannot make lookups ambiguous. */
export async function nameClashes(db: Executor, id: string, names: string[]): Promise<Array<{ id: string; name: string }>> {
  return db.readRows(
    `MATCH (e:${ANY_ENTITY}) WHERE e.id <> $id AND any(k IN e.matchKeys WHERE k IN $keys)
     RETURN e.id AS id, e.name AS name LIMIT 10`,
    { id, keys: [...new Set(names.map(foldKey))] },
    { tag: 'entities:name-clashes' },
  );
}

import Cypher from '@neo4j/cypher-builder';
import neo4j from 'neo4j-driver';
import { readQuery, writeQuery, type Query } from '../db/query';
import { ANY_ENTITY, entityLabelOf, entityProjection } from '../graph/fragments';
import { matchKeys, type EntityRef } from '../graph/keys';
import { ENTITY_KIND_LABEL, ENTITY_LABELS, type EntityLabel } from '../graph/model';
import type { EntityInput, EntityReadRow } from '../graph/records';

const ENTITY = entityProjection('e');

/**
 * Creates or updates entities, one UNWIND per label (labels cannot be parameters), then links
 * research aims to what they concern: queries for one transaction, in order. Names and aliases
 * are replaced by the input's, since the input is the curated source of truth for them.
 */
export function upsertEntitiesQueries(entities: readonly EntityInput[]): Query[] {
  const queries: Query[] = [];
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
        xrefs: e.xrefs ?? [],
      }));
    // The input's xrefs replace the curated ones; those an import learned (importedXrefs) stay,
    // so reloading the vocabulary at start-up does not undo a PubTator import's merging.
    if (rows.length > 0) {
      queries.push(
        writeQuery(
          `entities:upsert-${label}`,
          `UNWIND $rows AS row
           MERGE (e:${label} {id: row.id})
           SET e += row.props, e.xrefs = row.xrefs + [x IN coalesce(e.importedXrefs, []) WHERE NOT x IN row.xrefs]`,
          { rows },
        ),
      );
    }
  }
  const concerns = entities.flatMap((e) => (e.concerns ?? []).map((target) => ({ aim: e.id, target })));
  if (concerns.length > 0) {
    queries.push(
      writeQuery(
        'entities:upsert-concerns',
        `UNWIND $concerns AS c
         MATCH (aim:ResearchAim {id: c.aim})
         MATCH (target:${ANY_ENTITY} {id: c.target})
         MERGE (aim)-[:CONCERNS]->(target)`,
        { concerns },
      ),
    );
  }
  const parents = entities.filter((e) => e.parent !== undefined).map((e) => ({ child: e.id, parent: e.parent }));
  if (parents.length > 0) {
    queries.push(
      writeQuery(
        'entities:upsert-parents',
        `UNWIND $parents AS p
         MATCH (child:${ANY_ENTITY} {id: p.child})
         MATCH (parent:${ANY_ENTITY} {id: p.parent})
         MERGE (child)-[:PART_OF]->(parent)`,
        { parents },
      ),
    );
  }
  return queries;
}

/** Every entity's identifiers and lookup keys, so an import can merge what it brings with what is there; bounded like the tagger's list. */
export function entityIndexQuery(limit = 50_000): Query<{ id: string; label: EntityLabel; xrefs: string[]; matchKeys: string[] }> {
  return readQuery(
    'entities:index',
    `MATCH (e:${ANY_ENTITY})
     RETURN e.id AS id, head([l IN labels(e) WHERE l IN $labels]) AS label, coalesce(e.xrefs, []) AS xrefs, coalesce(e.matchKeys, []) AS matchKeys
     LIMIT $limit`,
    { limit: neo4j.int(limit), labels: ENTITY_LABELS },
  );
}

/** Adds identifiers an import found to existing entities (kept once each, in the order first seen), remembered as imported so a vocabulary reload keeps them. */
export function addXrefsQuery(rows: ReadonlyArray<{ id: string; xrefs: readonly string[] }>): Query<{ updated: number }> {
  return writeQuery(
    'entities:add-xrefs',
    `UNWIND $rows AS row
     MATCH (e:${ANY_ENTITY} {id: row.id})
     WITH e, [x IN row.xrefs WHERE NOT x IN coalesce(e.xrefs, [])] AS added
     WHERE size(added) > 0
     SET e.xrefs = coalesce(e.xrefs, []) + added, e.importedXrefs = coalesce(e.importedXrefs, []) + added
     RETURN count(e) AS updated`,
    { rows },
  );
}

/** Names and aliases of every entity, for the mention tagger; bounded because entities are curated, not mined. */
export function taggableEntitiesQuery(limit = 50_000): Query<{ id: string; label: EntityLabel; names: string[] }> {
  return readQuery(
    'entities:taggable',
    `MATCH (e:${ANY_ENTITY})
     RETURN e.id AS id, head([l IN labels(e) WHERE l IN $labels]) AS label, [e.name] + coalesce(e.aliases, []) AS names
     LIMIT $limit`,
    { limit: neo4j.int(limit), labels: ENTITY_LABELS },
  );
}

/**
 * One UNION branch per entity label, entered only when the reference may be of that label, so
 * a scoped lookup ("Mechanism:mtor") scans that label alone.
 */
function branchPerLabel(): string {
  const ref = new Cypher.NamedVariable('ref');
  const e = new Cypher.NamedNode('e');
  const branches = ENTITY_LABELS.map((label) =>
    new Cypher.With(ref)
      .where(Cypher.in(new Cypher.Literal(label), ref.property('labels')))
      .match(new Cypher.Pattern(e, { labels: [label] }))
      .where(Cypher.or(Cypher.eq(e.property('id'), ref.property('key')), Cypher.in(ref.property('folded'), e.property('matchKeys'))))
      .return(e),
  );
  return new Cypher.Union(...branches).build().cypher;
}

/**
 * The entity each reference names, by id or folded name or alias (see entityRef), all
 * references in one query; among several matches an entity of `prefer` wins, then an exact id.
 * A reference that matches nothing has no row.
 */
export function findEntitiesQuery(refs: readonly EntityRef[], prefer: EntityLabel | null): Query<{ ref: string; entity: EntityReadRow }> {
  return readQuery(
    'entities:find',
    `UNWIND $refs AS ref
     CALL (ref) {
       CALL (ref) {
         ${branchPerLabel().replace(/\n/g, '\n         ')}
       }
       WITH e ORDER BY CASE WHEN $prefer IN labels(e) THEN 0 ELSE 1 END, CASE WHEN e.id = ref.key THEN 0 ELSE 1 END, e.id
       LIMIT 1
       RETURN e
     }
     RETURN ref.ref AS ref, ${ENTITY} AS entity`,
    { refs, prefer },
  );
}

/** Entities by id (any order; a miss is absent). */
export function entitiesByIdsQuery(ids: readonly string[]): Query<{ entity: EntityReadRow }> {
  return readQuery('entities:by-id', `UNWIND $ids AS id MATCH (e:${ANY_ENTITY} {id: id}) RETURN ${ENTITY} AS entity`, { ids });
}

/** What each research aim concerns, at most 1000 per aim. */
export function concernsOfAimsQuery(aimIds: readonly string[]): Query<{ aim: string; entities: EntityReadRow[] }> {
  return readQuery(
    'entities:concerns',
    `UNWIND $aimIds AS aimId
     MATCH (aim:ResearchAim {id: aimId})
     CALL (aim) {
       MATCH (aim)-[:CONCERNS]->(e:${ANY_ENTITY})
       WITH e ORDER BY e.id LIMIT $perAim
       RETURN collect(${ENTITY}) AS entities
     }
     RETURN aimId AS aim, entities`,
    { aimIds, perAim: neo4j.int(1000) },
  );
}

/** The entity label that holds `id`, if any. */
export function labelOfEntityQuery(id: string): Query<{ label: EntityLabel }> {
  return readQuery('entities:label-of', `MATCH (e:${ANY_ENTITY} {id: $id}) RETURN ${entityLabelOf('e')} AS label LIMIT 1`, { id });
}

/** Other entities that already go by one of these folded names, so a new alias cannot make lookups ambiguous. */
export function nameClashesQuery(id: string, foldedNames: readonly string[]): Query<{ id: string; name: string }> {
  return readQuery(
    'entities:name-clashes',
    `MATCH (e:${ANY_ENTITY}) WHERE e.id <> $id AND any(k IN e.matchKeys WHERE k IN $keys)
     RETURN e.id AS id, e.name AS name LIMIT 10`,
    { id, keys: [...new Set(foldedNames)] },
  );
}

/** Every entity of one label by name, at most `cap` of them. `label` is a model constant, checked here. */
export function entitiesOfLabelQuery(label: EntityLabel, cap: number): Query<{ entity: EntityReadRow }> {
  if (!ENTITY_LABELS.includes(label)) throw new Error(`not an entity label: ${String(label)}`);
  return readQuery('entities:of-label', `MATCH (e:${label}) RETURN ${ENTITY} AS entity ORDER BY toLower(e.name), e.id LIMIT $cap`, { cap: neo4j.int(cap) });
}

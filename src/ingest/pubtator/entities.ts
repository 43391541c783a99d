import { foldKey, matchKeys, slugify } from '../../graph/keys';
import type { EntityLabel } from '../../graph/model';
import type { EntityInput } from '../../graph/records';
import type { PubtatorAnnotation } from './types';

/**
 * What each PubTator concept type becomes in evmap's model: genes and their products are the
 * mechanisms (targets) evidence is about, chemicals compounds, diseases conditions. Species,
 * variants and cell lines have no place in the model and are counted, not imported.
 */
interface ConceptTarget {
  label: EntityLabel;
  entityKind: EntityInput['entityKind'];
  kind?: string;
}

export const CONCEPT_LABEL: Readonly<Record<string, ConceptTarget>> = {
  Gene: { label: 'Mechanism', entityKind: 'MECHANISM', kind: 'TARGET' },
  Chemical: { label: 'Compound', entityKind: 'COMPOUND' },
  Disease: { label: 'Condition', entityKind: 'CONDITION' },
};

export interface IndexedEntity {
  id: string;
  label: EntityLabel;
  xrefs: readonly string[];
  matchKeys: readonly string[];
}

/** How an import resolved one identifier: to an entity already there (by xref or name), or to one it creates. */
export type Resolution = { entityId: string; label: EntityLabel; how: 'xref' | 'name' | 'created' };

/**
 * Resolves PubTator's normalised identifiers to evmap entities: an entity whose `xrefs` hold the
 * identifier (a curated entity wins over everything), else one of the same label already named
 * like the mention ("depression" of MESH:D003866 is the condition curated as "major depressive
 * disorder" with alias "depression", and gains the identifier), else a new entity keyed by the
 * identifier, named by its most frequent mention. Names that another entity already answers to
 * are left out of a new entity's aliases, so lookups stay unambiguous.
 */
export class EntityIndex {
  private readonly byXref = new Map<string, IndexedEntity>();
  private readonly byKey = new Map<string, IndexedEntity>();
  private readonly ids = new Set<string>();
  /** New entities to write, by id. */
  readonly created = new Map<string, EntityInput>();
  /** Identifiers to add to entities that existed, by entity id. */
  readonly xrefsAdded = new Map<string, Set<string>>();

  constructor(entities: readonly IndexedEntity[]) {
    for (const e of entities) this.remember(e);
  }

  private remember(e: IndexedEntity): void {
    this.ids.add(e.id);
    for (const x of e.xrefs) if (!this.byXref.has(x)) this.byXref.set(x, e);
    for (const k of e.matchKeys) if (!this.byKey.has(k)) this.byKey.set(k, e);
  }

  /** The entity for an annotation, or undefined for a type the model has no place for or one without an identifier. */
  resolve(annotation: Pick<PubtatorAnnotation, 'type' | 'identifiers'>, names: readonly string[]): Resolution | undefined {
    const target = Object.hasOwn(CONCEPT_LABEL, annotation.type) ? CONCEPT_LABEL[annotation.type] : undefined;
    if (!target || annotation.identifiers.length === 0) return undefined;
    for (const identifier of annotation.identifiers) {
      const known = this.byXref.get(identifier);
      if (known) return { entityId: known.id, label: known.label, how: 'xref' };
    }
    const [identifier] = annotation.identifiers as [string];
    for (const name of names) {
      const named = this.byKey.get(foldKey(name));
      if (named && named.label === target.label) {
        this.addXref(named, identifier);
        return { entityId: named.id, label: named.label, how: 'name' };
      }
    }
    return { ...this.create(identifier, target, names), how: 'created' };
  }

  private addXref(entity: IndexedEntity, identifier: string): void {
    const created = this.created.get(entity.id);
    if (created) created.xrefs = [...new Set([...(created.xrefs ?? []), identifier])];
    else this.xrefsAdded.set(entity.id, new Set([...(this.xrefsAdded.get(entity.id) ?? []), identifier]));
    const updated = { ...entity, xrefs: [...entity.xrefs, identifier] };
    this.byXref.set(identifier, updated);
  }

  private create(identifier: string, target: ConceptTarget, names: readonly string[]): { entityId: string; label: EntityLabel } {
    let id = slugify(identifier);
    for (let n = 2; this.ids.has(id); n += 1) id = `${slugify(identifier)}-${n}`;
    const free = [...new Set(names)].filter((name) => foldKey(name) !== '' && !this.byKey.has(foldKey(name)));
    const [name = identifier, ...aliases] = free;
    const entity: EntityInput = { entityKind: target.entityKind, id, name, aliases, xrefs: [identifier], ...(target.kind ? { kind: target.kind } : {}) };
    this.created.set(id, entity);
    this.remember({ id, label: target.label, xrefs: [identifier], matchKeys: matchKeys(entity) });
    return { entityId: id, label: target.label };
  }
}

/** Mention texts grouped per identifier, most frequent first, so a new entity is named as papers most often write it. */
export function namesByIdentifier(annotations: readonly PubtatorAnnotation[]): Map<string, string[]> {
  const counts = new Map<string, Map<string, number>>();
  for (const a of annotations) {
    for (const id of a.identifiers) {
      const byText = counts.get(id) ?? new Map<string, number>();
      byText.set(a.text, (byText.get(a.text) ?? 0) + 1);
      counts.set(id, byText);
    }
  }
  return new Map([...counts].map(([id, byText]) => [id, [...byText].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([text]) => text)]));
}

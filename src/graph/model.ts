/**
 * The graph model in one place: node labels with their key property, relationship types,
 * and the schema (constraints and the full-text index) that migrations create.
 */

/** Entity labels that carry `id`, `name`, `aliases` and an optional `description`. */
export const ENTITY_LABELS = ['Mechanism', 'ResearchAim', 'Biomarker', 'Compound', 'Condition'] as const;
export type EntityLabel = (typeof ENTITY_LABELS)[number];

/** A Cypher label expression matching any entity, for fixed query text: `(e:${ANY_ENTITY})`. */
export const ANY_ENTITY = ENTITY_LABELS.join('|');

/** Every node label and the property that identifies a node of it. */
export const NODE_KEYS = {
  Paper: 'pmid',
  Author: 'id',
  Claim: 'id',
  Mechanism: 'id',
  ResearchAim: 'id',
  Biomarker: 'id',
  Compound: 'id',
  Condition: 'id',
} as const;
export type NodeLabel = keyof typeof NODE_KEYS;

export const NODE_LABELS = Object.keys(NODE_KEYS) as NodeLabel[];

/** Relationship types, with the direction they are stored in. */
export const REL = {
  /** (:Paper)-[:AUTHORED_BY {position}]->(:Author) */
  AUTHORED_BY: 'AUTHORED_BY',
  /** (:Paper)-[:ASSERTS]->(:Claim) */
  ASSERTS: 'ASSERTS',
  /** (:Claim)-[:ABOUT]->(entity) */
  ABOUT: 'ABOUT',
  /** (:Paper)-[:CITES]->(:Paper) */
  CITES: 'CITES',
  /** (:Paper)-[:SIMILAR_TO {rank}]->(:Paper) */
  SIMILAR_TO: 'SIMILAR_TO',
  /** (:ResearchAim)-[:CONCERNS]->(entity) */
  CONCERNS: 'CONCERNS',
} as const;
export type RelType = keyof typeof REL;

/** Name of the full-text index over titles, abstracts, names and aliases. */
export const FULLTEXT_INDEX = 'evmap_text';

/** Properties the full-text index covers; `aliases` is a list of strings, which Neo4j 5 indexes element-wise. */
export const FULLTEXT_PROPERTIES = ['title', 'abstract', 'name', 'aliases'] as const;

/** Builds the public id of a node, e.g. `Paper:24392693` or `Mechanism:mtor`. */
export function nodeId(label: NodeLabel, key: string): string {
  return `${label}:${key}`;
}

/** Splits a public id into label and key, or returns undefined when the label is unknown. */
export function parseNodeId(id: string): { label: NodeLabel; key: string } | undefined {
  const colon = id.indexOf(':');
  if (colon <= 0) return undefined;
  const label = id.slice(0, colon);
  const key = id.slice(colon + 1);
  if (!(label in NODE_KEYS) || key.length === 0) return undefined;
  return { label: label as NodeLabel, key };
}

/** The GraphQL `EntityKind` of each entity label. */
export const ENTITY_KIND_LABEL = {
  MECHANISM: 'Mechanism',
  COMPOUND: 'Compound',
  CONDITION: 'Condition',
  BIOMARKER: 'Biomarker',
  RESEARCH_AIM: 'ResearchAim',
} as const satisfies Record<string, EntityLabel>;
export type EntityKindName = keyof typeof ENTITY_KIND_LABEL;

/**
 * Folds a name for lookup: lowercase letters and digits only, so "GSK3", "gsk-3" and "GSK 3"
 * find the same entity. Entities store the folds of their id, name and aliases as `matchKeys`.
 */
export function foldKey(name: string): string {
  return name.toLowerCase().replace(/[^\p{L}\p{N}]/gu, '');
}

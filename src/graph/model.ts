/**
 * The graph model in one place: node labels with their key property, relationship types,
 * the vocabularies of claims and entities, and the schema (constraints and the full-text
 * index) that migrations create.
 */
import type {
  BiomarkerRole as GqlBiomarkerRole,
  ClaimSource as GqlClaimSource,
  Direction as GqlDirection,
  EntityKind as GqlEntityKind,
  EvidenceLevel as GqlEvidenceLevel,
  MechanismKind as GqlMechanismKind,
  Stance as GqlStance,
} from '../generated/schema';
import { ErrorCode, EvmapError, quoteInput } from '../errors';

/** Entity labels that carry `id`, `name`, `aliases` and an optional `description`. */
export const ENTITY_LABELS = ['Mechanism', 'ResearchAim', 'Biomarker', 'Compound', 'Condition'] as const;
export type EntityLabel = (typeof ENTITY_LABELS)[number];


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
  /** (entity)-[:PART_OF]->(entity): an isoform, subunit or complex and what it belongs to, e.g. GSK-3β to GSK-3. */
  PART_OF: 'PART_OF',
  /** (:Paper)-[:CORRECTED_BY]->(:Paper): the erratum (PubMed ErratumIn / ErratumFor). */
  CORRECTED_BY: 'CORRECTED_BY',
  /** (:Paper)-[:RETRACTED_BY]->(:Paper): the retraction notice (RetractionIn / RetractionOf); the first paper is `retracted`. */
  RETRACTED_BY: 'RETRACTED_BY',
  /** (:Paper)-[:COMMENTS_ON]->(:Paper): a comment and the paper it discusses (CommentOn / CommentIn). */
  COMMENTS_ON: 'COMMENTS_ON',
  /** (:Paper)-[:UPDATED_BY]->(:Paper): the later version (UpdateIn / UpdateOf). */
  UPDATED_BY: 'UPDATED_BY',
} as const;

/** The relationships PubMed's CommentsCorrections become. */
export const PAPER_LINK_RELS = ['CORRECTED_BY', 'RETRACTED_BY', 'COMMENTS_ON', 'UPDATED_BY'] as const satisfies readonly RelType[];
export type PaperLinkRel = (typeof PAPER_LINK_RELS)[number];
export type RelType = keyof typeof REL;

/** Name of the full-text index over titles, abstracts, names and aliases. */
export const FULLTEXT_INDEX = 'evmap_text';

/** Properties the full-text index covers; `aliases` is a list of strings, which Neo4j 5 indexes element-wise. */
export const FULLTEXT_PROPERTIES = ['title', 'abstract', 'name', 'aliases'] as const;

/** The GraphQL `EntityKind` of each entity label. */
export const ENTITY_KIND_LABEL = {
  MECHANISM: 'Mechanism',
  COMPOUND: 'Compound',
  CONDITION: 'Condition',
  BIOMARKER: 'Biomarker',
  RESEARCH_AIM: 'ResearchAim',
} as const satisfies Record<string, EntityLabel>;
export type EntityKindName = keyof typeof ENTITY_KIND_LABEL;

/** Every EntityKind. */
export const ENTITY_KINDS = Object.keys(ENTITY_KIND_LABEL) as EntityKindName[];

/** What sort of mechanism a `Mechanism` is. */
export const MECHANISM_KINDS = ['TARGET', 'RECEPTOR', 'PATHWAY'] as const;
export type MechanismKind = (typeof MECHANISM_KINDS)[number];

/** The part a biomarker plays with respect to treatment. */
export const BIOMARKER_ROLES = ['PREDICTOR', 'MEDIATOR_MODERATOR', 'TREATMENT_RESPONSE'] as const;
export type BiomarkerRole = (typeof BIOMARKER_ROLES)[number];

/** How a claim bears on what it is about, in the order of the `Stance` enum. */
export const STANCES = ['SUPPORTS', 'CONTRADICTS', 'MENTIONS'] as const;
export type Stance = (typeof STANCES)[number];

/** The design of the study behind a claim, strongest first: the order of the `EvidenceLevel` enum. */
export const EVIDENCE_LEVELS = ['META_ANALYSIS', 'RCT', 'OPEN_LABEL', 'OBSERVATIONAL', 'CASE_REPORT', 'PRECLINICAL', 'REVIEW', 'EXPERT_OPINION'] as const;
export type EvidenceLevel = (typeof EVIDENCE_LEVELS)[number];

/** Where a claim came from. */
export const CLAIM_SOURCES = ['CURATED', 'TEXT_MINED', 'SEED', 'PUBTATOR'] as const;
export type ClaimSource = (typeof CLAIM_SOURCES)[number];

/** Sources whose claims a machine found; the others were made by people and always rank first. */
export const MINED_SOURCES: readonly ClaimSource[] = ['TEXT_MINED', 'PUBTATOR'];

/** Which way an effect runs, as a sentence's cue words say. */
export const DIRECTIONS = ['INCREASES', 'DECREASES'] as const;
export type Direction = (typeof DIRECTIONS)[number];

// Compile-time check that the lists above and the schema's enums name the same values.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : never) : never;
const _stances: Same<Stance, GqlStance> = true;
const _levels: Same<EvidenceLevel, GqlEvidenceLevel> = true;
const _kinds: Same<EntityKindName, GqlEntityKind> = true;
const _roles: Same<BiomarkerRole, GqlBiomarkerRole> = true;
const _mechanismKinds: Same<MechanismKind, GqlMechanismKind> = true;
const _sources: Same<ClaimSource, GqlClaimSource> = true;
const _directions: Same<Direction, GqlDirection> = true;

/** `min` and every stronger evidence level, or null (no floor) when no minimum is given. */
export function levelsAtLeast(min: EvidenceLevel | null | undefined): EvidenceLevel[] | null {
  if (!min) return null;
  const index = EVIDENCE_LEVELS.indexOf(min);
  if (index < 0) throw new EvmapError(ErrorCode.BadUserInput, `Unknown evidence level ${quoteInput(min)}.`, { argumentName: 'minEvidenceLevel' });
  return EVIDENCE_LEVELS.slice(0, index + 1);
}

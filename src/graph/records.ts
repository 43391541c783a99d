/**
 * The shapes of what the store reads and writes: one type per record, shared by the store,
 * the features, the API's mappers (codegen.ts) and the importers.
 */
import type { ClaimSource, Direction, EntityKindName, EntityLabel } from './model';

/** A paper as read back; list and flag properties a source never gave read as empty and false. */
export interface PaperRow {
  pmid: string;
  synthetic: boolean;
  /** Known only as a citation target: no record of its own has been imported yet. */
  stub: boolean;
  doi: string | null;
  pmcid: string | null;
  title: string | null;
  abstract: string | null;
  journal: string | null;
  year: number | null;
  publishedOn: string | null;
  publicationTypes: string[];
  meshTerms: string[];
  /** "MESH:D007649" CURIEs of the descriptors. */
  meshIds: string[];
  /** Descriptors starred themselves or through a qualifier (stored as `meshMajor`). */
  majorTopics: string[];
  checkTags: string[];
  chemicals: string[];
  /** "MESH:<ui>" CURIEs of the chemicals and supplementary concepts. */
  chemicalIds: string[];
  supplementaryConcepts: string[];
  keywords: string[];
  /** Labels of a structured abstract and where each starts in `abstract`. */
  abstractSections: Array<{ label: string; start: number }>;
  languages: string[];
  /** "GrantID/Acronym/Agency/Country". */
  grants: string[];
  retracted: boolean;
}

/** A paper as the API reads it; `__typename` lets `node(id:)` resolve the concrete type. */
export type PaperReadRow = PaperRow & { __typename: 'Paper' };

/** An author as read back. */
export interface AuthorRow {
  __typename: 'Author';
  id: string;
  name: string;
  fullName: string | null;
  orcid: string | null;
}

/** One byline slot: the name and affiliations as that paper gives them, and the author they belong to. */
export interface AuthorshipRow {
  position: number;
  name: string;
  fullName: string | null;
  affiliations: string[];
  author: AuthorRow;
}

/** What an upsert of papers or claims did. */
export interface UpsertCounts {
  created: number;
  updated: number;
  unchanged: number;
}

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
  /** CURIEs in other vocabularies. */
  xrefs?: string[];
  /** Id of the entity this one is an isoform, subunit or complex of. */
  parent?: string;
}

/** An entity as the API reads it; `__typename` is its label, so `node(id:)` and `Entity` resolve the concrete type. */
export interface EntityReadRow {
  __typename: EntityLabel;
  id: string;
  name: string;
  aliases: string[];
  xrefs: string[];
  description: string | null;
  kind: string | null;
  role: string | null;
  marker: string | null;
}

export type StanceName = 'SUPPORTS' | 'CONTRADICTS' | 'MENTIONS';
export type QuoteFieldName = 'title' | 'abstract';

/** A claim as written, with provenance. */
export interface ClaimInput {
  id: string;
  /** PMID (or synthetic key) of the asserting paper. */
  paper: string;
  /** Entity ids. */
  about: string[];
  stance: StanceName;
  statement?: string;
  quote: string;
  field: QuoteFieldName;
  start: number;
  end: number;
  evidenceLevel?: string;
  confidence?: number;
  source: ClaimSource;
  curator?: string;
}

/** A curated claim as the curation workflow creates it once; `about` holds entity ids. */
export type CuratedClaimInput = Omit<ClaimInput, 'source' | 'evidenceLevel'> & { evidenceLevel: string };

/** A claim read from one sentence of a title or abstract. */
export interface SentenceClaim {
  id: string;
  field: QuoteFieldName;
  /** Offsets of the sentence in its field (UTF-16, end exclusive); `quote` is that slice. */
  start: number;
  end: number;
  quote: string;
  /** Entity ids, sorted. */
  about: string[];
  stance: StanceName;
  negated: boolean;
  hedged: boolean;
  direction: Direction | null;
  cues: string[];
  confidence: number;
  evidenceLevel: string | null;
  /** TEXT_MINED when evmap read the sentence, PUBTATOR for an imported relation; TEXT_MINED when left out. */
  source?: 'TEXT_MINED' | 'PUBTATOR';
  /** For PubTator relations: the relation, e.g. "treat" or "negative_correlate". */
  predicate?: string | null;
}

/** A claim as the API reads it. */
export interface ClaimRow {
  __typename: 'Claim';
  id: string;
  stance: StanceName;
  statement: string | null;
  quote: string;
  field: QuoteFieldName;
  quoteStart: number;
  quoteEnd: number;
  evidenceLevel: string | null;
  confidence: number | null;
  source: ClaimSource;
  curator: string | null;
  occurrences: number | null;
  negated: boolean | null;
  hedged: boolean | null;
  direction: Direction | null;
  predicate: string | null;
  cues: string[];
  needsReview: boolean;
  createdAt: string | null;
  retractedAt: string | null;
  retractionReason: string | null;
}

/** One mined mention of an entity in a paper, as the tagger found it and the store writes it. */
export interface MentionRecord {
  entityId: string;
  /** The text as it appears, e.g. "NMDA receptor". */
  text: string;
  field: QuoteFieldName;
  start: number;
  end: number;
  /** How often the entity occurs in this field. */
  occurrences: number;
}

/** A paper that is evidence for an entity, directly or through a chain of citations. */
export interface SupportingRow {
  pmid: string;
  /** 0 for a paper with its own claims; otherwise how many CITES hops lead to one that has them. */
  distance: number;
  /** The claims that make it evidence: its own, or those of the paper its citation chain reaches. */
  claimIds: string[];
  /** For an indirect paper, the PMIDs along the chain from it to the direct evidence (both ends included); empty for direct evidence. */
  citationPath: string[];
  /** Its place in the stored ranking, when the page was read from it: what a keyset cursor carries. */
  rankKey?: string;
}

/** A paper behind an evidence-map cell, with its claims about both entities in listing order. */
export interface EvidenceCellPaperRow {
  pmid: string;
  claimIds: string[];
  /** Its place in the cell's stored ranking, when the page was read from it: what a keyset cursor carries. */
  rankKey?: string;
}

/** A node as `GraphNode` shows it. */
export interface GraphNodeRow {
  id: string;
  label: string;
  name: string | null;
}

/** The claim an edge starts or ends at (ASSERTS, ABOUT), as `GraphEdge` shows it. */
export interface EdgeClaimRow {
  id: string;
  stance: StanceName;
  evidenceLevel: string | null;
  source: ClaimSource;
  confidence: number | null;
}

/** A relationship as `GraphEdge` shows it, in stored direction; the claim fields are null unless a claim is at one end. */
export interface GraphEdgeRow {
  id: string;
  type: string;
  source: string;
  target: string;
  claim: string | null;
  stance: StanceName | null;
  evidenceLevel: string | null;
  claimSource: ClaimSource | null;
  confidence: number | null;
}

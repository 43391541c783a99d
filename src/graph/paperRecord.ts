/**
 * The shape every importer (seed page, MEDLINE, PubMed XML) produces, so one writer can
 * store papers whatever file they came from.
 */
export interface AuthorRecord {
  /** Display name as the source gives it, e.g. "Zarate CA Jr" or "Carlos A Zarate". */
  name: string;
  /** Full name when the source has it (MEDLINE FAU, XML ForeName + LastName). */
  fullName?: string;
  /** Bare ORCID ("0000-0002-1825-0097") when the record gives one; the author is keyed by it. */
  identifier?: string;
  /** Affiliations this record gives for this author, in order. */
  affiliations?: string[];
}

/** A labelled section of a structured abstract: where its label starts in `abstract`. */
export interface AbstractSectionRecord {
  label: string;
  start: number;
}

/** How a CommentsCorrections entry (MEDLINE CIN/CON/EIN/EFR/RIN/ROF/UIN/UOF) relates another paper to this one. */
export const PAPER_LINK_TYPES = ['ErratumIn', 'ErratumFor', 'RetractionIn', 'RetractionOf', 'CommentIn', 'CommentOn', 'UpdateIn', 'UpdateOf'] as const;
export type PaperLinkType = (typeof PAPER_LINK_TYPES)[number];

export interface PaperLinkRecord {
  type: PaperLinkType;
  pmid: string;
}

/** A MeSH qualifier (subheading) on one heading. */
export interface MeshQualifierRecord {
  name: string;
  /** "Q000627"; XML only, MEDLINE text carries no UIs. */
  ui?: string;
  /** Starred: the descriptor with this qualifier is a main point of the paper. */
  majorTopic: boolean;
}

/** One MeshHeading: a descriptor with its qualifiers, as NLM indexed the paper. */
export interface MeshHeadingRecord {
  descriptor: string;
  /** "D007649"; XML only. */
  ui?: string;
  /** Starred on the descriptor itself (a starred qualifier sets only the qualifier's flag). */
  majorTopic: boolean;
  qualifiers: MeshQualifierRecord[];
}

/** A ChemicalList substance (MEDLINE RN). */
export interface ChemicalRecord {
  name: string;
  /** MeSH UI of the substance's descriptor or supplementary concept; XML only. */
  ui?: string;
  /** UNII, CAS or EC number; absent where PubMed gives "0" (no number). */
  registryNumber?: string;
}

/** A SupplMeshList concept (MEDLINE NM). */
export interface SupplementaryConceptRecord {
  name: string;
  /** "C000657245"; XML only. */
  ui?: string;
  /** "Disease", "Protocol" or "Organism"; XML only. */
  type?: string;
}

export interface PaperRecord {
  /**
   * PubMed id. References without a PMID get a synthetic key (see `syntheticPaperKey`) so
   * that re-importing the same reference finds the same paper.
   */
  pmid: string;
  /** True when `pmid` is synthetic (no real PubMed id known). */
  pmidIsSynthetic?: boolean;
  doi?: string;
  pmcid?: string;
  title?: string;
  /** Structured sections as "LABEL: text", joined by a space, as MEDLINE's AB writes them. */
  abstract?: string;
  abstractSections?: AbstractSectionRecord[];
  /** Language codes as NLM gives them, e.g. "eng". */
  languages?: string[];
  /** "GrantID/Acronym/Agency/Country", as MEDLINE's GR writes a grant. */
  grants?: string[];
  /** Errata, retractions, comments and updates of or by other papers. */
  links?: PaperLinkRecord[];
  /** Retracted: a RetractionIn link or the publication type "Retracted Publication". */
  retracted?: boolean;
  journal?: string;
  /** Four-digit year when known. */
  year?: number;
  /** ISO date (YYYY, YYYY-MM or YYYY-MM-DD) as precise as the source allows. */
  publishedOn?: string;
  publicationTypes?: string[];
  /** Descriptor names of `mesh`, check tags included; the seed page gives only these. */
  meshTerms?: string[];
  mesh?: MeshHeadingRecord[];
  /**
   * The headings of `mesh` that are NLM check tags (Humans, Male, age groups, ...): they say who
   * or what was studied, not what the paper is about. They stay in `mesh` and `meshTerms` too.
   */
  checkTags?: string[];
  chemicals?: ChemicalRecord[];
  supplementaryConcepts?: SupplementaryConceptRecord[];
  /** Author and other non-MeSH keywords (KeywordList, MEDLINE OT), without repeats. */
  keywords?: string[];
  authors?: AuthorRecord[];
  /** PMIDs (or synthetic keys) of papers this paper cites. */
  cites?: string[];
  /** The DOI of each cited paper known only by it (its key in `cites` is `doi:<folded doi>`). */
  citedDois?: Array<{ key: string; doi: string }>;
}

/** A record the parser could not turn into a PaperRecord; the import goes on without it. */
export interface RejectedRecord {
  /** 1-based position of the record in its file. */
  recordNumber: number;
  /** Whatever identifier the record had (PMID, DOI, title), or undefined. */
  identifier?: string;
  reason: string;
}

/** A baseline or update file's DeleteCitation: papers PubMed withdrew. */
export interface DeletionRecord {
  pmids: string[];
}

export type ParsedItem = { kind: 'paper'; record: PaperRecord } | { kind: 'rejected'; rejected: RejectedRecord } | { kind: 'deleted'; deletion: DeletionRecord };

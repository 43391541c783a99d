/**
 * The shape every importer (seed page, MEDLINE, PubMed XML) produces, so one writer can
 * store papers whatever file they came from.
 */
export interface AuthorRecord {
  /** Display name as the source gives it, e.g. "Zarate CA Jr" or "Carlos A Zarate". */
  name: string;
  /** Full name when the source has it (MEDLINE FAU, XML ForeName + LastName). */
  fullName?: string;
  /** ORCID or other identifier when present. */
  identifier?: string;
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
  abstract?: string;
  journal?: string;
  /** Four-digit year when known. */
  year?: number;
  /** ISO date (YYYY, YYYY-MM or YYYY-MM-DD) as precise as the source allows. */
  publishedOn?: string;
  publicationTypes?: string[];
  meshTerms?: string[];
  authors?: AuthorRecord[];
  /** PMIDs (or synthetic keys) of papers this paper cites. */
  cites?: string[];
}

/** A record the parser could not turn into a PaperRecord; the import goes on without it. */
export interface RejectedRecord {
  /** 1-based position of the record in its file. */
  recordNumber: number;
  /** Whatever identifier the record had (PMID, DOI, title), or undefined. */
  identifier?: string;
  reason: string;
}

export type ParsedItem = { kind: 'paper'; record: PaperRecord } | { kind: 'rejected'; rejected: RejectedRecord };

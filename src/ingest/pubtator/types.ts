import type { RejectedRecord } from '../../graph/paperRecord';

/** The concept types PubTator3 tags; other tools' exports use more (DNAMutation, SNP, ...), kept as given. */
export type PubtatorConceptType = 'Gene' | 'Chemical' | 'Disease' | 'Species' | 'Mutation' | 'CellLine' | 'Variant' | string;

export interface PubtatorAnnotation {
  type: PubtatorConceptType;
  /**
   * Normalised CURIE-ish identifiers: 'MESH:D007649', 'NCBIGene:2475' for bare gene ids,
   * 'NCBITaxon:9606' for bare species ids; prefixed ids are kept as given. Empty when PubTator
   * recognised the mention but could not normalise it ("-", "None" or nothing).
   */
  identifiers: string[];
  text: string;
  field?: 'title' | 'abstract';
  /** Offsets into `field`'s text in UTF-16 code units, end exclusive, so `field.slice(start, end) === text`. */
  start?: number;
  end?: number;
}

export interface PubtatorEntityRef {
  type: string;
  identifier: string;
}

export interface PubtatorRelation {
  /** As given, e.g. 'Association', 'Positive_Correlation', 'treat', 'inhibit', 'CID'. */
  type: string;
  subject: PubtatorEntityRef;
  object: PubtatorEntityRef;
  score?: number;
}

/** A mention or relation the document had but that could not be imported; the rest of the document still is. */
export interface PubtatorDropped {
  kind: 'mention' | 'relation';
  /** The mention text, or the relation's id or line. */
  text: string;
  reason: string;
}

export interface PubtatorDocument {
  pmid: string;
  title?: string;
  abstract?: string;
  annotations: PubtatorAnnotation[];
  relations: PubtatorRelation[];
  dropped: PubtatorDropped[];
}

export type PubtatorItem =
  | { kind: 'document'; document: PubtatorDocument; recordNumber: number }
  | { kind: 'rejected'; rejected: RejectedRecord };

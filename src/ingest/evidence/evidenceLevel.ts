import type { EvidenceLevel } from '../../graph/model';

/** What PubMed says of a paper's design: its publication types and MeSH headings (check tags included). */
export interface PaperDesign {
  publicationTypes?: readonly string[] | null;
  meshTerms?: readonly string[] | null;
}

/**
 * PubMed publication types, strongest design first. A systematic review counts with
 * meta-analyses (both synthesise the primary studies; the schema has one level for them), and a
 * non-randomised clinical trial as OPEN_LABEL, the level of uncontrolled or unblinded trials.
 */
const BY_PUBLICATION_TYPE: ReadonlyArray<[EvidenceLevel, readonly string[]]> = [
  ['META_ANALYSIS', ['meta-analysis', 'systematic review', 'network meta-analysis']],
  ['RCT', ['randomized controlled trial', 'randomized controlled trial, veterinary', 'equivalence trial', 'pragmatic clinical trial']],
  ['OPEN_LABEL', ['clinical trial', 'controlled clinical trial', 'clinical trial, phase i', 'clinical trial, phase ii', 'clinical trial, phase iii', 'clinical trial, phase iv', 'clinical trial, veterinary', 'adaptive clinical trial']],
  ['OBSERVATIONAL', ['observational study', 'observational study, veterinary', 'twin study', 'multicenter study', 'comparative study']],
  ['CASE_REPORT', ['case reports']],
  ['REVIEW', ['review', 'scoping review', 'practice guideline', 'guideline']],
  ['EXPERT_OPINION', ['editorial', 'comment', 'letter', 'consensus development conference', 'news', 'interview', 'lecture']],
];

/**
 * The evidence level of a paper's claims, from its publication types; a primary study whose
 * MeSH check tags say Animals and not Humans is PRECLINICAL. Null when PubMed tells nothing
 * (a bare "Journal Article" about humans).
 */
export function evidenceLevelOf(paper: PaperDesign): EvidenceLevel | null {
  const types = new Set((paper.publicationTypes ?? []).map((t) => t.trim().toLowerCase()));
  const mesh = new Set((paper.meshTerms ?? []).map((t) => t.trim().toLowerCase()));
  const strongest = BY_PUBLICATION_TYPE.find(([, names]) => names.some((n) => types.has(n)));
  const preclinical = mesh.has('animals') && !mesh.has('humans');
  // "Comparative Study" of mice is an animal experiment, not an observational study of people.
  if (strongest && !(preclinical && strongest[0] === 'OBSERVATIONAL')) return strongest[0];
  return preclinical ? 'PRECLINICAL' : null;
}

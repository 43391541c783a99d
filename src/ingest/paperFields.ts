/**
 * Field rules shared by the MEDLINE and PubMed XML parsers, so a record reads the same from
 * either: structured abstracts and retraction.
 */
import type { AbstractSectionRecord } from '../graph/paperRecord';

/** The publication type PubMed gives a paper that has been retracted. */
const RETRACTED_TYPE = 'retracted publication';

export function isRetractedType(publicationTypes: readonly string[]): boolean {
  return publicationTypes.some((t) => t.toLowerCase() === RETRACTED_TYPE);
}

/**
 * An XML abstract's parts as MEDLINE's AB writes them: "LABEL: text" joined by single spaces,
 * with where each label starts.
 */
export function withSections(parts: ReadonlyArray<{ label?: string; text: string }>): { abstract: string; sections: AbstractSectionRecord[] } | undefined {
  if (parts.length === 0) return undefined;
  let abstract = '';
  const sections: AbstractSectionRecord[] = [];
  for (const { label, text } of parts) {
    if (abstract !== '') abstract += ' ';
    if (label !== undefined) {
      sections.push({ label, start: abstract.length });
      abstract += `${label}: `;
    }
    abstract += text;
  }
  return { abstract, sections };
}

// NLM labels are upper case in AB ("BACKGROUND", "MATERIALS AND METHODS", "CURRENT RESEARCH").
const LABEL = /(?:^|(?<=[.?!)\]] ))([A-Z][A-Z0-9]*(?:[ ,/&-]+[A-Z0-9]+)*): /g;

/**
 * The sections of a MEDLINE AB that starts with an upper-case label ("BACKGROUND: …"); an
 * abstract that does not start with one has none, so a capitalised word mid-text is not taken for a label.
 */
export function sectionsOfAbstract(abstract: string): AbstractSectionRecord[] {
  const sections = [...abstract.matchAll(LABEL)].filter((m) => /[A-Z]{2}/.test(m[1] ?? '')).map((m) => ({ label: m[1] as string, start: m.index }));
  return sections[0]?.start === 0 ? sections : [];
}

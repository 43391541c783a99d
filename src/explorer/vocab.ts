import type { ClaimSource, EntityKind, EvidenceLevel, Stance } from '../generated/schema';

/** The list, in the order the explorer shows it; fails to compile when it misses a value of the schema's enum. */
function every<Enum extends string>() {
  return <const List extends readonly Enum[]>(list: List & (Exclude<Enum, List[number]> extends never ? unknown : never)): List => list;
}

export const STANCES = every<Stance>()(['SUPPORTS', 'CONTRADICTS', 'MENTIONS']);
export const SOURCES = every<ClaimSource>()(['CURATED', 'SEED', 'TEXT_MINED', 'PUBTATOR']);
/** Strongest first, as the schema orders EvidenceLevel. */
export const LEVELS = every<EvidenceLevel>()(['META_ANALYSIS', 'RCT', 'OPEN_LABEL', 'OBSERVATIONAL', 'CASE_REPORT', 'PRECLINICAL', 'REVIEW', 'EXPERT_OPINION']);
export const ENTITY_KINDS = every<EntityKind>()(['MECHANISM', 'COMPOUND', 'CONDITION', 'BIOMARKER', 'RESEARCH_AIM']);

/** "TEXT_MINED" → "text mined", for labels. */
export function words(value: string): string {
  return value.toLowerCase().replace(/_/g, ' ');
}

/** The entity kind of a global id's label ("ResearchAim:…" → RESEARCH_AIM); null for papers, claims and authors. */
export function kindOfId(id: string): EntityKind | null {
  const label = id.slice(0, id.indexOf(':'));
  const kind = label.replace(/([a-z])([A-Z])/g, '$1_$2').toUpperCase();
  return (ENTITY_KINDS as readonly string[]).includes(kind) ? (kind as EntityKind) : null;
}

/** A node label as words: "ResearchAim" → "research aim". */
export function labelWords(label: string): string {
  return label.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
}

/** An entity kind as a count's noun: "1 research aim", "3 compounds". */
export function kindWords(kind: EntityKind, count: number): string {
  return count === 1 ? words(kind) : `${words(kind)}s`;
}

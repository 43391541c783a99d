import type { Direction } from '../../graph/model';
import type { SentenceClaim } from '../../graph/records';
import { MINED_CONFIDENCE_MAX, readSentence } from '../evidence/sentenceStance';
import { splitSentences } from '../sentences';
import type { MentionSpan, TextField } from '../tagger';

/**
 * PubTator3's relation types as predicates, with the direction each implies: a chemical that
 * treats or prevents a disease lowers it, one that causes it raises it; association and binding
 * say nothing of direction. Older exports spell them as nouns ("Positive_Correlation", "CID").
 */
const PREDICATES: Readonly<Record<string, { predicate: string; direction: Direction | null }>> = {
  treat: { predicate: 'treat', direction: 'DECREASES' },
  prevent: { predicate: 'prevent', direction: 'DECREASES' },
  inhibit: { predicate: 'inhibit', direction: 'DECREASES' },
  negative_correlate: { predicate: 'negative_correlate', direction: 'DECREASES' },
  negative_correlation: { predicate: 'negative_correlate', direction: 'DECREASES' },
  cause: { predicate: 'cause', direction: 'INCREASES' },
  cid: { predicate: 'cause', direction: 'INCREASES' },
  stimulate: { predicate: 'stimulate', direction: 'INCREASES' },
  positive_correlate: { predicate: 'positive_correlate', direction: 'INCREASES' },
  positive_correlation: { predicate: 'positive_correlate', direction: 'INCREASES' },
  associate: { predicate: 'associate', direction: null },
  association: { predicate: 'associate', direction: null },
  bind: { predicate: 'bind', direction: null },
  interact: { predicate: 'interact', direction: null },
  cotreat: { predicate: 'cotreat', direction: null },
  drug_interact: { predicate: 'drug_interact', direction: null },
  compare: { predicate: 'compare', direction: null },
  conversion: { predicate: 'conversion', direction: null },
};

/** The predicate and direction of a relation type; an unknown type is kept lowercased, without direction. */
export function predicateOf(type: string): { predicate: string; direction: Direction | null } {
  const key = type.trim().toLowerCase();
  return Object.hasOwn(PREDICATES, key) ? (PREDICATES[key] as { predicate: string; direction: Direction | null }) : { predicate: key, direction: null };
}

/** Relation claim ids of a paper start with this, so importing PubTator again replaces them. */
export function pubtatorClaimPrefix(pmid: string): string {
  return `pubtator:${pmid}:`;
}

export interface ResolvedRelation {
  type: string;
  subject: string;
  object: string;
  score?: number;
}

/**
 * A PubTator relation as a claim about both entities, quoting the first sentence of the title
 * or abstract that mentions both; undefined when no sentence does (a bulk relation for a paper
 * without text), since a claim always quotes its source.
 */
export function relationClaim(
  pmid: string,
  relation: ResolvedRelation,
  fields: Partial<Record<TextField, string | undefined>>,
  spans: readonly MentionSpan[],
  evidenceLevel: string | null,
): SentenceClaim | undefined {
  const { predicate, direction } = predicateOf(relation.type);
  for (const field of ['title', 'abstract'] as const) {
    const text = fields[field];
    if (!text) continue;
    for (const sentence of splitSentences(text)) {
      const inside = spans.filter((s) => s.field === field && s.start >= sentence.start && s.end <= sentence.end);
      const has = (id: string) => inside.some((s) => s.entityId === id);
      if (!has(relation.subject) || !has(relation.object)) continue;
      const reading = readSentence(
        sentence.text,
        inside.map((s) => ({ start: s.start - sentence.start, end: s.end - sentence.start, kind: s.label })),
      );
      const about = [...new Set([relation.subject, relation.object])].sort();
      return {
        id: `${pubtatorClaimPrefix(pmid)}${predicate}:${relation.subject}:${relation.object}`,
        field,
        start: sentence.start,
        end: sentence.end,
        quote: sentence.text,
        about,
        stance: reading.negated ? 'CONTRADICTS' : 'SUPPORTS',
        negated: reading.negated,
        hedged: reading.hedged,
        direction: direction ?? reading.direction,
        cues: reading.cues,
        // PubTator's own score, on the mined scale: below every curated claim.
        confidence: Math.round(MINED_CONFIDENCE_MAX * (relation.score ?? 0.8) * 100) / 100,
        evidenceLevel,
        source: 'PUBTATOR',
        predicate,
      };
    }
  }
  return undefined;
}

import { createHash } from 'node:crypto';
import type { EntityLabel, EvidenceLevel } from '../../graph/model';
import type { SentenceClaim } from '../../graph/records';
import { splitSentences } from '../sentences';
import type { MentionSpan, TextField } from '../tagger';
import { readSentence } from './sentenceStance';

/** The kinds of entity a sentence claim links; research aims are curated, never read from text. */
export const LINKED_LABELS: readonly EntityLabel[] = ['Compound', 'Mechanism', 'Condition', 'Biomarker'];

/** Sentence claim ids of a paper start with this, so a re-mining can find and replace them. */
export function sentenceClaimPrefix(pmid: string): string {
  return `mined:${pmid}:s:`;
}

/**
 * Named by what it quotes and links, not by where: the same sentence about the same entities
 * keeps its id when the abstract around it changes, and importing again changes nothing.
 */
function sentenceClaimId(pmid: string, field: TextField, quote: string, about: readonly string[]): string {
  const digest = createHash('sha256').update(`${field}\u0000${quote}\u0000${about.join('\u0000')}`).digest('hex').slice(0, 16);
  return `${sentenceClaimPrefix(pmid)}${digest}`;
}

/**
 * The sentence claims of one paper: every sentence of its title and abstract that mentions
 * entities of two or more kinds becomes a claim about all of them, read for stance, negation,
 * hedging and direction, at the paper's evidence level.
 */
export function mineSentenceClaims(
  pmid: string,
  fields: Partial<Record<TextField, string | undefined>>,
  mentions: readonly MentionSpan[],
  evidenceLevel: EvidenceLevel | null,
): SentenceClaim[] {
  const claims: SentenceClaim[] = [];
  const seen = new Set<string>();
  for (const field of ['title', 'abstract'] as const) {
    const text = fields[field];
    if (!text) continue;
    const inField = mentions.filter((m) => m.field === field && LINKED_LABELS.includes(m.label));
    for (const sentence of splitSentences(text)) {
      const inside = inField.filter((m) => m.start >= sentence.start && m.end <= sentence.end);
      if (new Set(inside.map((m) => m.label)).size < 2) continue;
      const about = [...new Set(inside.map((m) => m.entityId))].sort();
      const id = sentenceClaimId(pmid, field, sentence.text, about);
      if (seen.has(id)) continue;
      seen.add(id);
      const reading = readSentence(
        sentence.text,
        inside.map((m) => ({ start: m.start - sentence.start, end: m.end - sentence.start, kind: m.label })),
      );
      claims.push({ id, field, start: sentence.start, end: sentence.end, quote: sentence.text, about, ...reading, evidenceLevel });
    }
  }
  return claims;
}

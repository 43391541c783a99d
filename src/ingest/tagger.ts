import AhoCorasick from 'modern-ahocorasick';

/** An entity the tagger looks for: its id and every name it goes by. */
export interface TaggableEntity {
  id: string;
  names: string[];
}

export type TextField = 'title' | 'abstract';

/** Where an entity is first mentioned in a paper, and how often. */
export interface Mention {
  entityId: string;
  field: TextField;
  /** Offsets into the field's original text; `end` is exclusive. */
  start: number;
  end: number;
  /** The text as written in the paper at those offsets. */
  text: string;
  occurrences: number;
}

interface Folded {
  text: string;
  /** For each folded character, its index in the original text. */
  origin: number[];
}

const WORD_CHAR = /[\p{L}\p{N}]/u;
/** Characters a name may be written with or without: "GSK-3" / "GSK3" / "GSK 3", "N-methyl-D-aspartate (NMDA)". */
const SKIPPABLE = /[\s\-‐‑‒–—/()'’]/u;

/**
 * Folds text for matching: lowercase, letters and digits only. Spacing and hyphen variants
 * then compare equal, and `origin` maps every match back to the original offsets.
 */
function fold(text: string): Folded {
  let folded = '';
  const origin: number[] = [];
  for (let i = 0; i < text.length; i += 1) {
    const ch = text[i] as string;
    if (!WORD_CHAR.test(ch)) continue;
    const lower = ch.toLowerCase();
    for (let k = 0; k < lower.length; k += 1) origin.push(i);
    folded += lower;
  }
  return { text: folded, origin };
}

function isWordChar(ch: string | undefined): boolean {
  return ch !== undefined && WORD_CHAR.test(ch);
}

/** A match counts only on word boundaries and when what folding dropped inside it was spacing or hyphens, not a sentence break. */
function acceptable(original: string, start: number, end: number): boolean {
  if (isWordChar(original[start - 1]) || isWordChar(original[end])) return false;
  for (let i = start; i < end; i += 1) {
    const ch = original[i] as string;
    if (!WORD_CHAR.test(ch) && !SKIPPABLE.test(ch)) return false;
  }
  return true;
}

/**
 * Finds every entity's names and aliases in titles and abstracts with one Aho–Corasick
 * automaton (modern-ahocorasick), case-insensitive and tolerant of hyphen and spacing variants.
 */
export class MentionTagger {
  private readonly matcher: AhoCorasick<string> | undefined;

  constructor(entities: TaggableEntity[]) {
    const patterns = new Map<string, string>();
    for (const entity of entities) {
      for (const name of entity.names) {
        const folded = fold(name).text;
        // One- and two-letter folds ("5-HT" is fine, "a" is not) would match all over ordinary prose.
        if (folded.length >= 3 && !patterns.has(folded)) patterns.set(folded, entity.id);
      }
    }
    this.matcher =
      patterns.size === 0 ? undefined : new AhoCorasick([...patterns].map(([pattern, data]) => ({ pattern, data })));
  }

  /** The first mention of each entity per field, with its count of non-overlapping occurrences. */
  tag(fields: Partial<Record<TextField, string | undefined>>): Mention[] {
    const mentions: Mention[] = [];
    for (const field of ['title', 'abstract'] as const) {
      const original = fields[field];
      if (!original || !this.matcher) continue;
      const folded = fold(original);
      const spans = this.matcher
        .search(folded.text, { strategy: 'all' })
        .map((m) => ({ entityId: m.data, start: folded.origin[m.start] as number, end: (folded.origin[m.end - 1] as number) + 1 }))
        .filter((m): m is { entityId: string; start: number; end: number } => m.entityId !== undefined && acceptable(original, m.start, m.end))
        .sort((a, b) => a.start - b.start || b.end - a.end);
      const byEntity = new Map<string, { mention: Mention; lastEnd: number }>();
      for (const span of spans) {
        const seen = byEntity.get(span.entityId);
        if (!seen) {
          const mention = { entityId: span.entityId, field, start: span.start, end: span.end, text: original.slice(span.start, span.end), occurrences: 1 };
          byEntity.set(span.entityId, { mention, lastEnd: span.end });
          mentions.push(mention);
        } else if (span.start >= seen.lastEnd) {
          seen.mention.occurrences += 1;
          seen.lastEnd = span.end;
        }
      }
    }
    return mentions;
  }
}

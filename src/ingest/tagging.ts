import type { Executor } from '../db/executor';
import { writeMentionsQuery, writeSentenceClaimsQuery } from '../store/claims';
import { taggableEntitiesQuery } from '../store/entities';
import { storedTitle } from '../store/papers';
import { evidenceLevelOf } from './evidence/evidenceLevel';
import { mineSentenceClaims, sentenceClaimPrefix } from './evidence/mine';
import { MentionTagger, type MentionSpan } from './tagger';

/** The text of a paper to tag, as the caller has just written or read it, with what PubMed says of its design. */
export interface PaperText {
  pmid: string;
  title?: string | null;
  abstract?: string | null;
  publicationTypes?: readonly string[] | null;
  meshTerms?: readonly string[] | null;
  /** Mentions the caller has already found in this text (tagger and PubTator merged); tagging then runs no second time. */
  spans?: readonly MentionSpan[];
}

/** What tagging wrote: one mention claim per paper and entity, and the sentence claims. */
export interface TaggingCounts {
  mentions: number;
  sentenceClaims: number;
}

/** The tagger's mentions plus those of another annotator that overlap none of them, in text order. */
export function withExtraMentions(tagged: readonly MentionSpan[], extra: readonly MentionSpan[]): MentionSpan[] {
  const overlaps = (a: MentionSpan, b: MentionSpan) => a.field === b.field && a.start < b.end && b.start < a.end;
  const added = extra.filter((e) => !tagged.some((t) => overlaps(t, e)));
  return [...tagged, ...added].sort((a, b) => (a.field === b.field ? a.start - b.start : a.field === 'title' ? -1 : 1));
}

/** Builds a tagger over every entity currently in the graph. */
export async function loadTagger(db: Executor): Promise<MentionTagger> {
  return new MentionTagger(await db.run(taggableEntitiesQuery()));
}

/**
 * Tags papers' titles and abstracts and stores what it finds as TEXT_MINED claims: a MENTIONS
 * claim per paper and entity, and a claim per sentence that links entities of two or more
 * kinds. Callers pass the text they hold, so tagging costs no read; offsets are into the title
 * as stored.
 */
export async function tagPapers(db: Executor, papers: readonly PaperText[], tagger?: MentionTagger, options: { sentences?: boolean } = {}): Promise<TaggingCounts> {
  if (papers.length === 0) return { mentions: 0, sentenceClaims: 0 };
  const matcher = tagger ?? (await loadTagger(db));
  const mentions = [];
  const sentences = [];
  for (const paper of papers) {
    const fields = { title: storedTitle(paper.title ?? undefined), abstract: paper.abstract ?? undefined };
    const spans = paper.spans ?? matcher.tagAll(fields);
    mentions.push({ pmid: paper.pmid, mentions: MentionTagger.firstPerField(spans) });
    if (options.sentences !== false) sentences.push({ pmid: paper.pmid, prefix: sentenceClaimPrefix(paper.pmid), claims: mineSentenceClaims(paper.pmid, fields, spans, evidenceLevelOf(paper)) });
  }
  const [{ written } = { written: 0 }] = await db.run(writeMentionsQuery(mentions));
  // Without sentence mining (measuring what it costs), the paper keeps the sentence claims it has.
  if (options.sentences === false) return { mentions: written, sentenceClaims: 0 };
  const [{ written: sentenceClaims } = { written: 0 }] = await db.run(writeSentenceClaimsQuery(sentences));
  return { mentions: written, sentenceClaims };
}

import type { Executor } from '../db/executor';
import type { Query } from '../db/query';
import type { QuoteFieldName, SentenceClaim } from '../graph/records';
import { writeMentionsQuery, writeSentenceClaimsQuery } from '../store/claims';
import { taggableEntitiesQuery } from '../store/entities';
import { storedTitle } from '../store/papers';
import { evidenceLevelOf } from './evidence/evidenceLevel';
import { mineSentenceClaims, sentenceClaimPrefix } from './evidence/mine';
import { MentionTagger, type Mention, type MentionSpan } from './tagger';

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

/** What tagging wrote: sentence claims, and mention claims for the entities no sentence claim is about. */
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

/** The fields that have text: mining replaces the claims of these only, so a record without an abstract keeps the stored abstract's. */
export function fieldsWithText(fields: Partial<Record<QuoteFieldName, string | undefined>>): QuoteFieldName[] {
  return (['title', 'abstract'] as const).filter((f) => Boolean(fields[f]));
}

/** Builds a tagger over every entity currently in the graph. */
export async function loadTagger(db: Executor): Promise<MentionTagger> {
  return new MentionTagger(await db.run(taggableEntitiesQuery()));
}

/** The two writes that store what tagging found in a set of papers, built without touching the database. */
export interface TaggingPlan {
  mentions: Query<{ written: number }>;
  /**
   * Absent when sentence mining is off (measuring what it costs): the papers keep the sentence
   * claims they have. It leaves the evidence counts to `mentions`, so it runs only beside it (`runTagging`).
   */
  sentences?: Query<{ written: number; removed: number }>;
}

/** What tagging finds in one paper, before it is written: the fields read, the first mention of each entity per field, the sentence claims. */
export interface PaperTagging {
  pmid: string;
  fields: QuoteFieldName[];
  mentions: Mention[];
  /** Empty when sentence mining is off. */
  sentenceClaims: SentenceClaim[];
}

/** Tags one paper's title and abstract (CPU only); offsets are into the title as stored. */
export function tagPaper(paper: PaperText, tagger: MentionTagger, options: { sentences?: boolean } = {}): PaperTagging {
  const fields = { title: storedTitle(paper.title ?? undefined), abstract: paper.abstract ?? undefined };
  const spans = paper.spans ?? tagger.tagAll(fields);
  return {
    pmid: paper.pmid,
    fields: fieldsWithText(fields),
    mentions: MentionTagger.firstPerField(spans),
    sentenceClaims: options.sentences === false ? [] : mineSentenceClaims(paper.pmid, fields, spans, evidenceLevelOf(paper)),
  };
}

/**
 * Tags papers (CPU only, see tagPaper) into the writes that store a claim per sentence that
 * links entities of two or more kinds, and a MENTIONS claim per paper for each other entity found.
 */
export function planTagging(papers: readonly PaperText[], tagger: MentionTagger, options: { sentences?: boolean } = {}): TaggingPlan {
  const tagged = papers.map((paper) => tagPaper(paper, tagger, options));
  return {
    mentions: writeMentionsQuery(tagged.map((t) => ({ pmid: t.pmid, fields: t.fields, mentions: t.mentions }))),
    sentences:
      options.sentences === false
        ? undefined
        : writeSentenceClaimsQuery(
            tagged.map((t) => ({ pmid: t.pmid, prefix: sentenceClaimPrefix(t.pmid), fields: t.fields, claims: t.sentenceClaims })),
            { recount: false },
          ),
  };
}

/**
 * Runs a TaggingPlan's writes in one transaction, sentence claims first: an entity a sentence
 * claim of the paper is about needs no MENTIONS claim of its own (see writeMentionsQuery), and
 * the mention write recounts the papers' evidence once for both.
 */
export async function runTagging(db: Executor, plan: TaggingPlan): Promise<TaggingCounts> {
  if (!plan.sentences) {
    const [{ written: mentions } = { written: 0 }] = await db.run(plan.mentions);
    return { mentions, sentenceClaims: 0 };
  }
  const [sentences, mentions] = await db.runAll([plan.sentences, plan.mentions]);
  return { mentions: Number(mentions?.[0]?.written ?? 0), sentenceClaims: Number(sentences?.[0]?.written ?? 0) };
}

/**
 * Tags papers and stores what it finds as TEXT_MINED claims (see planTagging). Callers pass the
 * text they hold, so tagging costs no read.
 */
export async function tagPapers(db: Executor, papers: readonly PaperText[], tagger?: MentionTagger, options: { sentences?: boolean } = {}): Promise<TaggingCounts> {
  if (papers.length === 0) return { mentions: 0, sentenceClaims: 0 };
  return runTagging(db, planTagging(papers, tagger ?? (await loadTagger(db)), options));
}

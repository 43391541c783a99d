import type { Executor } from '../db/executor';
import { writeMentionsQuery } from '../store/claims';
import { taggableEntitiesQuery } from '../store/entities';
import { storedTitle } from '../store/papers';
import { MentionTagger } from './tagger';

/** The text of a paper to tag, as the caller has just written or read it. */
export interface PaperText {
  pmid: string;
  title?: string | null;
  abstract?: string | null;
}

/** Builds a tagger over every entity currently in the graph. */
export async function loadTagger(db: Executor): Promise<MentionTagger> {
  return new MentionTagger(await db.run(taggableEntitiesQuery()));
}

/**
 * Tags papers' titles and abstracts and stores the mentions as TEXT_MINED claims. Callers pass
 * the text they hold, so tagging costs no read; offsets are into the title as stored.
 */
export async function tagPapers(db: Executor, papers: readonly PaperText[], tagger?: MentionTagger): Promise<{ mentions: number }> {
  if (papers.length === 0) return { mentions: 0 };
  const matcher = tagger ?? (await loadTagger(db));
  const byPaper = papers.map((p) => ({ pmid: p.pmid, mentions: matcher.tag({ title: storedTitle(p.title ?? undefined), abstract: p.abstract ?? undefined }) }));
  const [{ written } = { written: 0 }] = await db.run(writeMentionsQuery(byPaper));
  return { mentions: written };
}

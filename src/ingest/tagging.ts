import type { Executor } from '../db/executor';
import { writeMentions } from '../queries/claims';
import { taggableEntities } from '../queries/entities';
import { paperTexts } from '../queries/papers';
import { MentionTagger } from './tagger';

/** Builds a tagger over every entity currently in the graph. */
export async function loadTagger(db: Executor): Promise<MentionTagger> {
  return new MentionTagger(await taggableEntities(db));
}

/** Tags the given papers' titles and abstracts and stores the mentions as TEXT_MINED claims. */
export async function tagPapers(db: Executor, pmids: string[], tagger?: MentionTagger): Promise<{ mentions: number }> {
  if (pmids.length === 0) return { mentions: 0 };
  const matcher = tagger ?? (await loadTagger(db));
  const texts = await paperTexts(db, pmids);
  const byPaper = texts.map((t) => ({ pmid: t.pmid, mentions: matcher.tag({ title: t.title ?? undefined, abstract: t.abstract ?? undefined }) }));
  const { written } = await writeMentions(db, byPaper);
  return { mentions: written };
}

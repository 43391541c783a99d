import type { Executor } from '../db/executor';
import { ErrorCode, EvmapError } from '../errors';
import { countPapersToTagQuery, papersToTagQuery } from '../store/papers';
import { loadTagger, tagPapers } from './tagging';

export const RETAG_BATCH = { default: 500, max: 10_000 } as const;

export interface RetagOptions {
  /** ISO 8601 date-time: only papers whose properties changed since then. */
  since: string | null;
  batchSize: number;
}

export interface RetagProgress {
  papers: number;
  total: number;
}

export interface RetagSummary {
  papers: number;
  /** Mention and sentence claims written (created, updated or already so). */
  mentions: number;
  sentenceClaims: number;
  ms: number;
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})(T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2}))?$/;

/** Checks `--since` and `--batch` as typed; BAD_USER_INPUT names the option at fault. */
export function checkRetagOptions(raw: { since?: string; batch?: string }): RetagOptions {
  let since: string | null = null;
  if (raw.since !== undefined) {
    const m = DATE.exec(raw.since.trim());
    const at = m ? new Date(m[4] ? raw.since.trim() : `${raw.since.trim()}T00:00:00Z`) : undefined;
    // Date rolls 2026-02-30 over into March; a date that does not round-trip does not exist.
    if (!m || !at || Number.isNaN(at.getTime()) || (!m[4] && at.toISOString().slice(0, 10) !== raw.since.trim())) {
      throw new EvmapError(ErrorCode.BadUserInput, `--since must be a date (YYYY-MM-DD, UTC) or an ISO 8601 date-time with Z or an offset, got ${JSON.stringify(raw.since)}`, { argumentName: 'since' });
    }
    since = at.toISOString();
  }
  const batchSize = raw.batch === undefined ? RETAG_BATCH.default : Number(raw.batch);
  if (!/^\d+$/.test(raw.batch ?? '1') || !Number.isInteger(batchSize) || batchSize < 1 || batchSize > RETAG_BATCH.max) {
    throw new EvmapError(ErrorCode.BadUserInput, `--batch must be a whole number from 1 to ${RETAG_BATCH.max}, got ${JSON.stringify(raw.batch)}`, { argumentName: 'batch' });
  }
  return { since, batchSize };
}

/**
 * Tags the stored papers again with one tagger over the entities the graph holds now, in PMID
 * order a batch at a time: for after the vocabulary changed. Mining the same text with the same
 * vocabulary writes the same claims, so running it twice changes nothing the second time.
 */
export async function retagPapers(db: Executor, options: RetagOptions, onProgress?: (p: RetagProgress) => void): Promise<RetagSummary> {
  const started = Date.now();
  const tagger = await loadTagger(db);
  const [{ n: total } = { n: 0 }] = await db.run(countPapersToTagQuery(options.since));
  const summary = { papers: 0, mentions: 0, sentenceClaims: 0 };
  onProgress?.({ papers: 0, total });
  for (let after = ''; ; ) {
    const batch = await db.run(papersToTagQuery(after, options.since, options.batchSize));
    const last = batch.at(-1);
    if (!last) break;
    const counts = await tagPapers(db, batch, tagger);
    summary.papers += batch.length;
    summary.mentions += counts.mentions;
    summary.sentenceClaims += counts.sentenceClaims;
    onProgress?.({ papers: summary.papers, total: Math.max(total, summary.papers) });
    after = last.pmid;
  }
  return { ...summary, ms: Date.now() - started };
}

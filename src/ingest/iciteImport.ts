/** `evmap citations`: references and citing papers from iCite for every paper with a record of its own. */
import type { Executor } from '../db/executor';
import { ErrorCode, EvmapError } from '../errors';
import { canonicalPmid } from '../graph/keys';
import { papersForCitationsQuery, type CitationPair } from '../store/papers';
import { writeCitations } from './citationWrite';
import { ICITE_MAX_IDS, type IciteClient } from './icite';

export const CITATIONS_BATCH = { default: ICITE_MAX_IDS, max: ICITE_MAX_IDS } as const;

export interface CitationsProgress {
  papers: number;
  links: number;
}

export interface CitationsSummary {
  /** Papers whose citations were asked for. */
  papers: number;
  /** Papers iCite knew. */
  known: number;
  /** Links iCite gave (a link between two papers of the graph is seen from both ends). */
  links: number;
  citesCreated: number;
  stubsCreated: number;
  requests: number;
  retries: number;
  ms: number;
}

/** `--batch` as typed: papers per iCite call, 1 to 1,000. */
export function checkCitationsBatch(raw: string | undefined): number {
  if (raw === undefined) return CITATIONS_BATCH.default;
  const n = Number(raw);
  if (!/^\d+$/.test(raw.trim()) || n < 1 || n > CITATIONS_BATCH.max) {
    throw new EvmapError(ErrorCode.BadUserInput, `--batch must be a whole number from 1 to ${CITATIONS_BATCH.max}, got ${JSON.stringify(raw)}`, { argumentName: 'batch' });
  }
  return n;
}

/**
 * Pages through the papers by PMID, `batch` at a time; each page's links are written before the
 * next page is asked for, so a failure leaves every finished page written and a run again
 * writes nothing twice.
 */
export async function fetchCitations(db: Executor, client: IciteClient, batch: number, onProgress?: (p: CitationsProgress) => void): Promise<CitationsSummary> {
  const started = Date.now();
  const summary: CitationsSummary = { papers: 0, known: 0, links: 0, citesCreated: 0, stubsCreated: 0, requests: 0, retries: 0, ms: 0 };
  let after = '';
  for (;;) {
    const page = (await db.run(papersForCitationsQuery(after, batch))).map((r) => r.pmid);
    if (page.length === 0) break;
    after = page[page.length - 1] as string;
    // A key that is no PubMed id (hand-entered through upsertPaper) would make iCite refuse the whole call.
    const asked = page.filter((pmid) => canonicalPmid(pmid) === pmid);
    const found = await client.links(asked);
    const pairs: CitationPair[] = found.flatMap((f) => [...f.references.map((cited) => ({ citing: f.pmid, cited })), ...f.citedBy.map((citing) => ({ citing, cited: f.pmid }))]);
    const written = await writeCitations(db, pairs);
    summary.papers += asked.length;
    summary.known += found.length;
    summary.links += pairs.length;
    summary.citesCreated += written.citesCreated;
    summary.stubsCreated += written.stubsCreated;
    onProgress?.({ papers: summary.papers, links: summary.links });
  }
  return { ...summary, requests: client.counts.requests, retries: client.counts.retries, ms: Date.now() - started };
}

/** Writing citation links from open data (iCite, the Open Citation Collection) in bounded transactions. */
import type { Executor } from '../db/executor';
import { writeCitationsQuery, type CitationPair } from '../store/papers';

/** Links per write transaction: large enough to amortise a round trip, small enough for the transaction memory limit. */
export const CITATION_WRITE_BATCH = 10_000;

export interface CitationWriteCounts {
  citesCreated: number;
  stubsCreated: number;
}

/** The pairs without self-citations and repeats, in their first order. */
export function distinctPairs(pairs: Iterable<CitationPair>): CitationPair[] {
  const seen = new Set<string>();
  const out: CitationPair[] = [];
  for (const pair of pairs) {
    const key = `${pair.citing} ${pair.cited}`;
    if (pair.citing === pair.cited || seen.has(key)) continue;
    seen.add(key);
    out.push(pair);
  }
  return out;
}

/** MERGEs the links, `CITATION_WRITE_BATCH` per transaction; papers not in the graph become stubs. */
export async function writeCitations(db: Executor, pairs: Iterable<CitationPair>): Promise<CitationWriteCounts> {
  const links = distinctPairs(pairs);
  const counts: CitationWriteCounts = { citesCreated: 0, stubsCreated: 0 };
  for (let i = 0; i < links.length; i += CITATION_WRITE_BATCH) {
    const chunk = links.slice(i, i + CITATION_WRITE_BATCH);
    const pmids = [...new Set(chunk.flatMap((p) => [p.citing, p.cited]))];
    const [row] = await db.run(writeCitationsQuery(pmids, chunk));
    counts.citesCreated += row?.citesCreated ?? 0;
    counts.stubsCreated += row?.stubsCreated ?? 0;
  }
  return counts;
}

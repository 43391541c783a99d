/** "Where is this word?": full-text search over titles, abstracts, names and aliases. */
import type { Executor } from '../db/executor';
import { ErrorCode, EvmapError } from '../errors';
import { parseNodeId } from '../graph/keys';
import { ENTITY_LABELS } from '../graph/model';
import type { EntityReadRow, PaperReadRow } from '../graph/records';
import { LIMITS } from '../limits';
import { searchIndexQuery } from '../store/search';

const SEARCH_LIMITS = LIMITS.search;

/** How search reads a hit's record; the API passes its per-request loaders, so hits share their batched queries. */
export interface RecordReaders {
  paper: { load(pmid: string): Promise<PaperReadRow | null> };
  entity: { load(id: string): Promise<EntityReadRow | null> };
}

/** Checks the search arguments (pure). */
export function planSearch(query: string, first: number | null | undefined): { text: string; first: number } {
  const size = first ?? SEARCH_LIMITS.defaultFirst;
  if (!Number.isInteger(size) || size < 1 || size > SEARCH_LIMITS.maxFirst) {
    throw new EvmapError(ErrorCode.BadUserInput, `"first" must be between 1 and ${SEARCH_LIMITS.maxFirst}, got ${size}.`, { argumentName: 'first' });
  }
  const text = query.trim();
  if (text.length === 0) throw new EvmapError(ErrorCode.BadUserInput, 'The search text is empty.', { argumentName: 'query' });
  if (text.length > SEARCH_LIMITS.maxQueryLength) {
    throw new EvmapError(ErrorCode.BadUserInput, `The search text is longer than ${SEARCH_LIMITS.maxQueryLength} characters.`, { argumentName: 'query' });
  }
  return { text, first: size };
}

export interface SearchHitValue {
  score: number;
  kind: string;
  node: PaperReadRow | EntityReadRow;
}

/**
 * Full-text search with each hit's node read through the request's loaders (one batched
 * query for papers, one for entities, shared with anything else in the request); a hit whose
 * node vanished in between is left out.
 */
export async function search(db: Executor, loaders: RecordReaders, query: string, first: number | null | undefined, prefix = false): Promise<SearchHitValue[]> {
  const plan = planSearch(query, first);
  const hits = await db.run(searchIndexQuery(plan.text, plan.first, { prefix }));
  const resolved = await Promise.all(
    hits.map(async ({ node, score }): Promise<SearchHitValue | null> => {
      const parsed = parseNodeId(node.id);
      if (!parsed) return null;
      if (parsed.label === 'Paper') {
        const paper = await loaders.paper.load(parsed.key);
        return paper && { score, kind: parsed.label, node: paper };
      }
      if (!(ENTITY_LABELS as readonly string[]).includes(parsed.label)) return null;
      const entity = await loaders.entity.load(parsed.key);
      return entity && entity.__typename === parsed.label ? { score, kind: parsed.label, node: entity } : null;
    }),
  );
  return resolved.filter((hit): hit is SearchHitValue => hit !== null);
}

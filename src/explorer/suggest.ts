/** What the search box suggests, in order (pure). */
import type { Hit } from './queries';

const SHOWN = 10;

/**
 * The entity the text names exactly comes first, then entities, then papers, each by score: a
 * reader typing "GSK-3" wants the mechanism before the many papers that mention it.
 */
export function suggestions(named: Hit | null, hits: readonly Hit[], entitiesOnly: boolean): Hit[] {
  const rest = hits.filter((h) => h.node.id !== named?.node.id);
  const entities = rest.filter((h) => h.kind !== 'Paper');
  const papers = entitiesOnly ? [] : rest.filter((h) => h.kind === 'Paper');
  return [...(named ? [named] : []), ...entities, ...papers].slice(0, SHOWN);
}

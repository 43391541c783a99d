import DataLoader from 'dataloader';
import type { Executor } from './db/executor';
import { aboutOfClaims, claimsByIds, paperOfClaims, type ClaimRow } from './queries/claims';
import { concernsOfAims, entitiesByIds, type EntityReadRow } from './queries/entities';
import { authorsByIds, authorsOfPapers, papersByPmids, type AuthorRow, type PaperReadRow } from './queries/papers';

/** Per-request batching of every field that fans out, so a nested query costs one query per level, not per row. */
export interface Loaders {
  paper: DataLoader<string, PaperReadRow | null>;
  entity: DataLoader<string, EntityReadRow | null>;
  claim: DataLoader<string, ClaimRow | null>;
  author: DataLoader<string, AuthorRow | null>;
  /** Key: `${pmid}\u0000${limit}`. */
  paperAuthors: DataLoader<string, AuthorRow[]>;
  claimPaper: DataLoader<string, string | null>;
  claimAbout: DataLoader<string, string[]>;
  aimConcerns: DataLoader<string, EntityReadRow[]>;
}

/** Groups keys of the form `${key}\u0000${limit}` by limit so each limit is one batched query. */
function byLimit<V>(load: (keys: string[], limit: number) => Promise<V[]>) {
  return async (composite: readonly string[]): Promise<V[]> => {
    const groups = new Map<number, Array<{ index: number; key: string }>>();
    composite.forEach((c, index) => {
      const [key, limit] = c.split('\u0000');
      const n = Number(limit);
      groups.set(n, [...(groups.get(n) ?? []), { index, key: key as string }]);
    });
    const out = new Array<V>(composite.length);
    for (const [limit, items] of groups) {
      const values = await load(items.map((i) => i.key), limit);
      items.forEach((item, i) => (out[item.index] = values[i] as V));
    }
    return out;
  };
}

/** A fresh set of loaders; call once per request so no cache outlives it. */
export function createLoaders(db: Executor): Loaders {
  return {
    paper: new DataLoader((pmids) => papersByPmids(db, pmids)),
    entity: new DataLoader((ids) => entitiesByIds(db, ids)),
    claim: new DataLoader((ids) => claimsByIds(db, ids)),
    author: new DataLoader((ids) => authorsByIds(db, ids)),
    paperAuthors: new DataLoader(byLimit((pmids, limit) => authorsOfPapers(db, pmids, limit))),
    claimPaper: new DataLoader((ids) => paperOfClaims(db, ids)),
    claimAbout: new DataLoader((ids) => aboutOfClaims(db, ids)),
    aimConcerns: new DataLoader((ids) => concernsOfAims(db, ids)),
  };
}

/** The found values of a `loadMany`, dropping misses; a batch error is rethrown rather than hidden. */
export function present<T>(values: Array<T | null | Error>): T[] {
  const out: T[] = [];
  for (const v of values) {
    if (v instanceof Error) throw v;
    if (v !== null) out.push(v);
  }
  return out;
}

import DataLoader from 'dataloader';
import type { ClaimFilter } from '../store/claimFilter';
import type { Executor } from '../db/executor';
import type { AuthorRow, AuthorshipRow, ClaimRow, EntityReadRow, PaperReadRow } from '../graph/records';
import {
  aboutOfClaims,
  authorsByIds,
  authorshipsOfPapers,
  authorsOfPapers,
  claimCounts,
  claimsByIds,
  claimsPages,
  concernsOfAims,
  entitiesByIds,
  paperOfClaims,
  papersByPmids,
  relatedCounts,
  relatedPages,
} from '../store/batches';
import type { ClaimOwner } from '../store/claims';
import type { RelatedPaper, Relation } from '../store/papers';
import { pageParams, type PageVariant } from './connections';

/** A loader key: which node, plus the arguments (stance, page…) that must match for two loads to share a query. */
export interface Keyed<Variant> {
  key: string;
  variant: Variant;
}

/** Two keys are the same load when node and arguments are equal, whatever object holds them. */
const cacheKeyFn = (k: Keyed<unknown>): string => JSON.stringify([k.key, k.variant]);

/**
 * A loader whose batch is split by variant, so each distinct set of arguments costs one query
 * whatever the number of nodes.
 */
function variantLoader<Variant, V>(load: (keys: string[], variant: Variant) => Promise<V[]>): DataLoader<Keyed<Variant>, V, string> {
  return new DataLoader<Keyed<Variant>, V, string>(
    async (batch) => {
      const groups = new Map<string, { variant: Variant; items: Array<{ index: number; key: string }> }>();
      batch.forEach(({ key, variant }, index) => {
        const id = JSON.stringify(variant);
        const group = groups.get(id) ?? { variant, items: [] };
        group.items.push({ index, key });
        groups.set(id, group);
      });
      const out = new Array<V>(batch.length);
      for (const { variant, items } of groups.values()) {
        const values = await load(items.map((i) => i.key), variant);
        items.forEach((item, i) => (out[item.index] = values[i] as V));
      }
      return out;
    },
    { cacheKeyFn },
  );
}

/** Per-request batching of every field that fans out, so a nested query costs one query per level, not per row. */
export interface Loaders {
  paper: DataLoader<string, PaperReadRow | null>;
  entity: DataLoader<string, EntityReadRow | null>;
  claim: DataLoader<string, ClaimRow | null>;
  author: DataLoader<string, AuthorRow | null>;
  /** Variant: the author limit. */
  paperAuthors: DataLoader<Keyed<number>, AuthorRow[], string>;
  /** Variant: the byline limit. */
  paperAuthorships: DataLoader<Keyed<number>, AuthorshipRow[], string>;
  claimPaper: DataLoader<string, string | null>;
  claimAbout: DataLoader<string, string[]>;
  aimConcerns: DataLoader<string, EntityReadRow[]>;
  claimsPage: DataLoader<Keyed<{ owner: ClaimOwner; filter: ClaimFilter; page: PageVariant }>, ClaimRow[], string>;
  claimCount: DataLoader<Keyed<{ owner: ClaimOwner; filter: ClaimFilter }>, number, string>;
  relatedPage: DataLoader<Keyed<{ relation: Relation; page: PageVariant }>, RelatedPaper[], string>;
  relatedCount: DataLoader<Keyed<Relation>, number, string>;
}

/** A fresh set of loaders; call once per request so no cache outlives it. */
export function createLoaders(db: Executor): Loaders {
  return {
    paper: new DataLoader((pmids) => papersByPmids(db, pmids)),
    entity: new DataLoader((ids) => entitiesByIds(db, ids)),
    claim: new DataLoader((ids) => claimsByIds(db, ids)),
    author: new DataLoader((ids) => authorsByIds(db, ids)),
    paperAuthors: variantLoader((pmids, limit: number) => authorsOfPapers(db, pmids, limit)),
    paperAuthorships: variantLoader((pmids, limit: number) => authorshipsOfPapers(db, pmids, limit)),
    claimPaper: new DataLoader((ids) => paperOfClaims(db, ids)),
    claimAbout: new DataLoader((ids) => aboutOfClaims(db, ids)),
    aimConcerns: new DataLoader((ids) => concernsOfAims(db, ids)),
    claimsPage: variantLoader((keys, v: { owner: ClaimOwner; filter: ClaimFilter; page: PageVariant }) => claimsPages(db, v.owner, keys, v.filter, pageParams(v.page))),
    claimCount: variantLoader((keys, v: { owner: ClaimOwner; filter: ClaimFilter }) => claimCounts(db, v.owner, keys, v.filter)),
    relatedPage: variantLoader((keys, v: { relation: Relation; page: PageVariant }) => relatedPages(db, v.relation, keys, pageParams(v.page))),
    relatedCount: variantLoader((keys, relation: Relation) => relatedCounts(db, relation, keys)),
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

import DataLoader from 'dataloader';
import type { Executor } from './db/executor';
import { pageParams, type PageVariant } from './paging';
import { aboutOfClaims, claimCounts, claimsByIds, claimsPages, paperOfClaims, type ClaimOwner, type ClaimRow } from './queries/claims';
import { concernsOfAims, entitiesByIds, type EntityReadRow } from './queries/entities';
import { authorsByIds, authorsOfPapers, papersByPmids, relatedCounts, relatedPages, type AuthorRow, type PaperReadRow, type Relation } from './queries/papers';

/** A loader key: which node, plus the arguments (stance, page…) that must match for two loads to share a query. */
export type VariantKey = string;

/** Builds a VariantKey; loads with equal variants are batched into one query. */
export function variantKey(key: string, variant: unknown): VariantKey {
  return JSON.stringify([key, variant]);
}

/** Splits a batch by variant so each distinct set of arguments costs one query, whatever the number of nodes. */
function byVariant<Variant, V>(load: (keys: string[], variant: Variant) => Promise<V[]>) {
  return async (composite: readonly VariantKey[]): Promise<V[]> => {
    const groups = new Map<string, { variant: Variant; items: Array<{ index: number; key: string }> }>();
    composite.forEach((c, index) => {
      const [key, variant] = JSON.parse(c) as [string, Variant];
      const id = JSON.stringify(variant);
      const group = groups.get(id) ?? { variant, items: [] };
      group.items.push({ index, key });
      groups.set(id, group);
    });
    const out = new Array<V>(composite.length);
    for (const { variant, items } of groups.values()) {
      const values = await load(items.map((i) => i.key), variant);
      items.forEach((item, i) => (out[item.index] = values[i] as V));
    }
    return out;
  };
}

/** Per-request batching of every field that fans out, so a nested query costs one query per level, not per row. */
export interface Loaders {
  paper: DataLoader<string, PaperReadRow | null>;
  entity: DataLoader<string, EntityReadRow | null>;
  claim: DataLoader<string, ClaimRow | null>;
  author: DataLoader<string, AuthorRow | null>;
  /** Variant: the author limit. */
  paperAuthors: DataLoader<VariantKey, AuthorRow[]>;
  claimPaper: DataLoader<string, string | null>;
  claimAbout: DataLoader<string, string[]>;
  aimConcerns: DataLoader<string, EntityReadRow[]>;
  /** Variant: { owner, stance, page }. */
  claimsPage: DataLoader<VariantKey, ClaimRow[]>;
  /** Variant: { owner, stance }. */
  claimCount: DataLoader<VariantKey, number>;
  /** Variant: { relation, page }. */
  relatedPage: DataLoader<VariantKey, Array<{ paper: PaperReadRow; rank: number | null }>>;
  /** Variant: relation. */
  relatedCount: DataLoader<VariantKey, number>;
}

/** A fresh set of loaders; call once per request so no cache outlives it. */
export function createLoaders(db: Executor): Loaders {
  return {
    paper: new DataLoader((pmids) => papersByPmids(db, pmids)),
    entity: new DataLoader((ids) => entitiesByIds(db, ids)),
    claim: new DataLoader((ids) => claimsByIds(db, ids)),
    author: new DataLoader((ids) => authorsByIds(db, ids)),
    paperAuthors: new DataLoader(byVariant<number, AuthorRow[]>((pmids, limit) => authorsOfPapers(db, pmids, limit))),
    claimPaper: new DataLoader((ids) => paperOfClaims(db, ids)),
    claimAbout: new DataLoader((ids) => aboutOfClaims(db, ids)),
    aimConcerns: new DataLoader((ids) => concernsOfAims(db, ids)),
    claimsPage: new DataLoader(
      byVariant<{ owner: ClaimOwner; stance: string | null; page: PageVariant }, ClaimRow[]>((keys, v) => claimsPages(db, v.owner, keys, v.stance, pageParams(v.page))),
    ),
    claimCount: new DataLoader(byVariant<{ owner: ClaimOwner; stance: string | null }, number>((keys, v) => claimCounts(db, v.owner, keys, v.stance))),
    relatedPage: new DataLoader(
      byVariant<{ relation: Relation; page: PageVariant }, Array<{ paper: PaperReadRow; rank: number | null }>>((keys, v) =>
        relatedPages(db, v.relation, keys, pageParams(v.page)),
      ),
    ),
    relatedCount: new DataLoader(byVariant<Relation, number>((keys, relation) => relatedCounts(db, relation, keys))),
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

/**
 * DataLoader batch functions: each runs one store query for a batch of keys and returns one
 * value per key, in the order of the keys, as DataLoader requires.
 */
import type { Executor } from '../db/executor';
import type { ClaimFilter } from './claimFilter';
import type { AuthorRow, AuthorshipRow, ClaimRow, EntityReadRow, PaperReadRow } from '../graph/records';
import { aboutOfClaimsQuery, claimCountsQuery, claimsByIdsQuery, claimsPagesQuery, paperOfClaimsQuery, type ClaimOwner } from './claims';
import { concernsOfAimsQuery, entitiesByIdsQuery } from './entities';
import { inKeyOrder } from './keyed';
import type { Page } from './page';
import { authorsByIdsQuery, authorshipsOfPapersQuery, authorsOfPapersQuery, papersByPmidsQuery, relatedCountsQuery, relatedPagesQuery, type RelatedPaper, type Relation } from './papers';

export async function papersByPmids(db: Executor, pmids: readonly string[]): Promise<Array<PaperReadRow | null>> {
  const rows = await db.run(papersByPmidsQuery(pmids));
  return inKeyOrder(pmids, rows, (r) => r.paper.pmid, (r) => r.paper, null);
}

export async function authorsByIds(db: Executor, ids: readonly string[]): Promise<Array<AuthorRow | null>> {
  const rows = await db.run(authorsByIdsQuery(ids));
  return inKeyOrder(ids, rows, (r) => r.author.id, (r) => r.author, null);
}

export async function authorsOfPapers(db: Executor, pmids: readonly string[], limit: number): Promise<AuthorRow[][]> {
  const rows = await db.run(authorsOfPapersQuery(pmids, limit));
  return inKeyOrder(pmids, rows, (r) => r.pmid, (r) => r.authors, []);
}

export async function authorshipsOfPapers(db: Executor, pmids: readonly string[], limit: number): Promise<AuthorshipRow[][]> {
  const rows = await db.run(authorshipsOfPapersQuery(pmids, limit));
  return inKeyOrder(pmids, rows, (r) => r.pmid, (r) => r.authorships, []);
}

export async function relatedPages(db: Executor, relation: Relation, keys: readonly string[], page: Page): Promise<RelatedPaper[][]> {
  const rows = await db.run(relatedPagesQuery(relation, keys, page));
  return inKeyOrder(keys, rows, (r) => r.key, (r) => r.items, []);
}

export async function relatedCounts(db: Executor, relation: Relation, keys: readonly string[]): Promise<number[]> {
  const rows = await db.run(relatedCountsQuery(relation, keys));
  return inKeyOrder(keys, rows, (r) => r.key, (r) => r.n, 0);
}

export async function claimsByIds(db: Executor, ids: readonly string[]): Promise<Array<ClaimRow | null>> {
  const rows = await db.run(claimsByIdsQuery(ids));
  return inKeyOrder(ids, rows, (r) => r.claim.id, (r) => r.claim, null);
}

export async function claimsPages(db: Executor, owner: ClaimOwner, keys: readonly string[], filter: ClaimFilter, page: Page): Promise<ClaimRow[][]> {
  const rows = await db.run(claimsPagesQuery(owner, keys, filter, page));
  return inKeyOrder(keys, rows, (r) => r.key, (r) => r.claims, []);
}

export async function claimCounts(db: Executor, owner: ClaimOwner, keys: readonly string[], filter: ClaimFilter): Promise<number[]> {
  const rows = await db.run(claimCountsQuery(owner, keys, filter));
  return inKeyOrder(keys, rows, (r) => r.key, (r) => r.n, 0);
}

export async function paperOfClaims(db: Executor, ids: readonly string[]): Promise<Array<string | null>> {
  const rows = await db.run(paperOfClaimsQuery(ids));
  return inKeyOrder(ids, rows, (r) => r.id, (r) => r.pmid, null);
}

export async function aboutOfClaims(db: Executor, ids: readonly string[]): Promise<string[][]> {
  const rows = await db.run(aboutOfClaimsQuery(ids));
  return inKeyOrder(ids, rows, (r) => r.id, (r) => r.about, []);
}

export async function entitiesByIds(db: Executor, ids: readonly string[]): Promise<Array<EntityReadRow | null>> {
  const rows = await db.run(entitiesByIdsQuery(ids));
  return inKeyOrder(ids, rows, (r) => r.entity.id, (r) => r.entity, null);
}

export async function concernsOfAims(db: Executor, aimIds: readonly string[]): Promise<EntityReadRow[][]> {
  const rows = await db.run(concernsOfAimsQuery(aimIds));
  return inKeyOrder(aimIds, rows, (r) => r.aim, (r) => r.entities, []);
}

import neo4j from 'neo4j-driver';
import type { Executor } from '../db/executor';
import { FULLTEXT_INDEX } from '../graph/model';
import type { PaperRecord } from '../ingest/record';
import type { PageParams as Page } from '../paging';
import { luceneQuery } from './search';
import { inKeyOrder } from './keyed';

/** A paper as read back; list and flag properties a source never gave read as empty and false. */
export interface PaperRow {
  pmid: string;
  synthetic: boolean;
  doi: string | null;
  pmcid: string | null;
  title: string | null;
  abstract: string | null;
  journal: string | null;
  year: number | null;
  publishedOn: string | null;
  publicationTypes: string[];
  meshTerms: string[];
}

export interface UpsertCounts {
  created: number;
  updated: number;
  unchanged: number;
}

/** An author's key: lowercased display name with spaces as dashes, e.g. "abdallah-cg". */
export function authorKey(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

/** A title as stored: PubMed ends every ArticleTitle with a period that is not part of the title (the seed page drops it). */
export function storedTitle(title: string | undefined): string | undefined {
  return title?.replace(/(?<=[^.])\.$/, '');
}

/** Only the properties a record actually has, so an import never blanks what another source filled in. */
function knownProperties(record: PaperRecord): Record<string, unknown> {
  const props: Record<string, unknown> = {
    doi: record.doi?.toLowerCase(),
    pmcid: record.pmcid,
    title: storedTitle(record.title),
    abstract: record.abstract,
    journal: record.journal,
    year: record.year,
    publishedOn: record.publishedOn,
    publicationTypes: record.publicationTypes?.length ? record.publicationTypes : undefined,
    meshTerms: record.meshTerms?.length ? record.meshTerms : undefined,
    synthetic: record.pmidIsSynthetic ? true : undefined,
  };
  return Object.fromEntries(Object.entries(props).filter(([, v]) => v !== undefined && v !== ''));
}

function toRow(record: PaperRecord) {
  return {
    pmid: record.pmid,
    props: knownProperties(record),
    authors: (record.authors ?? [])
      .map((a, position) => ({ id: authorKey(a.name), name: a.name, fullName: a.fullName ?? null, identifier: a.identifier ?? null, position }))
      .filter((a) => a.id.length > 0),
    cites: [...new Set(record.cites ?? [])].filter((c) => c !== record.pmid),
  };
}

/**
 * Creates or updates papers in one UNWIND transaction: properties are merged (never removed),
 * authors and citations are MERGEd, so importing the same records again changes nothing.
 * A paper counts as unchanged when every property it brings already has that value and it
 * adds no author or citation link.
 */
export async function upsertPapers(db: Executor, records: PaperRecord[]): Promise<UpsertCounts> {
  if (records.length === 0) return { created: 0, updated: 0, unchanged: 0 };
  const rows = records.map(toRow);
  const [counts] = await db.writeRows<{ created: number; updated: number; unchanged: number }>(
    `UNWIND $rows AS row
     OPTIONAL MATCH (existing:Paper {pmid: row.pmid})
     WITH row, existing IS NULL AS isNew,
          existing IS NOT NULL AND all(k IN keys(row.props) WHERE coalesce(existing[k] = row.props[k], false)) AS sameProps
     MERGE (p:Paper {pmid: row.pmid})
     SET p += row.props
     WITH p, row, isNew, sameProps
     CALL (p, row) {
       UNWIND row.authors AS a
       MERGE (author:Author {id: a.id})
         ON CREATE SET author.name = a.name
       SET author.fullName = coalesce(author.fullName, a.fullName),
           author.identifier = coalesce(author.identifier, a.identifier)
       MERGE (p)-[r:AUTHORED_BY]->(author)
       WITH r, a, r.position IS NULL AS added
       SET r.position = a.position
       RETURN count(CASE WHEN added THEN 1 END) AS authorsAdded
     }
     CALL (p, row) {
       UNWIND row.cites AS citedKey
       MERGE (cited:Paper {pmid: citedKey})
       WITH p, cited, EXISTS { (p)-[:CITES]->(cited) } AS had
       MERGE (p)-[:CITES]->(cited)
       RETURN count(CASE WHEN NOT had THEN 1 END) AS citesAdded
     }
     WITH isNew, sameProps AND authorsAdded = 0 AND citesAdded = 0 AS unchanged
     RETURN count(CASE WHEN isNew THEN 1 END) AS created,
            count(CASE WHEN NOT isNew AND NOT unchanged THEN 1 END) AS updated,
            count(CASE WHEN unchanged THEN 1 END) AS unchanged`,
    { rows },
    { tag: 'papers:upsert' },
  );
  return counts ?? { created: 0, updated: 0, unchanged: 0 };
}

/** Links papers as similar to a source paper, with the rank the source gave them. */
export async function linkSimilar(db: Executor, pmid: string, similar: Array<{ pmid: string; rank: number }>): Promise<void> {
  await db.writeRows(
    `MATCH (p:Paper {pmid: $pmid})
     UNWIND $similar AS s
     MATCH (q:Paper {pmid: s.pmid})
     MERGE (p)-[r:SIMILAR_TO]->(q)
     SET r.rank = s.rank`,
    { pmid, similar },
    { tag: 'papers:similar' },
  );
}

/** An author as read back. */
export interface AuthorRow {
  __typename: 'Author';
  id: string;
  name: string;
  fullName: string | null;
}

/** A paper as the API reads it; `__typename` lets `node(id:)` resolve the concrete type. */
export type PaperReadRow = PaperRow & { __typename: 'Paper' };

const PAPER = `p {__typename: 'Paper', .pmid, .doi, .pmcid, .title, .abstract, .journal, .year, .publishedOn,
  publicationTypes: coalesce(p.publicationTypes, []), meshTerms: coalesce(p.meshTerms, []), synthetic: coalesce(p.synthetic, false)}`;

/** Papers by PMID, in the order asked, null where there is none (a DataLoader batch function). */
export async function papersByPmids(db: Executor, pmids: readonly string[]): Promise<Array<PaperReadRow | null>> {
  const rows = await db.readRows<{ paper: PaperReadRow }>(
    `UNWIND $pmids AS pmid MATCH (p:Paper {pmid: pmid}) RETURN ${PAPER} AS paper`,
    { pmids },
    { tag: 'papers:by-pmid' },
  );
  return inKeyOrder(pmids, rows, (r) => r.paper.pmid, (r) => r.paper, null);
}

/** Which papers `listPapers` returns; every field is optional and they combine with AND. */
export interface PaperFilter {
  yearFrom?: number | null;
  yearTo?: number | null;
  /** Exact publication type, any case, e.g. "Review". */
  publicationType?: string | null;
  /** Part of the journal name, any case. */
  journal?: string | null;
  /** Id of an entity the paper must have a live claim about. */
  aboutEntityId?: string | null;
  aboutStance?: string | null;
  /** Words to find in titles and abstracts through the full-text index. */
  text?: string | null;
}

export type PaperOrderField = 'YEAR' | 'TITLE' | 'CITATIONS' | 'EVIDENCE' | 'PMID';

/** Sort keys; each is a fixed Cypher expression chosen by enum, never text from a client. */
const ORDER_KEYS: Record<PaperOrderField, string> = {
  YEAR: 'coalesce(p.year, -1)',
  TITLE: "toLower(coalesce(p.title, ''))",
  CITATIONS: 'COUNT { (p)<-[:CITES]-(:Paper) }',
  EVIDENCE: "COUNT { (p)-[:ASSERTS]->(c:Claim) WHERE c.retractedAt IS NULL AND c.source <> 'TEXT_MINED' }",
  PMID: 'p.pmid',
};

function filterClauses(filter: PaperFilter): { source: string; where: string; params: Record<string, unknown> } {
  const text = filter.text?.trim();
  const source = text
    ? `CALL db.index.fulltext.queryNodes('${FULLTEXT_INDEX}', $text) YIELD node AS p WITH p`
    : 'MATCH (p:Paper)';
  const where = `WHERE p:Paper AND ($yearFrom IS NULL OR p.year >= $yearFrom)
    AND ($yearTo IS NULL OR p.year <= $yearTo)
    AND ($publicationType IS NULL OR any(t IN coalesce(p.publicationTypes, []) WHERE toLower(t) = toLower($publicationType)))
    AND ($journal IS NULL OR toLower(coalesce(p.journal, '')) CONTAINS toLower($journal))
    AND ($entityId IS NULL OR EXISTS {
      MATCH (p)-[:ASSERTS]->(c:Claim)-[:ABOUT]->(e {id: $entityId})
      WHERE c.retractedAt IS NULL AND ($stance IS NULL OR c.stance = $stance)
    })`;
  return {
    source,
    where,
    params: {
      text: text ? luceneQuery(text) : null,
      yearFrom: filter.yearFrom == null ? null : neo4j.int(filter.yearFrom),
      yearTo: filter.yearTo == null ? null : neo4j.int(filter.yearTo),
      publicationType: filter.publicationType ?? null,
      journal: filter.journal ?? null,
      entityId: filter.aboutEntityId ?? null,
      stance: filter.aboutStance ?? null,
    },
  };
}

/** One page of papers matching `filter`, sorted by `order` with PMID as the tie-break so pages are stable. */
export async function listPapers(
  db: Executor,
  filter: PaperFilter,
  order: { field: PaperOrderField; direction: 'ASC' | 'DESC' },
  page: Page,
): Promise<PaperReadRow[]> {
  const { source, where, params } = filterClauses(filter);
  const rows = await db.readRows<{ paper: PaperReadRow }>(
    `${source} ${where}
     WITH p, ${ORDER_KEYS[order.field]} AS sortKey
     RETURN ${PAPER} AS paper ORDER BY sortKey ${order.direction === 'ASC' ? 'ASC' : 'DESC'}, p.pmid SKIP $skip LIMIT $limit`,
    { ...params, ...page },
    { tag: 'papers:list' },
  );
  return rows.map((r) => r.paper);
}

/** How many papers match `filter`. */
export async function countPapers(db: Executor, filter: PaperFilter): Promise<number> {
  const { source, where, params } = filterClauses(filter);
  const [row] = await db.readRows<{ n: number }>(`${source} ${where} RETURN count(p) AS n`, params, { tag: 'papers:count' });
  return row?.n ?? 0;
}

/** How to get from a key to the papers listed under it; each is fixed text chosen in code. */
const RELATED = {
  cites: '(:Paper {pmid: key})-[r:CITES]->(p:Paper)',
  citedBy: '(:Paper {pmid: key})<-[r:CITES]-(p:Paper)',
  similar: '(:Paper {pmid: key})-[r:SIMILAR_TO]->(p:Paper)',
  authored: '(:Author {id: key})<-[r:AUTHORED_BY]-(p:Paper)',
} as const;
export type Relation = keyof typeof RELATED;

/** Similar papers by rank; everything else newest first; PMID breaks ties so pages are stable. */
function relatedOrder(relation: Relation): string {
  return relation === 'similar' ? 'coalesce(r.rank, 2147483647), p.pmid' : 'coalesce(p.year, -1) DESC, p.pmid';
}

/** One page of related papers for each key, with the SIMILAR_TO rank where there is one (a DataLoader batch function). */
export async function relatedPages(db: Executor, relation: Relation, keys: readonly string[], page: Page): Promise<Array<Array<{ paper: PaperReadRow; rank: number | null }>>> {
  const rows = await db.readRows<{ key: string; items: Array<{ paper: PaperReadRow; rank: number | null }> }>(
    `UNWIND $keys AS key
     CALL (key) {
       MATCH ${RELATED[relation]}
       WITH p, r ORDER BY ${relatedOrder(relation)} SKIP $skip LIMIT $limit
       RETURN collect({paper: ${PAPER}, rank: r.rank}) AS items
     }
     RETURN key, items`,
    { keys, ...page },
    { tag: `papers:related-${relation}` },
  );
  return inKeyOrder(keys, rows, (r) => r.key, (r) => r.items, []);
}

/** How many related papers each key has (a DataLoader batch function). */
export async function relatedCounts(db: Executor, relation: Relation, keys: readonly string[]): Promise<number[]> {
  const rows = await db.readRows<{ key: string; n: number }>(
    `UNWIND $keys AS key CALL (key) { MATCH ${RELATED[relation]} RETURN count(p) AS n } RETURN key, n`,
    { keys },
    { tag: `papers:related-count-${relation}` },
  );
  return inKeyOrder(keys, rows, (r) => r.key, (r) => r.n, 0);
}

/** The first `limit` authors of each paper in byline order (a DataLoader batch function over pmids). */
export async function authorsOfPapers(db: Executor, pmids: readonly string[], limit: number): Promise<AuthorRow[][]> {
  const rows = await db.readRows<{ pmid: string; authors: AuthorRow[] }>(
    `UNWIND $pmids AS pmid
     MATCH (p:Paper {pmid: pmid})
     CALL (p) {
       MATCH (p)-[r:AUTHORED_BY]->(a:Author)
       WITH a, r ORDER BY r.position LIMIT $limit
       RETURN collect(a {__typename: 'Author', .id, .name, .fullName}) AS authors
     }
     RETURN pmid, authors`,
    { pmids, limit: neo4j.int(limit) },
    { tag: 'papers:authors' },
  );
  return inKeyOrder(pmids, rows, (r) => r.pmid, (r) => r.authors, []);
}

/** Authors by key, in the order asked, null where there is none. */
export async function authorsByIds(db: Executor, ids: readonly string[]): Promise<Array<AuthorRow | null>> {
  const rows = await db.readRows<{ author: AuthorRow }>(
    `UNWIND $ids AS id MATCH (a:Author {id: id}) RETURN a {__typename: 'Author', .id, .name, .fullName} AS author`,
    { ids },
    { tag: 'authors:by-id' },
  );
  return inKeyOrder(ids, rows, (r) => r.author.id, (r) => r.author, null);
}

/** Records that `citing` cites `cited`; both must exist. Returns null when either is missing. */
export async function addCitation(db: Executor, citing: string, cited: string): Promise<{ created: boolean } | null> {
  const [row] = await db.writeRows<{ created: boolean }>(
    `MATCH (a:Paper {pmid: $citing}), (b:Paper {pmid: $cited})
     WITH a, b, EXISTS { (a)-[:CITES]->(b) } AS had
     MERGE (a)-[:CITES]->(b)
     RETURN NOT had AS created`,
    { citing, cited },
    { tag: 'papers:add-citation' },
  );
  return row ?? null;
}

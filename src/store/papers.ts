import neo4j from 'neo4j-driver';
import { readQuery, writeQuery, type Query } from '../db/query';
import { authorProjection, newPaperCounts, paperProjection, refreshCitedByCount } from '../graph/fragments';
import { authorKeyOf, normalizeOrcid } from '../graph/keys';
import { FULLTEXT_INDEX, PAPER_LINK_RELS, type PaperLinkRel } from '../graph/model';
import type { AuthorRow, AuthorshipRow, PaperReadRow, UpsertCounts } from '../graph/records';
import type { PaperLinkRecord, PaperLinkType, PaperRecord } from '../graph/paperRecord';
import type { Page } from './page';
import { subjectProperties } from './paperSubjects';
import { recountPapersCypher } from '../graph/evidenceShares';
import { luceneQuery } from './search';

/** A title as stored: PubMed ends every ArticleTitle with a period that is not part of the title (the seed page drops it). */
export function storedTitle(title: string | undefined): string | undefined {
  return title?.replace(/(?<=[^.])\.$/, '');
}

/** Only the properties a record actually has, so an import never blanks what another source filled in. */
function knownProperties(record: PaperRecord): Record<string, unknown> {
  const props: Record<string, unknown> = {
    doi: record.doi,
    doiKey: record.doi?.toLowerCase(),
    pmcid: record.pmcid,
    title: storedTitle(record.title),
    abstract: record.abstract,
    abstractSections: record.abstractSections?.length ? record.abstractSections.map((s) => s.label) : undefined,
    abstractSectionStarts: record.abstractSections?.length ? record.abstractSections.map((s) => neo4j.int(s.start)) : undefined,
    languages: record.languages?.length ? record.languages : undefined,
    grants: record.grants?.length ? record.grants : undefined,
    retracted: record.retracted ? true : undefined,
    journal: record.journal,
    year: record.year,
    publishedOn: record.publishedOn,
    publicationTypes: record.publicationTypes?.length ? record.publicationTypes : undefined,
    meshTerms: record.meshTerms?.length ? record.meshTerms : undefined,
    ...subjectProperties(record),
    synthetic: record.pmidIsSynthetic ? true : undefined,
  };
  return Object.fromEntries(Object.entries(props).filter(([, v]) => v !== undefined && v !== ''));
}

/** Which way each CommentsCorrections type points, as (from)-[rel]->(to) between this paper and the other. */
const LINK_DIRECTIONS: Record<PaperLinkType, { rel: PaperLinkRel; thisPaperIs: 'from' | 'to' }> = {
  ErratumIn: { rel: 'CORRECTED_BY', thisPaperIs: 'from' },
  ErratumFor: { rel: 'CORRECTED_BY', thisPaperIs: 'to' },
  RetractionIn: { rel: 'RETRACTED_BY', thisPaperIs: 'from' },
  RetractionOf: { rel: 'RETRACTED_BY', thisPaperIs: 'to' },
  CommentIn: { rel: 'COMMENTS_ON', thisPaperIs: 'to' },
  CommentOn: { rel: 'COMMENTS_ON', thisPaperIs: 'from' },
  UpdateIn: { rel: 'UPDATED_BY', thisPaperIs: 'from' },
  UpdateOf: { rel: 'UPDATED_BY', thisPaperIs: 'to' },
};

/** A CommentsCorrections link as stored, (from)-[rel]->(to). */
export function linkRow(pmid: string, link: PaperLinkRecord): { rel: PaperLinkRel; from: string; to: string } {
  const { rel, thisPaperIs } = LINK_DIRECTIONS[link.type];
  return thisPaperIs === 'from' ? { rel, from: pmid, to: link.pmid } : { rel, from: link.pmid, to: pmid };
}

/** A record as the paper upsert writes it (the bulk loader writes the same rows as CSV). */
export function paperRow(record: PaperRecord) {
  return {
    pmid: record.pmid,
    props: knownProperties(record),
    authors: (record.authors ?? [])
      .map((a, position) => ({
        id: authorKeyOf(a),
        orcid: (a.identifier !== undefined ? normalizeOrcid(a.identifier) : undefined) ?? null,
        name: a.name,
        fullName: a.fullName ?? null,
        affiliations: a.affiliations?.length ? a.affiliations : null,
        position,
      }))
      .filter((a) => a.id.length > 0),
    cites: [...new Set(record.cites ?? [])].filter((c) => c !== record.pmid),
    citedDois: record.citedDois ?? [],
    links: (record.links ?? []).filter((l) => l.pmid !== record.pmid).map((l) => linkRow(record.pmid, l)),
  };
}

/** A retraction notice marks the paper it retracts, whose claims then leave the evidence counts. */
function retractionCalls(): string {
  return `
       SET a.retracted = true
       WITH a, had
       CALL (a, had) {
         WITH a WHERE NOT had
         WITH [a] AS retractedNow
         ${recountPapersCypher('retractedNow')}
       }`;
}

/**
 * One subquery per link type (relationship types cannot be parameters); the types are the
 * model's. A retraction notice marks the paper it retracts; a paper known only from a link is a
 * stub, like a citation target.
 */
function linkCalls(): string {
  return PAPER_LINK_RELS.map(
    (rel, i) => `CALL (row) {
       UNWIND [l IN row.links WHERE l.rel = '${rel}'] AS l
       MERGE (a:Paper {pmid: l.from})
         ON CREATE SET a.stub = true, ${newPaperCounts('a')}
       MERGE (b:Paper {pmid: l.to})
         ON CREATE SET b.stub = true, ${newPaperCounts('b')}
       WITH a, b, EXISTS { (a)-[:${rel}]->(b) } AS had
       MERGE (a)-[:${rel}]->(b)${rel === 'RETRACTED_BY' ? retractionCalls() : ''}
       RETURN count(CASE WHEN NOT had THEN 1 END) AS linksAdded${i}
     }`,
  ).join('\n     ');
}

/**
 * Creates or updates papers in one UNWIND transaction: properties are merged (never removed),
 * `updatedAt` moves only when a property got a new value (what `evmap retag --since` selects by),
 * authors, citations and errata/retraction/comment/update links are MERGEd, so importing the
 * same records again changes nothing. Each byline position is its own AUTHORED_BY carrying the
 * name, full name and affiliations that record gives, so namesakes on one paper keep their
 * slots and an Author node keeps the name it was created with. A paper counts as unchanged
 * when every property it brings already has that value and it adds or changes no link.
 */
export function upsertPapersQuery(records: readonly PaperRecord[]): Query<UpsertCounts> {
  return writeQuery(
    'papers:upsert',
    `UNWIND $rows AS row
     OPTIONAL MATCH (existing:Paper {pmid: row.pmid})
     WITH row, existing IS NULL AS isNew,
          existing IS NOT NULL AND all(k IN keys(row.props) WHERE coalesce(existing[k] = row.props[k], false)) AS sameProps
     MERGE (p:Paper {pmid: row.pmid})
       ON CREATE SET ${newPaperCounts('p')}
     SET p += row.props, p.updatedAt = CASE WHEN sameProps THEN p.updatedAt ELSE datetime() END,
         p.stub = CASE WHEN row.props.title IS NULL AND row.props.abstract IS NULL THEN p.stub END
     WITH p, row, isNew, sameProps
     CALL (p, row) {
       UNWIND row.authors AS a
       MERGE (author:Author {id: a.id})
         ON CREATE SET author.name = a.name
       SET author.fullName = coalesce(author.fullName, a.fullName),
           author.orcid = coalesce(author.orcid, a.orcid)
       WITH p, author, a
       // A slot another author holds (keyed by name before the record gave an ORCID, or a corrected byline) goes to this one.
       CALL (p, author, a) {
         MATCH (p)-[old:AUTHORED_BY {position: a.position}]->(other:Author) WHERE other <> author
         DELETE old
       }
       OPTIONAL MATCH (p)-[had:AUTHORED_BY {position: a.position}]->(author)
       WITH p, author, a, had IS NULL
            OR had.name <> a.name
            OR (a.fullName IS NOT NULL AND coalesce(had.fullName <> a.fullName, true))
            OR (a.affiliations IS NOT NULL AND coalesce(had.affiliations <> a.affiliations, true)) AS changed
       MERGE (p)-[r:AUTHORED_BY {position: a.position}]->(author)
       SET r.name = a.name, r.fullName = coalesce(a.fullName, r.fullName), r.affiliations = coalesce(a.affiliations, r.affiliations)
       RETURN count(CASE WHEN changed THEN 1 END) AS authorsAdded
     }
     CALL (p, row) {
       UNWIND row.cites AS citedKey
       MERGE (cited:Paper {pmid: citedKey})
         ON CREATE SET cited.stub = true, ${newPaperCounts('cited')}
       WITH p, cited, EXISTS { (p)-[:CITES]->(cited) } AS had
       MERGE (p)-[:CITES]->(cited)
       WITH cited, had
       CALL (cited, had) {
         WITH cited WHERE NOT had
         ${refreshCitedByCount('cited')}
       }
       RETURN count(CASE WHEN NOT had THEN 1 END) AS citesAdded
     }
     CALL (row) {
       UNWIND row.citedDois AS ref
       MATCH (cited:Paper {pmid: ref.key})
       SET cited.synthetic = true, cited.doi = coalesce(cited.doi, ref.doi), cited.doiKey = coalesce(cited.doiKey, toLower(ref.doi))
     }
     ${linkCalls()}
     WITH p, isNew, sameProps, sameProps AND authorsAdded = 0 AND citesAdded = 0 AND ${PAPER_LINK_RELS.map((_, i) => `linksAdded${i} = 0`).join(' AND ')} AS unchanged
     // A new year or retraction mark moves the paper's claims in the counts or the rankings.
     WITH collect(CASE WHEN NOT sameProps AND NOT isNew THEN p END) AS touched,
          count(CASE WHEN isNew THEN 1 END) AS created,
          count(CASE WHEN NOT isNew AND NOT unchanged THEN 1 END) AS updated,
          count(CASE WHEN unchanged THEN 1 END) AS unchanged
     ${recountPapersCypher('touched')}
     RETURN created, updated, unchanged`,
    { rows: records.map(paperRow) },
  );
}

/** Links papers as similar to a source paper, with the rank the source gave them. */
export function linkSimilarQuery(pmid: string, similar: ReadonlyArray<{ pmid: string; rank: number }>): Query {
  return writeQuery(
    'papers:similar',
    `MATCH (p:Paper {pmid: $pmid})
     UNWIND $similar AS s
     MATCH (q:Paper {pmid: s.pmid})
     MERGE (p)-[r:SIMILAR_TO]->(q)
     SET r.rank = s.rank`,
    { pmid, similar },
  );
}

/** Papers by PMID (any order; a miss is absent). */
export function papersByPmidsQuery(pmids: readonly string[]): Query<{ paper: PaperReadRow }> {
  return readQuery('papers:by-pmid', `UNWIND $pmids AS pmid MATCH (p:Paper {pmid: pmid}) RETURN ${paperProjection('p')} AS paper`, { pmids });
}

/** Which papers `listPapersQuery` returns; every field is optional and they combine with AND. */
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
  /** Also papers known only as citation targets (`stub`), which are left out by default. */
  includeStubs?: boolean | null;
}

export type PaperOrderField = 'YEAR' | 'TITLE' | 'CITATIONS' | 'EVIDENCE' | 'PMID';

/**
 * Sort keys; each is a fixed Cypher expression chosen by enum, never text from a client.
 * CITATIONS is the count every CITES write keeps on the cited paper (`refreshCitedByCount`), so
 * most cited first is an index read rather than a count of every paper's citations.
 */
const ORDER_KEYS: Record<PaperOrderField, string> = {
  YEAR: 'coalesce(p.year, -1)',
  TITLE: "toLower(coalesce(p.title, ''))",
  CITATIONS: 'coalesce(p.citedByCount, -1)',
  EVIDENCE: "COUNT { (p)-[:ASSERTS]->(c:Claim) WHERE c.retractedAt IS NULL AND NOT c.source IN ['TEXT_MINED', 'PUBTATOR'] }",
  PMID: 'p.pmid',
};

function filterClauses(filter: PaperFilter): { source: string; where: string; params: Record<string, unknown> } {
  const text = filter.text?.trim();
  const source = text ? `CALL db.index.fulltext.queryNodes('${FULLTEXT_INDEX}', $text) YIELD node AS p WITH p` : 'MATCH (p:Paper)';
  const where = `WHERE p:Paper AND ($yearFrom IS NULL OR p.year >= $yearFrom)
    AND ($yearTo IS NULL OR p.year <= $yearTo)
    AND ($publicationType IS NULL OR any(t IN coalesce(p.publicationTypes, []) WHERE toLower(t) = toLower($publicationType)))
    AND ($includeStubs OR p.stub IS NULL)
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
      includeStubs: filter.includeStubs ?? false,
    },
  };
}

function withoutText({ text: _text, ...rest }: Record<string, unknown>): Record<string, unknown> {
  return rest;
}

/** The sort key and PMID of the last row a client saw, from its keyset cursor. */
export interface PaperListAfter {
  key: string | number;
  pmid: string;
}

/** A sort key as a parameter: whole numbers as Neo4j integers, so they compare with the stored ones in an index seek. */
function keyParam(key: string | number | undefined): unknown {
  if (key === undefined) return null;
  return typeof key === 'number' && Number.isSafeInteger(key) ? neo4j.int(key) : key;
}

/**
 * Descending orders a range index can provide: the property it indexes, and the tag of the
 * listing query that reads it.
 */
const INDEXED_DESC: Partial<Record<PaperOrderField, { property: 'year' | 'citedByCount'; tag: string }>> = {
  YEAR: { property: 'year', tag: 'papers:list-newest' },
  CITATIONS: { property: 'citedByCount', tag: 'papers:list-most-cited' },
};

/**
 * The part of an indexed listing without the property (undated papers; for the citation count,
 * papers no CITES write has counted yet) runs only when the indexed papers leave room on the
 * page and no year bound rules undated papers out. An UNWIND of an empty list is the guard:
 * given as a WHERE, Neo4j planned it below a label scan of every paper, which then ran for every page.
 */
function missingNeeded(property: string): string {
  const bounded = property === 'year' ? ' AND $yearFrom IS NULL AND $yearTo IS NULL' : '';
  return `UNWIND CASE WHEN size(indexed) < $skip + $limit${bounded} THEN [true] ELSE [] END AS needed`;
}

/** Newest first and most cited first, without words, read their index; anything else sorts every matching paper. */
function indexedOrder(filter: PaperFilter, order: { field: PaperOrderField; direction: 'ASC' | 'DESC' }) {
  return order.direction === 'DESC' && !filter.text?.trim() ? INDEXED_DESC[order.field] : undefined;
}

/**
 * One page of papers matching `filter`, sorted by `order` with PMID as the tie-break so pages
 * are stable, each row with its sort key for the next cursor. With `after` (a keyset cursor)
 * the page starts right after that row instead of skipping rows, so papers added meanwhile
 * neither repeat nor hide a row.
 */
export function listPapersQuery(
  filter: PaperFilter,
  order: { field: PaperOrderField; direction: 'ASC' | 'DESC' },
  page: Page,
  after?: PaperListAfter,
): Query<{ paper: PaperReadRow; sortKey: string | number }> {
  const { source, where, params } = filterClauses(filter);
  const start = after ? { skip: neo4j.int(0), limit: page.limit } : page;
  const indexed = indexedOrder(filter, order);
  if (indexed) {
    // Papers with the property in index order, the scan stopping at the page; those without it
    // (last, as the sort key's coalesce(…, -1) puts them) only when the page reaches them. After a
    // cursor the index is entered at its key (a range seek), and a cursor among the papers without
    // it skips the indexed ones altogether. The cursor's conditions are written in only when there
    // is one: an OR with "no cursor" would keep the planner from seeking at its key.
    const prop = `p.${indexed.property}`;
    const afterKey = after && typeof after.key === 'number' && after.key >= 0 ? after.key : undefined;
    const afterMissing = after !== undefined && afterKey === undefined;
    const present = afterMissing
      ? 'WITH [] AS indexed'
      : `MATCH (p:Paper) USING INDEX p:Paper(${indexed.property})
       ${where} AND ${prop} IS NOT NULL${afterKey === undefined ? '' : ` AND ${prop} <= $afterKey AND NOT (${prop} = $afterKey AND p.pmid <= $afterPmid)`}
       WITH p ORDER BY ${prop} DESC, p.pmid LIMIT $skip + $limit
       WITH collect(p) AS indexed`;
    return readQuery(
      indexed.tag,
      `${present}
       CALL (indexed) {
         ${missingNeeded(indexed.property)}
         MATCH (p:Paper)
         ${where} AND ${prop} IS NULL${afterMissing ? ' AND p.pmid > $afterPmid' : ''}
         WITH p ORDER BY p.pmid LIMIT $skip + $limit
         RETURN collect(p) AS missing
       }
       UNWIND (indexed + missing)[$skip..$skip + $limit] AS p
       RETURN ${paperProjection('p')} AS paper, coalesce(${prop}, -1) AS sortKey`,
      {
        ...withoutText(params),
        ...start,
        ...(afterKey === undefined ? {} : { afterKey: keyParam(afterKey) }),
        ...(after ? { afterPmid: after.pmid } : {}),
      },
    );
  }
  const beyond = order.direction === 'ASC' ? '>' : '<';
  return readQuery(
    'papers:list',
    `${source} ${where}
     WITH p, ${ORDER_KEYS[order.field]} AS sortKey
     WHERE $afterKey IS NULL OR sortKey ${beyond} $afterKey OR (sortKey = $afterKey AND p.pmid > $afterPmid)
     RETURN ${paperProjection('p')} AS paper, sortKey ORDER BY sortKey ${order.direction === 'ASC' ? 'ASC' : 'DESC'}, p.pmid SKIP $skip LIMIT $limit`,
    { ...params, ...start, afterKey: keyParam(after?.key), afterPmid: after?.pmid ?? null },
  );
}

/** How many papers match `filter`. */
export function countPapersQuery(filter: PaperFilter): Query<{ n: number }> {
  const { source, where, params } = filterClauses(filter);
  return readQuery('papers:count', `${source} ${where} RETURN count(p) AS n`, params);
}

/** How to get from a key to the papers listed under it; each is fixed text chosen in code. */
const RELATED = {
  cites: '(:Paper {pmid: key})-[r:CITES]->(p:Paper)',
  citedBy: '(:Paper {pmid: key})<-[r:CITES]-(p:Paper)',
  similar: '(:Paper {pmid: key})-[r:SIMILAR_TO]->(p:Paper)',
  // Namesakes on one byline are one Author with two slots: the paper is listed once, by its first.
  authored: '(author:Author {id: key})<-[r:AUTHORED_BY]-(p:Paper) WHERE NOT EXISTS { (p)-[first:AUTHORED_BY]->(author) WHERE first.position < r.position }',
  correctedBy: '(:Paper {pmid: key})-[r:CORRECTED_BY]->(p:Paper)',
  retractedBy: '(:Paper {pmid: key})-[r:RETRACTED_BY]->(p:Paper)',
  commentedOnBy: '(:Paper {pmid: key})<-[r:COMMENTS_ON]-(p:Paper)',
  commentsOn: '(:Paper {pmid: key})-[r:COMMENTS_ON]->(p:Paper)',
  updatedBy: '(:Paper {pmid: key})-[r:UPDATED_BY]->(p:Paper)',
} as const;
export type Relation = keyof typeof RELATED;

/** Similar papers by rank; everything else newest first; PMID breaks ties so pages are stable. */
function relatedOrder(relation: Relation): string {
  return relation === 'similar' ? 'coalesce(r.rank, 2147483647), p.pmid' : 'coalesce(p.year, -1) DESC, p.pmid';
}

export interface RelatedPaper {
  paper: PaperReadRow;
  rank: number | null;
}

/** One page of related papers for each key, with the SIMILAR_TO rank where there is one. */
export function relatedPagesQuery(relation: Relation, keys: readonly string[], page: Page): Query<{ key: string; items: RelatedPaper[] }> {
  return readQuery(
    `papers:related-${relation}`,
    `UNWIND $keys AS key
     CALL (key) {
       MATCH ${RELATED[relation]}
       WITH p, r ORDER BY ${relatedOrder(relation)} SKIP $skip LIMIT $limit
       RETURN collect({paper: ${paperProjection('p')}, rank: r.rank}) AS items
     }
     RETURN key, items`,
    { keys, ...page },
  );
}

/** How many related papers each key has. */
export function relatedCountsQuery(relation: Relation, keys: readonly string[]): Query<{ key: string; n: number }> {
  return readQuery(`papers:related-count-${relation}`, `UNWIND $keys AS key CALL (key) { MATCH ${RELATED[relation]} RETURN count(p) AS n } RETURN key, n`, { keys });
}

/** The first `limit` authors of each paper in byline order. */
export function authorsOfPapersQuery(pmids: readonly string[], limit: number): Query<{ pmid: string; authors: AuthorRow[] }> {
  return readQuery(
    'papers:authors',
    `UNWIND $pmids AS pmid
     MATCH (p:Paper {pmid: pmid})
     CALL (p) {
       MATCH (p)-[r:AUTHORED_BY]->(a:Author)
       WITH a, r ORDER BY r.position LIMIT $limit
       RETURN collect(${authorProjection('a')}) AS authors
     }
     RETURN pmid, authors`,
    { pmids, limit: neo4j.int(limit) },
  );
}

/** The first `limit` byline slots of each paper, each with the name and affiliations that paper gives. */
export function authorshipsOfPapersQuery(pmids: readonly string[], limit: number): Query<{ pmid: string; authorships: AuthorshipRow[] }> {
  return readQuery(
    'papers:authorships',
    `UNWIND $pmids AS pmid
     MATCH (p:Paper {pmid: pmid})
     CALL (p) {
       MATCH (p)-[r:AUTHORED_BY]->(a:Author)
       WITH a, r ORDER BY r.position LIMIT $limit
       RETURN collect({position: r.position, name: coalesce(r.name, a.name), fullName: coalesce(r.fullName, a.fullName),
                       affiliations: coalesce(r.affiliations, []), author: ${authorProjection('a')}}) AS authorships
     }
     RETURN pmid, authorships`,
    { pmids, limit: neo4j.int(limit) },
  );
}

/** Authors by key (any order; a miss is absent). */
export function authorsByIdsQuery(ids: readonly string[]): Query<{ author: AuthorRow }> {
  return readQuery('authors:by-id', `UNWIND $ids AS id MATCH (a:Author {id: id}) RETURN ${authorProjection('a')} AS author`, { ids });
}

/** Records that `citing` cites `cited`; no row when either paper is missing. */
export function addCitationQuery(citing: string, cited: string): Query<{ created: boolean }> {
  return writeQuery(
    'papers:add-citation',
    `MATCH (a:Paper {pmid: $citing}), (b:Paper {pmid: $cited})
     WITH a, b, EXISTS { (a)-[:CITES]->(b) } AS had
     MERGE (a)-[:CITES]->(b)
     WITH b, had
     CALL (b, had) {
       WITH b WHERE NOT had
       ${refreshCitedByCount('b')}
     }
     RETURN NOT had AS created`,
    { citing, cited },
  );
}

/** True when the graph holds at least one paper; `npm start` loads the seed corpus otherwise. */
export function hasPapersQuery(): Query<{ any: boolean }> {
  return readQuery('stats:has-papers', 'RETURN EXISTS { MATCH (:Paper) } AS any');
}

/** What tagging reads of a stored paper. */
export interface PaperTextRow {
  pmid: string;
  title: string | null;
  abstract: string | null;
  publicationTypes: string[] | null;
  meshTerms: string[] | null;
}

const TO_TAG = `MATCH (p:Paper)
     WHERE p.pmid > $after AND (p.title IS NOT NULL OR p.abstract IS NOT NULL)
       AND ($since IS NULL OR p.updatedAt >= datetime($since))`;

/**
 * The next `limit` papers with text after PMID `after` (keyset order, '' for the first page),
 * optionally only those whose properties changed since `since` (an ISO 8601 date-time).
 */
export function papersToTagQuery(after: string, since: string | null, limit: number): Query<PaperTextRow> {
  return readQuery(
    'papers:to-tag',
    `${TO_TAG}
     RETURN p.pmid AS pmid, p.title AS title, p.abstract AS abstract, p.publicationTypes AS publicationTypes, p.meshTerms AS meshTerms
     ORDER BY p.pmid LIMIT $limit`,
    { after, since, limit: neo4j.int(limit) },
  );
}

/** How many papers `papersToTagQuery` pages through. */
export function countPapersToTagQuery(since: string | null): Query<{ n: number }> {
  return readQuery('papers:to-tag-count', `${TO_TAG} RETURN count(p) AS n`, { after: '', since });
}

/** One citation link by PMID (or synthetic key): `citing` cites `cited`. */
export interface CitationPair {
  citing: string;
  cited: string;
}

/**
 * The next `limit` papers with a record of their own and a real PMID after `after` (keyset
 * order, '' for the first page): the papers whose citations `evmap citations` asks for.
 */
export function papersForCitationsQuery(after: string, limit: number): Query<{ pmid: string }> {
  return readQuery(
    'papers:for-citations',
    `MATCH (p:Paper)
     WHERE p.pmid > $after AND p.stub IS NULL AND p.synthetic IS NULL
     RETURN p.pmid AS pmid ORDER BY p.pmid LIMIT $limit`,
    { after, limit: neo4j.int(limit) },
  );
}

/** Which of `pmids` are papers with a record of their own (not stubs). */
export function recordedPapersQuery(pmids: readonly string[]): Query<{ pmid: string }> {
  return readQuery('papers:recorded', 'UNWIND $pmids AS pmid MATCH (p:Paper {pmid: pmid}) WHERE p.stub IS NULL RETURN p.pmid AS pmid', { pmids });
}

/**
 * Writes citation links in one transaction: a paper not yet in the graph becomes a stub, and
 * each link is MERGEd, so writing the same links again creates nothing. The counts are exact
 * only when `pmids` are the distinct keys of `pairs` and `pairs` hold no repeat, which
 * `citationWrite` makes sure of.
 */
export function writeCitationsQuery(pmids: readonly string[], pairs: readonly CitationPair[]): Query<{ stubsCreated: number; citesCreated: number }> {
  return writeQuery(
    'papers:write-citations',
    `UNWIND $pmids AS pmid
     OPTIONAL MATCH (existing:Paper {pmid: pmid})
     WITH pmid, existing IS NULL AS isNew
     MERGE (p:Paper {pmid: pmid})
       ON CREATE SET p.stub = true, ${newPaperCounts('p')}
     WITH count(CASE WHEN isNew THEN 1 END) AS stubsCreated
     CALL () {
       UNWIND $pairs AS pair
       MATCH (a:Paper {pmid: pair.citing}), (b:Paper {pmid: pair.cited})
       WITH a, b, EXISTS { (a)-[:CITES]->(b) } AS had
       MERGE (a)-[:CITES]->(b)
       WITH b, had
       CALL (b, had) {
         WITH b WHERE NOT had
         ${refreshCitedByCount('b')}
       }
       RETURN count(CASE WHEN NOT had THEN 1 END) AS citesCreated
     }
     RETURN stubsCreated, citesCreated`,
    { pmids, pairs },
  );
}

/** Marks the papers a retraction notice retracts, as the upsert does link by link (for a bulk load, which writes links as rows). */
export function markRetractedQuery(): Query<{ marked: number }> {
  return writeQuery(
    'papers:mark-retracted',
    `MATCH (p:Paper)-[:RETRACTED_BY]->(:Paper) WHERE p.retracted IS NULL
     SET p.retracted = true
     WITH collect(DISTINCT p) AS touched
     ${recountPapersCypher('touched')}
     RETURN size(touched) AS marked`,
  );
}

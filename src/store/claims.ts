import neo4j from 'neo4j-driver';
import { readQuery, writeQuery, type Query } from '../db/query';
import { ANY_ENTITY, claimProjection } from '../graph/fragments';
import { MINED_SOURCES } from '../graph/model';
import type { ClaimInput, ClaimRow, CuratedClaimInput, MentionRecord, QuoteFieldName, SentenceClaim } from '../graph/records';
import { claimFilterCypher, claimFilterParams, type ClaimFilter } from './claimFilter';
import { recountPapersCypher } from '../graph/evidenceShares';
import type { Page } from './page';

/** Prefix of text-mined claim ids; curated ids may not use it, so mining can never overwrite a curated claim. */
export const MINED_PREFIX = 'mined:';

/** The id of the mined MENTIONS claim for one entity in one paper. */
export function minedClaimId(pmid: string, entityId: string): string {
  return `${MINED_PREFIX}${pmid}:${entityId}`;
}

const CLAIM = claimProjection('c');

/**
 * A curated or seed claim supersedes what mining found of the same thing in its paper: the mined
 * mentions of its entities, and the mined sentence claims whose sentence overlaps its quote.
 * `paper`, `about` (entity ids) and `props` (the claim's properties) are Cypher expressions.
 */
function supersedeMined(paper: string, about: string, props: string): string {
  return `MATCH (${paper})-[:ASSERTS]->(mined:Claim)
       WHERE mined.source IN $minedSources
         AND (CASE mined.unit
                   WHEN 'sentence' THEN mined.field = ${props}.field AND mined.quoteStart < ${props}.quoteEnd AND ${props}.quoteStart < mined.quoteEnd
                   ELSE EXISTS { (mined)-[:ABOUT]->(e) WHERE e.id IN ${about} } END)
       DETACH DELETE mined
       RETURN count(*) AS dropped`;
}

/** Curated and seed claims before mined ones, mined ones most confident first, then by id, so pages are stable. */
export const CLAIM_ORDER = `CASE WHEN c.source IN $minedSources THEN 1 ELSE 0 END, CASE WHEN c.source IN $minedSources THEN -coalesce(c.confidence, 0) ELSE 0 END, c.id`;

/**
 * Creates or updates claims with their ASSERTS and ABOUT links. Keyed by id, so writing the
 * same claims again changes nothing; `createdAt` is set only when a claim is first created.
 */
export function upsertClaimsQuery(claims: readonly ClaimInput[]): Query<{ created: number; updated: number }> {
  const rows = claims.map((c) => ({
    id: c.id,
    paper: c.paper,
    about: c.about,
    props: {
      stance: c.stance,
      statement: c.statement ?? null,
      quote: c.quote,
      field: c.field,
      quoteStart: c.start,
      quoteEnd: c.end,
      evidenceLevel: c.evidenceLevel ?? null,
      confidence: c.confidence ?? null,
      source: c.source,
      curator: c.curator ?? null,
    },
  }));
  return writeQuery(
    'claims:upsert',
    `UNWIND $rows AS row
     MATCH (p:Paper {pmid: row.paper})
     OPTIONAL MATCH (old:Claim {id: row.id})
     WITH row, p, old IS NULL AS isNew,
          old IS NOT NULL AND all(k IN keys(row.props) WHERE coalesce(old[k] = row.props[k], old[k] IS NULL AND row.props[k] IS NULL)) AS same
     MERGE (c:Claim {id: row.id})
       ON CREATE SET c.createdAt = datetime()
     SET c += row.props
     MERGE (p)-[:ASSERTS]->(c)
     WITH row, p, c, isNew, same
     CALL (row, c) {
       UNWIND row.about AS entityId
       MATCH (e:${ANY_ENTITY} {id: entityId})
       MERGE (c)-[:ABOUT]->(e)
       RETURN count(*) AS linked
     }
     CALL (row, p) {
       WITH row, p WHERE NOT row.props.source IN $minedSources
       ${supersedeMined('p', 'row.about', 'row.props')}
     }
     WITH collect(DISTINCT p) AS touched, count(CASE WHEN isNew THEN 1 END) AS created, count(CASE WHEN NOT isNew AND NOT same THEN 1 END) AS updated
     ${recountPapersCypher('touched')}
     RETURN created, updated`,
    { rows, minedSources: MINED_SOURCES },
  );
}

/** A mined MENTIONS claim as stored: its id, the entity it is about and its properties. */
export interface MentionClaimRow {
  id: string;
  entityId: string;
  props: Record<string, string | number>;
}

/** One MENTIONS claim per entity of a paper, quoting the first mention given, counting them all. */
export function mentionClaimRows(pmid: string, mentions: readonly MentionRecord[]): MentionClaimRow[] {
  const first = new Map<string, MentionRecord>();
  const occurrences = new Map<string, number>();
  for (const m of mentions) {
    if (!first.has(m.entityId)) first.set(m.entityId, m);
    occurrences.set(m.entityId, (occurrences.get(m.entityId) ?? 0) + m.occurrences);
  }
  return [...first.values()].map((m) => ({
    id: minedClaimId(pmid, m.entityId),
    entityId: m.entityId,
    props: {
      stance: 'MENTIONS',
      quote: m.text,
      field: m.field,
      quoteStart: m.start,
      quoteEnd: m.end,
      occurrences: occurrences.get(m.entityId) ?? 0,
      source: 'TEXT_MINED',
      curator: 'evmap-tagger',
      confidence: 0.5,
    },
  }));
}

/** A mined sentence claim as stored: its id, the entities it is about and its properties (null ones are not stored). */
export interface SentenceClaimRow {
  id: string;
  about: readonly string[];
  props: Record<string, string | number | boolean | readonly string[] | null>;
}

export function sentenceClaimRow(c: SentenceClaim): SentenceClaimRow {
  return {
    id: c.id,
    about: c.about,
    props: {
      stance: c.stance,
      quote: c.quote,
      field: c.field,
      quoteStart: c.start,
      quoteEnd: c.end,
      negated: c.negated,
      hedged: c.hedged,
      direction: c.direction,
      // Absent rather than empty: a CSV bulk load cannot store an empty list, and reads coalesce it to [].
      cues: c.cues.length > 0 ? c.cues : null,
      confidence: c.confidence,
      evidenceLevel: c.evidenceLevel,
      source: c.source ?? 'TEXT_MINED',
      predicate: c.predicate ?? null,
      unit: 'sentence',
      curator: c.source === 'PUBTATOR' ? 'pubtator3' : 'evmap-miner',
    },
  };
}

/**
 * Stores tagger mentions as TEXT_MINED MENTIONS claims, one per paper and entity (the first
 * mention given wins), for the entities that no claim of the paper already covers: a curated or
 * seed claim (mining never duplicates curated evidence) or a sentence claim, which quotes the
 * entity in context. A mention claim that a sentence claim has come to cover since it was
 * written is removed, and so is one the paper's text (in the `fields` read) no longer yields, so a
 * paper's claims converge whichever order its texts were mined in and after the vocabulary changes.
 */
export function writeMentionsQuery(
  mentionsByPaper: ReadonlyArray<{ pmid: string; fields: readonly QuoteFieldName[]; mentions: readonly MentionRecord[] }>,
): Query<{ written: number; removed: number }> {
  const papers = mentionsByPaper.map(({ pmid, fields, mentions }) => ({ pmid, prefix: minedClaimId(pmid, ''), fields, mentions: mentionClaimRows(pmid, mentions) }));
  return writeQuery(
    'claims:mentions',
    `UNWIND $papers AS paper
     MATCH (p:Paper {pmid: paper.pmid})
     // Looked up from the paper's own few claims: from the entity's side this would walk every
     // claim about, say, ketamine, once per mention.
     WITH p, paper, COLLECT { MATCH (p)-[:ASSERTS]->(k:Claim)-[:ABOUT]->(x) WHERE NOT k.source IN $minedSources OR k.unit = 'sentence' RETURN DISTINCT x.id } AS covered
     CALL (p, paper, covered) {
       MATCH (p)-[:ASSERTS]->(old:Claim {source: 'TEXT_MINED'})-[:ABOUT]->(x)
       WHERE old.unit IS NULL AND old.id STARTS WITH paper.prefix
         AND (x.id IN covered OR (old.field IN paper.fields AND NOT old.id IN [m IN paper.mentions | m.id]))
       DETACH DELETE old
       RETURN count(*) AS removed
     }
     CALL (p, paper, covered) {
       UNWIND paper.mentions AS row
       WITH p, row WHERE NOT row.entityId IN covered
       MATCH (e:${ANY_ENTITY} {id: row.entityId})
       MERGE (c:Claim {id: row.id})
         ON CREATE SET c.createdAt = datetime()
       SET c += row.props
       MERGE (p)-[:ASSERTS]->(c)
       MERGE (c)-[:ABOUT]->(e)
       RETURN count(c) AS written
     }
     WITH collect(p) AS touched, sum(written) AS written, sum(removed) AS removed
     ${recountPapersCypher('touched')}
     RETURN written, removed`,
    { papers, minedSources: MINED_SOURCES },
  );
}

/**
 * Replaces the mined sentence claims of each paper (those whose id starts with the paper's
 * `prefix`: evmap's own, or PubTator's) in the `fields` that were read (a sparse record without
 * an abstract leaves the stored abstract's claims alone) with the given ones: a claim the paper's text no longer yields is removed, the others are MERGEd by id (the same sentence about the
 * same entities keeps its id), so mining the same text again changes nothing. A sentence that a
 * curated or seed claim of the paper already quotes (overlapping offsets in the same field) is
 * left to that claim: mining never overwrites or doubles curated evidence. `recount: false`
 * leaves the papers' evidence counts to a query that follows in the same transaction and
 * recounts them (the mention claims, in `runTagging`): counting twice costs an import dearly.
 */
export function writeSentenceClaimsQuery(
  claimsByPaper: ReadonlyArray<{ pmid: string; prefix: string; fields: readonly QuoteFieldName[]; claims: readonly SentenceClaim[] }>,
  { recount = true }: { recount?: boolean } = {},
): Query<{ written: number; removed: number }> {
  const papers = claimsByPaper.map(({ pmid, prefix, fields, claims }) => ({ pmid, prefix, fields, claims: claims.map(sentenceClaimRow) }));
  return writeQuery(
    'claims:sentences',
    `UNWIND $papers AS paper
     MATCH (p:Paper {pmid: paper.pmid})
     CALL (p, paper) {
       MATCH (p)-[:ASSERTS]->(old:Claim)
       WHERE old.id STARTS WITH paper.prefix AND old.field IN paper.fields AND NOT old.id IN [c IN paper.claims | c.id]
       DETACH DELETE old
       RETURN count(*) AS removed
     }
     WITH p, paper, removed,
          COLLECT { MATCH (p)-[:ASSERTS]->(k:Claim) WHERE NOT k.source IN $minedSources
                    RETURN {field: k.field, start: k.quoteStart, end: k.quoteEnd} } AS curated
     CALL (p, paper, curated) {
       UNWIND paper.claims AS row
       WITH p, row WHERE none(k IN curated WHERE k.field = row.props.field AND k.start < row.props.quoteEnd AND row.props.quoteStart < k.end)
       MERGE (c:Claim {id: row.id})
         ON CREATE SET c.createdAt = datetime()
       SET c += row.props
       MERGE (p)-[:ASSERTS]->(c)
       WITH row, c
       CALL (row, c) {
         UNWIND row.about AS entityId
         MATCH (e:${ANY_ENTITY} {id: entityId})
         MERGE (c)-[:ABOUT]->(e)
         RETURN count(*) AS linked
       }
       RETURN count(c) AS written
     }
     WITH collect(p) AS touched, sum(written) AS written, sum(removed) AS removed
     ${recount ? recountPapersCypher('touched') : ''}
     RETURN written, removed`,
    { papers, minedSources: MINED_SOURCES },
  );
}

/**
 * Creates a curated claim unless one with its id exists, in one write transaction. MERGE on
 * the constrained id makes concurrent creators of one id wait for each other, so exactly one
 * sees its own creation token; every other compares the stored claim with its own (content,
 * asserting paper and the exact set of ABOUT entities) and never links anything to it.
 * Statement and confidence count only when this request gives them. No row when the paper is gone.
 */
export function createClaimOnceQuery(claim: CuratedClaimInput, token: string): Query<{ created: boolean; same: boolean; claim: ClaimRow }> {
  const about = [...new Set(claim.about)].sort();
  const props = {
    stance: claim.stance,
    statement: claim.statement ?? null,
    quote: claim.quote,
    field: claim.field,
    quoteStart: claim.start,
    quoteEnd: claim.end,
    evidenceLevel: claim.evidenceLevel,
    confidence: claim.confidence ?? null,
    source: 'CURATED',
    curator: claim.curator ?? null,
  };
  return writeQuery(
    'claims:create-once',
    `MATCH (p:Paper {pmid: $paper})
     MERGE (c:Claim {id: $id})
       ON CREATE SET c += $props, c.createdAt = datetime(), c.creationToken = $token
     WITH p, c, coalesce(c.creationToken = $token, false) AS created
     WITH p, c, created, created OR coalesce(
            c.source = 'CURATED' AND c.stance = $props.stance AND c.quote = $props.quote AND c.evidenceLevel = $props.evidenceLevel
            AND ($props.statement IS NULL OR c.statement = $props.statement)
            AND ($props.confidence IS NULL OR c.confidence = $props.confidence)
            AND COLLECT { MATCH (owner:Paper)-[:ASSERTS]->(c) RETURN owner.pmid } = [$paper]
            AND COLLECT { MATCH (c)-[:ABOUT]->(e:${ANY_ENTITY}) RETURN DISTINCT e.id AS id ORDER BY id } = $about,
            false) AS same
     CALL (p, c, created) {
       WITH p, c WHERE created
       REMOVE c.creationToken
       MERGE (p)-[:ASSERTS]->(c)
       WITH p, c
       CALL (c) {
         UNWIND $about AS entityId
         MATCH (e:${ANY_ENTITY} {id: entityId})
         MERGE (c)-[:ABOUT]->(e)
         RETURN count(*) AS linked
       }
       CALL (p) {
         ${supersedeMined('p', '$about', '$props')}
       }
       RETURN count(*) AS written
     }
     WITH c, created, same, CASE WHEN created THEN [p] ELSE [] END AS touched
     ${recountPapersCypher('touched')}
     RETURN created, same, ${CLAIM} AS claim`,
    { id: claim.id, paper: claim.paper, about, props, token, minedSources: MINED_SOURCES },
  );
}

/** Marks a claim retracted (kept, never deleted); a claim already retracted keeps its first retraction. No row when there is no such claim. */
export function retractClaimQuery(id: string, reason: string): Query<{ id: string }> {
  return writeQuery(
    'claims:retract',
    `MATCH (c:Claim {id: $id})
     SET c.retractedAt = coalesce(c.retractedAt, datetime()), c.retractionReason = coalesce(c.retractionReason, $reason)
     WITH c, COLLECT { MATCH (p:Paper)-[:ASSERTS]->(c) RETURN p } AS touched
     ${recountPapersCypher('touched')}
     RETURN c.id AS id`,
    { id, reason },
  );
}

/** Claims by id (any order; a miss is absent). */
export function claimsByIdsQuery(ids: readonly string[]): Query<{ claim: ClaimRow }> {
  return readQuery('claims:by-id', `UNWIND $ids AS id MATCH (c:Claim {id: id}) RETURN ${CLAIM} AS claim`, { ids });
}

/** Whose claims to list: papers' (keyed by pmid) or those about entities (keyed by entity id). */
export type ClaimOwner = 'paper' | 'entity';

const OWNER_MATCH: Record<ClaimOwner, string> = {
  paper: 'MATCH (:Paper {pmid: key})-[:ASSERTS]->(c:Claim)',
  entity: `MATCH (c:Claim)-[:ABOUT]->(e:${ANY_ENTITY} {id: key})`,
};

/** One page of the live claims of each owner that pass the filter. */
export function claimsPagesQuery(owner: ClaimOwner, keys: readonly string[], filter: ClaimFilter, page: Page): Query<{ key: string; claims: ClaimRow[] }> {
  return readQuery(
    `claims:pages-${owner}`,
    `UNWIND $keys AS key
     CALL (key) {
       ${OWNER_MATCH[owner]}
       WITH DISTINCT c WHERE ${claimFilterCypher('c')}
       WITH c ORDER BY ${CLAIM_ORDER} SKIP $skip LIMIT $limit
       RETURN collect(${CLAIM}) AS claims
     }
     RETURN key, claims`,
    { keys, ...claimFilterParams(filter), ...page },
  );
}

/** How many live claims passing the filter each owner has. */
export function claimCountsQuery(owner: ClaimOwner, keys: readonly string[], filter: ClaimFilter): Query<{ key: string; n: number }> {
  return readQuery(
    `claims:counts-${owner}`,
    `UNWIND $keys AS key
     CALL (key) {
       ${OWNER_MATCH[owner]}
       WITH DISTINCT c WHERE ${claimFilterCypher('c')}
       RETURN count(c) AS n
     }
     RETURN key, n`,
    { keys, ...claimFilterParams(filter) },
  );
}

/** The asserting paper's pmid for each claim. */
export function paperOfClaimsQuery(ids: readonly string[]): Query<{ id: string; pmid: string }> {
  return readQuery('claims:paper', `UNWIND $ids AS id MATCH (p:Paper)-[:ASSERTS]->(c:Claim {id: id}) RETURN id, p.pmid AS pmid`, { ids });
}

/** The ids of the entities each claim is about, at most 100 per claim. */
export function aboutOfClaimsQuery(ids: readonly string[]): Query<{ id: string; about: string[] }> {
  return readQuery(
    'claims:about',
    `UNWIND $ids AS id
     MATCH (c:Claim {id: id})
     CALL (c) {
       MATCH (c)-[:ABOUT]->(e:${ANY_ENTITY})
       WITH e ORDER BY e.id LIMIT $perClaim
       RETURN collect(e.id) AS about
     }
     RETURN id, about`,
    { ids, perClaim: neo4j.int(100) },
  );
}

/** A curated or seed claim's quote with the current text of the field it quotes. */
export interface CuratedQuote {
  id: string;
  quote: string;
  start: number | null;
  end: number | null;
  needsReview: boolean;
  text: string | null;
}

/** The curated and seed quotes of these papers, each with its paper's stored title or abstract. */
export function curatedQuotesQuery(pmids: readonly string[]): Query<CuratedQuote> {
  return readQuery(
    'claims:curated-quotes',
    `UNWIND $pmids AS pmid
     MATCH (p:Paper {pmid: pmid})-[:ASSERTS]->(c:Claim)
     WHERE NOT c.source IN $minedSources AND c.quote IS NOT NULL AND c.field IN ['title', 'abstract']
     RETURN c.id AS id, c.quote AS quote, c.quoteStart AS start, c.quoteEnd AS end, c.needsReview IS NOT NULL AS needsReview,
            CASE c.field WHEN 'title' THEN p.title ELSE p.abstract END AS text`,
    { pmids, minedSources: MINED_SOURCES },
  );
}

/** A quote found again, with its offsets in the current text. */
export interface QuoteAnchor {
  id: string;
  quote: string;
  start: number;
  end: number;
}

/** A quote its paper's text no longer has. */
export interface LostQuote {
  id: string;
  quote: string;
}

/**
 * Moves found quotes to their new offsets (out of review, if they were in it) and marks lost
 * ones `needsReview` with the time, keeping the claim. A claim whose quote was changed since
 * it was read is left alone. A quote that moved supersedes the mined claims it now overlaps,
 * as it did where it stood before. Returns the ids written.
 */
export function reanchorQuotesQuery(found: readonly QuoteAnchor[], lost: readonly LostQuote[]): Query<{ anchored: string[]; flagged: string[] }> {
  return writeQuery(
    'claims:reanchor',
    `CALL () {
       UNWIND $found AS row
       MATCH (p:Paper)-[:ASSERTS]->(c:Claim {id: row.id})
       WHERE c.quote = row.quote
       SET c.quoteStart = row.start, c.quoteEnd = row.end
       REMOVE c.needsReview, c.needsReviewSince
       WITH p, c, {field: c.field, quoteStart: row.start, quoteEnd: row.end} AS anchored, [(c)-[:ABOUT]->(x) | x.id] AS about
       CALL (p, anchored, about) {
         ${supersedeMined('p', 'about', 'anchored')}
       }
       RETURN collect(c.id) AS anchored, collect(p) AS anchoredIn
     }
     CALL () {
       UNWIND $lost AS row
       MATCH (p:Paper)-[:ASSERTS]->(c:Claim {id: row.id})
       WHERE c.quote = row.quote AND c.needsReview IS NULL
       SET c.needsReview = true, c.needsReviewSince = datetime()
       RETURN collect(c.id) AS flagged, collect(p) AS flaggedIn
     }
     WITH anchored, flagged, anchoredIn + flaggedIn AS touched
     ${recountPapersCypher('touched')}
     RETURN anchored, flagged`,
    { found, lost, minedSources: MINED_SOURCES },
  );
}

/**
 * Claims whose stored offsets do not slice their quote out of their paper's field, counted and
 * the first few named: what a bulk load checks after writing the store files directly.
 */
export function misquotedClaimsQuery(sample = 20): Query<{ checked: number; wrong: number; examples: string[] }> {
  return readQuery(
    'claims:misquoted',
    `MATCH (p:Paper)-[:ASSERTS]->(c:Claim)
     WHERE c.quote IS NOT NULL AND c.needsReview IS NULL
     WITH c, CASE c.field WHEN 'title' THEN p.title WHEN 'abstract' THEN p.abstract END AS text
     WITH c, text IS NULL OR substring(text, toInteger(c.quoteStart), toInteger(c.quoteEnd) - toInteger(c.quoteStart)) <> c.quote AS wrong
     RETURN count(c) AS checked, count(CASE WHEN wrong THEN 1 END) AS wrong, collect(CASE WHEN wrong THEN c.id END)[..$sample] AS examples`,
    { sample: neo4j.int(sample) },
  );
}

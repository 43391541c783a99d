import neo4j from 'neo4j-driver';
import { readQuery, writeQuery, type Query } from '../db/query';
import { ANY_ENTITY, claimProjection } from '../graph/fragments';
import type { ClaimInput, ClaimRow, CuratedClaimInput, MentionRecord } from '../graph/records';
import type { Page } from './page';

/** Prefix of text-mined claim ids; curated ids may not use it, so mining can never overwrite a curated claim. */
export const MINED_PREFIX = 'mined:';

/** The id of the mined MENTIONS claim for one entity in one paper. */
export function minedClaimId(pmid: string, entityId: string): string {
  return `${MINED_PREFIX}${pmid}:${entityId}`;
}

const CLAIM = claimProjection('c');

/** Curated and seed claims before mined ones, then by id, so pages are stable. */
const CLAIM_ORDER = `CASE c.source WHEN 'TEXT_MINED' THEN 1 ELSE 0 END, c.id`;

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
     // A curated or seed claim supersedes the paper's mined mentions of the same entities.
     CALL (row, p) {
       WITH row, p WHERE row.props.source <> 'TEXT_MINED'
       MATCH (p)-[:ASSERTS]->(mined:Claim {source: 'TEXT_MINED'})-[:ABOUT]->(e)
       WHERE e.id IN row.about
       DETACH DELETE mined
       RETURN count(*) AS dropped
     }
     RETURN count(CASE WHEN isNew THEN 1 END) AS created, count(CASE WHEN NOT isNew AND NOT same THEN 1 END) AS updated`,
    { rows },
  );
}

/**
 * Stores tagger mentions as TEXT_MINED MENTIONS claims, one per paper and entity (the first
 * mention given wins). Skips an entity the paper already has a curated or seed claim about, so
 * mining never duplicates curated evidence.
 */
export function writeMentionsQuery(mentionsByPaper: ReadonlyArray<{ pmid: string; mentions: readonly MentionRecord[] }>): Query<{ written: number }> {
  const rows = mentionsByPaper.flatMap(({ pmid, mentions }) => {
    const first = new Map<string, MentionRecord>();
    for (const m of mentions) if (!first.has(m.entityId)) first.set(m.entityId, m);
    return [...first.values()].map((m) => ({
      id: minedClaimId(pmid, m.entityId),
      pmid,
      entityId: m.entityId,
      props: {
        stance: 'MENTIONS',
        quote: m.text,
        field: m.field,
        quoteStart: m.start,
        quoteEnd: m.end,
        occurrences: mentions.filter((x) => x.entityId === m.entityId).reduce((n, x) => n + x.occurrences, 0),
        source: 'TEXT_MINED',
        curator: 'evmap-tagger',
        confidence: 0.5,
      },
    }));
  });
  return writeQuery(
    'claims:mentions',
    `UNWIND $rows AS row
     MATCH (p:Paper {pmid: row.pmid})
     // Looked up from the paper's own few claims: from the entity's side this would walk every
     // claim about, say, ketamine, once per mention.
     WITH row, p, COLLECT { MATCH (p)-[:ASSERTS]->(k:Claim)-[:ABOUT]->(x) WHERE k.source <> 'TEXT_MINED' RETURN x.id } AS curated
     WHERE NOT row.entityId IN curated
     MATCH (e:${ANY_ENTITY} {id: row.entityId})
     MERGE (c:Claim {id: row.id})
       ON CREATE SET c.createdAt = datetime()
     SET c += row.props
     MERGE (p)-[:ASSERTS]->(c)
     MERGE (c)-[:ABOUT]->(e)
     RETURN count(c) AS written`,
    { rows },
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
       // A curated claim supersedes the paper's mined mentions of the same entities.
       CALL (p) {
         MATCH (p)-[:ASSERTS]->(mined:Claim {source: 'TEXT_MINED'})-[:ABOUT]->(e)
         WHERE e.id IN $about
         DETACH DELETE mined
         RETURN count(*) AS dropped
       }
       RETURN count(*) AS written
     }
     RETURN created, same, ${CLAIM} AS claim`,
    { id: claim.id, paper: claim.paper, about, props, token },
  );
}

/** Marks a claim retracted (kept, never deleted); a claim already retracted keeps its first retraction. No row when there is no such claim. */
export function retractClaimQuery(id: string, reason: string): Query<{ id: string }> {
  return writeQuery(
    'claims:retract',
    `MATCH (c:Claim {id: $id})
     SET c.retractedAt = coalesce(c.retractedAt, datetime()), c.retractionReason = coalesce(c.retractionReason, $reason)
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

/** One page of live (not retracted) claims for each owner, optionally of one stance. */
export function claimsPagesQuery(owner: ClaimOwner, keys: readonly string[], stance: string | null, page: Page): Query<{ key: string; claims: ClaimRow[] }> {
  return readQuery(
    `claims:pages-${owner}`,
    `UNWIND $keys AS key
     CALL (key) {
       ${OWNER_MATCH[owner]}
       WITH DISTINCT c WHERE c.retractedAt IS NULL AND ($stance IS NULL OR c.stance = $stance)
       WITH c ORDER BY ${CLAIM_ORDER} SKIP $skip LIMIT $limit
       RETURN collect(${CLAIM}) AS claims
     }
     RETURN key, claims`,
    { keys, stance, ...page },
  );
}

/** How many live claims each owner has. */
export function claimCountsQuery(owner: ClaimOwner, keys: readonly string[], stance: string | null): Query<{ key: string; n: number }> {
  return readQuery(
    `claims:counts-${owner}`,
    `UNWIND $keys AS key
     CALL (key) {
       ${OWNER_MATCH[owner]}
       WITH DISTINCT c WHERE c.retractedAt IS NULL AND ($stance IS NULL OR c.stance = $stance)
       RETURN count(c) AS n
     }
     RETURN key, n`,
    { keys, stance },
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

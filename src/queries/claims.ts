import { randomUUID } from 'node:crypto';
import neo4j from 'neo4j-driver';
import type { Executor } from '../db/executor';
import { ANY_ENTITY } from '../graph/model';
import type { Mention } from '../ingest/tagger';
import type { PageParams } from '../paging';
import { inKeyOrder } from './keyed';

/** Prefix of text-mined claim ids; curated ids may not use it, so mining can never overwrite a curated claim. */
export const MINED_PREFIX = 'mined:';

/** A claim as written, with provenance. */
export interface ClaimInput {
  id: string;
  /** PMID (or synthetic key) of the asserting paper. */
  paper: string;
  /** Entity ids. */
  about: string[];
  stance: 'SUPPORTS' | 'CONTRADICTS' | 'MENTIONS';
  statement?: string;
  quote: string;
  field: 'title' | 'abstract';
  start: number;
  end: number;
  evidenceLevel?: string;
  confidence?: number;
  source: 'CURATED' | 'TEXT_MINED' | 'SEED';
  curator?: string;
}

/**
 * Creates or updates claims with their ASSERTS and ABOUT links. Keyed by id, so writing the
 * same claims again changes nothing; `createdAt` is set only when a claim is first created.
 */
export async function upsertClaims(db: Executor, claims: ClaimInput[]): Promise<{ created: number; updated: number }> {
  if (claims.length === 0) return { created: 0, updated: 0 };
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
  const [result] = await db.writeRows<{ created: number; updated: number }>(
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
    { tag: 'claims:upsert' },
  );
  return result ?? { created: 0, updated: 0 };
}

/** The id of the mined MENTIONS claim for one entity in one paper. */
export function minedClaimId(pmid: string, entityId: string): string {
  return `${MINED_PREFIX}${pmid}:${entityId}`;
}

/**
 * Stores tagger mentions as TEXT_MINED MENTIONS claims, one per paper and entity (the title's
 * mention wins over the abstract's). Skips an entity the paper already has a curated or seed
 * claim about, so mining never duplicates curated evidence.
 */
export async function writeMentions(db: Executor, mentionsByPaper: Array<{ pmid: string; mentions: Mention[] }>): Promise<{ written: number }> {
  const rows = mentionsByPaper.flatMap(({ pmid, mentions }) => {
    const first = new Map<string, Mention>();
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
  if (rows.length === 0) return { written: 0 };
  const [result] = await db.writeRows<{ written: number }>(
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
    { tag: 'claims:mentions' },
  );
  return result ?? { written: 0 };
}

/** A claim as the API reads it. */
export interface ClaimRow {
  __typename: 'Claim';
  id: string;
  stance: 'SUPPORTS' | 'CONTRADICTS' | 'MENTIONS';
  statement: string | null;
  quote: string;
  field: 'title' | 'abstract';
  quoteStart: number;
  quoteEnd: number;
  evidenceLevel: string | null;
  confidence: number | null;
  source: 'CURATED' | 'TEXT_MINED' | 'SEED';
  curator: string | null;
  occurrences: number | null;
  createdAt: string | null;
  retractedAt: string | null;
  retractionReason: string | null;
}

const CLAIM = `c {__typename: 'Claim', .id, .stance, .statement, .quote, .field, .quoteStart, .quoteEnd, .evidenceLevel,
  .confidence, .source, .curator, .occurrences, .retractionReason, createdAt: toString(c.createdAt), retractedAt: toString(c.retractedAt)}`;

/** Curated and seed claims before mined ones, then by id, so pages are stable. */
const CLAIM_ORDER = `CASE c.source WHEN 'TEXT_MINED' THEN 1 ELSE 0 END, c.id`;

/** A curated claim as `createClaimOnce` writes it; `about` holds entity ids. */
export type CuratedClaimInput = Omit<ClaimInput, 'source' | 'evidenceLevel'> & { evidenceLevel: string };

/** What `createClaimOnce` did: made the claim, found the same claim already there, or found a different one. */
export type CreateOnceOutcome = { outcome: 'created' | 'existing'; claim: ClaimRow } | { outcome: 'conflict' };

/**
 * Creates a curated claim unless one with its id exists, in one write transaction. MERGE on
 * the constrained id makes concurrent creators of one id wait for each other, so exactly one
 * sees its own creation token; every other compares the stored claim with its own (content,
 * asserting paper and the exact set of ABOUT entities) and never links anything to it.
 * Statement and confidence count only when this request gives them. Null when the paper is gone.
 */
export async function createClaimOnce(db: Executor, claim: CuratedClaimInput): Promise<CreateOnceOutcome | null> {
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
  const [row] = await db.writeRows<{ created: boolean; same: boolean; claim: ClaimRow }>(
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
    { id: claim.id, paper: claim.paper, about, props, token: randomUUID() },
    { tag: 'claims:create-once' },
  );
  if (!row) return null;
  if (!row.same) return { outcome: 'conflict' };
  return { outcome: row.created ? 'created' : 'existing', claim: row.claim };
}

/** Claims by id, in the order asked, null where there is none (a DataLoader batch function). */
export async function claimsByIds(db: Executor, ids: readonly string[]): Promise<Array<ClaimRow | null>> {
  const rows = await db.readRows<{ claim: ClaimRow }>(
    `UNWIND $ids AS id MATCH (c:Claim {id: id}) RETURN ${CLAIM} AS claim`,
    { ids },
    { tag: 'claims:by-id' },
  );
  return inKeyOrder(ids, rows, (r) => r.claim.id, (r) => r.claim, null);
}

/** Whose claims to list: papers' (keyed by pmid) or those about entities (keyed by entity id). */
export type ClaimOwner = 'paper' | 'entity';

const OWNER_MATCH: Record<ClaimOwner, string> = {
  paper: 'MATCH (:Paper {pmid: key})-[:ASSERTS]->(c:Claim)',
  entity: `MATCH (c:Claim)-[:ABOUT]->(e:${ANY_ENTITY} {id: key})`,
};

/** One page of live (not retracted) claims for each owner, optionally of one stance (a DataLoader batch function). */
export async function claimsPages(db: Executor, owner: ClaimOwner, keys: readonly string[], stance: string | null, page: PageParams): Promise<ClaimRow[][]> {
  const rows = await db.readRows<{ key: string; claims: ClaimRow[] }>(
    `UNWIND $keys AS key
     CALL (key) {
       ${OWNER_MATCH[owner]}
       WITH DISTINCT c WHERE c.retractedAt IS NULL AND ($stance IS NULL OR c.stance = $stance)
       WITH c ORDER BY ${CLAIM_ORDER} SKIP $skip LIMIT $limit
       RETURN collect(${CLAIM}) AS claims
     }
     RETURN key, claims`,
    { keys, stance, ...page },
    { tag: `claims:pages-${owner}` },
  );
  return inKeyOrder(keys, rows, (r) => r.key, (r) => r.claims, []);
}

/** How many live claims each owner has (a DataLoader batch function). */
export async function claimCounts(db: Executor, owner: ClaimOwner, keys: readonly string[], stance: string | null): Promise<number[]> {
  const rows = await db.readRows<{ key: string; n: number }>(
    `UNWIND $keys AS key
     CALL (key) {
       ${OWNER_MATCH[owner]}
       WITH DISTINCT c WHERE c.retractedAt IS NULL AND ($stance IS NULL OR c.stance = $stance)
       RETURN count(c) AS n
     }
     RETURN key, n`,
    { keys, stance },
    { tag: `claims:counts-${owner}` },
  );
  return inKeyOrder(keys, rows, (r) => r.key, (r) => r.n, 0);
}

/** The asserting paper's pmid for each claim (a DataLoader batch function). */
export async function paperOfClaims(db: Executor, ids: readonly string[]): Promise<Array<string | null>> {
  const rows = await db.readRows<{ id: string; pmid: string }>(
    `UNWIND $ids AS id MATCH (p:Paper)-[:ASSERTS]->(c:Claim {id: id}) RETURN id, p.pmid AS pmid`,
    { ids },
    { tag: 'claims:paper' },
  );
  return inKeyOrder(ids, rows, (r) => r.id, (r) => r.pmid, null);
}

/** The ids of the entities each claim is about (a DataLoader batch function). */
export async function aboutOfClaims(db: Executor, ids: readonly string[]): Promise<string[][]> {
  const rows = await db.readRows<{ id: string; about: string[] }>(
    `UNWIND $ids AS id
     MATCH (c:Claim {id: id})
     CALL (c) {
       MATCH (c)-[:ABOUT]->(e:${ANY_ENTITY})
       WITH e ORDER BY e.id LIMIT 100
       RETURN collect(e.id) AS about
     }
     RETURN id, about`,
    { ids },
    { tag: 'claims:about' },
  );
  return inKeyOrder(ids, rows, (r) => r.id, (r) => r.about, []);
}

/** A paper that is evidence for an entity, directly or through a chain of citations. */
export interface SupportingRow {
  pmid: string;
  /** 0 for a paper with its own claims; otherwise how many CITES hops lead to one that has them. */
  distance: number;
  /** The claims that make it evidence: its own, or those of the paper its citation chain reaches. */
  claimIds: string[];
  /** For an indirect paper, the PMIDs along the chain from it to the direct evidence (both ends included). */
  path: string[];
}

export interface SupportingQuery {
  entityId: string;
  stance: string;
  /** Evidence levels that qualify, or null for any. */
  levels: string[] | null;
  /** Citation hops to follow, 0 to 3. */
  via: number;
}

/**
 * Direct evidence first, then papers that cite their way to it within `via` hops, each with
 * its shortest chain. The variable-length pattern has a fixed upper bound of 3, and the direct
 * set and the citation chains are capped, so the traversal stays bounded whatever the graph
 * looks like (beyond the caps the listing is incomplete rather than slow).
 */
const SUPPORTING = `
  MATCH (e:${ANY_ENTITY} {id: $entityId})
  MATCH (d:Paper)-[:ASSERTS]->(c:Claim)-[:ABOUT]->(e)
  WHERE c.stance = $stance AND c.retractedAt IS NULL AND ($levels IS NULL OR c.evidenceLevel IN $levels)
  WITH d, collect(DISTINCT c.id)[..100] AS claimIds
  LIMIT 10000
  WITH collect({paper: d, claimIds: claimIds}) AS direct
  CALL (direct) {
    UNWIND direct AS row
    RETURN row.paper AS p, 0 AS distance, row.claimIds AS claimIds, [] AS path
    UNION ALL
    UNWIND direct AS row
    WITH row, row.paper AS target WHERE $via > 0
    // Expanded backwards from the bound evidence paper, not from every paper in the graph.
    MATCH chain = (p:Paper)-[:CITES*1..3]->(target)
    WHERE length(chain) <= $via
    RETURN p, length(chain) AS distance, row.claimIds AS claimIds, [n IN nodes(chain) | n.pmid] AS path
    LIMIT 100000
  }
  WITH p, distance, claimIds, path ORDER BY distance, size(claimIds) DESC
  WITH p, head(collect({distance: distance, claimIds: claimIds, path: path})) AS best`;

/** One page of the supporting papers of an entity: direct first, then by citation distance, most claims, newest. */
export async function supportingPage(db: Executor, q: SupportingQuery, page: PageParams): Promise<SupportingRow[]> {
  return db.readRows<SupportingRow>(
    `${SUPPORTING}
     RETURN p.pmid AS pmid, best.distance AS distance, best.claimIds AS claimIds, best.path AS path
     ORDER BY best.distance, size(best.claimIds) DESC, coalesce(p.year, -1) DESC, p.pmid
     SKIP $skip LIMIT $limit`,
    { ...q, via: neo4j.int(q.via), ...page },
    { tag: 'claims:supporting' },
  );
}

/** How many papers `supportingPage` would list in all. */
export async function countSupporting(db: Executor, q: SupportingQuery): Promise<number> {
  const [row] = await db.readRows<{ n: number }>(`${SUPPORTING} RETURN count(p) AS n`, { ...q, via: neo4j.int(q.via) }, { tag: 'claims:count-supporting' });
  return row?.n ?? 0;
}

/** Marks a claim retracted (kept, never deleted); a claim already retracted keeps its first retraction. */
export async function retractClaim(db: Executor, id: string, reason: string): Promise<boolean> {
  const rows = await db.writeRows(
    `MATCH (c:Claim {id: $id})
     SET c.retractedAt = coalesce(c.retractedAt, datetime()), c.retractionReason = coalesce(c.retractionReason, $reason)
     RETURN c.id AS id`,
    { id, reason },
    { tag: 'claims:retract' },
  );
  return rows.length > 0;
}

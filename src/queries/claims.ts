import type { Executor } from '../db/executor';
import { ENTITY_LABELS } from '../graph/model';
import type { Mention } from '../ingest/tagger';

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
          old IS NOT NULL AND all(k IN keys(row.props) WHERE old[k] = row.props[k]) AS same
     MERGE (c:Claim {id: row.id})
       ON CREATE SET c.createdAt = datetime()
     SET c += row.props
     MERGE (p)-[:ASSERTS]->(c)
     WITH row, c, isNew, same
     CALL (row, c) {
       UNWIND row.about AS entityId
       MATCH (e) WHERE e.id = entityId AND any(l IN labels(e) WHERE l IN $labels)
       MERGE (c)-[:ABOUT]->(e)
       RETURN count(*) AS linked
     }
     RETURN count(CASE WHEN isNew THEN 1 END) AS created, count(CASE WHEN NOT isNew AND NOT same THEN 1 END) AS updated`,
    { rows, labels: ENTITY_LABELS },
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
     MATCH (e) WHERE e.id = row.entityId AND any(l IN labels(e) WHERE l IN $labels)
     WITH row, p, e
     WHERE NOT EXISTS { (p)-[:ASSERTS]->(curated:Claim)-[:ABOUT]->(e) WHERE curated.source <> 'TEXT_MINED' }
     MERGE (c:Claim {id: row.id})
       ON CREATE SET c.createdAt = datetime()
     SET c += row.props
     MERGE (p)-[:ASSERTS]->(c)
     MERGE (c)-[:ABOUT]->(e)
     RETURN count(c) AS written`,
    { rows, labels: ENTITY_LABELS },
    { tag: 'claims:mentions' },
  );
  return result ?? { written: 0 };
}

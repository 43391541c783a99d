import type { Executor } from '../db/executor';
import type { PaperRecord } from '../ingest/record';

/** Paper properties as stored and as read back. */
export interface PaperRow {
  pmid: string;
  synthetic: boolean | null;
  doi: string | null;
  pmcid: string | null;
  title: string | null;
  abstract: string | null;
  journal: string | null;
  year: number | null;
  publishedOn: string | null;
  publicationTypes: string[] | null;
  meshTerms: string[] | null;
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

/** Only the properties a record actually has, so an import never blanks what another source filled in. */
function knownProperties(record: PaperRecord): Record<string, unknown> {
  const props: Record<string, unknown> = {
    doi: record.doi?.toLowerCase(),
    pmcid: record.pmcid,
    title: record.title,
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
          existing IS NOT NULL AND all(k IN keys(row.props) WHERE existing[k] = row.props[k]) AS sameProps
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

/** Title and abstract of the given papers, for tagging and quote checks. */
export async function paperTexts(db: Executor, pmids: string[]): Promise<Array<{ pmid: string; title: string | null; abstract: string | null }>> {
  return db.readRows(
    `UNWIND $pmids AS pmid MATCH (p:Paper {pmid: pmid}) RETURN p.pmid AS pmid, p.title AS title, p.abstract AS abstract`,
    { pmids },
    { tag: 'papers:texts' },
  );
}

import { readFileSync } from 'node:fs';
import path from 'node:path';
import { projectRoot } from '../config';
import type { Executor } from '../db/executor';
import type { EntityInput, UpsertCounts } from '../graph/records';
import { upsertClaimsQuery } from '../store/claims';
import { upsertEntitiesQueries } from '../store/entities';
import { linkSimilarQuery, upsertPapersQuery } from '../store/papers';
import { loadAnnotationFiles, type AnnotatedEntity, type Annotations, type PaperTexts } from './annotations';
import type { PaperRecord } from '../graph/paperRecord';
import { parseSeedPage, type SeedPage } from './seedPage';
import { reanchorCuratedQuotes, type ReanchorCounts } from './reanchor';
import { tagPapers } from './tagging';

/** The seed record's page text and its curated annotations, as shipped in seed/. */
export const SEED_PAGE_FILE = path.join(projectRoot, 'seed/pubmed-24392693.txt');
export const SEED_ANNOTATIONS_FILE = path.join(projectRoot, 'seed/annotations.yaml');
/** The field's entities beyond the seed review's, with their identifiers, for the tagger to find in imported papers. */
export const SEED_VOCABULARY_FILE = path.join(projectRoot, 'seed/vocabulary.yaml');

export interface SeedPageSummary extends ReanchorCounts {
  pmid: string;
  papers: UpsertCounts;
  similar: number;
  citedBy: number;
  references: number;
  mentions: number;
  sentenceClaims: number;
}

export interface SeedSummary extends SeedPageSummary {
  entities: number;
  claims: { created: number; updated: number };
}

function pageRecords(page: SeedPage): PaperRecord[] {
  return [page.paper, ...page.similar.map((s) => s.record), ...page.citedBy, ...page.references];
}

/** Page records with curated bibliographic facts merged in; the curated file wins where both give a field. */
/** The seed corpus's papers as loadSeed writes them: the page's records with the curated facts merged in. */
export function seedRecords(seed: { page: SeedPage; annotations: Annotations }): PaperRecord[] {
  return withCurated(pageRecords(seed.page), seed.annotations.papers);
}

function withCurated(records: PaperRecord[], curated: PaperRecord[]): PaperRecord[] {
  const byPmid = new Map(records.map((r) => [r.pmid, r]));
  for (const extra of curated) byPmid.set(extra.pmid, { ...byPmid.get(extra.pmid), ...extra });
  return [...byPmid.values()];
}

export function toEntityInput(entity: AnnotatedEntity): EntityInput {
  const base = {
    entityKind: entity.entityKind,
    id: entity.id,
    name: entity.name,
    aliases: entity.aliases,
    description: entity.description,
    xrefs: entity.xrefs,
    parent: entity.parent,
  };
  switch (entity.entityKind) {
    case 'MECHANISM':
      return { ...base, kind: entity.kind };
    case 'BIOMARKER':
      return { ...base, role: entity.role };
    case 'RESEARCH_AIM':
      return { ...base, marker: entity.marker, concerns: entity.concerns };
    default:
      return base;
  }
}

async function writeSeedPage(db: Executor, page: SeedPage, records: PaperRecord[]): Promise<Omit<SeedPageSummary, 'mentions' | 'sentenceClaims'>> {
  const [papers = { created: 0, updated: 0, unchanged: 0 }] = await db.run(upsertPapersQuery(records));
  await db.run(linkSimilarQuery(page.paper.pmid, page.similar.map((s) => ({ pmid: s.record.pmid, rank: s.rank }))));
  const reanchored = await reanchorCuratedQuotes(db, records.map((r) => r.pmid));
  return { pmid: page.paper.pmid, papers, ...reanchored, similar: page.similar.length, citedBy: page.citedBy.length, references: page.references.length };
}

/**
 * Writes what a PubMed abstract page says: the paper, its similar articles (SIMILAR_TO with
 * rank), citing articles (CITES into it) and references (CITES out of it), then tags them all.
 */
export async function importSeedPage(db: Executor, page: SeedPage): Promise<SeedPageSummary> {
  const records = pageRecords(page);
  const written = await writeSeedPage(db, page, records);
  return { ...written, ...(await tagPapers(db, records)) };
}

export interface SeedFiles {
  page: string;
  annotations: string;
  vocabulary?: string;
}

export const SEED_FILES: SeedFiles = { page: SEED_PAGE_FILE, annotations: SEED_ANNOTATIONS_FILE, vocabulary: SEED_VOCABULARY_FILE };

/** Reads and checks the seed's page and annotation files (quotes against the page), writing nothing. */
export function readSeed(files: SeedFiles = SEED_FILES): { page: SeedPage; annotations: Annotations } {
  const page = parseSeedPage(readFileSync(files.page, 'utf8'));
  const texts: PaperTexts = new Map(pageRecords(page).map((r) => [r.pmid, { title: r.title, abstract: r.abstract }]));
  const annotationFiles = [files.annotations, ...(files.vocabulary ? [files.vocabulary] : [])].map((file) => ({ name: path.basename(file), text: readFileSync(file, 'utf8') }));
  return { page, annotations: loadAnnotationFiles(annotationFiles, texts) };
}

/**
 * Loads the seed corpus: checks every curated quote against the page before writing anything,
 * then writes papers, entities and claims, and tags mentions last so curated claims take
 * precedence over mined ones. Idempotent.
 */
export async function loadSeed(db: Executor, files: SeedFiles = SEED_FILES): Promise<SeedSummary> {
  const { page, annotations } = readSeed(files);
  const records = seedRecords({ page, annotations });
  const written = await writeSeedPage(db, page, records);
  const entityInputs = annotations.entities.map(toEntityInput);
  await db.runAll(upsertEntitiesQueries(entityInputs));
  const entities = entityInputs.length;
  const [claims = { created: 0, updated: 0 }] = await db.run(upsertClaimsQuery(annotations.claims));
  return { ...written, ...(await tagPapers(db, records)), entities, claims };
}

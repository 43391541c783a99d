import { createReadStream, existsSync } from 'node:fs';
import { mkdir, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { createInterface } from 'node:readline';
import type { Config } from '../config';
import { runAdminImport, type AdminImportResult } from '../db/adminImport';
import { dockerEngineAvailable } from '../db/discovery';
import type { Executor } from '../db/executor';
import { localStatus } from '../db/localNeo4j';
import { openDatabase } from '../db/open';
import { ErrorCode, EvmapError } from '../errors';
import { ENTITY_KIND_LABEL } from '../graph/model';
import type { ParsedItem, RejectedRecord } from '../graph/paperRecord';
import type { Logger } from '../log';
import { misquotedClaimsQuery } from '../store/claims';
import { markRetractedQuery } from '../store/papers';
import { contentBeyondQuery } from '../store/stats';
import { ARRAY_DELIMITER_OPTION } from './bulk/csvTable';
import { BulkCsv, type BulkCsvCounts } from './bulk/bulkCsv';
import { ImportFileError, NO_RECORDS, deletePapers, describeFsError, importParsedItems, openPaperItems, sniffFile, type ParsedItemsSummary } from './pipeline';
import { loadSeed, readSeed, seedRecords, toEntityInput } from './seed';
import { MentionTagger } from './tagger';

export interface BulkProgress {
  file: string;
  bytesRead: number;
  totalBytes: number;
  records: number;
  phase: 'csv' | 'neo4j-admin' | 'schema' | 'seed' | 'deferred' | 'checks';
}

export interface BulkFileSummary {
  file: string;
  format: 'medline' | 'pubmed-xml';
  /** Records and DeleteCitation PMIDs the file holds. */
  recordsRead: number;
  records: number;
  rejected: RejectedRecord[];
  warnings: string[];
}

export interface BulkImportSummary {
  files: BulkFileSummary[];
  records: number;
  csv: BulkCsvCounts;
  admin: AdminImportResult;
  /** Records upserted after the load (a PMID read twice, a record keyed by DOI). */
  deferred: ParsedItemsSummary | null;
  deletions: { requested: number; removed: number; absent: number; kept: string[] } | null;
  retractedByLink: number;
  /** Every claim's quote sliced out of its field again. */
  quotes: { checked: number; wrong: number; examples: string[] };
  /** Where the time went, in ms: evmap's own CSV writing (parsing, tagging and mining included), neo4j-admin, schema, seed, deferred records, checks. */
  phases: { csv: number; admin: number; schema: number; seed: number; deferred: number; checks: number; total: number };
  /** The CSV files, when kept. */
  csvDir?: string;
}

export interface BulkImportOptions {
  config: Config;
  log: Logger;
  files: readonly string[];
  /** Records per CSV write. */
  batchSize?: number;
  /** Where the CSV files go (default: a folder in the local Neo4j's home); removed afterwards unless `keepCsv`. */
  workDir?: string;
  keepCsv?: boolean;
  onProgress?: (progress: BulkProgress) => void;
}

/** Refuses a target the bulk path cannot write: it replaces the local launcher's store files, so it needs that launcher, stopped. */
function checkTarget(config: Config): void {
  const { neo4j } = config;
  const usage = (message: string) => new EvmapError(ErrorCode.BadUserInput, message);
  if (neo4j.uri && (neo4j.source === 'auto' || neo4j.source === 'uri')) {
    throw usage('--bulk writes the local Neo4j\'s store files with neo4j-admin, and NEO4J_URI points at another server: unset it, or import with `evmap import` (without --bulk)');
  }
  if (neo4j.source === 'docker' || (neo4j.source === 'auto' && dockerEngineAvailable())) {
    throw usage('--bulk loads the local launcher\'s Neo4j, but a Docker engine would be used: set EVMAP_NEO4J_SOURCE=local, or import with `evmap import`');
  }
  const status = localStatus(neo4j.local);
  if (status.running) {
    throw new EvmapError(ErrorCode.Conflict, `the local Neo4j on ${neo4j.local.home} is running (pid ${status.pid}); --bulk replaces its database, so stop it first (\`npm run db:stop\`, and stop any \`npm start\` using it)`);
  }
}

/** Refuses to replace a database that holds more than the seed corpus: papers or curated claims would be lost. */
async function checkReplaceable(config: Config, log: Logger, seedPmids: readonly string[]): Promise<void> {
  if (!existsSync(path.join(config.neo4j.local.home, 'data', 'databases', config.neo4j.database))) return;
  const opened = await openDatabase({ config, log, purpose: 'batch', migrate: false });
  try {
    const [held = { papers: 0, curatedClaims: 0 }] = await opened.db.run(contentBeyondQuery(seedPmids));
    if (held.papers > 0 || held.curatedClaims > 0) {
      throw new EvmapError(
        ErrorCode.Conflict,
        `--bulk builds a new database, and ${config.neo4j.local.home} already holds ${held.papers} papers and ${held.curatedClaims} curated claims beyond the seed: add to it with \`evmap import\`, or move that folder away to start afresh`,
      );
    }
  } finally {
    await opened.close();
  }
}

async function* readDeferred(file: string): AsyncGenerator<ParsedItem> {
  const lines = createInterface({ input: createReadStream(file), crlfDelay: Infinity });
  for await (const line of lines) if (line.trim() !== '') yield { kind: 'paper', record: JSON.parse(line) };
}

async function fileSize(file: string): Promise<number> {
  try {
    const info = await stat(file);
    if (info.isDirectory()) throw Object.assign(new Error('directory'), { code: 'EISDIR' });
    return info.size;
  } catch (error) {
    throw new ImportFileError(file, describeFsError(error));
  }
}

/**
 * `evmap import --bulk`: builds a new database from MEDLINE or PubMed XML files with Neo4j's own
 * importer. Records are parsed, tagged and mined as `evmap import` does and written as CSV;
 * neo4j-admin loads those into the stopped local Neo4j; then the schema is applied, the seed
 * corpus loaded (entities' details, curated claims, which supersede mined ones), the records
 * that need merging upserted, PubMed's deletions applied, and every claim's quote checked.
 */
export async function bulkImport(options: BulkImportOptions): Promise<BulkImportSummary> {
  const { config, log } = options;
  const started = Date.now();
  checkTarget(config);
  const sizes = new Map<string, number>();
  const formats = new Map<string, 'medline' | 'pubmed-xml'>();
  for (const file of options.files) {
    sizes.set(file, await fileSize(file));
    const format = await sniffFile(file);
    if (format !== 'medline' && format !== 'pubmed-xml') {
      throw new ImportFileError(file, `is ${format}; --bulk reads MEDLINE and PubMed XML, so import this file with \`evmap import\` after the bulk load`);
    }
    formats.set(file, format);
  }
  const seed = readSeed();
  const seeded = seedRecords(seed);
  await checkReplaceable(config, log, seeded.map((r) => r.pmid));

  const workDir = path.resolve(options.workDir ?? path.join(config.neo4j.local.home, 'bulk-import'));
  await rm(workDir, { recursive: true, force: true });
  await mkdir(workDir, { recursive: true });
  const entities = seed.annotations.entities.map(toEntityInput).map((e) => ({ id: e.id, label: ENTITY_KIND_LABEL[e.entityKind], names: [e.name, ...(e.aliases ?? [])] }));
  const csv = new BulkCsv(workDir, new MentionTagger(entities), entities, new Date().toISOString());
  const batchSize = options.batchSize ?? 1_000;
  const files: BulkFileSummary[] = [];
  const deletions = new Set<string>();
  try {
    // The seed's papers first, as `npm start` loads them before any import: a file's record of
    // the same paper is then merged over the seed's after the load, in the order the incremental path has.
    await csv.add(seeded);
    for (const file of options.files) {
      const format = formats.get(file) as 'medline' | 'pubmed-xml';
      const totalBytes = sizes.get(file) ?? 0;
      const summary: BulkFileSummary = { file, format, recordsRead: 0, records: 0, rejected: [], warnings: [] };
      const { items, bytesRead, warnings, close } = await openPaperItems(file, format);
      let batch = [];
      let recordNumber = 0;
      let lastReport = 0;
      try {
        for await (const item of items) {
          if (item.kind === 'deleted') {
            for (const pmid of item.deletion.pmids) deletions.add(pmid);
            summary.recordsRead += item.deletion.pmids.length;
            continue;
          }
          summary.recordsRead += 1;
          recordNumber = item.kind === 'paper' ? recordNumber + 1 : item.rejected.recordNumber;
          if (item.kind === 'rejected') {
            summary.rejected.push(item.rejected);
            continue;
          }
          // A record after its PMID's deletion brings the paper back.
          deletions.delete(item.record.pmid);
          batch.push(item.record);
          summary.records += 1;
          if (batch.length >= batchSize) {
            await csv.add(batch);
            batch = [];
          }
          if (options.onProgress && Date.now() - lastReport > 200) {
            lastReport = Date.now();
            options.onProgress({ file, bytesRead: bytesRead(), totalBytes, records: summary.records, phase: 'csv' });
          }
        }
        await csv.add(batch);
      } catch (error) {
        if (error instanceof EvmapError) throw error;
        throw new ImportFileError(file, `reading failed after record ${recordNumber}: ${error instanceof Error ? error.message : String(error)}`);
      } finally {
        close();
      }
      summary.warnings.push(...warnings);
      const reason = NO_RECORDS[format];
      if (summary.recordsRead === 0 && totalBytes > 0 && reason !== undefined) throw new ImportFileError(file, reason);
      options.onProgress?.({ file, bytesRead: totalBytes, totalBytes, records: summary.records, phase: 'csv' });
      files.push(summary);
    }
    const inputs = await csv.finish();
    const csvMs = Date.now() - started;

    options.onProgress?.({ file: '', bytesRead: 0, totalBytes: 0, records: 0, phase: 'neo4j-admin' });
    const admin = await runAdminImport(
      config.neo4j.local,
      config.neo4j.database,
      inputs.map((i) => ({ kind: i.kind, name: i.name, file: i.table.file, multiline: i.table.multiline })),
      { workDir, arrayDelimiter: ARRAY_DELIMITER_OPTION, log },
    );
    const expected = { nodes: inputs.filter((i) => i.kind === 'nodes').reduce((n, i) => n + i.table.rows, 0), relationships: inputs.filter((i) => i.kind === 'relationships').reduce((n, i) => n + i.table.rows, 0) };
    if (admin.nodes !== expected.nodes || admin.relationships !== expected.relationships) {
      throw new Error(`neo4j-admin imported ${admin.nodes} nodes and ${admin.relationships} relationships where the CSV files hold ${expected.nodes} and ${expected.relationships}`);
    }

    const phaseStart = Date.now();
    options.onProgress?.({ file: '', bytesRead: 0, totalBytes: 0, records: 0, phase: 'schema' });
    const opened = await openDatabase({ config, log, purpose: 'batch' });
    const schemaMs = Date.now() - phaseStart;
    try {
      return await finishLoad(opened.db, { csv, seedLoad: () => loadSeed(opened.db), deletions, batchSize, onProgress: options.onProgress }, (after) => ({
        files,
        records: files.reduce((n, f) => n + f.records, 0),
        csv: csv.counts,
        admin,
        ...after,
        phases: { csv: csvMs, admin: admin.ms, schema: schemaMs, ...after.phases, total: Date.now() - started },
        ...(options.keepCsv ? { csvDir: workDir } : {}),
      }));
    } finally {
      await opened.close();
    }
  } finally {
    if (!options.keepCsv) await rm(workDir, { recursive: true, force: true });
  }
}

type AfterLoad = Pick<BulkImportSummary, 'deferred' | 'deletions' | 'retractedByLink' | 'quotes'> & { phases: { seed: number; deferred: number; checks: number } };

/** The steps after neo4j-admin, on the started database. */
async function finishLoad<T>(
  db: Executor,
  work: { csv: BulkCsv; seedLoad: () => Promise<unknown>; deletions: ReadonlySet<string>; batchSize: number; onProgress?: (p: BulkProgress) => void },
  done: (after: AfterLoad) => T,
): Promise<T> {
  const progress = (phase: BulkProgress['phase']) => work.onProgress?.({ file: '', bytesRead: 0, totalBytes: 0, records: 0, phase });
  let t = Date.now();
  progress('seed');
  await work.seedLoad();
  const seedMs = Date.now() - t;
  t = Date.now();
  progress('deferred');
  const deferred = work.csv.counts.deferred > 0 ? await importParsedItems(db, readDeferred(work.csv.laterFile), { batchSize: Math.min(work.batchSize, 500) }) : null;
  const deletions = work.deletions.size > 0 ? await deletePapers(db, [...work.deletions], 500) : null;
  const deferredMs = Date.now() - t;
  t = Date.now();
  progress('checks');
  const [retracted = { marked: 0 }] = await db.run(markRetractedQuery());
  const [quotes = { checked: 0, wrong: 0, examples: [] }] = await db.run(misquotedClaimsQuery());
  return done({ deferred, deletions, retractedByLink: retracted.marked, quotes, phases: { seed: seedMs, deferred: deferredMs, checks: Date.now() - t } });
}

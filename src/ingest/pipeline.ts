import { createReadStream, type ReadStream } from 'node:fs';
import { open, readFile, stat } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { constants as zlibConstants, createGunzip, gunzipSync } from 'node:zlib';
import type { Executor } from '../db/executor';
import { ErrorCode, EvmapError } from '../errors';
import type { UpsertCounts } from '../graph/records';
import { upsertPapersQuery } from '../store/papers';
import { parseMedline } from './medline';
import { parsePubmedXml } from './pubmedXml';
import type { PaperRecord, ParsedItem, RejectedRecord } from '../graph/paperRecord';
import { addReanchorCounts, noReanchoring, reanchorCuratedQuotes, type ReanchorCounts } from './reanchor';
import { importSeedPage } from './seed';
import { parseSeedPage } from './seedPage';
import { isGzip, sniffFormat, sniffOccCsv, type SniffedFormat } from './sniff';
import { importOccCsv, type OccCounts } from './occImport';
import { decodeText } from './textDecoding';
import { deletePapersQuery } from '../store/paperDeletion';
import { sniffPubtatorFormat, type PubtatorFormat } from './pubtator';
import { importPubtator, type PubtatorCounts } from './pubtatorImport';
import { BackgroundWrite } from './backgroundWrite';
import { loadTagger, planTagging, runTagging } from './tagging';
import type { MentionTagger } from './tagger';
import { importClaims, importRecords, importRunning } from '../observe/metrics';

export type ImportFormat = SniffedFormat | PubtatorFormat;
export const IMPORT_FORMATS: readonly ImportFormat[] = ['medline', 'pubmed-xml', 'seed', 'occ-csv', 'pubtator', 'bioc-xml', 'bioc-json', 'pubtator-bulk-concepts', 'pubtator-bulk-relations'];

export interface ImportProgress {
  bytesRead: number;
  totalBytes: number;
  records: number;
  rejected: number;
}

export interface ImportOptions {
  /** Skip sniffing and parse as this format. */
  format?: ImportFormat;
  /** Records per write transaction. */
  batchSize?: number;
  onProgress?: (progress: ImportProgress) => void;
  /** Mine sentence claims (default true); off only to measure what mining costs. */
  mineSentences?: boolean;
  /** Open Citation Collection files: keep every link, not only those touching a paper of the graph. */
  allCitations?: boolean;
}

/** `quotesMoved` and `needsReview` tell what the import's text changes did to curated quotes (see reanchorCuratedQuotes). */
export interface ImportSummary extends UpsertCounts, ReanchorCounts {
  file: string;
  format: ImportFormat;
  /** Records parsed and written. */
  records: number;
  rejected: RejectedRecord[];
  mentions: number;
  /** Sentence claims mined (TEXT_MINED). */
  sentenceClaims: number;
  /** For PubTator files: entities, relations and mentions it brought. */
  pubtator?: PubtatorCounts;
  /** For Open Citation Collection files: pairs read and kept, links and stubs created, malformed lines. */
  citations?: OccCounts;
  /**
   * MEDLINE and PubMed XML: every record the file holds, so that created + updated + unchanged +
   * rejected + deletions.requested = recordsRead.
   */
  recordsRead?: number;
  /** A baseline or update file's DeleteCitation PMIDs: removed, not in the graph, or kept for their curated claims. */
  deletions?: { requested: number; removed: number; absent: number; kept: string[] };
  /** What the import had to work around, such as Latin-1 text read as such. */
  warnings?: string[];
  ms: number;
}

/** A file that cannot be imported at all (missing, unreadable, unknown format); nothing was written. */
export class ImportFileError extends Error {
  constructor(
    readonly file: string,
    reason: string,
  ) {
    super(`${file}: ${reason}`);
    this.name = 'ImportFileError';
  }
}

/** The first bytes of a file, unzipped when it is gzip. */
async function readHead(file: string): Promise<{ head: string; gzip: boolean }> {
  const handle = await open(file, 'r');
  try {
    const { buffer, bytesRead } = await handle.read(Buffer.alloc(8192), 0, 8192, 0);
    const bytes = buffer.subarray(0, bytesRead);
    if (!isGzip(bytes)) return { head: bytes.toString('utf8'), gzip: false };
    // A sync flush lets the first compressed bytes decompress without the rest of the file.
    return { head: gunzipSync(bytes, { finishFlush: zlibConstants.Z_SYNC_FLUSH }).subarray(0, 8192).toString('utf8'), gzip: true };
  } finally {
    await handle.close();
  }
}

export async function sniffFile(file: string): Promise<ImportFormat> {
  const { head } = await readHead(file);
  const format = sniffFormat(head) ?? sniffPubtatorFormat(head) ?? sniffOccCsv(Buffer.from(head, 'utf8'));
  if (!format) throw new ImportFileError(file, `cannot tell the format; pass --format ${IMPORT_FORMATS.join('|')}`);
  return format;
}

/** Why a non-empty file of this format gave no record at all. */
export const NO_RECORDS: Partial<Record<ImportFormat, string>> = {
  'pubmed-xml': 'no record in it: no PubmedArticle, PubmedBookArticle or DeleteCitation element',
  medline: 'no record in it: no "PMID- " line starting a MEDLINE record',
};

/** Runs a file's DeleteCitation PMIDs, a batch at a time. */
export async function deletePapers(db: Executor, pmids: readonly string[], batchSize: number): Promise<NonNullable<ImportSummary['deletions']>> {
  const result = { requested: pmids.length, removed: 0, absent: 0, kept: [] as string[] };
  for (let i = 0; i < pmids.length; i += batchSize) {
    for (const row of await db.run(deletePapersQuery(pmids.slice(i, i + batchSize)))) {
      if (row.outcome === 'deleted') result.removed += 1;
      else if (row.outcome === 'absent') result.absent += 1;
      else result.kept.push(row.pmid);
    }
  }
  return result;
}

export function describeFsError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return 'no such file';
  if (code === 'EACCES') return 'permission denied';
  if (code === 'EISDIR') return 'is a directory, not a file';
  return error instanceof Error ? error.message : String(error);
}

function isConnectionProblem(error: unknown): boolean {
  return error instanceof EvmapError && ((error.code === ErrorCode.ServiceUnavailable || error.code === ErrorCode.Timeout));
}

/**
 * Writes parsed records in batches. A batch the database refuses is retried one record at a
 * time, so one bad record is reported and the rest of its batch still lands.
 */
class BatchWriter {
  readonly counts: UpsertCounts = { created: 0, updated: 0, unchanged: 0 };
  readonly reanchored: ReanchorCounts = noReanchoring();
  mentions = 0;
  sentenceClaims = 0;
  /** The last batch's tagging, written while this one is parsed and written. */
  private readonly tagging = new BackgroundWrite();
  /** Records the database accepted. */
  written = 0;
  private batch: Array<{ record: PaperRecord; recordNumber: number }> = [];
  private readonly keys = new Set<string>();

  constructor(
    private readonly db: Executor,
    private readonly tagger: MentionTagger,
    private readonly batchSize: number,
    private readonly reject: (r: RejectedRecord) => void,
    private readonly mineSentences: boolean,
  ) {}

  async add(record: PaperRecord, recordNumber: number): Promise<void> {
    // The same PMID twice in one UNWIND would be counted as created twice; flush first.
    if (this.keys.has(record.pmid)) await this.flush();
    this.batch.push({ record, recordNumber });
    this.keys.add(record.pmid);
    if (this.batch.length >= this.batchSize) await this.flush();
  }

  async flush(): Promise<void> {
    const batch = this.batch;
    this.batch = [];
    this.keys.clear();
    if (batch.length === 0) return;
    const records = batch.map((b) => b.record);
    // Tagging is CPU work: done now, it overlaps the last batch's claim writes in Neo4j instead
    // of holding up this batch's.
    let plan = planTagging(records, this.tagger, { sentences: this.mineSentences });
    const written: PaperRecord[] = [];
    try {
      this.addCounts(await this.upsert(records));
      written.push(...records);
    } catch (error) {
      if (isConnectionProblem(error)) throw error;
      for (const item of batch) {
        try {
          this.addCounts(await this.upsert([item.record]));
          written.push(item.record);
        } catch (single) {
          if (isConnectionProblem(single)) throw single;
          this.rejectWriteFailure(item, single);
        }
      }
    }
    this.written += written.length;
    addReanchorCounts(this.reanchored, await reanchorCuratedQuotes(this.db, written.map((r) => r.pmid)));
    // The claims are written while the next batch is parsed and written (at most one batch in
    // flight), so Neo4j stores claims and papers side by side; they touch only this batch's papers.
    if (written.length < records.length) plan = planTagging(written, this.tagger, { sentences: this.mineSentences });
    await this.tagging.settle();
    this.tagging.start(async () => {
      const tagged = await runTagging(this.db, plan);
      this.mentions += tagged.mentions;
      this.sentenceClaims += tagged.sentenceClaims;
      importClaims.inc({ source: 'TEXT_MINED' }, tagged.sentenceClaims);
    });
  }

  /** Waits for the batch being tagged; its failure (Neo4j gone) fails the import here. */
  settleTagging(): Promise<void> {
    return this.tagging.settle();
  }

  private rejectWriteFailure(item: { record: PaperRecord; recordNumber: number }, error: unknown): void {
    this.reject({
      recordNumber: item.recordNumber,
      identifier: item.record.pmid,
      reason: `could not be written: ${error instanceof Error ? error.message : String(error)}`,
    });
  }

  private async upsert(records: PaperRecord[]): Promise<UpsertCounts> {
    const [counts] = await this.db.run(upsertPapersQuery(records));
    return counts ?? { created: 0, updated: 0, unchanged: 0 };
  }

  private addCounts(c: UpsertCounts): void {
    this.counts.created += c.created;
    this.counts.updated += c.updated;
    this.counts.unchanged += c.unchanged;
    countRecords(c);
  }
}

async function importSeedFile(db: Executor, file: string): Promise<Omit<ImportSummary, 'file' | 'format' | 'ms'>> {
  const text = await readFile(file, 'utf8');
  try {
    const page = parseSeedPage(text);
    const summary = await importSeedPage(db, page);
    countRecords(summary.papers);
    importClaims.inc({ source: 'TEXT_MINED' }, summary.sentenceClaims);
    const records = 1 + summary.similar + summary.citedBy + summary.references;
    return { ...summary.papers, records, rejected: [], mentions: summary.mentions, sentenceClaims: summary.sentenceClaims, quotesMoved: summary.quotesMoved, needsReview: summary.needsReview };
  } catch (error) {
    if (isConnectionProblem(error)) throw error;
    const reason = error instanceof Error ? error.message : String(error);
    return { created: 0, updated: 0, unchanged: 0, records: 0, rejected: [{ recordNumber: 1, reason }], mentions: 0, sentenceClaims: 0, ...noReanchoring() };
  }
}

function isPubtatorFormat(format: ImportFormat): format is PubtatorFormat {
  return !['medline', 'pubmed-xml', 'seed'].includes(format);
}

async function importPubtatorFile(db: Executor, file: string, format: PubtatorFormat, totalBytes: number, started: number, options: ImportOptions): Promise<ImportSummary> {
  let stream: ReadStream | undefined;
  let bytesRead = 0;
  const open = () => {
    const opened = createReadStream(file);
    opened.on('data', (chunk) => {
      bytesRead += chunk.length;
    });
    stream = opened;
    return opened;
  };
  let lastReport = 0;
  try {
    const { counts, papers, rejected, reanchored } = await importPubtator(db, open, format, {
      batchSize: Math.min(options.batchSize ?? 500, 200),
      onRecord: (records, rejectedCount) => {
        if (options.onProgress && Date.now() - lastReport > 100) {
          lastReport = Date.now();
          options.onProgress({ bytesRead, totalBytes, records, rejected: rejectedCount });
        }
      },
    });
    options.onProgress?.({ bytesRead: totalBytes, totalBytes, records: counts.documents, rejected: rejected.length });
    return {
      file,
      format,
      ...papers,
      ...reanchored,
      records: counts.documents - counts.notInGraph,
      rejected: rejected.sort((a, b) => a.recordNumber - b.recordNumber),
      mentions: counts.mentions,
      sentenceClaims: counts.sentenceClaims,
      pubtator: counts,
      ms: Date.now() - started,
    };
  } catch (error) {
    if (error instanceof EvmapError) throw error;
    throw new ImportFileError(file, `reading failed: ${describeFsError(error)}`);
  } finally {
    stream?.destroy();
  }
}

/** A MEDLINE or PubMed XML file (gzip or not) as parsed items, with how far reading has got and what decoding had to work around. */
export interface PaperItems {
  items: AsyncGenerator<ParsedItem>;
  bytesRead: () => number;
  warnings: string[];
  close: () => void;
}

export async function openPaperItems(file: string, format: 'medline' | 'pubmed-xml'): Promise<PaperItems> {
  // Before the stream opens: a 'data' listener starts it flowing, and chunks read while this waited would be lost.
  const gzip = (await readHead(file).catch(() => ({ gzip: false }))).gzip;
  const stream = createReadStream(file);
  let bytesRead = 0;
  stream.on('data', (chunk) => {
    bytesRead += chunk.length;
  });
  const warnings: string[] = [];
  const text = Readable.from(
    decodeText(gzip ? stream.pipe(createGunzip()) : stream, (offset) => {
      warnings.push(`not valid UTF-8 from byte ${offset}${gzip ? ' (unzipped)' : ''} on: read as Latin-1 (ISO-8859-1); check accented letters`);
    }),
  );
  return { items: format === 'medline' ? parseMedline(text) : parsePubmedXml(text), bytesRead: () => bytesRead, warnings, close: () => stream.destroy() };
}

/**
 * Imports one file of PubMed records (MEDLINE, PubMed XML or a seed page) through one
 * pipeline: stream-parse, write in batched UNWIND transactions, tag mentions. Malformed records
 * are reported with their record number and identifier; the rest still import, and nothing
 * already in the graph is removed. Re-importing the same file changes nothing.
 */
export async function importFile(db: Executor, file: string, options: ImportOptions = {}): Promise<ImportSummary> {
  importRunning.inc();
  try {
    const summary = await importOneFile(db, file, options);
    importRecords.inc({ outcome: 'skipped' }, summary.rejected.length);
    return summary;
  } finally {
    importRunning.dec();
  }
}

/** The import metrics (evmap_import_records_total) as each batch lands, so a long import shows its progress. */
function countRecords(c: UpsertCounts): void {
  importRecords.inc({ outcome: 'created' }, c.created);
  importRecords.inc({ outcome: 'updated' }, c.updated);
  importRecords.inc({ outcome: 'unchanged' }, c.unchanged);
}

async function importOneFile(db: Executor, file: string, options: ImportOptions): Promise<ImportSummary> {
  const started = Date.now();
  let totalBytes: number;
  try {
    const info = await stat(file);
    if (info.isDirectory()) throw Object.assign(new Error('directory'), { code: 'EISDIR' });
    totalBytes = info.size;
  } catch (error) {
    throw new ImportFileError(file, describeFsError(error));
  }
  let format: ImportFormat;
  try {
    format = options.format ?? (await sniffFile(file));
  } catch (error) {
    if (error instanceof ImportFileError) throw error;
    throw new ImportFileError(file, describeFsError(error));
  }

  if (format === 'seed') {
    const result = await importSeedFile(db, file);
    options.onProgress?.({ bytesRead: totalBytes, totalBytes, records: result.records, rejected: result.rejected.length });
    return { file, format, ...result, ms: Date.now() - started };
  }

  if (format === 'occ-csv') {
    const citations = await importOccCsv(db, file, {
      all: options.allCitations === true,
      onProgress: (p) => options.onProgress?.({ bytesRead: p.bytesRead, totalBytes, records: p.pairs, rejected: p.malformed }),
    }).catch((error: unknown) => {
      throw error instanceof EvmapError ? error : new ImportFileError(file, `reading failed: ${describeFsError(error)}`);
    });
    const rejected = citations.malformed.map((m) => ({ recordNumber: m.line, reason: m.reason }));
    return { file, format, created: 0, updated: 0, unchanged: 0, ...noReanchoring(), records: citations.pairsRead, rejected, mentions: 0, sentenceClaims: 0, citations, ms: Date.now() - started };
  }

  if (isPubtatorFormat(format)) return importPubtatorFile(db, file, format, totalBytes, started, options);

  const rejected: RejectedRecord[] = [];
  const writer = new BatchWriter(db, await loadTagger(db), options.batchSize ?? 500, (r) => rejected.push(r), options.mineSentences !== false);
  const { items, bytesRead, warnings, close } = await openPaperItems(file, format);
  const toDelete = new Set<string>();
  let read = 0;
  let records = 0;
  let recordNumber = 0;
  let lastReport = 0;
  try {
    for await (const item of items) {
      if (item.kind === 'deleted') {
        for (const pmid of item.deletion.pmids) toDelete.add(pmid);
        continue;
      }
      read += 1;
      recordNumber = item.kind === 'paper' ? recordNumber + 1 : item.rejected.recordNumber;
      if (item.kind === 'rejected') rejected.push(item.rejected);
      else {
        records += 1;
        await writer.add(item.record, recordNumber);
      }
      if (options.onProgress && Date.now() - lastReport > 100) {
        lastReport = Date.now();
        options.onProgress({ bytesRead: bytesRead(), totalBytes, records, rejected: rejected.length });
      }
    }
  } catch (error) {
    // The batch in flight finishes (or fails) before the import reports, so nothing writes after it.
    await writer.settleTagging().catch(() => undefined);
    if (error instanceof EvmapError) throw error;
    throw new ImportFileError(file, `reading failed after record ${recordNumber}: ${describeFsError(error)}`);
  } finally {
    close();
  }
  await writer.flush();
  await writer.settleTagging();
  const reason = NO_RECORDS[format];
  if (read + toDelete.size === 0 && totalBytes > 0 && reason !== undefined) throw new ImportFileError(file, reason);
  const deletions = toDelete.size > 0 ? await deletePapers(db, [...toDelete], options.batchSize ?? 500) : undefined;
  options.onProgress?.({ bytesRead: totalBytes, totalBytes, records, rejected: rejected.length });
  return {
    file,
    format,
    ...writer.counts,
    ...writer.reanchored,
    records: writer.written,
    rejected: rejected.sort((a, b) => a.recordNumber - b.recordNumber),
    mentions: writer.mentions,
    sentenceClaims: writer.sentenceClaims,
    recordsRead: read + toDelete.size,
    ...(deletions ? { deletions } : {}),
    ...(warnings.length > 0 ? { warnings } : {}),
    ms: Date.now() - started,
  };
}

/** What `importParsedItems` wrote: the counts of `importFile` without a file or format. */
export type ParsedItemsSummary = Omit<ImportSummary, 'file' | 'format' | 'pubtator'>;

/**
 * Runs already parsed items (e.g. one efetch answer through `parsePubmedXml`) through the same
 * batched writes and tagging as `importFile`; when it returns, every record it counts is in
 * Neo4j, so a caller can note them as done. A caller importing many sets passes one `tagger`.
 */
export async function importParsedItems(
  db: Executor,
  items: AsyncIterable<ParsedItem>,
  options: { batchSize?: number; mineSentences?: boolean; tagger?: MentionTagger } = {},
): Promise<ParsedItemsSummary> {
  const started = Date.now();
  const rejected: RejectedRecord[] = [];
  const writer = new BatchWriter(db, options.tagger ?? (await loadTagger(db)), options.batchSize ?? 500, (r) => rejected.push(r), options.mineSentences !== false);
  let recordNumber = 0;
  try {
    for await (const item of items) {
      // efetch answers carry no DeleteCitation; that belongs to NLM's update files, which importFile reads.
      if (item.kind === 'deleted') continue;
      recordNumber = item.kind === 'paper' ? recordNumber + 1 : item.rejected.recordNumber;
      if (item.kind === 'rejected') rejected.push(item.rejected);
      else await writer.add(item.record, recordNumber);
    }
    await writer.flush();
  } catch (error) {
    // The batch in flight finishes (or fails) before the error is reported, so nothing writes after it.
    await writer.settleTagging().catch(() => undefined);
    throw error;
  }
  await writer.settleTagging();
  return {
    ...writer.counts,
    ...writer.reanchored,
    records: writer.written,
    rejected,
    mentions: writer.mentions,
    sentenceClaims: writer.sentenceClaims,
    ms: Date.now() - started,
  };
}

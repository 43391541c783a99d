/**
 * NIH Open Citation Collection files (`open_citation_collection.csv`, plain or gzipped): a
 * `citing,referenced` header, then one PMID pair per line. The real file has hundreds of
 * millions of lines, so it is streamed and handled a batch of pairs at a time: memory stays flat
 * whatever the file's size.
 */
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { createGunzip } from 'node:zlib';
import { parse, type CsvError } from 'csv-parse';
import type { Executor } from '../db/executor';
import { canonicalPmid } from '../graph/keys';
import { recordedPapersQuery, type CitationPair } from '../store/papers';
import { writeCitations } from './citationWrite';
import { isGzip } from './sniff';

/** Pairs read before the graph is asked which of their papers it holds. */
export const OCC_BATCH = 10_000;
/** Malformed lines listed in the summary; the rest are only counted. */
export const OCC_MALFORMED_LISTED = 20;

export interface MalformedLine {
  line: number;
  reason: string;
}

export interface OccCounts {
  /** Well-formed pairs read. */
  pairsRead: number;
  /** Pairs kept: touching a paper of the graph, or all of them with `all`. */
  kept: number;
  citesCreated: number;
  stubsCreated: number;
  malformedCount: number;
  /** The first OCC_MALFORMED_LISTED malformed lines. */
  malformed: MalformedLine[];
}

export interface OccOptions {
  /** Keep every link, not only those whose citing or referenced paper has a record in the graph. */
  all: boolean;
  batchSize?: number;
  onProgress?: (progress: { bytesRead: number; pairs: number; malformed: number }) => void;
}

/** The pairs of `batch` whose citing or referenced PMID has a record in the graph. */
async function touchingGraph(db: Executor, batch: readonly CitationPair[]): Promise<CitationPair[]> {
  const pmids = [...new Set(batch.flatMap((p) => [p.citing, p.cited]))];
  const recorded = new Set((await db.run(recordedPapersQuery(pmids))).map((r) => r.pmid));
  return batch.filter((p) => recorded.has(p.citing) || recorded.has(p.cited));
}

/** Streams the file through csv-parse, writing each batch before reading on (the parser waits meanwhile). */
export async function importOccCsv(db: Executor, file: string, options: OccOptions): Promise<OccCounts> {
  const firstBytes = Buffer.alloc(2);
  const handle = await open(file, 'r');
  await handle.read(firstBytes, 0, 2, 0).finally(() => handle.close());
  const counts: OccCounts = { pairsRead: 0, kept: 0, citesCreated: 0, stubsCreated: 0, malformedCount: 0, malformed: [] };
  const malformed = (line: number, reason: string) => {
    counts.malformedCount += 1;
    if (counts.malformed.length < OCC_MALFORMED_LISTED) counts.malformed.push({ line, reason });
  };
  const batchSize = options.batchSize ?? OCC_BATCH;
  let bytesRead = 0;
  const raw = createReadStream(file);
  raw.on('data', (chunk) => {
    bytesRead += chunk.length;
  });
  const parser = parse({
    info: true,
    relax_column_count: true,
    skip_empty_lines: true,
    trim: true,
    skip_records_with_error: true,
    on_skip: (error: CsvError | undefined) => {
      malformed(Number((error as { lines?: number } | undefined)?.lines ?? 0), error?.message ?? 'unreadable CSV');
      return undefined;
    },
  });
  const source = isGzip(firstBytes) ? raw.pipe(createGunzip()) : raw;
  // A read or gunzip failure would otherwise leave the parser waiting for input forever.
  raw.on('error', (error) => parser.destroy(error));
  if (source !== raw) source.on('error', (error: Error) => parser.destroy(error));
  source.pipe(parser);

  let batch: CitationPair[] = [];
  const flush = async () => {
    const kept = options.all ? batch : await touchingGraph(db, batch);
    batch = [];
    counts.kept += kept.length;
    const written = await writeCitations(db, kept);
    counts.citesCreated += written.citesCreated;
    counts.stubsCreated += written.stubsCreated;
    options.onProgress?.({ bytesRead, pairs: counts.pairsRead, malformed: counts.malformedCount });
  };
  try {
    let header = true;
    for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
      if (header) {
        header = false;
        if (record.join(',').toLowerCase() === 'citing,referenced') continue;
      }
      const [citing, cited] = record.map((v) => canonicalPmid(v));
      if (record.length !== 2 || !citing || !cited) {
        malformed(info.lines, record.length !== 2 ? `expected 2 fields (citing,referenced), got ${record.length}` : `not a pair of PubMed ids: ${JSON.stringify(record.join(',').slice(0, 60))}`);
        continue;
      }
      counts.pairsRead += 1;
      batch.push({ citing, cited });
      if (batch.length >= batchSize) await flush();
    }
    await flush();
  } finally {
    raw.destroy();
  }
  return counts;
}

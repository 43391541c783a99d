import { InvalidArgumentError, Option, type Command } from 'commander';
import { constants as fsConstants } from 'node:fs';
import { access, stat } from 'node:fs/promises';
import { SingleBar } from 'cli-progress';
import { IMPORT_FORMATS, ImportFileError, importFile, type ImportFormat, type ImportProgress, type ImportSummary } from '../ingest/pipeline';
import { RETAG_BATCH, checkRetagOptions, retagPapers, type RetagProgress } from '../ingest/retag';
import { loadSeed } from '../ingest/seed';
import { graphCounts } from '../features/stats';
import type { Logger } from '../log';
import { CODE_MAPPING, ErrorCode, EXIT } from '../errors';
import { withConnection } from './connect';
import { loadConfig } from '../config';
import { bulkImport, type BulkImportSummary, type BulkProgress } from '../ingest/bulkImport';
import { metricsFile } from './metricsFile';

/** How many rejected records a summary lists; `--json` lists them all. */
const REJECTED_SHOWN = 20;

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

function printSummary(s: ImportSummary): void {
  const rate = s.ms > 0 ? Math.round((s.records * 1000) / s.ms) : s.records;
  const d = s.deletions;
  process.stdout.write(
    `${s.file} (${s.format}): ${s.recordsRead ?? s.records} records read in ${seconds(s.ms)} (${rate}/s): ` +
      `${s.created} created, ${s.updated} updated, ${s.unchanged} unchanged, ${s.rejected.length} rejected` +
      `${d ? `, ${d.requested} deleted (${d.removed} removed, ${d.absent} not in the graph, ${d.kept.length} kept for their curated claims)` : ''}; ` +
      `${s.mentions} mentions tagged, ${s.sentenceClaims} sentence claims; ${s.quotesMoved} curated quotes moved, ${s.needsReview.count} claims need review\n`,
  );
  if (s.needsReview.count > 0) {
    const more = s.needsReview.count - s.needsReview.ids.length;
    process.stdout.write(`  quote no longer in its paper, claim kept for review: ${s.needsReview.ids.join(', ')}${more > 0 ? ` (and ${more} more)` : ''}\n`);
  }
  const p = s.pubtator;
  if (p) {
    process.stdout.write(
      `  PubTator: ${p.entitiesCreated} entities created, ${p.entitiesMatched} mentions matched to known entities, ` +
        `${p.relationClaims} relation claims, ${p.relationsWithoutSentence} relations without a sentence naming both, ` +
        `${p.mentionsDropped} mentions dropped${p.notInGraph > 0 ? `, ${p.notInGraph} documents for papers not in the graph (bulk files annotate, never create)` : ''}\n`,
    );
  }
  const c = s.citations;
  if (c) {
    process.stdout.write(`  citations: ${c.pairsRead} pairs read, ${c.kept} kept, ${c.citesCreated} CITES created, ${c.stubsCreated} stub papers created, ${c.malformedCount} malformed lines\n`);
  }
  if (d && d.kept.length > 0) process.stdout.write(`  deleted by PubMed but kept, having curated claims: ${d.kept.slice(0, REJECTED_SHOWN).join(', ')}${d.kept.length > REJECTED_SHOWN ? ` (and ${d.kept.length - REJECTED_SHOWN} more)` : ''}\n`);
  for (const warning of s.warnings ?? []) process.stdout.write(`  warning: ${warning}\n`);
  for (const r of s.rejected.slice(0, REJECTED_SHOWN)) {
    process.stdout.write(`  rejected record ${r.recordNumber}${r.identifier ? ` (${r.identifier})` : ''}: ${r.reason}\n`);
  }
  if (s.rejected.length > REJECTED_SHOWN) process.stdout.write(`  … and ${s.rejected.length - REJECTED_SHOWN} more rejected records (--json lists them all)\n`);
}

/** Why a file cannot be read, found before Neo4j is started for it; undefined when it can. */
async function unreadableReason(file: string): Promise<string | undefined> {
  try {
    if ((await stat(file)).isDirectory()) return 'is a directory, not a file';
    await access(file, fsConstants.R_OK);
    return undefined;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'permission denied' : String(error);
  }
}

function progressBar(file: string): { update: (p: ImportProgress) => void; stop: () => void } {
  if (!process.stderr.isTTY) return { update: () => undefined, stop: () => undefined };
  const bar = new SingleBar({
    stream: process.stderr,
    format: `${file} [{bar}] {percentage}% | {records} records | {rejected} rejected | {eta_formatted} left`,
    hideCursor: true,
  });
  let started = false;
  return {
    update: (p) => {
      if (!started) {
        bar.start(Math.max(p.totalBytes, 1), 0, { records: 0, rejected: 0 });
        started = true;
      }
      bar.update(p.bytesRead, { records: p.records, rejected: p.rejected });
    },
    stop: () => bar.stop(),
  };
}

function retagBar(): { update: (p: RetagProgress) => void; stop: () => void } {
  if (!process.stderr.isTTY) return { update: () => undefined, stop: () => undefined };
  const bar = new SingleBar({ stream: process.stderr, format: 'retag [{bar}] {percentage}% | {value}/{total} papers | {eta_formatted} left', hideCursor: true });
  let started = false;
  return {
    update: (p) => {
      if (!started) {
        bar.start(Math.max(p.total, 1), 0);
        started = true;
      }
      bar.setTotal(Math.max(p.total, 1));
      bar.update(p.papers);
    },
    stop: () => bar.stop(),
  };
}

function printBulkSummary(s: BulkImportSummary): void {
  const p = s.phases;
  const rate = p.total > 0 ? Math.round((s.records * 1000) / p.total) : s.records;
  for (const f of s.files) {
    process.stdout.write(`${f.file} (${f.format}): ${f.recordsRead} records read, ${f.records} loaded, ${f.rejected.length} rejected\n`);
    for (const warning of f.warnings) process.stdout.write(`  warning: ${warning}\n`);
    for (const r of f.rejected.slice(0, REJECTED_SHOWN)) process.stdout.write(`  rejected record ${r.recordNumber}${r.identifier ? ` (${r.identifier})` : ''}: ${r.reason}\n`);
    if (f.rejected.length > REJECTED_SHOWN) process.stdout.write(`  … and ${f.rejected.length - REJECTED_SHOWN} more rejected records (--json lists them all)\n`);
  }
  const c = s.csv;
  process.stdout.write(
    `bulk load: ${s.records} records in ${seconds(p.total)} (${rate}/s): ${c.papers} papers, ${c.stubs} stub papers, ${c.authorships} authorships, ${c.cites} citations, ${c.links} paper links, ` +
      `${c.sentenceClaims} sentence claims, ${c.mentions} mention claims; ${s.admin.nodes} nodes and ${s.admin.relationships} relationships loaded by neo4j-admin\n` +
      `  time: CSV (parse, tag, mine, write) ${seconds(p.csv)}, neo4j-admin ${seconds(p.admin)}, schema ${seconds(p.schema)}, seed ${seconds(p.seed)}, merged records ${seconds(p.deferred)}, checks ${seconds(p.checks)}\n`,
  );
  if (s.deferred) process.stdout.write(`  ${c.deferred} records merged after the load (a PMID read again, or keyed by DOI): ${s.deferred.created} created, ${s.deferred.updated} updated, ${s.deferred.unchanged} unchanged\n`);
  const d = s.deletions;
  if (d) process.stdout.write(`  ${d.requested} deleted by PubMed: ${d.removed} removed, ${d.absent} not in the graph, ${d.kept.length} kept for their curated claims\n`);
  if (s.retractedByLink > 0) process.stdout.write(`  ${s.retractedByLink} papers marked retracted by a retraction notice\n`);
  process.stdout.write(`  quotes checked: ${s.quotes.checked}, wrong: ${s.quotes.wrong}${s.quotes.wrong > 0 ? ` (${s.quotes.examples.join(', ')})` : ''}\n`);
  if (s.csvDir) process.stdout.write(`  CSV files kept in ${s.csvDir}\n`);
}

function bulkBar(): { update: (p: BulkProgress) => void; stop: () => void } {
  if (!process.stderr.isTTY) return { update: () => undefined, stop: () => undefined };
  const bar = new SingleBar({ stream: process.stderr, format: '{phase} {file} [{bar}] {percentage}% | {records} records | {eta_formatted} left', hideCursor: true });
  let started = false;
  let phase = '';
  return {
    update: (p) => {
      if (p.phase !== 'csv') {
        if (phase !== p.phase) process.stderr.write(`\n${p.phase}…`);
        phase = p.phase;
        return;
      }
      if (!started) {
        bar.start(Math.max(p.totalBytes, 1), 0, { records: 0, file: p.file, phase: 'csv' });
        started = true;
      }
      bar.setTotal(Math.max(p.totalBytes, 1));
      bar.update(p.bytesRead, { records: p.records, file: p.file, phase: 'csv' });
    },
    stop: () => {
      bar.stop();
      if (phase) process.stderr.write('\n');
    },
  };
}

/** `evmap import`, `evmap retag`, `evmap seed`, `evmap stats`. */
export function registerIngestCommands(program: Command, log: Logger): void {
  program
    .command('import')
    .description('import PubMed records: MEDLINE (.txt/.nbib), PubMed XML (efetch) or a PubMed abstract page')
    .argument('<files...>', 'files to import')
    .addOption(new Option('--format <format>', 'skip sniffing and parse as this format').choices([...IMPORT_FORMATS]))
    .option('--batch-size <n>', 'records per write transaction', (v) => {
      const n = Number(v);
      if (!Number.isInteger(n) || n < 1 || n > 10_000) throw new InvalidArgumentError('--batch-size must be a whole number from 1 to 10000');
      return n;
    }, 500)
    .option('--json', 'print the summaries as JSON')
    .option('--all', 'Open Citation Collection files: keep every link, not only those whose citing or referenced paper is in the graph')
    .option('--bulk', 'build a new local database from MEDLINE / PubMed XML files with neo4j-admin import (the local Neo4j stopped; its database replaced)')
    .option('--csv-dir <dir>', 'with --bulk: where the CSV files for neo4j-admin go (default: a folder in the local Neo4j home)')
    .option('--keep-csv', 'with --bulk: keep the CSV files after the load')
    .option('--metrics-file <file>', "write the import's Prometheus metrics (records, claims) to this file every 10 s and at the end, for node_exporter's textfile collector")
    .addHelpText('after', `\nExit codes: 0 every record imported; ${EXIT.rejectedRecords} some records rejected (listed; the rest imported); ${EXIT.internal} a file could not be read or held no record; ${EXIT.setup} configuration or Neo4j could not be started; ${EXIT.usage} a bad command line.`)
    .action(async (files: string[], opts: { format?: ImportFormat; batchSize: number; json?: boolean; all?: boolean; bulk?: boolean; csvDir?: string; keepCsv?: boolean; metricsFile?: string }) => {
      if (opts.metricsFile && opts.bulk) {
        log.error('--metrics-file goes with an incremental import; a --bulk load reports its phases on the terminal');
        process.exitCode = EXIT.usage;
        return;
      }
      const metrics = opts.metricsFile ? metricsFile(opts.metricsFile) : undefined;
      try {
        await importCommand(files, opts);
      } finally {
        await metrics?.stop().catch((error: unknown) => log.error(`could not write ${opts.metricsFile}: ${error instanceof Error ? error.message : String(error)}`));
      }
    });

  async function importCommand(files: string[], opts: { format?: ImportFormat; batchSize: number; json?: boolean; all?: boolean; bulk?: boolean; csvDir?: string; keepCsv?: boolean }): Promise<void> {
    const summaries: ImportSummary[] = [];
    const unreadable: string[] = [];
    const readable: string[] = [];
    for (const file of files) {
      const reason = await unreadableReason(file);
      if (reason === undefined) readable.push(file);
      else {
        unreadable.push(`${file}: ${reason}`);
        log.error(`${file}: ${reason}`);
      }
    }
    if (opts.bulk) {
      // A bulk load replaces the database, so it runs only when every file can be read.
      if (unreadable.length > 0) {
        process.exitCode = EXIT.internal;
        return;
      }
      const bar = bulkBar();
      let summary: BulkImportSummary;
      try {
        summary = await bulkImport({ config: loadConfig(), log, files: readable, batchSize: opts.batchSize, workDir: opts.csvDir, keepCsv: opts.keepCsv, onProgress: bar.update });
      } catch (error) {
        bar.stop();
        if (!(error instanceof ImportFileError)) throw error;
        log.error(error.message);
        process.exitCode = EXIT.internal;
        return;
      }
      bar.stop();
      if (opts.json) process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
      else printBulkSummary(summary);
      if (summary.quotes.wrong > 0) process.exitCode = EXIT.internal;
      else if (summary.files.some((f) => f.rejected.length > 0)) process.exitCode = EXIT.rejectedRecords;
      return;
    }
    if (opts.csvDir || opts.keepCsv) {
      log.error('--csv-dir and --keep-csv go with --bulk');
      process.exitCode = EXIT.usage;
      return;
    }
    if (readable.length > 0) await withConnection(log, async (db) => {
      for (const file of readable) {
        const bar = progressBar(file);
        try {
          const summary = await importFile(db, file, { format: opts.format, batchSize: opts.batchSize, onProgress: bar.update, allCitations: opts.all });
          bar.stop();
          summaries.push(summary);
          if (!opts.json) printSummary(summary);
        } catch (error) {
          bar.stop();
          if (!(error instanceof ImportFileError)) throw error;
          unreadable.push(error.message);
          log.error(error.message);
        }
      }
    });
    if (opts.json) process.stdout.write(`${JSON.stringify({ imports: summaries, unreadable }, null, 2)}\n`);
    if (unreadable.length > 0) process.exitCode = EXIT.internal;
    else if (summaries.some((s) => s.rejected.length > 0)) process.exitCode = EXIT.rejectedRecords;
  }

  program
    .command('retag')
    .description('tag stored papers again (mentions and sentence claims) after the vocabulary changed; safe to run again')
    .option('--since <date>', 'only papers imported or changed since then: YYYY-MM-DD (UTC) or an ISO 8601 date-time with Z or an offset')
    .option('--batch <n>', `papers per batch, 1 to ${RETAG_BATCH.max} (default ${RETAG_BATCH.default})`)
    .addHelpText(
      'after',
      `\n--since compares with the time an import or upsertPaper last changed a property of the paper (updatedAt); papers stored before evmap kept that time are left out by --since.` +
        `\nExit codes: 0 done; ${CODE_MAPPING[ErrorCode.BadUserInput].exit} a bad --since or --batch; ${CODE_MAPPING[ErrorCode.ServiceUnavailable].exit} Neo4j not reachable; ${EXIT.setup} configuration or Neo4j could not be started.`,
    )
    .action(async (raw: { since?: string; batch?: string }) => {
      const options = checkRetagOptions(raw);
      await withConnection(log, async (db) => {
        const bar = retagBar();
        try {
          const s = await retagPapers(db, options, bar.update);
          bar.stop();
          process.stdout.write(`retag: ${s.papers} papers in ${seconds(s.ms)}: ${s.mentions} mention claims, ${s.sentenceClaims} sentence claims written\n`);
        } catch (error) {
          bar.stop();
          throw error;
        }
      });
    });

  program
    .command('seed')
    .description('load the seed corpus (seed/pubmed-24392693.txt with seed/annotations.yaml); safe to run again')
    .action(async () => {
      await withConnection(log, async (db) => {
        const s = await loadSeed(db);
        process.stdout.write(
          `seed ${s.pmid}: papers ${s.papers.created} created, ${s.papers.updated} updated, ${s.papers.unchanged} unchanged; ` +
            `${s.similar} similar, ${s.citedBy} citing, ${s.references} references; ${s.entities} entities; ` +
            `claims ${s.claims.created} created, ${s.claims.updated} updated; ${s.mentions} mentions tagged\n`,
        );
      });
    });

  program
    .command('stats')
    .description('count nodes by label and relationships by type')
    .option('--json', 'print as JSON')
    .action(async (opts: { json?: boolean }) => {
      await withConnection(log, async (db) => {
        const counts = await graphCounts(db);
        if (opts.json) {
          process.stdout.write(`${JSON.stringify(counts, null, 2)}\n`);
          return;
        }
        const width = Math.max(...[...counts.labels, ...counts.relationshipTypes].map((c) => c.name.length));
        process.stdout.write(`nodes ${counts.nodes}, relationships ${counts.relationships}, stub papers ${counts.stubPapers} (not in the node and Paper counts)\n`);
        for (const c of counts.labels) process.stdout.write(`  ${c.name.padEnd(width)}  ${c.count}\n`);
        for (const c of counts.relationshipTypes) process.stdout.write(`  ${c.name.padEnd(width)}  ${c.count}\n`);
      });
    });
}

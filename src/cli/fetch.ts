import type { Command } from 'commander';
import { SingleBar } from 'cli-progress';
import { CODE_MAPPING, ErrorCode, EvmapError, EXIT } from '../errors';
import { EFETCH_MAX_IDS } from '../ingest/eutils/efetch';
import { fetchPubmed, type FetchProgress, type FetchSummary } from '../ingest/fetchPubmed';
import { defaultStateFile } from '../ingest/fetchState';
import type { Logger } from '../log';
import { withConnection } from './connect';

interface RawOptions {
  max?: string;
  since?: string;
  citations?: boolean;
  resume?: boolean;
  batchSize: string;
  state?: string;
}

function bad(argumentName: string, message: string): EvmapError {
  return new EvmapError(ErrorCode.BadUserInput, message, { argumentName });
}

function wholeNumber(name: string, value: string, max: number): number {
  const n = Number(value);
  if (!/^\d+$/.test(value) || n < 1 || n > max) throw bad(name, `--${name} must be a whole number from 1 to ${max} (got ${JSON.stringify(value)})`);
  return n;
}

/** A real calendar day, not after today: NCBI answers a bad mindate with every record. */
function sinceDate(value: string): string {
  const date = /^\d{4}-\d{2}-\d{2}$/.test(value) ? new Date(`${value}T00:00:00Z`) : undefined;
  if (!date || Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== value) throw bad('since', `--since must be a date YYYY-MM-DD (got ${JSON.stringify(value)})`);
  if (date.getTime() > Date.now()) throw bad('since', `--since must not be in the future (got ${value})`);
  return value;
}

function progressBar(): { update: (p: FetchProgress) => void; stop: () => void } {
  if (!process.stderr.isTTY) return { update: () => undefined, stop: () => undefined };
  const bar = new SingleBar({ stream: process.stderr, format: 'fetch [{bar}] {value}/{total} records | {eta_formatted} left', hideCursor: true });
  let started = false;
  return {
    update: (p) => {
      if (!started) {
        bar.start(Math.max(p.found, 1), 0);
        started = true;
      }
      bar.setTotal(Math.max(p.found, 1));
      bar.update(p.fetched);
    },
    stop: () => bar.stop(),
  };
}

function printSummary(s: FetchSummary, citations: boolean): void {
  process.stdout.write(
    `fetch ${JSON.stringify(s.query)}${s.since ? ` since ${s.since}` : ''}: ${s.found} ids found, ${s.fetched} records fetched: ` +
      `${s.created} created, ${s.updated} updated, ${s.unchanged} unchanged, ${s.rejected.length} rejected; ` +
      `${citations ? `${s.citationsCreated} citations linked; ` : ''}${s.requests} requests, ${s.retries} retries, ${(s.ms / 1000).toFixed(1)} s\n`,
  );
  for (const r of s.rejected) process.stdout.write(`  rejected record${r.identifier ? ` ${r.identifier}` : ''}: ${r.reason}\n`);
}

/** `evmap fetch`. */
export function registerFetchCommand(program: Command, log: Logger): void {
  program
    .command('fetch')
    .description('search PubMed through NCBI E-utilities and import every record found (resumable)')
    .argument('<query>', 'a PubMed query, as typed into PubMed')
    .option('--max <n>', 'stop after this many records')
    .option('--since <date>', 'only records added or changed since YYYY-MM-DD (for keeping a map up to date)')
    .option('--citations', "also link each record to its references and citers (elink); papers not in the graph become stubs")
    .option('--resume', 'continue the interrupted fetch of this query (from its state file)')
    .option('--batch-size <n>', `records per efetch request and write transaction, 1 to ${EFETCH_MAX_IDS}`, '500')
    .option('--state <file>', 'the state file (default .evmap/fetch-<hash of query and --since>.json)')
    .addHelpText(
      'after',
      `\nEnvironment: EVMAP_EUTILS_URL, EVMAP_NCBI_EMAIL, NCBI_API_KEY (3 requests a second without it, 10 with it).` +
        `\nExit codes: 0 done; ${EXIT.rejectedRecords} some records rejected (listed); ${CODE_MAPPING[ErrorCode.BadUserInput].exit} bad arguments; ` +
        `${CODE_MAPPING[ErrorCode.ServiceUnavailable].exit} NCBI or Neo4j failed (run again with --resume); ${EXIT.setup} configuration or Neo4j could not be started.`,
    )
    .action(async (query: string, raw: RawOptions) => {
      if (query.trim() === '') throw bad('query', 'the query must not be empty');
      const max = raw.max === undefined ? undefined : wholeNumber('max', raw.max, Number.MAX_SAFE_INTEGER);
      const batchSize = wholeNumber('batch-size', raw.batchSize, EFETCH_MAX_IDS);
      const since = raw.since === undefined ? undefined : sinceDate(raw.since);
      const stateFile = raw.state ?? defaultStateFile(query, since ?? null);
      const summary = await withConnection(log, async (db, config) => {
        const bar = progressBar();
        try {
          return await fetchPubmed(db, {
            query,
            since,
            max,
            citations: raw.citations === true,
            resume: raw.resume === true,
            batchSize,
            stateFile,
            eutils: { baseUrl: config.eutils.url, email: config.eutils.email, apiKey: config.eutils.apiKey },
            onProgress: bar.update,
          });
        } catch (error) {
          if (error instanceof EvmapError && error.code === ErrorCode.ServiceUnavailable) log.info(`what was fetched is recorded in ${stateFile}; run the same command with --resume to go on`);
          throw error;
        } finally {
          bar.stop();
        }
      });
      printSummary(summary, raw.citations === true);
      if (summary.rejected.length > 0) process.exitCode = EXIT.rejectedRecords;
    });
}

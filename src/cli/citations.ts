import { Option, type Command } from 'commander';
import { SingleBar } from 'cli-progress';
import { loadConfig } from '../config';
import { CODE_MAPPING, ErrorCode, EvmapError, EXIT } from '../errors';
import { IciteClient } from '../ingest/icite';
import { CITATIONS_BATCH, checkCitationsBatch, fetchCitations, type CitationsProgress } from '../ingest/iciteImport';
import type { Logger } from '../log';
import { withConnection } from './connect';

function progress(): { update: (p: CitationsProgress) => void; stop: () => void } {
  if (!process.stderr.isTTY) return { update: () => undefined, stop: () => undefined };
  const bar = new SingleBar({ stream: process.stderr, format: 'citations | {value} papers asked | {links} links', hideCursor: true });
  let started = false;
  return {
    update: (p) => {
      if (!started) {
        bar.start(0, 0, { links: 0 });
        started = true;
      }
      bar.setTotal(p.papers);
      bar.update(p.papers, { links: p.links });
    },
    stop: () => bar.stop(),
  };
}

/** `evmap citations`. */
export function registerCitationCommands(program: Command, log: Logger): void {
  program
    .command('citations')
    .description('fetch references and citing papers of every paper in the graph from NIH iCite and write them as CITES; papers known only that way become stubs; safe to run again')
    .addOption(new Option('--source <source>', 'where the links come from').choices(['icite']).default('icite'))
    .option('--batch <n>', `papers per iCite call, 1 to ${CITATIONS_BATCH.max} (default ${CITATIONS_BATCH.default})`)
    .option('--rate <n>', 'iCite requests per second, at most (default 5)')
    .option('--retries <n>', 'tries after the first for a throttled, failed or garbled iCite answer, with backoff from 1 s (default 5)')
    .addHelpText(
      'after',
      `\nEVMAP_ICITE_URL names the iCite API (default https://icite.od.nih.gov/api).` +
        `\nExit codes: 0 done; ${CODE_MAPPING[ErrorCode.BadUserInput].exit} a bad --batch, --rate or --retries; ${CODE_MAPPING[ErrorCode.ServiceUnavailable].exit} iCite or Neo4j failing after retries (the batches before are written; run again to go on); ${EXIT.setup} configuration or Neo4j could not be started.`,
    )
    .action(async (raw: { source: string; batch?: string; rate?: string; retries?: string }) => {
      const batch = checkCitationsBatch(raw.batch);
      const rate = raw.rate === undefined ? 5 : Number(raw.rate);
      const retries = raw.retries === undefined ? 5 : Number(raw.retries);
      if (!Number.isInteger(retries) || retries < 0 || retries > 20) {
        throw new EvmapError(ErrorCode.BadUserInput, `--retries must be a whole number from 0 to 20, got ${JSON.stringify(raw.retries)}`, { argumentName: 'retries' });
      }
      // Built before connecting, so a bad --rate is refused without starting Neo4j.
      const client = new IciteClient({ baseUrl: loadConfig().iciteUrl, requestsPerSecond: rate, idsPerCall: batch, maxRetries: retries });
      await withConnection(log, async (db) => {
        const bar = progress();
        try {
          const s = await fetchCitations(db, client, batch, bar.update);
          bar.stop();
          process.stdout.write(
            `citations (${raw.source}): ${s.papers} papers asked, ${s.known} known to iCite, ${s.links} links found; ` +
              `${s.citesCreated} CITES created, ${s.stubsCreated} stub papers created; ${s.requests} requests, ${s.retries} retries in ${(s.ms / 1000).toFixed(1)} s\n`,
          );
        } catch (error) {
          bar.stop();
          log.error(`citations stopped after ${client.counts.requests} requests and ${client.counts.retries} retries`);
          throw error;
        }
      });
    });
}

import { createServer, type EvmapServer } from './api/server';
import { ConfigError, loadConfig, loadDotEnv } from './config';
import { LauncherError } from './db/localNeo4j';
import { openDatabase } from './db/open';
import { EXIT } from './errors';
import { hasPapers } from './features/stats';
import { loadSeed } from './ingest/seed';
import { consoleLogger } from './log';

const log = consoleLogger();

/** `npm start`: open the database (finding or starting Neo4j), seed an empty graph, serve, and shut everything down in order on a signal. */
async function main(): Promise<void> {
  loadDotEnv();
  const config = loadConfig();
  const opened = await openDatabase({ config, log, purpose: 'serve' });
  let server: EvmapServer | undefined;
  let shuttingDown = false;
  const shutdown = async (signal: string) => {
    if (shuttingDown) return;
    shuttingDown = true;
    log.info(`${signal} received, shutting down`);
    // HTTP drain gets shutdownTimeoutMs and stopping a local Neo4j up to a minute; past both, give up.
    const forceAfterMs = config.shutdownTimeoutMs + 65_000;
    const force = setTimeout(() => {
      log.error(`shutdown took longer than ${forceAfterMs} ms, exiting`);
      process.exit(EXIT.internal);
    }, forceAfterMs);
    force.unref();
    try {
      await server?.stop();
      await opened.close();
      log.info('stopped');
      process.exit(0);
    } catch (error) {
      log.error(error instanceof Error ? error.message : String(error));
      process.exit(EXIT.internal);
    }
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));

  const { db } = opened;
  try {
    if (config.seedOnStart && !(await hasPapers(db))) {
      const seed = await loadSeed(db);
      log.info(`graph was empty: loaded the seed corpus (${seed.papers.created} papers, ${seed.entities} entities, ${seed.claims.created} curated claims, ${seed.mentions} mentions tagged)`);
    }
    server = await createServer(config, db, log);
    const url = await server.listen(config.port, config.host);
    log.info(`health: ${url.replace(/\/graphql$/, '/healthz')}  readiness: ${url.replace(/\/graphql$/, '/readyz')}`);
    process.stdout.write(`evmap ready at ${url}\n`);
  } catch (error) {
    await opened.close();
    throw error;
  }
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError || error instanceof LauncherError) {
    log.error(error.message);
    process.exit(EXIT.setup);
  }
  log.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
  process.exit(EXIT.internal);
});

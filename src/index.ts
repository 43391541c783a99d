import './nodeVersion';
import { createServer, type EvmapServer } from './api/server';
import { type Config, ConfigError, loadConfig, loadDotEnv } from './config';
import { LauncherError } from './db/localNeo4j';
import { openDatabase } from './db/open';
import { CODE_MAPPING, EvmapError, EXIT } from './errors';
import { hasPapers } from './features/stats';
import { loadSeed } from './ingest/seed';
import { consoleLogger, serviceLogger, type Logger } from './log';
import { startTracing, type Tracing } from './observe/tracing';

/** Until the configuration is read, problems go to the terminal as plain lines. */
let log: Logger = consoleLogger();

/** What a failed listen means to the person starting evmap, for the errors they can fix. */
function listenProblem(error: unknown, config: Config): string | undefined {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'EADDRINUSE') return `port ${config.port} on ${config.host} is already in use: stop the process holding it, or set PORT to another port (PORT=0 picks a free one)`;
  if (code === 'EACCES') return `port ${config.port} on ${config.host} needs privileges this process lacks: set PORT to 1024 or above`;
  if (code === 'EADDRNOTAVAIL') return `HOST=${config.host} is not an address of this machine: set HOST to 127.0.0.1, 0.0.0.0 or one of its addresses`;
  return undefined;
}

/** `npm start`: open the database (finding or starting Neo4j), seed an empty graph, serve, and shut everything down in order on a signal. */
async function main(): Promise<void> {
  loadDotEnv();
  const config = loadConfig();
  log = serviceLogger(config.log);
  const tracing: Tracing | undefined = config.tracing
    ? await startTracing({ tracesUrl: config.tracing.tracesUrl, serviceName: config.tracing.serviceName, serviceVersion: process.env.npm_package_version ?? '0.1.0' })
    : undefined;
  if (config.tracing) log.info(`tracing: spans go to ${config.tracing.tracesUrl}`);
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
      await tracing?.shutdown();
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
    const url = await server.listen(config.port, config.host).catch((error: unknown) => {
      const problem = listenProblem(error, config);
      throw problem ? new ConfigError([problem]) : error;
    });
    log.info(`health: ${url.replace(/\/graphql$/, '/healthz')}  readiness: ${url.replace(/\/graphql$/, '/readyz')}`);
    process.stdout.write(`evmap ready at ${url}\n`);
  } catch (error) {
    await server?.stop();
    await opened.close();
    await tracing?.shutdown();
    throw error;
  }
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError || error instanceof LauncherError) {
    log.error(error.message);
    process.exit(EXIT.setup);
  }
  if (error instanceof EvmapError) {
    log.error(error.message, { code: error.code });
    process.exit(CODE_MAPPING[error.code].exit);
  }
  log.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
  process.exit(EXIT.internal);
});

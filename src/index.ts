import { ConfigError, loadConfig, loadDotEnv } from './config';
import { findNeo4j } from './db/discovery';
import { Executor } from './db/executor';
import { LauncherError } from './db/localNeo4j';
import { applyMigrations } from './db/migrations';
import { loadSeed } from './ingest/seed';
import { consoleLogger } from './log';
import { hasPapers } from './queries/stats';
import { createServer } from './server';

const log = consoleLogger();

/** `npm start`: find or start Neo4j, migrate, serve, and shut everything down in order on a signal. */
async function main(): Promise<void> {
  loadDotEnv();
  const config = loadConfig();
  const neo4j = await findNeo4j(config, log);
  log.info(`using ${neo4j.description}`);
  const db = new Executor(neo4j, config.queryTimeoutMs);

  let server: Awaited<ReturnType<typeof createServer>> | undefined;
  let shuttingDown = false;
  const shutdown = async (signal: string) => {
    if (shuttingDown) return;
    shuttingDown = true;
    log.info(`${signal} received, shutting down`);
    // HTTP drain gets shutdownTimeoutMs and stopping a local Neo4j up to a minute; past both, give up.
    const forceAfterMs = config.shutdownTimeoutMs + 65_000;
    const force = setTimeout(() => {
      log.error(`shutdown took longer than ${forceAfterMs} ms, exiting`);
      process.exit(1);
    }, forceAfterMs);
    force.unref();
    try {
      await server?.stop();
      await db.close();
      await neo4j.stop?.();
      log.info('stopped');
      process.exit(0);
    } catch (error) {
      log.error(error instanceof Error ? error.message : String(error));
      process.exit(1);
    }
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));

  try {
    await db.driver.verifyConnectivity({ database: neo4j.database });
    const migrations = await applyMigrations(db);
    log.info(`schema: ${migrations.created.length} created, ${migrations.existing.length} already present`);
    if (config.seedOnStart && !(await hasPapers(db))) {
      const seed = await loadSeed(db);
      log.info(`graph was empty: loaded the seed corpus (${seed.papers.created} papers, ${seed.entities} entities, ${seed.claims.created} curated claims, ${seed.mentions} mentions tagged)`);
    }
    server = await createServer(config, db, log);
    const url = await server.listen(config.port, config.host);
    log.info(`health: ${url.replace(/\/graphql$/, '/healthz')}  readiness: ${url.replace(/\/graphql$/, '/readyz')}`);
    process.stdout.write(`evmap ready at ${url}\n`);
  } catch (error) {
    await db.close();
    await neo4j.stop?.();
    throw error;
  }
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError || error instanceof LauncherError) {
    log.error(error.message);
    process.exit(2);
  }
  log.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
  process.exit(1);
});

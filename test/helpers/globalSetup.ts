import { loadConfig, loadDotEnv } from '../../src/config';
import { dockerEngineAvailable, findNeo4j } from '../../src/db/discovery';
import { Executor } from '../../src/db/executor';
import { applyMigrations } from '../../src/db/migrations';
import { loadSeed } from '../../src/ingest/seed';
import { consoleLogger } from '../../src/log';
import { TARGET_ENV } from './neo4jTarget';
import { testcontainersStrategy } from './testcontainers';

/**
 * Finds Neo4j for the whole run the same way `npm start` does (NEO4J_URI → Docker →
 * local launcher), but the local launcher gets its own data folder and port so tests never
 * write into a developer's database.
 */
export default async function globalSetup(): Promise<void> {
  const log = consoleLogger('test');
  loadDotEnv();
  const config = loadConfig({
    ...process.env,
    NODE_ENV: 'test',
    EVMAP_NEO4J_HOME: process.env.EVMAP_TEST_NEO4J_HOME ?? '.data/neo4j-test',
    EVMAP_NEO4J_BOLT_PORT: process.env.EVMAP_TEST_NEO4J_BOLT_PORT ?? '7688',
  });
  process.stderr.write('\n');
  if (!config.neo4j.uri && config.neo4j.source === 'auto' && !dockerEngineAvailable()) {
    log.info('no Docker engine answers, so testcontainers is not used: tests run against the local Neo4j launcher');
  }
  const found = await findNeo4j(config, log, testcontainersStrategy);
  log.info(`Neo4j for this run: ${found.description}`);
  process.env[TARGET_ENV] = JSON.stringify({
    uri: found.uri,
    user: found.user,
    password: found.password,
    database: found.database,
    source: found.source,
  });
  const db = new Executor(found, 120_000);
  try {
    // Only a database this run owns is wiped; a server from NEO4J_URI is never emptied.
    if (found.source !== 'uri') {
      await db.writeRows('MATCH (n) DETACH DELETE n');
    }
    await applyMigrations(db);
    // Loaded once here, before workers start, so test files can read the seed corpus without racing to write it.
    await loadSeed(db);
  } finally {
    await db.close();
  }
  (globalThis as { __evmapStopNeo4j?: () => Promise<void> }).__evmapStopNeo4j = found.stop;
}

import { loadConfig, loadDotEnv } from '../../src/config';
import { dockerEngineAvailable } from '../../src/db/discovery';
import { openDatabase } from '../../src/db/open';
import { loadSeed } from '../../src/ingest/seed';
import { consoleLogger } from '../../src/log';
import { TARGET_ENV } from './neo4jTarget';
import { testcontainersStrategy } from './testcontainers';

/**
 * Opens the database for the whole run the way `npm start` does (NEO4J_URI → Docker →
 * local launcher, then the schema), but the local launcher gets its own data folder and port
 * so tests never write into a developer's database.
 */
export default async function globalSetup(): Promise<void> {
  // Each Neo4j project names this set-up; the first one to run opens the database for all.
  if (process.env[TARGET_ENV]) return;
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
  const { db, neo4j } = await openDatabase({ config, log, purpose: 'batch', docker: testcontainersStrategy });
  process.env[TARGET_ENV] = JSON.stringify({ uri: neo4j.uri, user: neo4j.user, password: neo4j.password, database: neo4j.database, source: neo4j.source });
  try {
    // Only a database this run owns is wiped; a server from NEO4J_URI is never emptied.
    if (neo4j.source !== 'uri') await db.writeRows('MATCH (n) DETACH DELETE n');
    // Loaded once here, before workers start, so test files can read the seed corpus without racing to write it.
    await loadSeed(db);
  } finally {
    await db.close();
  }
  // The Neo4j stays up for the workers; the global teardown stops it when this run started it.
  (globalThis as { __evmapStopNeo4j?: () => Promise<void> }).__evmapStopNeo4j = neo4j.stop;
}

import { Neo4jError } from 'neo4j-driver';
import { type Config, ConfigError } from '../config';
import { LIMITS } from '../limits';
import type { Logger } from '../log';
import { composeStrategy, findNeo4j, type DockerStrategy, type FoundNeo4j } from './discovery';
import { Neo4jExecutor, type Executor } from './executor';
import { applyMigrations, type MigrationReport } from './migrations';

export interface OpenOptions {
  config: Config;
  log: Logger;
  /**
   * `serve` gives each query the configured request time limit (EVMAP_QUERY_TIMEOUT_MS);
   * `batch` (CLI, benchmarks, test set-up) lets the large writes of an import run longer.
   */
  purpose: 'serve' | 'batch';
  /** False for a process that uses a database another process already migrated (test workers). */
  migrate?: boolean;
  /** How to get Neo4j from a Docker engine: docker compose by default, testcontainers in tests. */
  docker?: DockerStrategy;
}

export interface OpenDatabase {
  db: Executor;
  neo4j: FoundNeo4j;
  /** What the migrations did; null when they were not run. */
  migrations: MigrationReport | null;
  /** Closes the driver, then stops the Neo4j this process started (if it did). */
  close(): Promise<void>;
}

function isAuthFailure(error: unknown): boolean {
  return error instanceof Neo4jError && (error.code === 'Neo.ClientError.Security.Unauthorized' || error.code === 'Neo.ClientError.Security.AuthenticationRateLimit');
}

/**
 * Why evmap cannot use a server of this agent string ("Neo4j/5.26.0"): its Cypher (COUNT {}
 * subqueries, CALL { } IN TRANSACTIONS, type predicates) needs Neo4j 5. The calendar-versioned
 * releases that followed 5.26 (2025.01 on, Aura's too) run the same Cypher 5 and are accepted.
 */
export function versionProblem(agent: string): string | undefined {
  const match = /^Neo4j\/(\d+)\.(\d+)/i.exec(agent);
  if (!match) return `the server says it is "${agent}", not Neo4j; evmap needs Neo4j 5`;
  const major = Number(match[1]);
  if (major === 5 || major >= 2025) return undefined;
  return `the server is ${agent.split(' ')[0]}; evmap needs Neo4j 5 (5.26 LTS or a later 5.x, or a 2025+ release)`;
}

/**
 * The one way evmap opens its database, for the server, the CLI, the benchmarks and the tests:
 * find Neo4j (NEO4J_URI → Docker → local launcher), connect with one executor, check that it
 * answers, apply the schema, and hand back how to close it all again. When a step fails,
 * everything opened so far is closed before the error goes up.
 */
export async function openDatabase({ config, log, purpose, migrate = true, docker = composeStrategy }: OpenOptions): Promise<OpenDatabase> {
  const neo4j = await findNeo4j(config, log, docker);
  log.info(`using ${neo4j.description}`);
  const timeoutMs = purpose === 'serve' ? config.queryTimeoutMs : Math.max(config.queryTimeoutMs, LIMITS.batchQueryTimeoutMs);
  const db = new Neo4jExecutor(neo4j, timeoutMs);
  const close = async () => {
    await db.close();
    await neo4j.stop?.();
  };
  try {
    await db.verifyConnectivity().catch((error: unknown) => {
      throw isAuthFailure(error) ? new ConfigError([`NEO4J_USER and NEO4J_PASSWORD were refused by ${neo4j.description}: set the credentials that Neo4j has (${(error as Neo4jError).code})`]) : error;
    });
    const problem = versionProblem(await db.serverAgent());
    if (problem) throw new ConfigError([`${problem} (${neo4j.description})`]);
    const migrations = migrate ? await applyMigrations(db, log) : null;
    if (migrations) log.info(`schema: ${migrations.created.length} created, ${migrations.existing.length} already present`);
    return { db, neo4j, migrations, close };
  } catch (error) {
    await close();
    throw error;
  }
}

import { loadConfig, type Config } from '../config';
import { findNeo4j } from '../db/discovery';
import { Executor } from '../db/executor';
import { applyMigrations } from '../db/migrations';
import type { Logger } from '../log';

export interface CliConnection {
  db: Executor;
  config: Config;
  /** Closes the driver and stops a Neo4j that this command started. */
  close(): Promise<void>;
}

/** Finds Neo4j exactly as `npm start` does and applies the schema, for one-shot commands. */
export async function connect(log: Logger): Promise<CliConnection> {
  const config = loadConfig();
  const neo4j = await findNeo4j(config, log);
  log.info(`using ${neo4j.description}`);
  if (neo4j.stop) log.info('tip: `npm run db:start` keeps Neo4j running between commands');
  const db = new Executor(neo4j, Math.max(config.queryTimeoutMs, 120_000));
  const close = async () => {
    await db.close();
    await neo4j.stop?.();
  };
  try {
    await applyMigrations(db);
  } catch (error) {
    await close();
    throw error;
  }
  return { db, config, close };
}

/** Runs `work` on a connection from `connect` and always closes it, also when `work` throws. */
export async function withConnection<T>(log: Logger, work: (db: Executor, config: Config) => Promise<T>): Promise<T> {
  const { db, config, close } = await connect(log);
  try {
    return await work(db, config);
  } finally {
    await close();
  }
}

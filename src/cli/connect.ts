import { loadConfig, type Config } from '../config';
import type { Executor } from '../db/executor';
import { openDatabase } from '../db/open';
import type { Logger } from '../log';

/** Opens the database as `npm start` does (see openDatabase), runs `work` on it and always closes it, also when `work` throws. */
export async function withConnection<T>(log: Logger, work: (db: Executor, config: Config) => Promise<T>): Promise<T> {
  const config = loadConfig();
  const opened = await openDatabase({ config, log, purpose: 'batch' });
  if (opened.neo4j.stop) log.info('tip: `npm run db:start` keeps Neo4j running between commands');
  try {
    return await work(opened.db, config);
  } finally {
    await opened.close();
  }
}

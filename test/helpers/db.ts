import { Neo4jExecutor, type Executor } from '../../src/db/executor';
import { testNeo4j } from './neo4jTarget';

/** An executor on the run's real Neo4j for tests that call query functions directly; close it in afterAll. */
export function testDb(timeoutMs = 60_000): { db: Executor; close: () => Promise<void> } {
  const target = testNeo4j();
  const db = new Neo4jExecutor(target, timeoutMs);
  return { db, close: () => db.close() };
}

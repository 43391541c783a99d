import { createDriver } from '../../src/db/driver';
import { Executor } from '../../src/db/executor';
import { testNeo4j } from './neo4jTarget';

/** An executor on the run's real Neo4j for tests that call query functions directly; close it in afterAll. */
export function testDb(timeoutMs = 60_000): { db: Executor; close: () => Promise<void> } {
  const target = testNeo4j();
  const driver = createDriver(target);
  return { db: new Executor(driver, target.database, timeoutMs), close: () => driver.close() };
}

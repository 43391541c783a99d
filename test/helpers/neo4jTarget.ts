import type { Neo4jConnection } from '../../src/db/driver';

/** The env variable through which the global setup hands the Neo4j it found to the test workers. */
export const TARGET_ENV = 'EVMAP_TEST_NEO4J';

/** The Neo4j the global setup found or started for this test run. */
export function testNeo4j(): Neo4jConnection & { source: string } {
  const raw = process.env[TARGET_ENV];
  if (!raw) throw new Error(`${TARGET_ENV} is not set: run the tests through jest so the global setup can find Neo4j`);
  return JSON.parse(raw) as Neo4jConnection & { source: string };
}

/** Stops only the Neo4j the global setup started; a reused or given server is left running. */
export default async function globalTeardown(): Promise<void> {
  const stop = (globalThis as { __evmapStopNeo4j?: () => Promise<void> }).__evmapStopNeo4j;
  if (stop) await stop();
}

/** Stops only the Neo4j the global setup started, once however many projects share it; a reused or given server is left running. */
export default async function globalTeardown(): Promise<void> {
  const holder = globalThis as { __evmapStopNeo4j?: () => Promise<void> };
  const stop = holder.__evmapStopNeo4j;
  holder.__evmapStopNeo4j = undefined;
  if (stop) await stop();
}

import { rename, writeFile } from 'node:fs/promises';
import { registry } from '../observe/metrics';

/** How often a running import rewrites its metrics file. */
const EVERY_MS = 10_000;

/**
 * Writes the metrics registry to `file` in Prometheus text format while an import runs and once
 * more at its end, for node_exporter's textfile collector: a short-lived CLI process cannot be
 * scraped. Each write goes to a temporary file first and is renamed, so the collector never
 * reads half a file.
 */
export function metricsFile(file: string): { stop(): Promise<void> } {
  const write = async () => {
    const temporary = `${file}.${process.pid}.tmp`;
    await writeFile(temporary, await registry.metrics());
    await rename(temporary, file);
  };
  let writing = Promise.resolve();
  const timer = setInterval(() => {
    writing = writing.then(write, write);
  }, EVERY_MS);
  timer.unref();
  return {
    stop: async () => {
      clearInterval(timer);
      await writing.catch(() => undefined);
      await write();
    },
  };
}

import { randomUUID } from 'node:crypto';
import type { Executor } from '../db/executor';
import { ErrorCode, EvmapError } from '../errors';
import { terminateTaggedQuery } from '../store/transactions';

/**
 * How long past its timeout a transaction may run before the watchdog steps in: a quarter of
 * the limit, so the client hears TIMEOUT well within twice the limit.
 */
export function graceMs(timeoutMs: number): number {
  return Math.round(timeoutMs / 4);
}

/** A tag unique to one run, carried in the transaction's metadata so the watchdog finds exactly it. */
export function runTag(base: string): string {
  return `${base}#${randomUUID()}`;
}

/**
 * Terminates, from the service's own (admin) session, the transactions whose metadata carries
 * `tag`. Neo4j marks them terminated at once; operators stop at their next row, but an
 * expression loop (reduce over a long list) runs to its end regardless, which is why
 * range() is capped before a query runs.
 */
export async function terminateTagged(db: Executor, tag: string): Promise<number> {
  const rows = await db.run(terminateTaggedQuery(tag), { timeoutMs: 2_000 });
  return rows.length;
}

/**
 * Runs `work` (whose transaction carries `tag`) and, when it outlives `timeoutMs` plus the
 * grace period (Neo4j's own timeout did not end it), terminates its transaction server-side
 * and answers TIMEOUT without waiting for Neo4j to let go. The abandoned run keeps its
 * connection until Neo4j finishes it; its outcome is dropped.
 */
export async function withWatchdog<T>(db: Executor, tag: string, timeoutMs: number, work: () => Promise<T>): Promise<T> {
  const running = work();
  let timer: NodeJS.Timeout | undefined;
  const overdue = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => {
      running.catch(() => undefined);
      // The client gets its answer either way; a failed termination leaves the run to Neo4j's own timeout.
      terminateTagged(db, tag).catch(() => undefined);
      reject(new EvmapError(ErrorCode.Timeout, 'The query took longer than its time limit and was stopped.'));
    }, timeoutMs + graceMs(timeoutMs));
  });
  try {
    return await Promise.race([running, overdue]);
  } finally {
    clearTimeout(timer);
  }
}

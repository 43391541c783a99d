import { type Driver, type ManagedTransaction, Neo4jError, type RecordShape } from 'neo4j-driver';
import { ErrorCode, EvmapError } from '../errors';
import { CONNECT_TIMEOUT_MS, createDriver, type Neo4jConnection } from './driver';
import type { Query } from './query';

export interface RunOptions {
  /** Transaction timeout; Neo4j aborts the transaction when it is exceeded. */
  timeoutMs?: number;
  /** Shown in `SHOW TRANSACTIONS` and the query log, so a slow query can be traced to its caller. */
  tag?: string;
}

export type Work<T> = (tx: ManagedTransaction) => Promise<T>;

/** What the layers above the database use of it; Neo4jExecutor is the one implementation that reaches Neo4j. */
export interface Executor {
  readonly database: string;
  /** Transactions run so far, so tests can show a request's query count is bounded. */
  readonly queryCount: number;
  /** Runs one query value (see src/db/query.ts) and returns its records as plain objects. */
  run<R extends RecordShape>(query: Query<R>, options?: RunOptions): Promise<R[]>;
  /** Runs several query values in one transaction of their common mode, in order. */
  runAll(queries: readonly Query[], options?: RunOptions): Promise<void>;
  /** Runs `work` in a managed read transaction (routed to a reader in a cluster). */
  read<T>(work: Work<T>, options?: RunOptions): Promise<T>;
  /** Like `read`, but integers arrive as lossless neo4j Integers, so values above 2^53 survive exactly. */
  readExact<T>(work: Work<T>, options?: RunOptions): Promise<T>;
  /** Runs `work` in a managed write transaction (routed to the leader, retried on transient errors). */
  write<T>(work: Work<T>, options?: RunOptions): Promise<T>;
  /** Runs one read query given as text; for migrations, tests and scripts, not for features (they use `run`). */
  readRows<R extends RecordShape = RecordShape>(cypher: string, params?: Record<string, unknown>, options?: RunOptions): Promise<R[]>;
  /** Runs one write query given as text; for migrations, tests and scripts, not for features (they use `run`). */
  writeRows<R extends RecordShape = RecordShape>(cypher: string, params?: Record<string, unknown>, options?: RunOptions): Promise<R[]>;
  /** One bounded round trip for readiness probes; SERVICE_UNAVAILABLE when Neo4j does not answer in time. */
  ping(timeoutMs?: number): Promise<void>;
  /** Fails unless Neo4j answers (the driver's own connectivity check, with routing). */
  verifyConnectivity(): Promise<void>;
  /** The agent string of the server, e.g. "Neo4j/5.26.30". */
  serverAgent(): Promise<string>;
  close(): Promise<void>;
}

/**
 * The only place evmap opens the database and its sessions: it owns the drivers, picks read or
 * write routing, applies the transaction timeout and metadata, closes the session in
 * `finally`, and turns driver errors that mean something to a client into coded errors.
 */
export class Neo4jExecutor implements Executor {
  queryCount = 0;
  readonly database: string;
  private readonly driver: Driver;
  /** Opened on first use: only analyst queries need lossless integers. */
  private exactDriver: Driver | undefined;

  constructor(
    private readonly connection: Neo4jConnection,
    private readonly defaultTimeoutMs: number,
  ) {
    this.driver = createDriver(connection);
    this.database = connection.database;
  }

  run<R extends RecordShape>(query: Query<R>, options: RunOptions = {}): Promise<R[]> {
    const tagged = { tag: query.tag, ...options };
    return query.mode === 'READ' ? this.readRows<R>(query.cypher, query.params, tagged) : this.writeRows<R>(query.cypher, query.params, tagged);
  }

  async runAll(queries: readonly Query[], options: RunOptions = {}): Promise<void> {
    const [first] = queries;
    if (!first) return;
    const work: Work<void> = async (tx) => {
      for (const q of queries) await tx.run(q.cypher, q.params);
    };
    const tagged = { tag: first.tag, ...options };
    await (queries.some((q) => q.mode === 'WRITE') ? this.write(work, tagged) : this.read(work, tagged));
  }

  read<T>(work: Work<T>, options: RunOptions = {}): Promise<T> {
    return this.transact('READ', work, options);
  }

  readExact<T>(work: Work<T>, options: RunOptions = {}): Promise<T> {
    this.exactDriver ??= createDriver(this.connection, { exactIntegers: true });
    return this.transact('READ', work, options, this.exactDriver);
  }

  async verifyConnectivity(): Promise<void> {
    try {
      await this.driver.verifyConnectivity({ database: this.database });
    } catch (error) {
      throw mapDriverError(error);
    }
  }

  async serverAgent(): Promise<string> {
    const info = await this.driver.getServerInfo({ database: this.database });
    return info.agent ?? 'unknown';
  }

  /**
   * One auto-commit `RETURN 1` with no retries, bounded by `timeoutMs` on the clock as well as
   * on the server, so a readiness probe answers in time even when connecting hangs.
   */
  async ping(timeoutMs = CONNECT_TIMEOUT_MS): Promise<void> {
    const session = this.driver.session({ database: this.database, defaultAccessMode: 'READ' });
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<never>((_resolve, reject) => {
      timer = setTimeout(() => reject(new EvmapError(ErrorCode.ServiceUnavailable, `Neo4j did not answer within ${timeoutMs} ms.`)), timeoutMs);
    });
    try {
      await Promise.race([session.run('RETURN 1', {}, { timeout: timeoutMs, metadata: { app: 'evmap', tag: 'ping' } }), late]);
    } catch (error) {
      throw mapDriverError(error);
    } finally {
      clearTimeout(timer);
      void session.close();
    }
  }

  /** Closes every driver this executor opened. */
  async close(): Promise<void> {
    await Promise.all([this.driver.close(), this.exactDriver?.close()]);
  }

  write<T>(work: Work<T>, options: RunOptions = {}): Promise<T> {
    return this.transact('WRITE', work, options);
  }

  async readRows<R extends RecordShape = RecordShape>(cypher: string, params: Record<string, unknown> = {}, options: RunOptions = {}): Promise<R[]> {
    return this.read(async (tx) => (await tx.run<R>(cypher, params)).records.map((r) => r.toObject()), options);
  }

  async writeRows<R extends RecordShape = RecordShape>(cypher: string, params: Record<string, unknown> = {}, options: RunOptions = {}): Promise<R[]> {
    return this.write(async (tx) => (await tx.run<R>(cypher, params)).records.map((r) => r.toObject()), options);
  }

  private async transact<T>(mode: 'READ' | 'WRITE', work: Work<T>, options: RunOptions, driver = this.driver): Promise<T> {
    const session = driver.session({ database: this.database, defaultAccessMode: mode });
    const config = {
      timeout: options.timeoutMs ?? this.defaultTimeoutMs,
      metadata: { app: 'evmap', ...(options.tag ? { tag: options.tag } : {}) },
    };
    const counted: Work<T> = (tx) => {
      this.queryCount += 1;
      return work(tx);
    };
    try {
      return mode === 'READ' ? await session.executeRead(counted, config) : await session.executeWrite(counted, config);
    } catch (error) {
      throw mapDriverError(error);
    } finally {
      await session.close();
    }
  }
}

/**
 * What Neo4j answers when a transaction passes db.memory.transaction.max or all of them pass
 * dbms.memory.transaction.total.max (MemoryPoolOutOfMemoryError in 5.x), older servers' name for
 * the per-transaction limit, and a heap exhaustion Neo4j caught inside one query.
 */
const MEMORY_LIMIT_CODES = new Set([
  'Neo.TransientError.General.MemoryPoolOutOfMemoryError',
  'Neo.ClientError.General.TransactionOutOfMemoryError',
  'Neo.TransientError.General.OutOfMemoryError',
]);

/** Maps the driver errors a client can act on to coded errors; anything else stays internal (and is masked). */
export function mapDriverError(error: unknown): unknown {
  if (!(error instanceof Neo4jError)) return error;
  const code = error.code ?? '';
  if (code.includes('TransactionTimedOut') || code === 'Neo.ClientError.Transaction.TransactionTimedOutClientConfiguration') {
    return new EvmapError(ErrorCode.Timeout, 'The query took longer than its time limit and was stopped.');
  }
  if (MEMORY_LIMIT_CODES.has(code)) {
    return new EvmapError(ErrorCode.ResourceLimit, 'The query needed more memory than the database allows one transaction and was stopped.', { limit: 'memory' });
  }
  if (code === 'Neo.ClientError.Schema.ConstraintValidationFailed') {
    return new EvmapError(ErrorCode.Conflict, 'The write conflicts with an existing record that has the same key.');
  }
  // A pool that cannot hand out a connection in time has no code of its own, only this message.
  if (code === 'ServiceUnavailable' || code === 'SessionExpired' || error.message.startsWith('Connection acquisition timed out')) {
    return new EvmapError(ErrorCode.ServiceUnavailable, 'The database is not reachable right now; try again shortly.');
  }
  return error;
}

import { type Driver, type ManagedTransaction, Neo4jError, type RecordShape, type ResultSummary } from 'neo4j-driver';
import { ErrorCode, EvmapError } from '../errors';
import { neo4jDuration, poolMaxSize, sessionsInUse } from '../observe/metrics';
import { currentScope, type QueryProfile } from '../observe/requestScope';
import { LIMITS } from '../limits';
import { SpanKind, withSpan } from '../observe/tracing';
import { CONNECT_TIMEOUT_MS, createDriver, POOL_SIZE, type Neo4jConnection } from './driver';
import { profileOf } from './profile';
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
  /** Runs several query values in one transaction of their common mode, in order; the records of each, as plain objects. */
  runAll(queries: readonly Query[], options?: RunOptions): Promise<RecordShape[][]>;
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
    poolMaxSize.set(POOL_SIZE);
  }

  run<R extends RecordShape>(query: Query<R>, options: RunOptions = {}): Promise<R[]> {
    const tagged = { tag: query.tag, ...options };
    return query.mode === 'READ' ? this.readRows<R>(query.cypher, query.params, tagged) : this.writeRows<R>(query.cypher, query.params, tagged);
  }

  async runAll(queries: readonly Query[], options: RunOptions = {}): Promise<RecordShape[][]> {
    const [first] = queries;
    if (!first) return [];
    const work: Work<RecordShape[][]> = async (tx) => {
      const results: RecordShape[][] = [];
      for (const q of queries) results.push((await tx.run(q.cypher, q.params)).records.map((r) => r.toObject()));
      return results;
    };
    const tagged = { tag: first.tag, ...options };
    return queries.some((q) => q.mode === 'WRITE') ? this.write(work, tagged) : this.read(work, tagged);
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
    return this.read((tx) => this.rows<R>(tx, 'READ', cypher, params, options), options);
  }

  async writeRows<R extends RecordShape = RecordShape>(cypher: string, params: Record<string, unknown> = {}, options: RunOptions = {}): Promise<R[]> {
    return this.write((tx) => this.rows<R>(tx, 'WRITE', cypher, params, options), options);
  }

  /** Runs one query; PROFILEd when the request asked for its plans, which then go into its scope. */
  private async rows<R extends RecordShape>(tx: ManagedTransaction, mode: 'READ' | 'WRITE', cypher: string, params: Record<string, unknown>, options: RunOptions): Promise<R[]> {
    const scope = currentScope();
    if (!scope?.profile) return (await tx.run<R>(cypher, params)).records.map((r) => r.toObject());
    const result = await tx.run<R>(`PROFILE ${cypher}`, params);
    keepProfile(scope.plans, options.tag ?? 'untagged', mode, result.summary);
    return result.records.map((r) => r.toObject());
  }

  /**
   * One session, one managed transaction. Inside a request the session starts after the
   * bookmarks the client sent, and a write leaves its bookmarks for the response; each
   * transaction is timed into the request, the query histogram and a tracing span.
   */
  private async transact<T>(mode: 'READ' | 'WRITE', work: Work<T>, options: RunOptions, driver = this.driver): Promise<T> {
    const scope = currentScope();
    const tag = options.tag ?? 'untagged';
    const config = {
      timeout: options.timeoutMs ?? this.defaultTimeoutMs,
      metadata: { app: 'evmap', ...(options.tag ? { tag: options.tag } : {}), ...(scope ? { requestId: scope.id } : {}) },
    };
    const counted: Work<T> = (tx) => {
      this.queryCount += 1;
      if (scope) scope.queries += 1;
      return work(tx);
    };
    const attributes = { 'db.system.name': 'neo4j', 'db.namespace': this.database, 'db.operation.name': tag, 'evmap.access_mode': mode };
    return withSpan(`neo4j ${tag}`, attributes, async () => {
      // After the client's last write, and after this request's own: a read that follows a write in one request sees it on any cluster member.
      const bookmarks = scope ? [...scope.bookmarks, ...scope.written] : [];
      const session = driver.session({ database: this.database, defaultAccessMode: mode, ...(bookmarks.length > 0 ? { bookmarks } : {}) });
      sessionsInUse.inc();
      const started = performance.now();
      let outcome = 'error';
      try {
        const result = mode === 'READ' ? await session.executeRead(counted, config) : await session.executeWrite(counted, config);
        outcome = 'ok';
        if (scope && mode === 'WRITE') scope.written = session.lastBookmarks();
        return result;
      } catch (error) {
        throw mapDriverError(error);
      } finally {
        const ms = performance.now() - started;
        neo4jDuration.observe({ tag, mode: mode.toLowerCase(), outcome }, ms / 1000);
        if (scope) scope.dbMs += ms;
        sessionsInUse.dec();
        await session.close();
      }
    }, SpanKind.CLIENT);
  }
}

/** Keeps a query's profile for the response, up to the bound on plans per request. */
function keepProfile(plans: QueryProfile[], tag: string, mode: 'READ' | 'WRITE', summary: ResultSummary): void {
  if (plans.length >= LIMITS.observe.plansPerRequest) return;
  const profile = profileOf(tag, mode, summary);
  if (profile) plans.push(profile);
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
  if (code === 'Neo.ClientError.Transaction.InvalidBookmark' || code === 'Neo.ClientError.Transaction.InvalidBookmarkMixture') {
    return new EvmapError(ErrorCode.BadUserInput, 'The x-evmap-bookmark header holds a bookmark this database did not issue; send the one a previous response gave you, or none.', { header: 'x-evmap-bookmark' });
  }
  if (code === 'Neo.TransientError.Transaction.BookmarkTimeout') {
    return new EvmapError(ErrorCode.ServiceUnavailable, 'The database has not caught up with the write your bookmark names yet; try again shortly.');
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

import { type Driver, type ManagedTransaction, Neo4jError, type RecordShape } from 'neo4j-driver';
import { ErrorCode, EvmapError } from '../errors';

export interface RunOptions {
  /** Transaction timeout; Neo4j aborts the transaction when it is exceeded. */
  timeoutMs?: number;
  /** Shown in `SHOW TRANSACTIONS` and the query log, so a slow query can be traced to its caller. */
  tag?: string;
}

type Work<T> = (tx: ManagedTransaction) => Promise<T>;

/**
 * The only place evmap opens sessions: it picks read or write routing, applies the
 * transaction timeout and metadata, closes the session in `finally`, and turns driver
 * errors that mean something to a client into coded errors.
 */
export class Executor {
  /** Queries run through this executor, so tests can show a request's query count is bounded. */
  queryCount = 0;

  constructor(
    readonly driver: Driver,
    readonly database: string,
    private readonly defaultTimeoutMs: number,
  ) {}

  /** Runs `work` in a managed read transaction (routed to a reader in a cluster). */
  read<T>(work: Work<T>, options: RunOptions = {}): Promise<T> {
    return this.run('READ', work, options);
  }

  /** Runs `work` in a managed write transaction (routed to the leader, retried on transient errors). */
  write<T>(work: Work<T>, options: RunOptions = {}): Promise<T> {
    return this.run('WRITE', work, options);
  }

  /** Runs one read query and returns its records as plain objects. */
  async readRows<R extends RecordShape = RecordShape>(cypher: string, params: Record<string, unknown> = {}, options: RunOptions = {}): Promise<R[]> {
    return this.read(async (tx) => (await tx.run<R>(cypher, params)).records.map((r) => r.toObject()), options);
  }

  /** Runs one write query and returns its records as plain objects. */
  async writeRows<R extends RecordShape = RecordShape>(cypher: string, params: Record<string, unknown> = {}, options: RunOptions = {}): Promise<R[]> {
    return this.write(async (tx) => (await tx.run<R>(cypher, params)).records.map((r) => r.toObject()), options);
  }

  private async run<T>(mode: 'READ' | 'WRITE', work: Work<T>, options: RunOptions): Promise<T> {
    const session = this.driver.session({ database: this.database, defaultAccessMode: mode });
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

/** Maps the driver errors a client can act on to coded errors; anything else stays internal (and is masked). */
export function mapDriverError(error: unknown): unknown {
  if (!(error instanceof Neo4jError)) return error;
  const code = error.code ?? '';
  if (code.includes('TransactionTimedOut') || code === 'Neo.ClientError.Transaction.TransactionTimedOutClientConfiguration') {
    return new EvmapError(ErrorCode.Timeout, 'The query took longer than its time limit and was stopped.');
  }
  if (code === 'Neo.ClientError.Schema.ConstraintValidationFailed') {
    return new EvmapError(ErrorCode.Conflict, 'The write conflicts with an existing record that has the same key.');
  }
  if (code === 'ServiceUnavailable' || code === 'SessionExpired') {
    return new EvmapError(ErrorCode.ServiceUnavailable, 'The database is not reachable right now; try again shortly.');
  }
  return error;
}

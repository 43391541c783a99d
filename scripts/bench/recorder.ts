import type { RecordShape } from 'neo4j-driver';
import type { Executor, RunOptions, Work } from '../../src/db/executor';
import type { Query } from '../../src/db/query';

/** One query a request ran, as text and parameters, so a bare driver can run exactly it again. */
export interface RecordedQuery {
  mode: 'READ' | 'WRITE';
  tag: string;
  cypher: string;
  params: Record<string, unknown>;
}

/**
 * The executor the benchmark's API runs on: the real one, noting what each request runs. Queries
 * started while another was in flight share a group (DataLoader levels resolving together), so
 * a replay can run each group's queries concurrently and the groups in order, as the API did.
 */
export class RecordingExecutor implements Executor {
  private groups: RecordedQuery[][] | null = null;
  private inFlight = 0;

  constructor(private readonly inner: Executor) {}

  get database(): string {
    return this.inner.database;
  }

  get queryCount(): number {
    return this.inner.queryCount;
  }

  /** Starts noting queries; `stop` hands them back. */
  start(): void {
    this.groups = [];
  }

  stop(): RecordedQuery[][] {
    const groups = this.groups ?? [];
    this.groups = null;
    return groups;
  }

  private async note<T>(query: RecordedQuery, run: () => Promise<T>): Promise<T> {
    if (this.groups) {
      const last = this.groups[this.groups.length - 1];
      if (this.inFlight > 0 && last) last.push(query);
      else this.groups.push([query]);
    }
    this.inFlight += 1;
    try {
      return await run();
    } finally {
      this.inFlight -= 1;
    }
  }

  run<R extends RecordShape>(query: Query<R>, options?: RunOptions): Promise<R[]> {
    return this.note({ mode: query.mode, tag: query.tag, cypher: query.cypher, params: query.params }, () => this.inner.run(query, options));
  }

  readRows<R extends RecordShape = RecordShape>(cypher: string, params: Record<string, unknown> = {}, options?: RunOptions): Promise<R[]> {
    return this.note({ mode: 'READ', tag: options?.tag ?? 'rows', cypher, params }, () => this.inner.readRows<R>(cypher, params, options));
  }

  runAll(queries: readonly Query[], options?: RunOptions): Promise<RecordShape[][]> {
    return this.inner.runAll(queries, options);
  }

  read<T>(work: Work<T>, options?: RunOptions): Promise<T> {
    return this.inner.read(work, options);
  }

  readExact<T>(work: Work<T>, options?: RunOptions): Promise<T> {
    return this.inner.readExact(work, options);
  }

  write<T>(work: Work<T>, options?: RunOptions): Promise<T> {
    return this.inner.write(work, options);
  }

  writeRows<R extends RecordShape = RecordShape>(cypher: string, params?: Record<string, unknown>, options?: RunOptions): Promise<R[]> {
    return this.inner.writeRows<R>(cypher, params, options);
  }

  ping(timeoutMs?: number): Promise<void> {
    return this.inner.ping(timeoutMs);
  }

  verifyConnectivity(): Promise<void> {
    return this.inner.verifyConnectivity();
  }

  serverAgent(): Promise<string> {
    return this.inner.serverAgent();
  }

  close(): Promise<void> {
    return this.inner.close();
  }
}

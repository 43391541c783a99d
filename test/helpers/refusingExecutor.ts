import type { Executor } from '../../src/db/executor';

/** The Executor methods that would reach Neo4j. */
export type DatabaseMethod = Exclude<keyof Executor, 'database' | 'queryCount' | 'close'>;

/**
 * An Executor for the unit tier, which has no Neo4j: every call that would reach the database
 * fails at once (instead of waiting for a connection that never comes) and is recorded, so a
 * test can show that a request was answered without any query.
 */
export class RefusingExecutor implements Executor {
  readonly database = 'neo4j';
  /** Every database call attempted so far, in order. */
  readonly calls: DatabaseMethod[] = [];

  /** Counts attempted calls, so tests written against a real executor's count still see each one. */
  get queryCount(): number {
    return this.calls.length;
  }

  run(): Promise<never> {
    return this.refuse('run');
  }

  runAll(): Promise<never> {
    return this.refuse('runAll');
  }

  read(): Promise<never> {
    return this.refuse('read');
  }

  readExact(): Promise<never> {
    return this.refuse('readExact');
  }

  write(): Promise<never> {
    return this.refuse('write');
  }

  readRows(): Promise<never> {
    return this.refuse('readRows');
  }

  writeRows(): Promise<never> {
    return this.refuse('writeRows');
  }

  ping(): Promise<never> {
    return this.refuse('ping');
  }

  verifyConnectivity(): Promise<never> {
    return this.refuse('verifyConnectivity');
  }

  serverAgent(): Promise<never> {
    return this.refuse('serverAgent');
  }

  async close(): Promise<void> {}

  private refuse(method: DatabaseMethod): Promise<never> {
    this.calls.push(method);
    return Promise.reject(new Error(`The test reached the database: Executor.${method}() was called, but unit tests run without Neo4j.`));
  }
}

/**
 * A query as a value: its text, its parameters and a tag, built by a pure function in
 * src/store/ and run by the executor. Because building runs nothing, every query can be
 * checked (test/cypher/) without a database. `Row` is the shape of one returned record.
 */
export interface Query<Row = Record<string, unknown>> {
  readonly mode: 'READ' | 'WRITE';
  readonly cypher: string;
  readonly params: Record<string, unknown>;
  /** Shown in `SHOW TRANSACTIONS` and the query log, so a slow query can be traced to its builder. */
  readonly tag: string;
  /** Carries `Row` for the type checker; never set. */
  readonly row?: Row;
}

/** A read query (routed to a reader in a cluster). */
export function readQuery<Row = Record<string, unknown>>(tag: string, cypher: string, params: Record<string, unknown> = {}): Query<Row> {
  return { mode: 'READ', tag, cypher, params };
}

/** A write query (routed to the leader). */
export function writeQuery<Row = Record<string, unknown>>(tag: string, cypher: string, params: Record<string, unknown> = {}): Query<Row> {
  return { mode: 'WRITE', tag, cypher, params };
}

import neo4j, { type Driver } from 'neo4j-driver';

export interface Neo4jConnection {
  uri: string;
  user: string;
  password: string;
  database: string;
}

/**
 * How long a read or write keeps retrying while Neo4j is unreachable, instead of the driver's
 * 30 s. The driver waits 1 s (±20%) before its first retry and 2 s before its second, and
 * retries only while this budget is not spent; at 700 ms that is exactly one retry, 0.8–1.2 s
 * after the first failure: enough to ride out a reconnect, and a down database answers
 * SERVICE_UNAVAILABLE in about a second. (At 1 s the jitter sometimes allowed a second retry,
 * answering after 3 s.)
 */
export const RETRY_BUDGET_MS = 700;
/** A TCP connect to a live server takes milliseconds; past this it is down. */
export const CONNECT_TIMEOUT_MS = 1_500;
/**
 * How long a query waits for a pooled connection, which also bounds a server that accepts TCP
 * but never completes the Bolt handshake (connectionTimeout does not cover that). Opening a
 * connection to a busy Neo4j on a small machine can take seconds, so this stays well above that;
 * a request that cannot get a connection in this time is better refused than left queueing.
 */
export const ACQUIRE_TIMEOUT_MS = 5_000;
/** Connections the main driver pools per server; the gauge evmap_neo4j_pool_max_size reports it. */
export const POOL_SIZE = 50;

/**
 * Creates a driver; only the Executor calls this. By default integers come back as JS numbers
 * because evmap's counts, years and offsets are far below 2^53, which spares every query a
 * conversion step. `exactIntegers` keeps them lossless, for analysts' arbitrary results.
 */
export function createDriver(connection: Neo4jConnection, options: { exactIntegers?: boolean } = {}): Driver {
  return neo4j.driver(connection.uri, neo4j.auth.basic(connection.user, connection.password), {
    userAgent: 'evmap/0.1',
    disableLosslessIntegers: !options.exactIntegers,
    maxConnectionPoolSize: options.exactIntegers ? 10 : POOL_SIZE,
    connectionTimeout: CONNECT_TIMEOUT_MS,
    connectionAcquisitionTimeout: ACQUIRE_TIMEOUT_MS,
    maxTransactionRetryTime: RETRY_BUDGET_MS,
  });
}

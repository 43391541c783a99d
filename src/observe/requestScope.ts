import { AsyncLocalStorage } from 'node:async_hooks';
import type { Span } from '@opentelemetry/api';

/** One operator of a profiled query plan, as `extensions.cost.plans` shows it. */
export interface PlanStep {
  operator: string;
  details: string;
  rows: number;
  dbHits: number;
  children: PlanStep[];
}

/** A query's profile: what the store called it, and what Neo4j did to answer it. */
export interface QueryProfile {
  tag: string;
  mode: 'READ' | 'WRITE';
  rows: number;
  dbHits: number;
  plan: PlanStep;
}

/**
 * What evmap learns about one request while answering it, wherever the work happens: the edge
 * fills in who and what, the executor adds each Neo4j round trip, its time and its bookmarks.
 * The access log, the metrics and `extensions.cost` read it when the response goes out.
 */
export interface RequestScope {
  readonly id: string;
  /** The GraphQL operation's name, once Apollo has resolved it. */
  operation: string | undefined;
  /** Every error code the response carries, in order. */
  errorCodes: string[];
  /** Neo4j transactions run, retries included. */
  queries: number;
  dbMs: number;
  /** The query cost the limit was checked against. */
  cost: number | undefined;
  /** Bookmarks the client sent back: each session of this request starts after them (read-your-writes on any replica). */
  readonly bookmarks: readonly string[];
  /** The bookmarks of this request's last committed write, for the response header. */
  written: string[];
  /** The non-secret name of the request's API key, once verified. */
  client: string | undefined;
  /** True when the client asked for query plans and may see them: each store query is then PROFILEd. */
  profile: boolean;
  plans: QueryProfile[];
  /** The request's tracing span, entered again after the body parser loses the async context. */
  span: Span | undefined;
}

const storage = new AsyncLocalStorage<RequestScope>();

export function newScope(id: string, options: { bookmarks?: readonly string[]; profile?: boolean } = {}): RequestScope {
  return {
    id,
    operation: undefined,
    errorCodes: [],
    queries: 0,
    dbMs: 0,
    cost: undefined,
    bookmarks: options.bookmarks ?? [],
    written: [],
    client: undefined,
    profile: options.profile ?? false,
    plans: [],
    span: undefined,
  };
}

/** Runs `fn` (and everything it awaits or schedules) inside `scope`. */
export function runInScope<T>(scope: RequestScope, fn: () => T): T {
  return storage.run(scope, fn);
}

/** Error codes kept per request: a response with many errors is logged by its first few. */
const MAX_CODES = 20;

/** Notes an error code answered to the current request's client, for its access log line and the error metric. */
export function noteError(code: string): void {
  const scope = storage.getStore();
  if (scope && scope.errorCodes.length < MAX_CODES) scope.errorCodes.push(code);
}

/** The scope of the request being answered, or undefined outside one (the CLI, imports, start-up). */
export function currentScope(): RequestScope | undefined {
  return storage.getStore();
}

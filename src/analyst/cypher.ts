import { Neo4jError, type ManagedTransaction } from 'neo4j-driver';
import { mapDriverError, type Executor } from '../db/executor';
import { ErrorCode, EvmapError, isEvmapError } from '../errors';
import { LIMITS } from '../limits';
import { publicIdsByElementIdQuery } from '../store/subgraph';
import { edgeId } from '../graph/keys';
import { neo4jReason } from './neo4jReason';
import { withCypherIntegers } from './params';
import { checkReadOnly } from './planGuard';
import { checkRanges } from './rangeCheck';
import { collectRows, type TruncatedBy } from './resultBudget';
import { type JsonRelationship } from './toJson';
import { runTag, withWatchdog } from './watchdog';

export interface CypherLimits {
  timeoutMs: number;
  maxRows: number;
  /** JSON bytes of one result's rows together. */
  maxBytes: number;
}

export interface CypherOutcome {
  columns: string[];
  rows: Array<Record<string, unknown>>;
  /** True when the row cap or the byte budget cut the result. */
  truncated: boolean;
  truncatedBy: TruncatedBy | null;
  elapsedMs: number;
}

/** Gives relationships the evmap ids of their endpoints (`CITES:Paper:1->Paper:2`) with one lookup for the whole result. */
async function resolveEndpoints(tx: ManagedTransaction, rows: Array<Record<string, unknown>>): Promise<void> {
  const relationships: JsonRelationship[] = [];
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) value.forEach(visit);
    else if (value && typeof value === 'object') {
      const v = value as Partial<JsonRelationship>;
      if (typeof v.type === 'string' && typeof v.source === 'string' && typeof v.target === 'string') relationships.push(v as JsonRelationship);
      else Object.values(value).forEach(visit);
    }
  };
  rows.forEach(visit);
  const unknown = [...new Set(relationships.flatMap((r) => [r.source, r.target]).filter((id) => id.startsWith('element:')))];
  const ids = new Map<string, string>();
  if (unknown.length > 0) {
    const query = publicIdsByElementIdQuery(unknown.map((id) => id.slice('element:'.length)));
    const result = await tx.run(query.cypher, query.params);
    for (const r of result.records) {
      const id = r.get('id') as string | null;
      if (id) ids.set(`element:${r.get('eid') as string}`, id);
    }
  }
  for (const r of relationships) {
    r.source = ids.get(r.source) ?? r.source;
    r.target = ids.get(r.target) ?? r.target;
    if (!r.source.startsWith('element:') && !r.target.startsWith('element:')) r.id = edgeId(r.type, r.source, r.target);
  }
}

/**
 * Turns the query's own failures into coded errors inside the transaction. Neo4j's
 * memory-limit errors are transient, so the driver would retry the same query; as an
 * EvmapError (which the driver never retries) the client gets RESOURCE_LIMIT at once.
 */
function failFast(error: unknown): unknown {
  const mapped = mapDriverError(error);
  if (isEvmapError(mapped, ErrorCode.ResourceLimit)) return mapped;
  if (error instanceof Neo4jError && error.code.startsWith('Neo.ClientError') && !error.code.includes('TransactionTimedOut')) {
    return new EvmapError(ErrorCode.BadUserInput, `The query failed: ${neo4jReason(error)}`, { argumentName: 'query' });
  }
  return error;
}

/**
 * Runs a query in a read transaction with lossless integers, a time limit enforced by Neo4j
 * and by a watchdog (see withWatchdog), and a row cap and byte budget, converting values to JSON.
 */
export async function runCapped(
  db: Executor,
  query: string,
  params: Record<string, unknown>,
  limits: CypherLimits,
  options: { guard: boolean; tag: string },
): Promise<CypherOutcome> {
  const started = Date.now();
  const tag = runTag(options.tag);
  const work = (tx: ManagedTransaction): Promise<CypherOutcome> =>
    (async () => {
      if (options.guard) await checkReadOnly(tx, query, params, db.database);
      const { columns, rows, truncatedBy } = await collectRows(tx.run(query, params), limits);
      await resolveEndpoints(tx, rows);
      return { columns, rows, truncated: truncatedBy !== null, truncatedBy, elapsedMs: Date.now() - started };
    })().catch((error: unknown) => {
      throw failFast(error);
    });
  return withWatchdog(db, tag, limits.timeoutMs, () => db.readExact(work, { timeoutMs: limits.timeoutMs, tag }));
}

/**
 * Runs an analyst's query under guard: refused unless read-only and free of server commands
 * (see checkReadOnly) and unless its range() calls stay under the cap (see checkRanges), then
 * run with a time limit (TIMEOUT), a row cap and a byte budget (`truncated`). Parameters travel
 * separately and are never spliced into the query text; whole numbers among them are integers.
 */
export async function runReadOnlyCypher(db: Executor, query: string, params: Record<string, unknown>, limits: CypherLimits): Promise<CypherOutcome> {
  if (query.trim().length === 0) throw new EvmapError(ErrorCode.BadUserInput, 'The query is empty.', { argumentName: 'query' });
  const max = LIMITS.analyst.maxQueryLength;
  if (query.length > max) throw new EvmapError(ErrorCode.BadUserInput, `The query is longer than ${max} characters.`, { argumentName: 'query' });
  const cypherParams = withCypherIntegers(params);
  checkRanges(query, cypherParams);
  return runCapped(db, query, cypherParams, limits, { guard: true, tag: 'analyst:cypher' });
}

import { Neo4jError, type ManagedTransaction } from 'neo4j-driver';
import type { Executor } from '../db/executor';
import { ErrorCode, EvmapError } from '../errors';
import { edgeId, publicIdCypher } from '../queries/subgraph';
import { toJson, type JsonRelationship } from './toJson';

/** Read procedures an analyst query may call; everything else (dbms.*, writes, admin) is refused. */
export const ALLOWED_PROCEDURES = new Set([
  'db.labels',
  'db.relationshipTypes',
  'db.propertyKeys',
  'db.schema.visualization',
  'db.schema.nodeTypeProperties',
  'db.schema.relTypeProperties',
  'db.index.fulltext.queryNodes',
  'db.index.fulltext.queryRelationships',
]);

export interface CypherLimits {
  timeoutMs: number;
  maxRows: number;
}

export interface CypherOutcome {
  columns: string[];
  rows: Array<Record<string, unknown>>;
  /** True when the row cap cut the result. */
  truncated: boolean;
  elapsedMs: number;
}

interface PlanNode {
  operatorType: string;
  arguments?: Record<string, unknown>;
  children?: PlanNode[];
}

/** Query parameters from a client: an object, or nothing; anything else is BAD_USER_INPUT. */
export function asParams(value: unknown): Record<string, unknown> {
  if (value === undefined || value === null) return {};
  if (typeof value !== 'object' || Array.isArray(value)) throw new EvmapError(ErrorCode.BadUserInput, 'params must be an object', { argumentName: 'params' });
  return value as Record<string, unknown>;
}

function forbidden(message: string): EvmapError {
  return new EvmapError(ErrorCode.Forbidden, message);
}

/** The first line of a Neo4j error, which names the problem without the server's internals. */
function neo4jReason(error: Neo4jError): string {
  return (error.message.split('\n')[0] ?? error.message).trim();
}

function operators(plan: PlanNode): PlanNode[] {
  return [plan, ...(plan.children ?? []).flatMap(operators)];
}

/**
 * Asks Neo4j to EXPLAIN the query (nothing runs) and refuses it unless the plan is read-only,
 * runs against evmap's database, loads no CSV and calls only allow-listed procedures. Neo4j's
 * READ access mode alone is not access control, so this check comes first.
 */
async function checkReadOnly(tx: ManagedTransaction, query: string, params: Record<string, unknown>, database: string): Promise<void> {
  let summary;
  try {
    summary = (await tx.run(`EXPLAIN ${query}`, params)).summary;
  } catch (error) {
    if (error instanceof Neo4jError && error.code.startsWith('Neo.ClientError')) {
      throw new EvmapError(ErrorCode.BadUserInput, `The query cannot be planned: ${neo4jReason(error)}`, { argumentName: 'query' });
    }
    throw error;
  }
  if (summary.database.name && summary.database.name !== database) {
    throw forbidden(`Queries may only read the ${database} database.`);
  }
  const plan = summary.plan as PlanNode | false;
  for (const op of plan ? operators(plan) : []) {
    const type = op.operatorType.split('@')[0] ?? op.operatorType;
    if (type === 'LoadCSV') throw forbidden('LOAD CSV is not allowed in analyst queries.');
    if (type === 'ProcedureCall') {
      const name = /^([\w.]+)\(/.exec(String(op.arguments?.Details ?? ''))?.[1] ?? 'an unknown procedure';
      if (!ALLOWED_PROCEDURES.has(name)) throw forbidden(`Procedure ${name} is not allowed; allowed: ${[...ALLOWED_PROCEDURES].join(', ')}.`);
    }
  }
  if (summary.queryType !== 'r') {
    const kind = summary.queryType === 's' ? 'changes the schema or administers the server' : 'writes to the graph';
    throw forbidden(`Only read queries are allowed; this query ${kind}.`);
  }
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
    const result = await tx.run(
      `UNWIND $ids AS eid MATCH (n) WHERE elementId(n) = eid
       RETURN eid, ${publicIdCypher('n')} AS id`,
      { ids: unknown.map((id) => id.slice('element:'.length)) },
    );
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

/** Runs a query in a read transaction with a time limit and row cap, converting values to JSON. */
export async function runCapped(
  db: Executor,
  query: string,
  params: Record<string, unknown>,
  limits: CypherLimits,
  options: { guard: boolean; tag: string },
): Promise<CypherOutcome> {
  const started = Date.now();
  return db.read(
    async (tx) => {
      if (options.guard) await checkReadOnly(tx, query, params, db.database);
      const rows: Array<Record<string, unknown>> = [];
      let columns: string[];
      let truncated = false;
      try {
        const result = tx.run(query, params);
        columns = (await result.keys()) as string[];
        for await (const record of result) {
          if (rows.length >= limits.maxRows) {
            truncated = true;
            break;
          }
          rows.push(Object.fromEntries(columns.map((c) => [c, toJson(record.get(c))])));
        }
      } catch (error) {
        if (error instanceof Neo4jError && error.code.startsWith('Neo.ClientError') && !error.code.includes('TransactionTimedOut')) {
          throw new EvmapError(ErrorCode.BadUserInput, `The query failed: ${neo4jReason(error)}`, { argumentName: 'query' });
        }
        throw error;
      }
      await resolveEndpoints(tx, rows);
      return { columns, rows, truncated, elapsedMs: Date.now() - started };
    },
    { timeoutMs: limits.timeoutMs, tag: options.tag },
  );
}

/**
 * Runs an analyst's query under guard: refused unless read-only (see checkReadOnly), then run
 * in a read transaction with a time limit (TIMEOUT) and a row cap (`truncated`). Parameters
 * travel separately and are never spliced into the query text.
 */
export async function runReadOnlyCypher(db: Executor, query: string, params: Record<string, unknown>, limits: CypherLimits): Promise<CypherOutcome> {
  if (query.trim().length === 0) throw new EvmapError(ErrorCode.BadUserInput, 'The query is empty.', { argumentName: 'query' });
  if (query.length > 20_000) throw new EvmapError(ErrorCode.BadUserInput, 'The query is longer than 20000 characters.', { argumentName: 'query' });
  return runCapped(db, query, params, limits, { guard: true, tag: 'analyst:cypher' });
}

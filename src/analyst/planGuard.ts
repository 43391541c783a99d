import { Neo4jError, type ManagedTransaction } from 'neo4j-driver';
import { ErrorCode, EvmapError } from '../errors';
import { neo4jReason } from './neo4jReason';

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

/**
 * Command operators an analyst query may plan: the ones that only describe the graph's schema.
 * Other commands plan as "read" too (SHOW TRANSACTIONS lists other requests' queries and
 * parameters, TERMINATE TRANSACTIONS stops them, SHOW SETTINGS reveals paths and memory
 * settings), so every other command operator is refused.
 */
export const ALLOWED_COMMANDS = new Set(['ShowIndexes', 'ShowConstraints', 'ShowProcedures', 'ShowFunctions']);

/** Neo4j names its command operators Show…/Terminate…, and plans administration commands as one AdministrationCommand. */
function isCommand(operator: string): boolean {
  return /^(Show|Terminate)[A-Z]/.test(operator) || operator === 'AdministrationCommand';
}

const ADMIN_ONLY_CODES = new Set(['Neo.ClientError.Statement.NotSystemDatabaseError', 'Neo.ClientError.Statement.UnsupportedAdministrationCommand']);

const COMMANDS_MESSAGE = 'Of the commands, analyst queries may only run SHOW INDEXES, SHOW CONSTRAINTS, SHOW PROCEDURES and SHOW FUNCTIONS.';

interface PlanNode {
  operatorType: string;
  arguments?: Record<string, unknown>;
  children?: PlanNode[];
}

function forbidden(message: string): EvmapError {
  return new EvmapError(ErrorCode.Forbidden, message);
}

function operators(plan: PlanNode): PlanNode[] {
  return [plan, ...(plan.children ?? []).flatMap(operators)];
}

/**
 * Asks Neo4j to EXPLAIN the query (nothing runs) and refuses it unless the plan is read-only,
 * runs against evmap's database, loads no CSV, calls only allow-listed procedures and runs no
 * command beyond the schema-describing ones. Neo4j's READ access mode alone is not access
 * control, so this check comes first.
 */
export async function checkReadOnly(tx: ManagedTransaction, query: string, params: Record<string, unknown>, database: string): Promise<void> {
  let summary;
  try {
    summary = (await tx.run(`EXPLAIN ${query}`, params)).summary;
  } catch (error) {
    // Administration commands Neo4j only plans on the system database (SHOW ROLES, SHOW SERVERS…) fail here.
    if (error instanceof Neo4jError && ADMIN_ONLY_CODES.has(error.code)) throw forbidden(COMMANDS_MESSAGE);
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
    if (isCommand(type) && !ALLOWED_COMMANDS.has(type)) {
      throw forbidden(COMMANDS_MESSAGE);
    }
  }
  if (summary.queryType !== 'r') {
    const kind = summary.queryType === 's' ? 'changes the schema or administers the server' : 'writes to the graph';
    throw forbidden(`Only read queries are allowed; this query ${kind}.`);
  }
}

import { readdirSync } from 'node:fs';
import path from 'node:path';
import neo4j from 'neo4j-driver';
import type { Executor } from '../db/executor';
import { readQuery, type Query } from '../db/query';
import { ErrorCode, EvmapError } from '../errors';
import { requireEntity } from '../features/entityRefs';
import { LIMITS } from '../limits';
import { STANCES, type EntityLabel } from '../graph/model';
import { runCapped, type CypherLimits, type CypherOutcome } from './cypher';
import { asParams } from './params';

/** Parameter types a traversal can declare; `Entity` accepts an id, name or alias and passes the entity id. */
export type ParameterType = 'Entity' | 'String' | 'Int' | 'Stance';

export interface ParameterSpec {
  type: ParameterType;
  description: string;
  required?: boolean;
  default?: string | number;
  /** Int only: inclusive bounds. */
  min?: number;
  max?: number;
  /** Entity only: labels the entity must have. */
  labels?: EntityLabel[];
}

/** A named, parameterised, read-only query an analyst can run without writing Cypher. */
export interface Traversal {
  name: string;
  description: string;
  parameters: Record<string, ParameterSpec>;
  /** The query for bound parameters; they arrive only as query parameters, never in its text. */
  query: (params: Record<string, unknown>) => Query;
}

/** How a traversal file declares itself: fixed Cypher, or a feature's own query for the bound parameters. */
export type TraversalDefinition = Omit<Traversal, 'query'> & ({ cypher: string } | { query: Traversal['query'] });

/** Declares a traversal; each file in analyst/traversals/ exports one as `traversal`. */
export function defineTraversal(t: TraversalDefinition): Traversal {
  if ('query' in t) return t;
  const { cypher, ...rest } = t;
  return { ...rest, query: (params) => readQuery(`traversal:${t.name}`, cypher, params) };
}

function bad(name: string, message: string): EvmapError {
  return new EvmapError(ErrorCode.BadUserInput, `params.${name} ${message}`, { argumentName: 'params' });
}

async function coerce(db: Executor, name: string, spec: ParameterSpec, value: unknown): Promise<unknown> {
  switch (spec.type) {
    case 'Int': {
      if (typeof value !== 'number' || !Number.isInteger(value)) throw bad(name, 'must be a whole number');
      if ((spec.min !== undefined && value < spec.min) || (spec.max !== undefined && value > spec.max)) throw bad(name, `must be from ${spec.min} to ${spec.max}`);
      return neo4j.int(value);
    }
    case 'Stance':
      if (typeof value !== 'string' || !(STANCES as readonly string[]).includes(value)) throw bad(name, `must be one of ${STANCES.join(', ')}`);
      return value;
    case 'String':
      if (typeof value !== 'string' || value.length === 0 || value.length > LIMITS.analyst.maxStringParam) {
        throw bad(name, `must be a non-empty string of at most ${LIMITS.analyst.maxStringParam} characters`);
      }
      return value;
    case 'Entity': {
      if (typeof value !== 'string' || value.length === 0) throw bad(name, 'must be an entity id, name or alias');
      return (await requireEntity(db, value, `params.${name}`, spec.labels)).id;
    }
  }
}

/** Checks the given params against the traversal's declaration and fills in defaults. */
export async function bindParameters(db: Executor, t: Traversal, given: unknown): Promise<Record<string, unknown>> {
  const raw = asParams(given);
  const unknown = Object.keys(raw).filter((k) => !(k in t.parameters));
  if (unknown.length > 0) throw bad(unknown[0] as string, `is not a parameter of ${t.name}; it takes ${Object.keys(t.parameters).join(', ')}`);
  const bound: Record<string, unknown> = {};
  for (const [name, spec] of Object.entries(t.parameters)) {
    const value = raw[name] ?? spec.default;
    if (value === undefined) {
      if (spec.required) throw bad(name, 'is required');
      bound[name] = null;
      continue;
    }
    bound[name] = await coerce(db, name, spec, value);
  }
  return bound;
}

let registry: Map<string, Traversal> | undefined;

/** Every traversal in analyst/traversals/, by name: adding a traversal is adding one file there. */
export function traversalRegistry(): Map<string, Traversal> {
  if (registry) return registry;
  const dir = path.join(__dirname, 'traversals');
  const found = new Map<string, Traversal>();
  for (const file of readdirSync(dir).sort()) {
    if (!/\.(ts|js)$/.test(file) || file.endsWith('.d.ts')) continue;
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const mod = require(path.join(dir, file)) as { traversal?: Traversal };
    if (!mod.traversal) throw new Error(`${file} in analyst/traversals exports no \`traversal\``);
    if (found.has(mod.traversal.name)) throw new Error(`two traversals are named ${mod.traversal.name}`);
    found.set(mod.traversal.name, mod.traversal);
  }
  registry = found;
  return found;
}

/** Runs a named traversal with validated parameters under the same time limit and row cap as analyst Cypher. */
export async function runTraversal(db: Executor, name: string, params: unknown, limits: CypherLimits): Promise<CypherOutcome> {
  const t = traversalRegistry().get(name);
  if (!t) {
    throw new EvmapError(ErrorCode.NotFound, `No traversal named ${JSON.stringify(name)}; known: ${[...traversalRegistry().keys()].join(', ')}`, { argumentName: 'name' });
  }
  const query = t.query(await bindParameters(db, t, params));
  return runCapped(db, query.cypher, query.params, limits, { guard: false, tag: `traversal:${name}` });
}

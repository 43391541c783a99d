import neo4j from 'neo4j-driver';
import { ErrorCode, EvmapError } from '../errors';
import { LIMITS } from '../limits';

/** Deeper params are refused: no real query needs them, and copying them must not exhaust the stack. */
export const MAX_PARAMS_DEPTH = LIMITS.analyst.maxParamsDepth;
/** Values (including nested ones) one params object may hold. */
const MAX_PARAMS_VALUES = LIMITS.analyst.maxParamsValues;

function bad(message: string): EvmapError {
  return new EvmapError(ErrorCode.BadUserInput, `params ${message}`, { argumentName: 'params' });
}

type Container = Record<string, unknown> | unknown[];

/**
 * Query parameters from a client: an object, or nothing; anything else is BAD_USER_INPUT.
 * Returns a copy made of ordinary objects and arrays, walked with an explicit stack so depth
 * and size are bounded without recursion. The copy matters: the JSON scalar builds inline
 * literals with null prototypes, which neo4j-driver cannot take as parameters.
 */
export function asParams(value: unknown): Record<string, unknown> {
  if (value === undefined || value === null) return {};
  if (typeof value !== 'object' || Array.isArray(value)) throw bad('must be an object');
  const root: Record<string, unknown> = {};
  const stack: Array<{ from: object; to: Container; depth: number }> = [{ from: value, to: root, depth: 1 }];
  let count = 0;
  while (stack.length > 0) {
    const { from, to, depth } = stack.pop() as (typeof stack)[number];
    for (const [key, item] of Object.entries(from)) {
      count += 1;
      if (count > MAX_PARAMS_VALUES) throw bad(`must hold at most ${MAX_PARAMS_VALUES} values`);
      let copy: unknown = item;
      if (item !== null && typeof item === 'object') {
        if (depth >= MAX_PARAMS_DEPTH) throw bad(`must nest at most ${MAX_PARAMS_DEPTH} levels deep`);
        copy = Array.isArray(item) ? [] : {};
        stack.push({ from: item, to: copy as Container, depth: depth + 1 });
      }
      if (Array.isArray(to)) to.push(copy);
      else to[key] = copy;
    }
  }
  return root;
}

function integersIn(value: unknown): unknown {
  if (typeof value === 'number' && Number.isSafeInteger(value)) return neo4j.int(value);
  if (Array.isArray(value)) return value.map(integersIn);
  if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, integersIn(v)]));
  return value;
}

/**
 * neo4j-driver sends every JS number as a Cypher float, so `LIMIT $n` or `range(1, $n)` would
 * fail on 3.0; whole numbers go as integers instead. Only for params that passed asParams,
 * whose depth is bounded, so the recursion is too.
 */
export function withCypherIntegers(params: Record<string, unknown>): Record<string, unknown> {
  return integersIn(params) as Record<string, unknown>;
}

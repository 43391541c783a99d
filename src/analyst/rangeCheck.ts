import neo4j from 'neo4j-driver';
import { ErrorCode, EvmapError } from '../errors';
import { LIMITS } from '../limits';
import { tokenize, type Token } from './cypherTokens';

/**
 * The most values the range() calls of one analyst query may produce together inside
 * expressions (list comprehensions, reduce, any/all, returned lists). Neo4j evaluates those
 * loops without checking the transaction's timeout or termination and without counting their
 * memory, so a large one keeps a core busy long after TIMEOUT or exhausts the heap. Measured
 * on a 2-core machine: `reduce(s='', x IN range(1,n) | s + 'x')` takes ~3 s at n = 100,000
 * and ~160 s at n = 1,000,000 (string building is quadratic), so the cap sits at 100,000.
 */
export const RANGE_CAP = BigInt(LIMITS.analyst.rangeCap);

/** Parentheses nested deeper than this in a bound make it "not a constant", which bounds recursion. */
const MAX_NESTING = 32;

type Bound = bigint | undefined;

/** A parameter's value as a Cypher integer, or undefined when it is not a whole number. */
function paramInteger(value: unknown): Bound {
  if (neo4j.isInt(value)) return BigInt(neo4j.integer.toString(value));
  if (typeof value === 'number' && Number.isSafeInteger(value)) return BigInt(value);
  if (typeof value === 'bigint') return value;
  return undefined;
}

function literalInteger(text: string): Bound {
  const digits = text.replaceAll('_', '');
  if (/^0x[0-9a-f]+$/i.test(digits)) return BigInt(digits);
  if (/^0o[0-7]+$/.test(digits)) return BigInt(`0o${digits.slice(2)}`);
  return /^\d+$/.test(digits) ? BigInt(digits) : undefined;
}

/**
 * Evaluates a range() argument when it is made only of integer literals, parameters, unary
 * minus and + - * / % with parentheses; anything else (variables, functions, floats) is
 * undefined: not a constant this check can know.
 */
export function constantInteger(tokens: Token[], params: Record<string, unknown>): Bound {
  let pos = 0;
  const peek = (): string | undefined => tokens[pos]?.text;
  const expr = (depth: number): Bound => {
    let value = term(depth);
    while (value !== undefined && (peek() === '+' || peek() === '-')) {
      const op = tokens[pos++]?.text;
      const right = term(depth);
      value = right === undefined ? undefined : op === '+' ? value + right : value - right;
    }
    return value;
  };
  const term = (depth: number): Bound => {
    let value = factor(depth);
    while (value !== undefined && (peek() === '*' || peek() === '/' || peek() === '%')) {
      const op = tokens[pos++]?.text;
      const right = factor(depth);
      if (right === undefined || (op !== '*' && right === 0n)) return undefined;
      value = op === '*' ? value * right : op === '/' ? value / right : value % right;
    }
    return value;
  };
  const factor = (depth: number): Bound => {
    const token = tokens[pos++];
    if (!token || depth > MAX_NESTING) return undefined;
    if (token.text === '-' || token.text === '+') {
      const value = factor(depth + 1);
      return value === undefined ? undefined : token.text === '-' ? -value : value;
    }
    if (token.text === '(') {
      const value = expr(depth + 1);
      return tokens[pos++]?.text === ')' ? value : undefined;
    }
    if (token.kind === 'number') return literalInteger(token.text);
    if (token.kind === 'param') return paramInteger(params[token.text]);
    return undefined;
  };
  const value = expr(0);
  return pos === tokens.length ? value : undefined;
}

/** How many values range(start, end, step) yields, as Neo4j counts them. */
export function rangeSpan(start: bigint, end: bigint, step: bigint): bigint {
  if (step === 0n) return 0n;
  const span = (end - start) / step + 1n;
  return span > 0n ? span : 0n;
}

interface RangeCall {
  /** The call's arguments, split at top-level commas. */
  args: Token[][];
  /** `UNWIND range(…) AS x`: Neo4j streams it row by row, checking the timeout on each row. */
  streamed: boolean;
}

function rangeCalls(tokens: Token[]): RangeCall[] {
  const calls: RangeCall[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const isCall = tokens[i]?.kind === 'word' && tokens[i]?.text.toLowerCase() === 'range' && tokens[i + 1]?.text === '(' && tokens[i - 1]?.text !== '.';
    if (!isCall) continue;
    const args: Token[][] = [[]];
    let depth = 0;
    let j = i + 2;
    for (; j < tokens.length; j++) {
      const t = tokens[j] as Token;
      if (t.text === '(' || t.text === '[' || t.text === '{') depth += 1;
      else if (t.text === ')' && depth === 0) break;
      else if (t.text === ')' || t.text === ']' || t.text === '}') depth -= 1;
      if (t.text === ',' && depth === 0) args.push([]);
      else args[args.length - 1]?.push(t);
    }
    const streamed = tokens[i - 1]?.text.toUpperCase() === 'UNWIND' && tokens[j + 1]?.text.toUpperCase() === 'AS';
    calls.push({ args, streamed });
  }
  return calls;
}

/**
 * Refuses, before anything runs, a query whose range() calls inside expressions would produce
 * more than RANGE_CAP values together (their spans are multiplied, because a range nested in
 * another's loop runs once per outer value; for side-by-side ranges that overcounts, which only
 * refuses early). Only bounds that are literals, parameters or constant arithmetic are known;
 * a bound computed from data, variables or functions is not checked.
 */
export function checkRanges(query: string, params: Record<string, unknown>, cap = RANGE_CAP): void {
  let product = 1n;
  for (const call of rangeCalls(tokenize(query))) {
    if (call.streamed || call.args.length < 2 || call.args.length > 3) continue;
    const [start, end, step] = call.args.map((a) => constantInteger(a, params));
    if (start === undefined || end === undefined || (call.args.length === 3 && step === undefined)) continue;
    const span = rangeSpan(start, end, step ?? 1n);
    // An empty range must not zero the product and let a later huge one through.
    if (span > 1n) product *= span;
    if (product > cap) {
      throw new EvmapError(
        ErrorCode.ResourceLimit,
        `The range() calls in this query would produce more than ${cap} values inside expressions, which Neo4j cannot stop once started. Use UNWIND range(…) AS x to stream a longer range row by row.`,
        { limit: 'range', max: Number(cap) },
      );
    }
  }
}

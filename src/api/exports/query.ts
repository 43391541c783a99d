import type express from 'express';
import { ErrorCode, EvmapError, quoteInput } from '../../errors';

/*
 * The export routes' query strings, read strictly: a misspelt, repeated or malformed parameter
 * is BAD_USER_INPUT naming it, because a download that quietly ignored it would look right
 * while holding something else than asked for.
 */

export function badRequest(argumentName: string, message: string): EvmapError {
  return new EvmapError(ErrorCode.BadUserInput, message, { argumentName });
}

/** The route's parameters by name, each given at most once as plain text; any other name is refused. */
export function queryParams(req: express.Request, known: readonly string[]): Partial<Record<string, string>> {
  const out: Partial<Record<string, string>> = {};
  for (const [name, value] of Object.entries(req.query)) {
    if (!known.includes(name)) throw badRequest(name, `${quoteInput(name)} is not a parameter of ${req.path}, which takes ${known.join(', ')}`);
    if (typeof value !== 'string') throw badRequest(name, `${name} must be given once, as text`);
    out[name] = value;
  }
  return out;
}

/** One of `allowed`; `fallback` when absent, and required when there is no fallback. */
export function oneOf<T extends string>(value: string | undefined, name: string, allowed: readonly T[], fallback?: T): T {
  const chosen = value ?? fallback;
  if (chosen === undefined) throw badRequest(name, `${name} is required: one of ${allowed.join(', ')}`);
  if (!(allowed as readonly string[]).includes(chosen)) throw badRequest(name, `${name} must be one of ${allowed.join(', ')}, got ${quoteInput(chosen)}`);
  return chosen as T;
}

/** A comma-separated list, blanks dropped. */
export function list(value: string | undefined): string[] | undefined {
  return value?.split(',').map((s) => s.trim()).filter(Boolean);
}

/** Digits with an optional minus sign; Number() alone would also take "", "1e3" and "0x10". */
export function integer(value: string | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  if (!/^-?\d+$/.test(value)) throw badRequest(name, `${name} must be a whole number, got ${quoteInput(value)}`);
  return Number(value);
}

/** A decimal number such as 0.5; Number() alone would also take "", "1e3" and "0x10". */
export function decimal(value: string | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  if (!/^-?\d+(?:\.\d+)?$/.test(value)) throw badRequest(name, `${name} must be a number such as 0.5, got ${quoteInput(value)}`);
  return Number(value);
}

export function json(value: string | undefined, name: string, example: string): unknown {
  if (value === undefined) return undefined;
  try {
    return JSON.parse(value);
  } catch {
    throw badRequest(name, `${name} must be JSON, e.g. ${name}=${example}`);
  }
}

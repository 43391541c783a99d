import { GraphQLError } from 'graphql';

/** Error codes clients can rely on in `extensions.code`. */
export enum ErrorCode {
  BadUserInput = 'BAD_USER_INPUT',
  NotFound = 'NOT_FOUND',
  Forbidden = 'FORBIDDEN',
  Unauthenticated = 'UNAUTHENTICATED',
  QueryTooComplex = 'QUERY_TOO_COMPLEX',
  Timeout = 'TIMEOUT',
  /** A query would use more memory, result bytes or work than the service allows; `extensions.limit` names which. */
  ResourceLimit = 'RESOURCE_LIMIT',
  Conflict = 'CONFLICT',
  ServiceUnavailable = 'SERVICE_UNAVAILABLE',
}

/** A GraphQLError that only adds a stable `extensions.code`; Apollo passes it to the client unchanged. */
export class EvmapError extends GraphQLError {
  constructor(code: ErrorCode, message: string, extensions: Record<string, unknown> = {}) {
    super(message, { extensions: { ...extensions, code } });
    this.name = 'EvmapError';
  }
}

/** How much of a client's argument an error message repeats. */
const QUOTE_LIMIT = 100;

/**
 * A client's argument as an error message quotes it: JSON-quoted, and cut to its first
 * characters with its length when long, so a huge argument is not echoed back whole.
 */
export function quoteInput(value: string): string {
  if (value.length <= QUOTE_LIMIT) return JSON.stringify(value);
  // Not cutting between the halves of a surrogate pair keeps the quote valid UTF-16.
  const end = /[\uD800-\uDBFF]/.test(value[QUOTE_LIMIT - 1] ?? '') ? QUOTE_LIMIT - 1 : QUOTE_LIMIT;
  return `${JSON.stringify(value.slice(0, end))}… (${value.length} characters)`;
}

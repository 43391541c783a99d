/** Error codes clients can rely on: GraphQL `extensions.code`, the export routes' `code`, the CLI's message. */
export enum ErrorCode {
  BadUserInput = 'BAD_USER_INPUT',
  NotFound = 'NOT_FOUND',
  Forbidden = 'FORBIDDEN',
  Unauthenticated = 'UNAUTHENTICATED',
  QueryTooComplex = 'QUERY_TOO_COMPLEX',
  Timeout = 'TIMEOUT',
  /** A query would use more memory, result bytes or work than the service allows; `limit` names which. */
  ResourceLimit = 'RESOURCE_LIMIT',
  Conflict = 'CONFLICT',
  ServiceUnavailable = 'SERVICE_UNAVAILABLE',
  /** Too many requests from one client address or API key; `retryAfterSeconds` says when to try again. */
  RateLimited = 'RATE_LIMITED',
}

/** What each edge does with a code: its HTTP status and the CLI's exit code. */
export interface CodeMapping {
  http: number;
  exit: number;
  /**
   * True when the code refuses the whole GraphQL request (no key, wrong role, too costly), so
   * the GraphQL response takes the HTTP status too; a failed field leaves it at 200, as
   * GraphQL over HTTP asks, because other fields may have data.
   */
  refusesRequest: boolean;
}

/** Exit codes of the CLI and `npm start`; CODE_MAPPING gives each error code one of them. */
export const EXIT = {
  /** Something failed that no code describes, or an import could not read a file. */
  internal: 1,
  /** The configuration or the environment cannot run evmap (bad variable, Neo4j cannot start). */
  setup: 2,
  /** An import finished but rejected some records (listed; the rest were imported). */
  rejectedRecords: 3,
  /** The request was refused: bad input, not found, forbidden, too costly, timed out, a conflict. */
  refused: 4,
  /** Neo4j is not reachable right now; trying again later may work. */
  unavailable: 5,
  /** The command line itself was wrong: unknown command or option, missing or bad argument. */
  usage: 6,
} as const;

/** The one table from codes to HTTP statuses and exit codes; every edge reads it and no other. */
export const CODE_MAPPING: Record<ErrorCode, CodeMapping> = {
  [ErrorCode.BadUserInput]: { http: 400, exit: EXIT.refused, refusesRequest: false },
  [ErrorCode.QueryTooComplex]: { http: 400, exit: EXIT.refused, refusesRequest: true },
  [ErrorCode.Unauthenticated]: { http: 401, exit: EXIT.refused, refusesRequest: true },
  [ErrorCode.Forbidden]: { http: 403, exit: EXIT.refused, refusesRequest: true },
  [ErrorCode.NotFound]: { http: 404, exit: EXIT.refused, refusesRequest: false },
  [ErrorCode.Conflict]: { http: 409, exit: EXIT.refused, refusesRequest: false },
  [ErrorCode.ResourceLimit]: { http: 422, exit: EXIT.refused, refusesRequest: false },
  [ErrorCode.Timeout]: { http: 504, exit: EXIT.refused, refusesRequest: false },
  [ErrorCode.ServiceUnavailable]: { http: 503, exit: EXIT.unavailable, refusesRequest: false },
  [ErrorCode.RateLimited]: { http: 429, exit: EXIT.unavailable, refusesRequest: true },
};

/**
 * The one error type of evmap: a code from ErrorCode, a message for the client, and details
 * such as `argumentName` or `limit`. It knows nothing of GraphQL or HTTP; each edge converts it
 * once (src/api/errors.ts for GraphQL and the export routes, src/cli/exit.ts for the CLI).
 */
export class EvmapError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'EvmapError';
  }
}

/** True for an EvmapError of one of `codes` (any code when none is given). */
export function isEvmapError(error: unknown, ...codes: ErrorCode[]): error is EvmapError {
  return error instanceof EvmapError && (codes.length === 0 || codes.includes(error.code));
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

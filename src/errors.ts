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

/**
 * Where EvmapError meets GraphQL and HTTP, converted once: `formatError` gives every error in a
 * GraphQL response its code and details, `refusalStatus` gives a refused request its HTTP
 * status, and `httpError` answers the export routes. Statuses come from CODE_MAPPING.
 */
import type { ApolloServerPlugin } from '@apollo/server';
import { unwrapResolverError } from '@apollo/server/errors';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { CODE_MAPPING, ErrorCode, EvmapError } from '../errors';
import type { Logger } from '../log';
import { currentScope, noteError } from '../observe/requestScope';

const INTERNAL = 'INTERNAL_SERVER_ERROR';

/** The HTTP headers a refusal carries beside its status. */
function refusalHeaders(code: ErrorCode): Map<string, string> {
  return code === ErrorCode.Unauthenticated ? new Map([['www-authenticate', 'Bearer']]) : new Map();
}

/**
 * An EvmapError as a GraphQLError, for the places Apollo accepts only those (the context
 * function, request plugins), with the HTTP status of a refused request.
 */
export function toGraphQLError(error: EvmapError): GraphQLError {
  const { http, refusesRequest } = CODE_MAPPING[error.code];
  return new GraphQLError(error.message, {
    originalError: error,
    extensions: { ...error.details, code: error.code, ...(refusesRequest ? { http: { status: http, headers: refusalHeaders(error.code) } } : {}) },
  });
}

/** Errors a response carries, unwrapped to what was thrown. */
function thrown(errors: readonly unknown[] | undefined): unknown[] {
  return (errors ?? []).map((e) => unwrapResolverError(e));
}

/**
 * A request that a resolver refused as a whole (no key, wrong role) answers with that status
 * and its headers, as the context function's refusals do; a field that failed otherwise leaves
 * the status at 200, since the other fields may have data.
 */
export function refusalStatus(): ApolloServerPlugin {
  return {
    requestDidStart: async () => ({
      willSendResponse: async ({ response, errors }) => {
        const refusal = thrown(errors).find((e): e is EvmapError => e instanceof EvmapError && CODE_MAPPING[e.code].refusesRequest);
        if (!refusal) return;
        response.http.status = CODE_MAPPING[refusal.code].http;
        for (const [name, value] of refusalHeaders(refusal.code)) response.http.headers.set(name, value);
      },
    }),
  };
}

/**
 * Apollo's `formatError`: an EvmapError shows its code and details; `formatOthers` codes the
 * rest (limit errors). Outside development a client sees only coded, intentional messages:
 * anything that would fall through as INTERNAL_SERVER_ERROR (a driver message, a Cypher
 * text) is logged and replaced.
 */
export function formatError(env: string, log: Logger, formatOthers: (formatted: GraphQLFormattedError) => GraphQLFormattedError) {
  const format = coded(env, log, formatOthers);
  return (raw: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const formatted = format(raw, error);
    noteError(String(formatted.extensions?.code ?? INTERNAL));
    return formatted;
  };
}

function coded(env: string, log: Logger, formatOthers: (formatted: GraphQLFormattedError) => GraphQLFormattedError) {
  return (raw: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const original = unwrapResolverError(error);
    if (original instanceof EvmapError) {
      return {
        message: original.message,
        ...(raw.locations ? { locations: raw.locations } : {}),
        ...(raw.path ? { path: raw.path } : {}),
        // Present only when EVMAP_DEBUG_ERRORS asked Apollo for stack traces.
        extensions: { ...original.details, code: original.code, ...(raw.extensions?.stacktrace ? { stacktrace: raw.extensions.stacktrace } : {}) },
      };
    }
    const formatted = formatOthers(raw);
    const code = formatted.extensions?.code;
    if (code !== INTERNAL && code !== undefined) return formatted;
    log.error(original instanceof Error ? (original.stack ?? original.message) : String(original), { reqId: currentScope()?.id });
    if (env === 'development') return formatted;
    return { message: 'Internal server error', ...(formatted.path ? { path: formatted.path } : {}), extensions: { code: INTERNAL } };
  };
}

/** The status and GraphQL-shaped body of a failed export: coded errors say what went wrong, anything else is internal and logged. */
export function httpError(error: unknown, log: Logger): { status: number; body: { errors: Array<{ message: string; extensions: Record<string, unknown> }> } } {
  noteError(error instanceof EvmapError ? error.code : INTERNAL);
  if (error instanceof EvmapError) {
    return { status: CODE_MAPPING[error.code].http, body: { errors: [{ message: error.message, extensions: { ...error.details, code: error.code } }] } };
  }
  log.error(error instanceof Error ? (error.stack ?? error.message) : String(error), { reqId: currentScope()?.id });
  return { status: 500, body: { errors: [{ message: 'Internal server error', extensions: { code: INTERNAL } }] } };
}

import { randomUUID } from 'node:crypto';
import type express from 'express';
import { ErrorCode, EvmapError } from '../errors';
import type { Logger } from '../log';
import { errorsTotal, httpDuration, operationLabel } from '../observe/metrics';
import { currentScope, newScope, runInScope, type RequestScope } from '../observe/requestScope';
import { startServerSpan, withActiveSpan } from '../observe/tracing';
import { BOOKMARK_HEADER, parseBookmarks } from './bookmarks';
import { httpError } from './errors';

/** A client's own request id is kept when it is a plain token; anything else gets a fresh one, so a log line cannot be forged through it. */
const CLIENT_ID = /^[\w.:-]{1,128}$/;

/** The explorer's and the playground's scripts, styles and fonts. */
const STATIC_FILES = /^\/(explore|playground)\/assets\//;

/** The route label of a path, for metrics and the span name: a fixed set, whatever the client asks for. */
function routeOf(path: string): string {
  if (path === '/graphql' || path.startsWith('/graphql/')) return 'graphql';
  if (path.startsWith('/export/')) return 'export';
  if (path === '/explore' || path.startsWith('/explore/')) return 'explore';
  if (path === '/healthz' || path === '/readyz') return 'health';
  if (path === '/metrics') return 'metrics';
  return 'other';
}

/** What a response without a coded error counts as: `ok`, or the status's usual code. */
function statusOutcome(status: number): string {
  if (status < 400) return 'ok';
  if (status === 404) return ErrorCode.NotFound;
  if (status === 429) return ErrorCode.RateLimited;
  if (status >= 500) return 'INTERNAL_SERVER_ERROR';
  return 'BAD_REQUEST';
}

function scopeOf(res: express.Response): RequestScope | undefined {
  return res.locals.evmapScope as RequestScope | undefined;
}

/**
 * The first middleware: gives the request an id (the client's `x-request-id`, or a new one)
 * and returns it in the response header, reads the bookmarks the client sent, opens the
 * request's scope and server span, and when the response is finished writes one access log
 * line and the request metrics.
 */
export function observeRequests(log: Logger, options: { logQueryStrings: boolean }): express.RequestHandler {
  return (req, res, next) => {
    const started = performance.now();
    const given = req.get('x-request-id');
    const id = given && CLIENT_ID.test(given) ? given : randomUUID();
    res.setHeader('x-request-id', id);
    // Routers mounted on a prefix rewrite req.url while they handle the request; the log shows the path as asked.
    const path = options.logQueryStrings ? req.originalUrl : req.path;
    const route = routeOf(req.path);
    // Probes and the pages' static files log at debug, so the requests people make stand out.
    const quiet = route === 'health' || route === 'metrics' || STATIC_FILES.test(req.path);
    let bookmarks: string[] = [];
    let refused: EvmapError | undefined;
    try {
      bookmarks = parseBookmarks(req.get(BOOKMARK_HEADER));
    } catch (error) {
      if (!(error instanceof EvmapError)) throw error;
      refused = error;
    }
    const scope = newScope(id, { bookmarks });
    scope.span = startServerSpan(`${req.method} ${route}`, req.headers, { 'http.request.method': req.method, 'url.path': req.path, 'evmap.request_id': id });
    res.locals.evmapScope = scope;

    let done = false;
    const finish = (aborted: boolean) => {
      if (done) return;
      done = true;
      const ms = performance.now() - started;
      const status = aborted ? 499 : res.statusCode;
      const outcome = scope.errorCodes[0] ?? statusOutcome(status);
      httpDuration.observe({ route, operation: operationLabel(scope.operation), outcome }, ms / 1000);
      for (const code of scope.errorCodes.length > 0 ? scope.errorCodes : outcome === 'ok' ? [] : [outcome]) errorsTotal.inc({ code });
      scope.span?.setAttributes({ 'http.response.status_code': status, ...(scope.operation ? { 'graphql.operation.name': scope.operation } : {}) });
      scope.span?.end();
      const fields = {
        reqId: id,
        method: req.method,
        path,
        status,
        route,
        ms: Math.round(ms * 10) / 10,
        ...(scope.operation ? { operation: scope.operation } : {}),
        neo4jQueries: scope.queries,
        dbMs: Math.round(scope.dbMs * 10) / 10,
        ...(scope.errorCodes.length > 0 ? { errorCode: scope.errorCodes[0], errorCodes: scope.errorCodes.length } : {}),
        ...(scope.client ? { client: scope.client } : {}),
        ...(aborted ? { aborted: true } : {}),
      };
      const line = `${req.method} ${path} ${status} ${fields.ms} ms`;
      if (status >= 500) log.error(line, fields);
      else if (quiet) log.debug(line, fields);
      else log.info(line, fields);
    };
    res.on('finish', () => finish(false));
    res.on('close', () => finish(!res.writableFinished));
    if (refused) {
      // Answered here, but like any other refusal: logged, counted and shaped as the edge does.
      const error = refused;
      runInScope(scope, () => {
        const { status, body } = httpError(error, log);
        res.status(status).json(body);
      });
      return;
    }
    enterScope(scope, next);
  };
}

/** Runs `next` inside the scope and span; again after a body parser, whose stream callbacks run outside the async context. */
function enterScope(scope: RequestScope, next: express.NextFunction): void {
  runInScope(scope, () => withActiveSpan(scope.span, () => next()));
}

/** Notes an error code on a response answered where the async context may be lost (a body parser's error). */
export function noteResponseError(res: express.Response, code: string): void {
  scopeOf(res)?.errorCodes.push(code);
}

/** Middleware that re-enters the request's scope, placed after a body parser. */
export const reenterScope: express.RequestHandler = (_req, res, next) => {
  const scope = scopeOf(res);
  if (!scope || currentScope() === scope) return next();
  enterScope(scope, next);
};

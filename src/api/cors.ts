import cors from 'cors';
import type express from 'express';

/**
 * CORS for the routes browser apps call from other origins (/graphql and /export), answering
 * preflights too. An origin not listed gets no Access-Control-Allow-Origin, so the browser
 * blocks the page from reading the answer. Keys travel in the Authorization header, never in
 * cookies, so credentials stay off and `*` cannot leak a session.
 */
export function corsMiddleware(origins: string[] | '*'): express.RequestHandler {
  return cors({
    origin: origins === '*' ? '*' : origins,
    methods: ['GET', 'POST'],
    // content-type: application/json and Authorization make a browser preflight every POST;
    // Apollo's CSRF check accepts either apollo-require-preflight or a JSON body.
    allowedHeaders: ['content-type', 'authorization', 'apollo-require-preflight', 'x-request-id', 'x-evmap-bookmark', 'x-evmap-plans', 'traceparent', 'tracestate'],
    // A download's file name, for apps that save an export under the name evmap gives it, and
    // the headers that say a download was cut (a paper set's next offset, a truncated KGX subgraph),
    // the request id to quote in a bug report, a write's bookmark to send back, and when to retry.
    exposedHeaders: ['content-disposition', 'x-evmap-next-offset', 'x-evmap-truncated', 'x-request-id', 'x-evmap-bookmark', 'retry-after', 'ratelimit-limit', 'ratelimit-remaining', 'ratelimit-reset'],
    maxAge: 600,
  });
}

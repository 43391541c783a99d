import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import express from 'express';
import type { Config } from '../config';
import type { Executor } from '../db/executor';
import { EvmapError } from '../errors';
import type { Logger } from '../log';
import { keyVerifier } from './auth';
import { createContext, type Context } from './context';
import { corsMiddleware } from './cors';
import { formatError, refusalStatus, toGraphQLError } from './errors';
import { explorer } from './explorer';
import { exportRoutes } from './exports/routes';
import { codeLimitErrors, costLimit, limitRules } from './guards';
import { playground } from './playground';
import { buildResolvers } from './resolvers';
import { loadTypeDefs } from './schema';

export interface EvmapServer {
  httpServer: http.Server;
  apollo: ApolloServer<Context>;
  /** Starts listening; resolves with the URL of the GraphQL endpoint. */
  listen(port: number, host: string): Promise<string>;
  /** Drains in-flight HTTP requests and stops Apollo; the caller closes the driver afterwards. */
  stop(): Promise<void>;
}

/** Builds the Express app with Apollo at /graphql and the health probes; does not listen. */
export async function createServer(config: Config, db: Executor, log: Logger): Promise<EvmapServer> {
  const verify = keyVerifier(config.auth.keys, config.auth.readsRequireKey);
  const app = express();
  app.disable('x-powered-by');
  const httpServer = http.createServer(app);

  const apollo = new ApolloServer<Context>({
    typeDefs: loadTypeDefs(),
    resolvers: buildResolvers(),
    introspection: config.env !== 'production',
    hideSchemaDetailsFromClientErrors: config.env === 'production',
    validationRules: limitRules(config.limits),
    parseOptions: { maxTokens: config.limits.maxTokens },
    includeStacktraceInErrorResponses: config.debugErrors,
    allowBatchedHttpRequests: false,
    csrfPrevention: true,
    formatError: formatError(config.env, log, codeLimitErrors),
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer, stopGracePeriodMillis: config.shutdownTimeoutMs }),
      ApolloServerPluginLandingPageDisabled(),
      costLimit(config.limits.maxCost),
      refusalStatus(),
    ],
  });
  await apollo.start();

  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });

  app.get('/readyz', async (_req, res) => {
    try {
      await db.ping();
      res.json({ status: 'ready', neo4j: 'ok' });
    } catch (error) {
      log.error(`readiness check failed: ${error instanceof Error ? error.message : String(error)}`);
      res.status(503).json({ status: 'unavailable', neo4j: 'unreachable' });
    }
  });

  if (config.corsOrigins.length > 0) app.use(['/graphql', '/export'], corsMiddleware(config.corsOrigins));

  app.use(exportRoutes(config, db, verify, log));

  app.use(explorer(log));

  if (config.playground) app.use(playground({ endpoint: '/graphql' }));

  app.use(
    '/graphql',
    express.json({ limit: config.bodyLimit }),
    expressMiddleware(apollo, {
      context: async ({ req }) => {
        try {
          return createContext(db, verify(req.headers.authorization), config.analyst);
        } catch (error) {
          // Apollo answers a context function's error by its GraphQL extensions (status, code) only.
          throw error instanceof EvmapError ? toGraphQLError(error) : error;
        }
      },
    }),
  );

  // Body-parser failures (too large, not JSON) answer in GraphQL's error shape, never Express's HTML page.
  app.use((error: { status?: number; type?: string }, _req: express.Request, res: express.Response, next: express.NextFunction) => {
    if (res.headersSent) return next(error);
    const status = error.status ?? 500;
    const message =
      error.type === 'entity.too.large'
        ? `Request body is larger than the ${config.bodyLimit} limit.`
        : status < 500
          ? 'Request body is not valid JSON.'
          : 'Internal server error';
    res.status(status).json({ errors: [{ message, extensions: { code: status < 500 ? 'BAD_REQUEST' : 'INTERNAL_SERVER_ERROR' } }] });
  });

  return {
    httpServer,
    apollo,
    listen: (port, host) =>
      new Promise((resolve, reject) => {
        httpServer.once('error', reject);
        httpServer.listen(port, host, () => {
          const address = httpServer.address() as AddressInfo;
          const shownHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
          resolve(`http://${shownHost}:${address.port}/graphql`);
        });
      }),
    stop: () => apollo.stop(),
  };
}

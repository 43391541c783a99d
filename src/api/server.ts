import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import express from 'express';
import helmet from 'helmet';
import type { Config } from '../config';
import type { Executor } from '../db/executor';
import { EvmapError } from '../errors';
import type { Logger } from '../log';
import { collectProcessMetrics, registry } from '../observe/metrics';
import { currentScope } from '../observe/requestScope';
import { keyVerifier } from './auth';
import { createContext, type Context } from './context';
import { corsMiddleware } from './cors';
import { formatError, refusalStatus, toGraphQLError } from './errors';
import { explorer } from './explorer';
import { exportRoutes } from './exports/routes';
import { codeLimitErrors, costLimit, limitRules } from './guards';
import { noteResponseError, observeRequests, reenterScope } from './observeRequests';
import { playground } from './playground';
import { rateLimits } from './rateLimit';
import { buildResolvers } from './resolvers';
import { tracedResolvers } from './resolvers/traced';
import { maySeeCost, PLANS_HEADER, responseReport } from './responseReport';
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
  if (config.trustProxy !== undefined) app.set('trust proxy', config.trustProxy);
  const httpServer = http.createServer(app);

  const apollo = new ApolloServer<Context>({
    typeDefs: loadTypeDefs(),
    resolvers: config.tracing ? tracedResolvers(buildResolvers()) : buildResolvers(),
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
      responseReport({ exposeCost: config.exposeCost, maxCost: config.limits.maxCost }),
    ],
  });
  await apollo.start();

  app.use(observeRequests(log, { logQueryStrings: config.log.variables }));
  // The pages set their own Content-Security-Policy; every other answer is data, which needs none of a page's powers.
  app.use(helmet({ contentSecurityPolicy: { useDefaults: false, directives: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] } } }));

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

  if (config.metrics) {
    collectProcessMetrics();
    app.get('/metrics', async (_req, res) => {
      res.type(registry.contentType).send(await registry.metrics());
    });
  }

  if (config.corsOrigins.length > 0) app.use(['/graphql', '/export'], corsMiddleware(config.corsOrigins));

  app.use(['/graphql', '/export'], rateLimits(config.rateLimit, verify, log));

  app.use(exportRoutes(config, db, verify, log));

  app.use(explorer(log));

  if (config.playground) app.use(playground({ endpoint: '/graphql' }));

  app.use(
    '/graphql',
    express.json({ limit: config.bodyLimit }),
    reenterScope,
    expressMiddleware(apollo, {
      context: async ({ req }) => {
        try {
          const context = createContext(db, verify(req.headers.authorization), config.analyst);
          const scope = currentScope();
          if (scope) {
            scope.client = context.viewer.keyId ?? undefined;
            scope.profile = req.get(PLANS_HEADER) === 'true' && maySeeCost(config.exposeCost, context);
          }
          return context;
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
    const code = status < 500 ? 'BAD_REQUEST' : 'INTERNAL_SERVER_ERROR';
    noteResponseError(res, code);
    res.status(status).json({ errors: [{ message, extensions: { code } }] });
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

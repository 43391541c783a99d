import { existsSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

/** The project root, found from this file whether it runs from src/ (tsx, jest) or dist/src/. */
export const projectRoot = path.resolve(__dirname, __dirname.includes(`${path.sep}dist${path.sep}`) ? '../..' : '..');

const port = (fallback: number) =>
  z.coerce
    .number({ error: 'must be a number' })
    .int('must be a whole number')
    .min(0, 'must be 0-65535 (0 picks a free port)')
    .max(65535, 'must be 0-65535 (0 picks a free port)')
    .default(fallback);

const bool = (fallback: boolean) =>
  z
    .enum(['true', 'false', '1', '0', 'yes', 'no'], { error: 'must be true or false' })
    .default(fallback ? 'true' : 'false')
    .transform((v) => v === 'true' || v === '1' || v === 'yes');

/** Neo4j's own minimum; checked here so a too-short password fails before the JVM starts. */
const neo4jPassword = z.string().min(8, 'must be at least 8 characters (Neo4j refuses shorter passwords)');

/** Roles an API key can carry. */
export const ROLES = ['reader', 'curator', 'analyst', 'admin'] as const;
export type Role = (typeof ROLES)[number];

const apiKeys = z
  .string()
  .default('')
  .transform((value, ctx) => {
    const keys = new Map<string, Role>();
    for (const entry of value.split(',').map((e) => e.trim()).filter(Boolean)) {
      const colon = entry.lastIndexOf(':');
      const key = entry.slice(0, colon);
      const role = entry.slice(colon + 1) as Role;
      if (colon <= 0 || !ROLES.includes(role)) {
        ctx.addIssue({ code: 'custom', message: `entries must be key:role with role one of ${ROLES.join(', ')}` });
        return z.NEVER;
      }
      if (key.length < 12) {
        ctx.addIssue({ code: 'custom', message: 'keys must be at least 12 characters' });
        return z.NEVER;
      }
      if (keys.has(key)) {
        ctx.addIssue({ code: 'custom', message: 'lists the same key twice' });
        return z.NEVER;
      }
      keys.set(key, role);
    }
    return keys;
  });

/**
 * Origins a browser page may call the API from: exact origins (scheme, host and port, no path),
 * or `*` alone. Nothing is allowed by default, so an operator opens the API to other sites on purpose.
 */
const corsOrigins = z
  .string()
  .default('')
  .transform((value, ctx) => {
    const entries = value.split(',').map((e) => e.trim()).filter(Boolean);
    if (entries.includes('*')) {
      if (entries.length > 1) {
        ctx.addIssue({ code: 'custom', message: 'is either * alone or a list of origins, not both' });
        return z.NEVER;
      }
      return '*' as const;
    }
    for (const entry of entries) {
      let origin: string | undefined;
      try {
        origin = new URL(entry).origin;
      } catch {
        origin = undefined;
      }
      if (origin !== entry || !/^https?:/.test(entry)) {
        ctx.addIssue({ code: 'custom', message: `entries must be origins such as https://app.example.org or http://localhost:5173 (scheme, host, port; no path or trailing slash), got ${JSON.stringify(entry)}` });
        return z.NEVER;
      }
    }
    return entries;
  });

/** Requests a minute one client may make; 0 turns the limit off. */
const perMinute = (fallback: number) => z.coerce.number().int('must be a whole number').min(0, 'must be at least 0 (0 turns the limit off)').max(1_000_000).default(fallback);

/**
 * Express's "trust proxy": which proxies' X-Forwarded-For to believe, so rate limits and logs
 * see the client behind a load balancer: true, a hop count, or addresses and subnets.
 */
const trustProxy = z
  .string()
  .optional()
  .transform((value, ctx): boolean | number | string | undefined => {
    if (value === undefined) return undefined;
    if (['true', 'false'].includes(value)) return value === 'true';
    if (/^\d+$/.test(value)) return Number(value);
    if (/^[\w.:/,\s-]+$/.test(value)) return value;
    ctx.addIssue({ code: 'custom', message: 'must be true, false, a number of proxies, or addresses and subnets such as loopback,10.0.0.0/8' });
    return z.NEVER;
  });

const limit = (fallback: number, max: number) => z.coerce.number().int('must be a whole number').min(1, 'must be at least 1').max(max, `must be at most ${max}`).default(fallback);

const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test'], { error: 'must be development, production or test' }).default('development'),
  HOST: z.string().min(1).default('127.0.0.1'),
  PORT: port(4000),
  EVMAP_BODY_LIMIT: z
    .string()
    .regex(/^\d+(b|kb|mb)$/i, 'must be a size such as 512kb or 1mb')
    .default('1mb'),
  EVMAP_SEED_ON_START: bool(true),
  EVMAP_SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(0, 'must be >= 0').default(10_000),
  EVMAP_NEO4J_SOURCE: z
    .enum(['auto', 'uri', 'docker', 'local'], { error: 'must be auto, uri, docker or local' })
    .default('auto'),
  NEO4J_URI: z
    .string()
    .regex(/^(neo4j|neo4j\+s|neo4j\+ssc|bolt|bolt\+s|bolt\+ssc):\/\/[^\s]+$/, 'must be a neo4j:// or bolt:// URI such as neo4j://localhost:7687')
    .optional(),
  NEO4J_USER: z.string().min(1, 'must not be empty').default('neo4j'),
  NEO4J_PASSWORD: neo4jPassword.default('evmap-local-password'),
  NEO4J_DATABASE: z
    .string()
    .regex(/^[A-Za-z][A-Za-z0-9.-]{2,62}$/, 'must be a Neo4j database name (3-63 letters, digits, dots or dashes)')
    .default('neo4j'),
  EVMAP_NEO4J_HOME: z.string().min(1).default('.data/neo4j'),
  EVMAP_NEO4J_BOLT_PORT: port(7687),
  EVMAP_NEO4J_HEAP: z.string().regex(/^\d+[mg]$/i, 'must be a JVM size such as 512m or 1g').default('1g'),
  EVMAP_NEO4J_PAGECACHE: z.string().regex(/^\d+[mg]$/i, 'must be a size such as 256m').default('256m'),
  EVMAP_NEO4J_TX_MEMORY: z.string().regex(/^\d+[mg]$/i, 'must be a size such as 256m').default('256m'),
  EVMAP_NEO4J_START_TIMEOUT_MS: z.coerce.number().int().min(1000, 'must be at least 1000').default(180_000),
  EVMAP_QUERY_TIMEOUT_MS: z.coerce.number().int().min(100, 'must be at least 100').max(600_000).default(15_000),
  EVMAP_API_KEYS: apiKeys,
  EVMAP_READS_REQUIRE_KEY: bool(false),
  EVMAP_CORS_ORIGINS: corsOrigins,
  EVMAP_DEBUG_ERRORS: bool(false),
  EVMAP_PLAYGROUND: z.enum(['true', 'false', '1', '0', 'yes', 'no'], { error: 'must be true or false' }).optional(),
  EVMAP_MAX_DEPTH: limit(12, 100),
  EVMAP_MAX_COST: limit(50_000, 1_000_000),
  EVMAP_MAX_ALIASES: limit(20, 1000),
  EVMAP_MAX_TOKENS: limit(3000, 100_000),
  EVMAP_CYPHER_TIMEOUT_MS: z.coerce.number().int('must be a whole number').min(100, 'must be at least 100').max(600_000).default(5_000),
  EVMAP_CYPHER_MAX_ROWS: limit(1000, 10_000),
  EVMAP_CYPHER_MAX_BYTES: limit(8_000_000, 200_000_000),
  EVMAP_ICITE_URL: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL such as https://icite.od.nih.gov/api' }).default('https://icite.od.nih.gov/api'),
  EVMAP_EUTILS_URL: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).default('https://eutils.ncbi.nlm.nih.gov/entrez/eutils/'),
  EVMAP_NCBI_EMAIL: z.email({ error: 'must be an e-mail address' }).optional(),
  NCBI_API_KEY: z.string().regex(/^[A-Za-z0-9]+$/, 'must be letters and digits').optional(),
  EVMAP_LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error', 'silent'], { error: 'must be debug, info, warn, error or silent' }).default('info'),
  EVMAP_LOG_FORMAT: z.enum(['auto', 'json', 'pretty'], { error: 'must be auto, json or pretty' }).default('auto'),
  EVMAP_LOG_VARIABLES: bool(false),
  EVMAP_METRICS: bool(true),
  EVMAP_EXPOSE_COST: bool(false),
  EVMAP_RATE_LIMIT_PER_MINUTE: perMinute(600),
  EVMAP_RATE_LIMIT_KEY_PER_MINUTE: perMinute(1200),
  EVMAP_RATE_LIMIT_LOOPBACK: z.enum(['true', 'false', '1', '0', 'yes', 'no'], { error: 'must be true or false' }).optional(),
  EVMAP_TRUST_PROXY: trustProxy,
  // Read by the Docker image's entrypoint (NODE_OPTIONS=--max-old-space-size); checked here so a bad value is named, not ignored.
  EVMAP_HEAP_MB: z.coerce.number().int('must be a whole number').min(64, 'must be at least 64').max(262_144).optional(),
  OTEL_EXPORTER_OTLP_ENDPOINT: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL such as http://localhost:4318' }).optional(),
  OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL such as http://localhost:4318/v1/traces' }).optional(),
  OTEL_SERVICE_NAME: z.string().min(1).default('evmap'),
});

export type Env = z.infer<typeof envSchema>;

/** Every variable evmap reads, for checks that .env.example and docker-compose.yml stay in step. */
export const CONFIG_VARIABLES = Object.keys(envSchema.shape);

/** Where the local launcher keeps its jars, data and logs, resolved against the project root. */
export interface LocalNeo4jSettings {
  home: string;
  boltPort: number;
  user: string;
  password: string;
  heap: string;
  pageCache: string;
  /** Neo4j's db.memory.transaction.max: a transaction past it fails instead of exhausting the heap. */
  txMemory: string;
  startTimeoutMs: number;
}

export interface Config {
  env: Env['NODE_ENV'];
  host: string;
  port: number;
  bodyLimit: string;
  seedOnStart: boolean;
  shutdownTimeoutMs: number;
  queryTimeoutMs: number;
  auth: {
    /** API key → role. Keys live only in memory and are compared by hash. */
    keys: Map<string, Role>;
    readsRequireKey: boolean;
  };
  limits: { maxDepth: number; maxCost: number; maxAliases: number; maxTokens: number };
  /** Origins whose pages may call /graphql and /export: none (empty), a list, or `*` for any. */
  corsOrigins: string[] | '*';
  /** Stack traces and internal messages in GraphQL errors; off unless asked for, in every environment. */
  debugErrors: boolean;
  /** Serve the GraphiQL playground at GET /graphql; off by default in production, where introspection is off. */
  playground: boolean;
  /** Time limit, row cap and result budget (JSON bytes) for analyst Cypher and named traversals. */
  analyst: { timeoutMs: number; maxRows: number; maxBytes: number };
  /** NIH iCite's API base, which `evmap citations` asks for references and citing papers. */
  iciteUrl: string;
  /** NCBI E-utilities for `evmap fetch`: the key raises NCBI's limit from 3 to 10 requests a second. */
  eutils: { url: string; email: string | undefined; apiKey: string | undefined };
  log: { level: Env['EVMAP_LOG_LEVEL']; format: Env['EVMAP_LOG_FORMAT']; /** Log GraphQL variables and query strings: a debug setting, off by default. */ variables: boolean };
  /** Serve GET /metrics in Prometheus format. */
  metrics: boolean;
  /** `extensions.cost` on every response (an admin key gets it regardless). */
  exposeCost: boolean;
  /** Requests a minute per client address and per API key (0: no limit); loopback is exempt unless `countLoopback`. */
  rateLimit: { perAddress: number; perKey: number; countLoopback: boolean };
  /** Express's "trust proxy" setting; undefined trusts no proxy. */
  trustProxy: boolean | number | string | undefined;
  /** Where spans go; undefined: no tracing at all. */
  tracing: { tracesUrl: string; serviceName: string } | undefined;
  neo4j: {
    source: Env['EVMAP_NEO4J_SOURCE'];
    uri: string | undefined;
    user: string;
    password: string;
    database: string;
    local: LocalNeo4jSettings;
  };
}

/** Thrown when the environment does not describe a usable configuration. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}\nSee .env.example for every variable.`);
    this.name = 'ConfigError';
  }
}

/**
 * Reads `.env` from the project root when present (real environment variables win), so a
 * developer can keep settings out of the shell without a dotenv dependency.
 */
export function loadDotEnv(root = projectRoot): void {
  const file = path.join(root, '.env');
  if (existsSync(file)) process.loadEnvFile(file);
}

/** OpenTelemetry's own variables: the traces endpoint as given, or the base endpoint with the signal's path. */
function tracingTarget(env: Env): Config['tracing'] {
  const base = env.OTEL_EXPORTER_OTLP_ENDPOINT;
  const tracesUrl = env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT ?? (base ? `${base.replace(/\/+$/, '')}/v1/traces` : undefined);
  return tracesUrl ? { tracesUrl, serviceName: env.OTEL_SERVICE_NAME } : undefined;
}

/** Validates the environment and returns the typed configuration, or throws ConfigError naming each bad variable. */
export function loadConfig(source: NodeJS.ProcessEnv = process.env): Config {
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = envSchema.safeParse(cleaned);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => {
        const name = issue.path.join('.');
        const value = source[name];
        const secret = name.includes('PASSWORD') || name.includes('KEYS') || name === 'NCBI_API_KEY';
        return `${name} ${issue.message}${value === undefined || secret ? '' : ` (got "${value}")`}`;
      }),
    );
  }
  const env = parsed.data;
  if (env.EVMAP_NEO4J_SOURCE === 'uri' && !env.NEO4J_URI) {
    throw new ConfigError(['NEO4J_URI must be set when EVMAP_NEO4J_SOURCE=uri']);
  }
  const playground = env.EVMAP_PLAYGROUND === undefined ? env.NODE_ENV !== 'production' : ['true', '1', 'yes'].includes(env.EVMAP_PLAYGROUND);
  // The playground's editor and docs pane read the schema by introspection, which production turns off.
  if (playground && env.NODE_ENV === 'production') {
    throw new ConfigError(['EVMAP_PLAYGROUND=true needs introspection, which NODE_ENV=production turns off; use NODE_ENV=development for a playground']);
  }
  return {
    env: env.NODE_ENV,
    host: env.HOST,
    port: env.PORT,
    bodyLimit: env.EVMAP_BODY_LIMIT,
    seedOnStart: env.EVMAP_SEED_ON_START,
    shutdownTimeoutMs: env.EVMAP_SHUTDOWN_TIMEOUT_MS,
    queryTimeoutMs: env.EVMAP_QUERY_TIMEOUT_MS,
    auth: { keys: env.EVMAP_API_KEYS, readsRequireKey: env.EVMAP_READS_REQUIRE_KEY },
    corsOrigins: env.EVMAP_CORS_ORIGINS,
    debugErrors: env.EVMAP_DEBUG_ERRORS,
    playground,
    analyst: { timeoutMs: env.EVMAP_CYPHER_TIMEOUT_MS, maxRows: env.EVMAP_CYPHER_MAX_ROWS, maxBytes: env.EVMAP_CYPHER_MAX_BYTES },
    iciteUrl: env.EVMAP_ICITE_URL,
    eutils: { url: env.EVMAP_EUTILS_URL, email: env.EVMAP_NCBI_EMAIL, apiKey: env.NCBI_API_KEY },
    limits: { maxDepth: env.EVMAP_MAX_DEPTH, maxCost: env.EVMAP_MAX_COST, maxAliases: env.EVMAP_MAX_ALIASES, maxTokens: env.EVMAP_MAX_TOKENS },
    log: { level: env.EVMAP_LOG_LEVEL, format: env.EVMAP_LOG_FORMAT, variables: env.EVMAP_LOG_VARIABLES },
    metrics: env.EVMAP_METRICS,
    exposeCost: env.EVMAP_EXPOSE_COST,
    rateLimit: {
      perAddress: env.EVMAP_RATE_LIMIT_PER_MINUTE,
      perKey: env.EVMAP_RATE_LIMIT_KEY_PER_MINUTE,
      // A developer's own browser and scripts on loopback are not throttled; in production every client is.
      countLoopback: env.EVMAP_RATE_LIMIT_LOOPBACK === undefined ? env.NODE_ENV === 'production' : ['true', '1', 'yes'].includes(env.EVMAP_RATE_LIMIT_LOOPBACK),
    },
    trustProxy: env.EVMAP_TRUST_PROXY,
    tracing: tracingTarget(env),
    neo4j: {
      source: env.EVMAP_NEO4J_SOURCE,
      uri: env.NEO4J_URI,
      user: env.NEO4J_USER,
      password: env.NEO4J_PASSWORD,
      database: env.NEO4J_DATABASE,
      local: {
        home: path.resolve(projectRoot, env.EVMAP_NEO4J_HOME),
        boltPort: env.EVMAP_NEO4J_BOLT_PORT,
        user: env.NEO4J_USER,
        password: env.NEO4J_PASSWORD,
        heap: env.EVMAP_NEO4J_HEAP,
        pageCache: env.EVMAP_NEO4J_PAGECACHE,
        txMemory: env.EVMAP_NEO4J_TX_MEMORY,
        startTimeoutMs: env.EVMAP_NEO4J_START_TIMEOUT_MS,
      },
    },
  };
}

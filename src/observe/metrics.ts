import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/**
 * Every metric evmap exports, in one registry: `/metrics` serves it, `evmap import
 * --metrics-file` writes it, and deploy/grafana/evmap-dashboard.json charts these names.
 */
export const registry = new Registry();

const SECONDS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

export const httpDuration = new Histogram({
  name: 'evmap_http_request_duration_seconds',
  help: 'HTTP requests by route, GraphQL operation name and outcome (ok or the first error code).',
  labelNames: ['route', 'operation', 'outcome'] as const,
  buckets: SECONDS,
  registers: [registry],
});

export const neo4jDuration = new Histogram({
  name: 'evmap_neo4j_query_duration_seconds',
  help: 'Neo4j transactions by the query tag the store gave them, access mode and outcome.',
  labelNames: ['tag', 'mode', 'outcome'] as const,
  buckets: SECONDS,
  registers: [registry],
});

export const sessionsInUse = new Gauge({
  name: 'evmap_neo4j_sessions_in_use',
  help: 'Neo4j sessions open right now; each holds one pooled connection while its transaction runs.',
  registers: [registry],
});

export const poolMaxSize = new Gauge({
  name: 'evmap_neo4j_pool_max_size',
  help: 'The most connections the driver pools per Neo4j server.',
  registers: [registry],
});

export const errorsTotal = new Counter({
  name: 'evmap_errors_total',
  help: 'Errors answered to clients, by code.',
  labelNames: ['code'] as const,
  registers: [registry],
});

export const rateLimited = new Counter({
  name: 'evmap_rate_limited_total',
  help: 'Requests refused with 429, by the limit that refused them (client address or API key).',
  labelNames: ['scope'] as const,
  registers: [registry],
});

export const importRecords = new Counter({
  name: 'evmap_import_records_total',
  help: 'Paper records imported, by what happened to each.',
  labelNames: ['outcome'] as const,
  registers: [registry],
});

export const importClaims = new Counter({
  name: 'evmap_import_claims_total',
  help: 'Claims written by imports, by source.',
  labelNames: ['source'] as const,
  registers: [registry],
});

export const importRunning = new Gauge({
  name: 'evmap_import_running',
  help: 'Imports running in this process.',
  registers: [registry],
});

let defaultsOn = false;

/** Process metrics (CPU, memory, event-loop lag, GC); only a long-running process needs them. */
export function collectProcessMetrics(): void {
  if (defaultsOn) return;
  defaultsOn = true;
  collectDefaultMetrics({ register: registry });
}

/** Most distinct operation names one process labels; the name is the client's choice, so it must not grow the series without end. */
const MAX_OPERATIONS = 100;
const operations = new Set<string>();

/** The operation label of a request: its name while fewer than MAX_OPERATIONS names were seen, then `other`; `-` for none. */
export function operationLabel(name: string | undefined): string {
  if (!name) return '-';
  if (operations.has(name)) return name;
  if (operations.size >= MAX_OPERATIONS) return 'other';
  operations.add(name);
  return name;
}

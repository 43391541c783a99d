import { randomInt } from 'node:crypto';
import { startTestServer, type TestServer } from '../helpers/server';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const ADMIN = 'admin-key-for-operations-01';
const READER = 'reader-key-for-operations-1';
const CURATOR = 'curator-key-for-operations';
const KEYS = `${ADMIN}:admin,${READER}:reader,${CURATOR}:curator`;
const bearer = (key: string) => ({ authorization: `Bearer ${key}` });

const MECHANISM = 'query MechanismPapers { mechanism(id: "mTOR") { name supportingPapers(first: 5) { totalCount } } }';

/** One sample's value from Prometheus text, or undefined when the series is absent. */
function sample(metrics: string, name: string, labels: Record<string, string> = {}): number | undefined {
  const wanted = Object.entries(labels).map(([k, v]) => `${k}="${v}"`);
  for (const line of metrics.split('\n')) {
    if (!line.startsWith(`${name}{`) && !line.startsWith(`${name} `)) continue;
    const labelText = line.slice(name.length).split(' ')[0] ?? '';
    if (wanted.every((w) => labelText.includes(w))) return Number(line.slice(line.lastIndexOf(' ') + 1));
  }
  return undefined;
}

describe('operations: metrics, cost, security headers', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ EVMAP_API_KEYS: KEYS });
  });
  afterAll(async () => {
    await server.close();
  });

  it('serves Prometheus metrics: request durations by operation and outcome, Neo4j queries by tag, pool use, errors by code', async () => {
    expect((await server.gql(MECHANISM)).body.errors).toBeUndefined();
    expect((await server.gql('query Negative { papers(first: -1) { totalCount } }')).body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const res = await fetch(`${server.baseUrl}/metrics`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = await res.text();
    expect(sample(text, 'evmap_http_request_duration_seconds_count', { route: 'graphql', operation: 'MechanismPapers', outcome: 'ok' })).toBeGreaterThanOrEqual(1);
    expect(sample(text, 'evmap_http_request_duration_seconds_count', { route: 'graphql', operation: 'Negative', outcome: 'BAD_USER_INPUT' })).toBeGreaterThanOrEqual(1);
    expect(sample(text, 'evmap_errors_total', { code: 'BAD_USER_INPUT' })).toBeGreaterThanOrEqual(1);
    expect(sample(text, 'evmap_neo4j_query_duration_seconds_count', { tag: 'supporting:page-stored', mode: 'read', outcome: 'ok' })).toBeGreaterThanOrEqual(1);
    expect(sample(text, 'evmap_neo4j_pool_max_size')).toBe(50);
    expect(sample(text, 'evmap_neo4j_sessions_in_use')).toBe(0);
    expect(sample(text, 'process_resident_memory_bytes')).toBeGreaterThan(0);
    expect(sample(text, 'nodejs_eventloop_lag_p99_seconds')).toBeDefined();
  });

  it('gives an admin extensions.cost: the computed cost, its limit, the Neo4j round trips and database time', async () => {
    const res = await server.gql<Json>(MECHANISM, {}, bearer(ADMIN));
    const cost = (res.body as Json).extensions?.cost as Json;
    expect(cost).toEqual({ requested: expect.any(Number) as number, limit: server.config.limits.maxCost, neo4jQueries: expect.any(Number) as number, dbTimeMs: expect.any(Number) as number });
    expect(cost.requested).toBeGreaterThan(1);
    expect(cost.neo4jQueries).toBeGreaterThanOrEqual(2);
    expect(cost.dbTimeMs).toBeGreaterThan(0);
  });

  it('adds each query’s profiled plan when an admin asks with x-evmap-plans', async () => {
    const res = await server.gql<Json>(MECHANISM, {}, { ...bearer(ADMIN), 'x-evmap-plans': 'true' });
    expect(res.body.data).toEqual({ mechanism: { name: 'mTOR', supportingPapers: { totalCount: expect.any(Number) as number } } });
    const plans = (res.body as Json).extensions?.cost?.plans as Json[];
    expect(plans.map((p) => p.tag)).toEqual(expect.arrayContaining(['entities:find', 'supporting:page-stored']));
    const page = plans.find((p) => p.tag === 'supporting:page-stored') as Json;
    expect(page).toMatchObject({ mode: 'READ', plan: { operator: 'ProduceResults' } });
    expect(page.dbHits).toBeGreaterThan(0);
    expect(page.plan.children.length).toBeGreaterThan(0);
  });

  it('shows neither cost nor plans to a reader, even when asked', async () => {
    const res = await server.gql<Json>(MECHANISM, {}, { ...bearer(READER), 'x-evmap-plans': 'true' });
    expect(res.body.data?.mechanism?.name).toBe('mTOR');
    expect(Object.keys((res.body as Json).extensions as Json)).toEqual(['requestId']);
  });

  it('reports the cost of a refused query, so an operator sees how far over the limit it was', async () => {
    const res = await server.gql<Json>('{ papers(first: 1000) { edges { node { claims(first: 1000) { edges { node { id } } } } } } }', {}, bearer(ADMIN));
    expect(res.body.errors?.[0]?.extensions?.code).toBe('QUERY_TOO_COMPLEX');
    const cost = (res.body as Json).extensions?.cost as Json;
    expect(cost.requested).toBeGreaterThan(cost.limit as number);
    expect(cost.neo4jQueries).toBe(0);
  });

  it('sends security headers on data and keeps the pages’ own Content-Security-Policy', async () => {
    const api = await fetch(`${server.baseUrl}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query":"{ __typename }"}' });
    expect(api.headers.get('content-security-policy')).toBe("default-src 'none';frame-ancestors 'none'");
    expect(api.headers.get('x-content-type-options')).toBe('nosniff');
    expect(api.headers.get('strict-transport-security')).toMatch(/max-age=\d+/);
    expect(api.headers.get('x-frame-options')).toBe('SAMEORIGIN');
    const page = await fetch(`${server.baseUrl}/explore`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
  });
});

describe('operations: rate limits', () => {
  it('refuses the request past the per-address limit with 429, Retry-After and RATE_LIMITED, and counts it', async () => {
    const server = await startTestServer({ EVMAP_RATE_LIMIT_PER_MINUTE: '3', EVMAP_RATE_LIMIT_LOOPBACK: 'true' });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 3; i += 1) statuses.push((await server.gql('{ __typename }')).status);
      expect(statuses).toEqual([200, 200, 200]);
      const res = await fetch(`${server.baseUrl}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query":"{ __typename }"}' });
      expect(res.status).toBe(429);
      const retryAfter = Number(res.headers.get('retry-after'));
      expect(retryAfter).toBeGreaterThanOrEqual(1);
      expect(retryAfter).toBeLessThanOrEqual(60);
      expect(res.headers.get('ratelimit-remaining')).toBe('0');
      const body = (await res.json()) as Json;
      expect(body.errors[0]).toEqual({
        message: `Too many requests: this client address may make 3 a minute; try again in ${retryAfter} s.`,
        extensions: { code: 'RATE_LIMITED', limit: 3, scope: 'address', retryAfterSeconds: retryAfter },
      });
      // Exports are limited too; health probes and metrics never are.
      expect((await fetch(`${server.baseUrl}/export/subgraph?center=mTOR`)).status).toBe(429);
      expect((await fetch(`${server.baseUrl}/healthz`)).status).toBe(200);
      const metrics = await (await fetch(`${server.baseUrl}/metrics`)).text();
      expect(sample(metrics, 'evmap_rate_limited_total', { scope: 'address' })).toBeGreaterThanOrEqual(2);
      expect(sample(metrics, 'evmap_http_request_duration_seconds_count', { route: 'graphql', outcome: 'RATE_LIMITED' })).toBeGreaterThanOrEqual(1);
    } finally {
      await server.close();
    }
  });

  it('counts a valid key against its own limit, not its address; a wrong key counts against the address', async () => {
    const server = await startTestServer({ EVMAP_API_KEYS: KEYS, EVMAP_RATE_LIMIT_PER_MINUTE: '2', EVMAP_RATE_LIMIT_KEY_PER_MINUTE: '4', EVMAP_RATE_LIMIT_LOOPBACK: 'true' });
    try {
      const withKey: number[] = [];
      for (let i = 0; i < 5; i += 1) withKey.push((await server.gql('{ __typename }', {}, bearer(READER))).status);
      expect(withKey).toEqual([200, 200, 200, 200, 429]);
      const refused = await server.gql('{ __typename }', {}, bearer(READER));
      expect(refused.body.errors?.[0]?.extensions).toMatchObject({ code: 'RATE_LIMITED', scope: 'key', limit: 4 });
      // The address still has its own two.
      expect((await server.gql('{ __typename }')).status).toBe(200);
      expect((await server.gql('{ __typename }', {}, bearer('not-a-key-of-this-server'))).status).toBe(401);
      expect((await server.gql('{ __typename }')).status).toBe(429);
    } finally {
      await server.close();
    }
  });

  it('leaves loopback clients alone outside production unless asked', async () => {
    const server = await startTestServer({ EVMAP_RATE_LIMIT_PER_MINUTE: '1' });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 4; i += 1) statuses.push((await server.gql('{ __typename }')).status);
      expect(statuses).toEqual([200, 200, 200, 200]);
    } finally {
      await server.close();
    }
  });
});

describe('operations: two replicas over one Neo4j', () => {
  let a: TestServer;
  let b: TestServer;
  beforeAll(async () => {
    // Two servers, each with its own driver and nothing shared but the database: the API is stateless.
    [a, b] = await Promise.all([startTestServer({ EVMAP_API_KEYS: KEYS }), startTestServer({ EVMAP_API_KEYS: KEYS })]);
  });
  afterAll(async () => {
    await Promise.all([a.close(), b.close()]);
  });

  it('lets a curator write through one and read the write through the other with the bookmark the write returned', async () => {
    const pmid = String(810_000_000 + randomInt(0, 9_999_999));
    const title = `Ketamine and mTOR across replicas ${pmid}`;
    const write = await fetch(`${a.baseUrl}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...bearer(CURATOR) },
      body: JSON.stringify({ query: 'mutation($input: PaperInput!) { upsertPaper(input: $input) { created } }', variables: { input: { pmid, title, year: 2025 } } }),
    });
    expect(((await write.json()) as Json).data).toEqual({ upsertPaper: { created: true } });
    const bookmark = write.headers.get('x-evmap-bookmark');
    expect(bookmark).toMatch(/^[A-Za-z0-9:+/=_-]+(,[A-Za-z0-9:+/=_-]+)*$/);

    const read = await b.gql<Json>('query($pmid: ID!) { paper(pmid: $pmid) { title } }', { pmid }, { 'x-evmap-bookmark': bookmark as string });
    expect(read.body.data).toEqual({ paper: { title } });
    // A read sets no bookmark: only writes move the client's causal position.
    const plainRead = await fetch(`${b.baseUrl}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query":"{ __typename }"}' });
    expect(plainRead.headers.get('x-evmap-bookmark')).toBeNull();
  });

  it('refuses a bookmark header that is not one, and one this database never issued, with BAD_USER_INPUT', async () => {
    const garbled = await b.gql('{ mechanism(id: "mTOR") { name } }', {}, { 'x-evmap-bookmark': 'not a bookmark; DROP' });
    expect(garbled.status).toBe(400);
    expect(garbled.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', header: 'x-evmap-bookmark' });
    const foreign = await b.gql('{ mechanism(id: "mTOR") { name } }', {}, { 'x-evmap-bookmark': 'FB:kcwQnotissuedbythisdatabaseAAAAAAAAAAAA' });
    expect(foreign.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', header: 'x-evmap-bookmark' });
  });
});

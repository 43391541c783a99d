import { startTestServer, type TestServer } from '../helpers/server';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const ANALYST = 'analyst-key-for-resources-1';
const analyst = { authorization: `Bearer ${ANALYST}` };
const LIMIT_MS = 2_000;
const MAX_BYTES = 2_000_000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('analyst Cypher cannot exhaust the database or the API', () => {
  let server: TestServer;
  /** The slowest `{ stats { nodes } }` with nothing else from this file running: the floor on this (small, shared) machine. */
  let statsFloorMs = 0;

  const cypher = (query: string) => server.gql<Json>('query($q: String!) { cypher(query: $q) { rowCount truncated truncatedBy } }', { q: query }, analyst);

  async function statsMs(): Promise<number> {
    const started = Date.now();
    const res = await server.gql<Json>('{ stats { nodes } }');
    expect(res.body.data?.stats.nodes).toBeGreaterThan(0);
    return Date.now() - started;
  }

  /** Analyst transactions still open in Neo4j, read past the guard with the service's own session. */
  const leftovers = async () =>
    (await server.db.readRows<{ tag: string }>('SHOW TRANSACTIONS YIELD metaData WHERE metaData.tag STARTS WITH "analyst:" RETURN metaData.tag AS tag')).map((r) => r.tag);

  /** Runs the attack while `{ stats }` is asked every 200 ms, then checks Neo4j is up and holds no leftover. */
  async function attack(query: string) {
    const latencies: number[] = [];
    let attacking = true;
    const poller = (async () => {
      while (attacking) {
        latencies.push(await statsMs());
        await sleep(200);
      }
    })();
    const started = Date.now();
    const res = await cypher(query);
    const answeredMs = Date.now() - started;
    let remaining = await leftovers();
    while (remaining.length > 0 && Date.now() - started < 2 * LIMIT_MS) {
      await sleep(100);
      remaining = await leftovers();
    }
    attacking = false;
    await poller;
    const pingStarted = Date.now();
    await server.db.ping(1_000);
    return { res, answeredMs, remaining, pingMs: Date.now() - pingStarted, maxStatsMs: Math.max(...latencies) };
  }

  beforeAll(async () => {
    server = await startTestServer({ EVMAP_API_KEYS: `${ANALYST}:analyst`, EVMAP_CYPHER_TIMEOUT_MS: String(LIMIT_MS), EVMAP_CYPHER_MAX_BYTES: String(MAX_BYTES) });
    const floor: number[] = [];
    for (let i = 0; i < 5; i++) floor.push(await statsMs());
    statsFloorMs = Math.max(...floor);
  });
  afterAll(() => server.close());

  it.each([
    ['a 30-million-string list comprehension (took the JVM down with OutOfMemoryError)', 'RETURN size([x IN range(1,30000000) | toString(x)]) AS n'],
    ['a 100-million-step string reduce (kept a core busy for minutes after TIMEOUT)', "RETURN size(reduce(s='', x IN range(1,100000000) | s + 'x')) AS n"],
    ['a billion-step sum (answered TIMEOUT only after 87 s)', 'RETURN reduce(s=0, x IN range(1,1000000000) | s+x) AS n'],
  ])('refuses %s with RESOURCE_LIMIT "range" in time, leaving Neo4j up and others served', async (_name, query) => {
    const { res, answeredMs, remaining, pingMs, maxStatsMs } = await attack(query);
    expect(res.body.errors?.[0]?.extensions).toMatchObject({ code: 'RESOURCE_LIMIT', limit: 'range' });
    expect(answeredMs).toBeLessThan(2 * LIMIT_MS);
    expect(remaining).toEqual([]);
    expect(pingMs).toBeLessThan(1_000);
    expect(maxStatsMs).toBeLessThan(Math.max(1_000, 2 * statsFloorMs));
  });

  it('cuts 1000 rows of 16k-character strings at the byte budget instead of buffering them all', async () => {
    const query = "WITH reduce(s='x', i IN range(1,14) | s + s) AS big UNWIND range(1, 1000) AS x RETURN x, big";
    const started = Date.now();
    const res = await server.gql<Json>('query($q: String!) { cypher(query: $q) { rows truncated truncatedBy rowCount } }', { q: query }, analyst);
    expect(Date.now() - started).toBeLessThan(2 * LIMIT_MS);
    const result = res.body.data?.cypher;
    expect(result).toMatchObject({ truncated: true, truncatedBy: 'bytes' });
    expect(result.rowCount).toBeGreaterThan(100);
    expect(result.rowCount).toBeLessThan(1000);
    expect(Buffer.byteLength(JSON.stringify(result.rows))).toBeLessThanOrEqual(MAX_BYTES);
    const { remaining, maxStatsMs } = await attack(query);
    expect(remaining).toEqual([]);
    expect(maxStatsMs).toBeLessThan(Math.max(1_000, 2 * statsFloorMs));
  });

  it('says which cap cut a result, and nothing when none did', async () => {
    expect((await cypher('UNWIND range(1, 1000000) AS x RETURN x')).body.data?.cypher).toMatchObject({ truncated: true, truncatedBy: 'rows' });
    expect((await cypher('UNWIND range(1, 3) AS x RETURN x')).body.data?.cypher).toMatchObject({ truncated: false, truncatedBy: null, rowCount: 3 });
  });

  it("answers Neo4j's transaction memory limit with RESOURCE_LIMIT \"memory\" at once, without retrying", async () => {
    const { res, answeredMs, remaining, pingMs } = await attack("WITH reduce(s='x', i IN range(1,22) | s + s) AS big UNWIND range(1, 80) AS x RETURN size(collect(big + x)) AS n");
    expect(res.body.errors?.[0]?.extensions).toMatchObject({ code: 'RESOURCE_LIMIT', limit: 'memory' });
    expect(answeredMs).toBeLessThan(2 * LIMIT_MS);
    expect(remaining).toEqual([]);
    expect(pingMs).toBeLessThan(1_000);
  });

  it('answers TIMEOUT within twice the limit for a loop Neo4j does not stop, and terminates its transaction', async () => {
    // The bound comes from data, so the range check cannot see it; Neo4j's own timeout does not interrupt the loop.
    // Building a string one character at a time is quadratic, so the loop is timed once on this
    // machine, now, and sized to take about five times the limit, well past the watchdog's 1.25×
    // (the probe's fixed cost makes the estimate low rather than high): overdue on a fast idle
    // machine, and over soon after on a slow busy one.
    const loop = (n: number) => `UNWIND [${n}] AS n RETURN size(reduce(s = '', x IN range(1, n) | s + 'x')) AS total`;
    const probe = 100_000;
    const probeStarted = Date.now();
    await server.db.readRows(loop(probe), {}, { timeoutMs: 60_000 });
    const probeMs = Math.max(1, Date.now() - probeStarted);
    const steps = Math.min(1_500_000, Math.max(400_000, Math.round(probe * Math.sqrt((5 * LIMIT_MS) / probeMs))));
    const started = Date.now();
    const res = await cypher(loop(steps));
    expect(res.body.errors?.[0]?.extensions?.code).toBe('TIMEOUT');
    expect(Date.now() - started).toBeLessThan(2 * LIMIT_MS);
    const statuses = async () =>
      (await server.db.readRows<{ status: string }>('SHOW TRANSACTIONS YIELD metaData, status WHERE metaData.tag STARTS WITH "analyst:cypher" RETURN status')).map((r) => r.status);
    // The watchdog answers at once and terminates in the background, so on a busy machine the
    // mark can land a moment after the answer: gone already, or marked terminated while the loop runs to its end.
    let seen = await statuses();
    for (let i = 0; i < 60 && seen.some((status) => !status.startsWith('Terminated')); i += 1) {
      await sleep(500);
      seen = await statuses();
    }
    expect(seen.filter((status) => !status.startsWith('Terminated'))).toEqual([]);
    while ((await leftovers()).length > 0) await sleep(500);
  }, 180_000);
});

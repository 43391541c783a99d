/**
 * Query benchmark (issue 12): a seeded synthetic corpus in evmap's model, loaded with
 * neo4j-admin into a private local Neo4j, then the API's questions measured two ways, interleaved
 * in one run: G = GraphQL over HTTP against the API in this process, L1 = the very Cypher those
 * requests ran (recorded from the executor), replayed from a bare neo4j-driver.
 *
 *   npm run bench -- --papers 10000 [--out bench.json] [--seed 12] [--samples 15] [--duration 3]
 *                    [--only Q2,Q3] [--home DIR] [--fresh]
 *
 * The corpus goes to .data/bench/papers-N-seed-S (or --home) and is reused by a later run with
 * the same N and seed, so before/after comparisons meet the same graph; --fresh builds it again.
 * Migrations run on every start, so a new index reaches a reused corpus.
 *
 * Per query: p50/p95 at concurrency 1 (G and L1 alternating), requests/s with 16 concurrent
 * clients (for queries under a second alone), Neo4j round trips per request (executor transactions), dbHits summed over one PROFILE
 * of each query the request ran, and the process RSS (the API runs in this process). P = the same
 * question asked of @neo4j/graphql over the same Neo4j (Q1, Q2, Q7; scripts/bench/peer.ts),
 * sampled in the same rotation.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import neo4j, { type Driver } from 'neo4j-driver';
import { createServer } from '../src/api/server';
import { loadConfig } from '../src/config';
import { runAdminImport } from '../src/db/adminImport';
import { openDatabase } from '../src/db/open';
import { consoleLogger, silentLogger } from '../src/log';
import { freePorts } from '../test/helpers/freePorts';
import { ARRAY_DELIMITER_OPTION, benchEntities, benchPmid, syntheticEntities, writeCorpus, type CorpusCounts } from './bench/corpus';
import { RecordingExecutor, type RecordedQuery } from './bench/recorder';
import { benchQueries, type BenchQuery } from './bench/queries';
import { peerQueries, startPeer, type PeerQuery } from './bench/peer';
import { loadSeed, readSeed, toEntityInput } from '../src/ingest/seed';
import { upsertEntitiesQueries } from '../src/store/entities';

const MB = 1024 * 1024;
/** Bumped when the generator changes, so an old corpus is not taken for the new one. */
const CORPUS_VERSION = 2;
/** Sampling time per query and mode; slow queries get at least three samples. */
const SAMPLE_BUDGET_MS = 8_000;
/** A query slower than this alone is not run 16 at a time: on 2 cores that only queues into timeouts. */
const THROUGHPUT_MAX_P50_MS = 1_000;
const CONCURRENCY = 16;

function positiveInt(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new Error(`--${name} must be a whole number of at least 1 (got "${value}")`);
  return n;
}

const percentile = (xs: readonly number[], p: number): number => {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
};

interface Plan {
  operatorType: string;
  dbHits: number;
  children: Plan[];
}
const planHits = (plan: Plan): number => plan.dbHits + plan.children.reduce((n, c) => n + planHits(c), 0);

interface Result {
  name: string;
  description: string;
  g_p50_ms: number;
  g_p95_ms: number;
  l1_p50_ms: number;
  l1_p95_ms: number;
  ratio: number;
  g_rps_16: number;
  l1_rps_16: number;
  round_trips: number;
  db_hits: number;
  peer_p50_ms: number | null;
  samples: number;
  error?: string;
  /** Why the peer could not answer, when it could not. */
  peer_error?: string;
}

/** Runs `once` from `CONCURRENCY` clients for about `seconds`; completed requests per second. */
async function throughput(once: () => Promise<unknown>, seconds: number): Promise<number> {
  const started = performance.now();
  const deadline = started + seconds * 1000;
  let done = 0;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (performance.now() < deadline) {
        await once();
        done += 1;
      }
    }),
  );
  return done / ((performance.now() - started) / 1000);
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      papers: { type: 'string' },
      out: { type: 'string' },
      seed: { type: 'string' },
      samples: { type: 'string' },
      duration: { type: 'string' },
      only: { type: 'string' },
      home: { type: 'string' },
      fresh: { type: 'boolean', default: false },
    },
  });
  const papers = positiveInt('papers', values.papers, 10_000);
  const seed = positiveInt('seed', values.seed, 12);
  const samples = positiveInt('samples', values.samples, 15);
  const duration = positiveInt('duration', values.duration, 3);
  const log = consoleLogger('bench');
  const root = path.resolve(__dirname, '..');
  const home = path.resolve(values.home ?? path.join(root, '.data', 'bench', `papers-${papers}-seed-${seed}`));
  const marker = path.join(home, 'bench-corpus.json');
  const [port] = await freePorts(1);
  const env = (name: string, fallback: string) => process.env[name] ?? fallback;
  const config = loadConfig({
    NODE_ENV: 'production',
    EVMAP_NEO4J_SOURCE: 'local',
    EVMAP_NEO4J_HOME: home,
    EVMAP_NEO4J_BOLT_PORT: String(port),
    NEO4J_PASSWORD: 'evmap-bench-password',
    EVMAP_NEO4J_HEAP: env('EVMAP_NEO4J_HEAP', '1g'),
    EVMAP_NEO4J_PAGECACHE: env('EVMAP_NEO4J_PAGECACHE', papers > 20_000 ? '1g' : '256m'),
    EVMAP_NEO4J_TX_MEMORY: env('EVMAP_NEO4J_TX_MEMORY', '256m'),
    EVMAP_NEO4J_START_TIMEOUT_MS: '300000',
    EVMAP_QUERY_TIMEOUT_MS: env('EVMAP_QUERY_TIMEOUT_MS', '30000'),
    // One client on loopback making thousands of requests is what a benchmark is; production's
    // per-address limit (loopback counted) would measure the limiter instead.
    EVMAP_RATE_LIMIT_PER_MINUTE: '0',
    EVMAP_RATE_LIMIT_KEY_PER_MINUTE: '0',
  });
  const started = Date.now();
  const loadBefore = os.loadavg();

  const seedData = readSeed();
  const seedEntities = seedData.annotations.entities.map(toEntityInput);
  const synthetic = syntheticEntities();
  const wanted = { version: CORPUS_VERSION, papers, seed };
  let counts: CorpusCounts;
  const held = existsSync(marker) ? (JSON.parse(readFileSync(marker, 'utf8')) as typeof wanted & { counts: CorpusCounts }) : null;
  const reuse = !values.fresh && held !== null && held.version === wanted.version && held.papers === papers && held.seed === seed;
  if (reuse) {
    counts = held.counts;
    log.info(`reusing the corpus in ${home}`);
  } else {
    await rm(home, { recursive: true, force: true });
    const workDir = path.join(home, 'bench-csv');
    mkdirSync(workDir, { recursive: true });
    let t = Date.now();
    const written = await writeCorpus(workDir, papers, seed, benchEntities(seedEntities, synthetic));
    counts = written.counts;
    log.info(`wrote CSV for ${papers} papers, ${counts.cites} CITES, ${counts.claims} claims in ${((Date.now() - t) / 1000).toFixed(1)} s`);
    t = Date.now();
    const admin = await runAdminImport(config.neo4j.local, config.neo4j.database, written.inputs, { workDir, arrayDelimiter: ARRAY_DELIMITER_OPTION, log });
    log.info(`neo4j-admin: ${admin.nodes} nodes, ${admin.relationships} relationships in ${((Date.now() - t) / 1000).toFixed(1)} s`);
    await rm(workDir, { recursive: true, force: true });
  }

  let t = Date.now();
  const opened = await openDatabase({ config, log, purpose: 'serve' });
  log.info(`Neo4j up and schema applied in ${((Date.now() - t) / 1000).toFixed(1)} s`);
  const recorder = new RecordingExecutor(opened.db);
  let bare: Driver | undefined;
  let server: Awaited<ReturnType<typeof createServer>> | undefined;
  let peer: Awaited<ReturnType<typeof startPeer>> | undefined;
  try {
    if (!reuse) {
      t = Date.now();
      // Named before the seed loads: its tagger reads every entity's names.
      await opened.db.runAll(upsertEntitiesQueries(synthetic));
      await loadSeed(opened.db);
      writeFileSync(marker, JSON.stringify({ ...wanted, counts }, null, 2));
      log.info(`seed and entities loaded in ${((Date.now() - t) / 1000).toFixed(1)} s`);
    }
    server = await createServer(config, recorder, silentLogger);
    await server.listen(0, '127.0.0.1');
    const url = `http://127.0.0.1:${(server.httpServer.address() as AddressInfo).port}/graphql`;
    bare = neo4j.driver(opened.neo4j.uri, neo4j.auth.basic(opened.neo4j.user, opened.neo4j.password), { disableLosslessIntegers: true, maxConnectionPoolSize: 50 });
    const driver = bare;
    peer = await startPeer(driver, opened.db.database);
    const peerUrl = peer.url;
    const listedPaper = benchPmid(Math.floor(papers / 2));
    const inPeer = peerQueries(listedPaper);

    const gql = async (q: BenchQuery): Promise<void> => {
      const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: q.graphql, variables: q.variables }) });
      const body = (await res.json()) as { errors?: Array<{ message: string; extensions?: { code?: string } }> };
      if (body.errors?.length) throw new Error(`${q.name}: ${body.errors[0]?.extensions?.code ?? ''} ${body.errors[0]?.message}`);
    };
    const peerGql = async (name: string, q: PeerQuery): Promise<void> => {
      const res = await fetch(peerUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: q.graphql, variables: q.variables }) });
      const body = (await res.json()) as { errors?: Array<{ message: string }> };
      if (body.errors?.length) throw new Error(`${name} (peer): ${body.errors[0]?.message}`);
    };
    const runOne = async (query: RecordedQuery, prefix = ''): Promise<Plan | undefined> => {
      const session = driver.session({ database: opened.db.database, defaultAccessMode: query.mode === 'READ' ? neo4j.session.READ : neo4j.session.WRITE });
      try {
        const result = await session.executeRead((tx) => tx.run(`${prefix}${query.cypher}`, query.params));
        return (result.summary.profile || undefined) as Plan | undefined;
      } finally {
        await session.close();
      }
    };
    const replay = async (groups: readonly RecordedQuery[][]): Promise<void> => {
      for (const group of groups) await Promise.all(group.map((q) => runOne(q)));
    };

    let peakRss = process.memoryUsage().rss;
    const sampler = setInterval(() => {
      peakRss = Math.max(peakRss, process.memoryUsage().rss);
    }, 100);
    const results: Result[] = [];
    const only = values.only ? new Set(values.only.split(',')) : null;
    for (const q of benchQueries({ mostCited: counts.mostCited.pmid, listedPaper })) {
      if (only && !only.has(q.name)) continue;
      const result: Result = { name: q.name, description: q.description, g_p50_ms: NaN, g_p95_ms: NaN, l1_p50_ms: NaN, l1_p95_ms: NaN, ratio: NaN, g_rps_16: NaN, l1_rps_16: NaN, round_trips: NaN, db_hits: NaN, peer_p50_ms: null, samples: 0 };
      results.push(result);
      try {
        // A first request warms the plan cache; the second, recorded, is what L1 replays.
        await gql(q);
        const before = recorder.queryCount;
        recorder.start();
        await gql(q);
        const groups = recorder.stop();
        result.round_trips = recorder.queryCount - before;
        let hits = 0;
        for (const query of groups.flat()) {
          const plan = await runOne(query, 'PROFILE ');
          if (plan) hits += planHits(plan);
        }
        result.db_hits = hits;
        await replay(groups);
        // A question the peer cannot answer (at 1M its Q2 outgrows the transaction memory limit) is
        // its result, recorded beside evmap's, not a reason to lose evmap's.
        let pq = inPeer[q.name];
        if (pq) {
          try {
            await peerGql(q.name, pq);
          } catch (error) {
            result.peer_error = error instanceof Error ? error.message : String(error);
            log.error(result.peer_error);
            pq = undefined;
          }
        }
        const g: number[] = [];
        const l1: number[] = [];
        const p: number[] = [];
        const budget = performance.now() + 2 * SAMPLE_BUDGET_MS;
        for (let i = 0; i < samples && (i < 3 || performance.now() < budget); i += 1) {
          let s = performance.now();
          await gql(q);
          g.push(performance.now() - s);
          s = performance.now();
          await replay(groups);
          l1.push(performance.now() - s);
          if (pq) {
            s = performance.now();
            await peerGql(q.name, pq);
            p.push(performance.now() - s);
          }
        }
        result.samples = g.length;
        [result.g_p50_ms, result.g_p95_ms, result.l1_p50_ms, result.l1_p95_ms] = [percentile(g, 50), percentile(g, 95), percentile(l1, 50), percentile(l1, 95)];
        result.ratio = result.g_p50_ms / result.l1_p50_ms;
        if (p.length > 0) result.peer_p50_ms = percentile(p, 50);
        if (result.g_p50_ms <= THROUGHPUT_MAX_P50_MS) {
          result.g_rps_16 = await throughput(() => gql(q), duration);
          result.l1_rps_16 = await throughput(() => replay(groups), duration);
        }
      } catch (error) {
        result.error = error instanceof Error ? error.message : String(error);
        log.error(`${q.name} failed: ${result.error}`);
      }
      process.stdout.write(`${q.name} done (${((Date.now() - started) / 1000).toFixed(0)} s)\n`);
    }
    clearInterval(sampler);

    const f = (n: number, digits = 1) => (Number.isFinite(n) ? n.toFixed(digits) : '—');
    const header = ['query', 'G p50 ms', 'G p95 ms', 'L1 p50 ms', 'L1 p95 ms', 'G/L1', 'P p50 ms', 'P/G', 'G req/s@16', 'L1 req/s@16', 'round trips', 'dbHits', 'n'];
    const peerCells = (r: Result) => (r.peer_error ? ['failed', '—'] : r.peer_p50_ms === null ? ['—', '—'] : [f(r.peer_p50_ms), f(r.peer_p50_ms / r.g_p50_ms, 2)]);
    const rows = results.map((r) => [r.name, f(r.g_p50_ms), f(r.g_p95_ms), f(r.l1_p50_ms), f(r.l1_p95_ms), f(r.ratio, 2), ...peerCells(r), f(r.g_rps_16), f(r.l1_rps_16), f(r.round_trips, 0), f(r.db_hits, 0), String(r.samples)]);
    const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] as string).length)));
    const line = (cells: readonly string[]) => `| ${cells.map((c, i) => (i === 0 ? c.padEnd(widths[i] as number) : c.padStart(widths[i] as number))).join(' | ')} |\n`;
    process.stdout.write(`\n${papers} papers, ${counts.cites} CITES (most cited: ${counts.mostCited.citedBy}), ${counts.claims} claims, ${counts.authorships} authorships, ${counts.entities} entities\n`);
    process.stdout.write(line(header));
    process.stdout.write(line(widths.map((w) => '-'.repeat(w))));
    for (const r of rows) process.stdout.write(line(r));
    for (const r of results) process.stdout.write(`  ${r.name}: ${r.description}${r.error ? ` — FAILED: ${r.error}` : ''}${r.peer_error ? ` — the peer failed: ${r.peer_error}` : ''}\n`);
    const machine = { cpus: os.cpus().length, loadavg_before: loadBefore.map((l) => Number(l.toFixed(2))), loadavg_after: os.loadavg().map((l) => Number(l.toFixed(2))), node: process.version, neo4j: await opened.db.serverAgent() };
    process.stdout.write(`API process peak RSS ${(peakRss / MB).toFixed(0)} MB; ${machine.cpus} CPUs, load ${machine.loadavg_before.join(' ')} → ${machine.loadavg_after.join(' ')}; ${((Date.now() - started) / 1000).toFixed(0)} s\n`);
    if (values.out) {
      writeFileSync(values.out, `${JSON.stringify({ papers, seed, corpus: counts, machine, api_rss_mb: Math.round(peakRss / MB), queries: results }, null, 2)}\n`);
      process.stdout.write(`wrote ${values.out}\n`);
    }
    if (results.some((r) => r.error)) process.exitCode = 1;
  } finally {
    await server?.stop();
    await peer?.stop();
    await bare?.close();
    await opened.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});

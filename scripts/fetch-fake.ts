/**
 * Fetch benchmark: runs `evmap fetch`'s pipeline (fetchPubmed) for a 25,000-record search against
 * the fake NCBI of test/fakes/eutils.ts, with faults injected, into the Neo4j evmap would use
 * (NEO4J_URI → Docker → local launcher), and prints requests, retries, wall time, the highest
 * request rate seen in any sliding second, and the records that reached Neo4j.
 *
 *   npx tsx scripts/fetch-fake.ts [--records 25000] [--cap 2000] [--batch-size 500] [--no-key]
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig, loadDotEnv } from '../src/config';
import { openDatabase } from '../src/db/open';
import { fetchPubmed } from '../src/ingest/fetchPubmed';
import { consoleLogger } from '../src/log';
import { FakeEutils } from '../test/fakes/eutils';

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { records: { type: 'string' }, cap: { type: 'string' }, 'batch-size': { type: 'string' }, 'no-key': { type: 'boolean' } } });
  const records = Number(values.records ?? 25_000);
  const batchSize = Number(values['batch-size'] ?? 500);
  const apiKey = values['no-key'] ? undefined : 'fakekey0123';
  // Fresh PMIDs each run, so the run measures creating papers.
  const fake = new FakeEutils({ records, cap: Number(values.cap ?? 2000), firstPmid: 100_000_000 + (Date.now() % 10_000) * 50_000, slowMs: 4000 });
  await fake.start();
  for (const [endpoint, fault, after] of [
    ['esearch', '429', 0],
    ['esearch', '503', 3],
    ['efetch', '502', 2],
    ['efetch', 'html-200', 6],
    ['efetch', 'truncated', 10],
    ['efetch', 'short', 14],
    ['efetch', 'drop', 20],
    ['efetch', 'error-element', 25],
    ['efetch', 'slow', 30],
    ['efetch', '429', 35],
  ] as const) fake.inject(endpoint, fault, { after });

  loadDotEnv();
  const log = consoleLogger('fetch-fake');
  const opened = await openDatabase({ config: loadConfig(), log, purpose: 'batch' });
  const dir = await mkdtemp(path.join(tmpdir(), 'evmap-fetch-fake-'));
  try {
    const started = Date.now();
    const summary = await fetchPubmed(opened.db, {
      query: 'ketamine depression',
      citations: false,
      resume: false,
      batchSize,
      stateFile: path.join(dir, 'state.json'),
      eutils: { baseUrl: fake.url, apiKey, email: 'bench@example.org', timeoutMs: 2000 },
    });
    const wall = (Date.now() - started) / 1000;
    const [row] = await opened.db.readRows<{ n: number }>('MATCH (p:Paper) WHERE p.pmid IN $pmids AND p.title IS NOT NULL RETURN count(p) AS n', { pmids: fake.records.map((r) => r.pmid) });
    const efetched = fake.requests.filter((r) => r.endpoint === 'efetch' && r.fault === undefined).flatMap((r) => (r.params.get('id') ?? '').split(','));
    process.stdout.write(
      [
        `records in the fake corpus: ${records} (esearch lists at most ${values.cap ?? 2000}; ${apiKey ? 'with' : 'without'} an API key)`,
        `ids found: ${summary.found}; records fetched: ${summary.fetched} (${summary.created} created, ${summary.updated} updated, ${summary.unchanged} unchanged, ${summary.rejected.length} rejected)`,
        `requests: ${summary.requests} (server saw ${fake.requests.length}: ${fake.requests.filter((r) => r.endpoint === 'esearch').length} esearch, ${fake.requests.filter((r) => r.endpoint === 'efetch').length} efetch); retries: ${summary.retries}; faults left unserved: ${fake.pendingFaults}`,
        `distinct PMIDs in successful efetch answers: ${new Set(efetched).size} of ${efetched.length} asked`,
        `max requests in any sliding second: ${fake.maxInWindow(1000)} (limit ${apiKey ? 10 : 3})`,
        `wall time: ${wall.toFixed(1)} s`,
        `records in Neo4j from this corpus: ${row?.n ?? 0}`,
      ].join('\n') + '\n',
    );
  } finally {
    await rm(dir, { recursive: true, force: true });
    await opened.close();
    await fake.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});

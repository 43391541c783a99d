import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { CODE_MAPPING, ErrorCode } from '../../src/errors';
import { runCli } from '../helpers/cli';
import { testDb } from '../helpers/db';
import { FakeEutils } from '../fakes/eutils';

const RECORDS = 1200;
const dir = mkdtempSync(path.join(tmpdir(), 'evmap-fetch-'));
// Fresh PMIDs each run: the test Neo4j keeps what earlier runs stored.
const runBase = 800_000_000 + (Date.now() % 20_000) * 4_000;

function isoDay(daysAgo: number): string {
  return new Date(Date.now() - daysAgo * 86_400_000).toISOString().slice(0, 10);
}

describe('evmap fetch from (fake) NCBI E-utilities into Neo4j', () => {
  const { db, close } = testDb();
  const fakes: FakeEutils[] = [];

  async function fake(firstPmid: number): Promise<FakeEutils> {
    const f = new FakeEutils({ records: RECORDS, cap: 500, firstPmid, mdat: isoDay(60).replaceAll('-', '/') });
    await f.start();
    fakes.push(f);
    return f;
  }

  function fetchCli(f: FakeEutils, args: string[], apiKey: string | null = 'fakekey0123') {
    process.env.EVMAP_EUTILS_URL = f.url;
    process.env.EVMAP_NCBI_EMAIL = 'evmap-tests@example.org';
    if (apiKey) process.env.NCBI_API_KEY = apiKey;
    else delete process.env.NCBI_API_KEY;
    return runCli(['fetch', ...args]);
  }

  async function storedCount(f: FakeEutils): Promise<number> {
    const [row] = await db.readRows<{ n: number }>('MATCH (p:Paper) WHERE p.pmid IN $pmids AND p.title IS NOT NULL RETURN count(p) AS n', { pmids: f.records.map((r) => r.pmid) });
    return row?.n ?? 0;
  }

  afterAll(async () => {
    for (const f of fakes) await f.close();
    await close();
  });

  let main: FakeEutils;
  const mainState = path.join(dir, 'main.json');

  it('imports every id of a sliced search exactly once through 429s, 503s, HTML pages and cut answers, within 10 requests a second', async () => {
    main = await fake(runBase);
    main.inject('esearch', '429');
    main.inject('efetch', '503');
    main.inject('efetch', 'html-200', { after: 1 });
    main.inject('efetch', 'truncated', { after: 2 });
    main.inject('esearch', 'error-element', { after: 1 });
    const result = await fetchCli(main, ['ketamine', '--batch-size', '200', '--state', mainState]);
    expect(result.stderr).not.toContain('error');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(new RegExp(`${RECORDS} ids found, ${RECORDS} records fetched: ${RECORDS} created, 0 updated, 0 unchanged, 0 rejected; \\d+ requests, 5 retries`));
    expect(main.pendingFaults).toBe(0);
    expect(await storedCount(main)).toBe(RECORDS);
    const efetched = main.requests.filter((r) => r.endpoint === 'efetch' && r.fault === undefined).flatMap((r) => (r.params.get('id') ?? '').split(','));
    expect(efetched).toHaveLength(RECORDS);
    expect(new Set(efetched).size).toBe(RECORDS);
    expect(main.requests.filter((r) => r.endpoint === 'esearch' && r.fault === undefined).length).toBeGreaterThan(3);
    expect(main.maxInWindow(1000)).toBeLessThanOrEqual(10);
    const state = JSON.parse(readFileSync(mainState, 'utf8')) as { fetched: string[]; pending: unknown[]; current: unknown };
    expect([state.fetched.length, state.pending.length, state.current]).toEqual([RECORDS, 0, null]);
  });

  it('resumes an interrupted fetch where it stopped: nothing imported twice, nothing lost, 3 requests a second without a key', async () => {
    const f = await fake(runBase + 2_000);
    const state = path.join(dir, 'resume.json');
    // Two batches land, then efetch fails past the attempts: the run stops with NCBI unavailable.
    f.inject('efetch', '503', { after: 2, times: 5 });
    const first = await fetchCli(f, ['ketamine', '--batch-size', '200', '--state', state], null);
    expect(first.code).toBe(CODE_MAPPING[ErrorCode.ServiceUnavailable].exit);
    expect(first.stderr).toContain('SERVICE_UNAVAILABLE: NCBI E-utilities efetch failed after 5 attempts: answered 503');
    expect(first.stderr).toContain('--resume');
    // Batches follow the slices, so two batches hold as many records as the slices gave them.
    const done = (JSON.parse(readFileSync(state, 'utf8')) as { fetched: string[] }).fetched.length;
    expect(done).toBeGreaterThan(0);
    expect(done).toBeLessThanOrEqual(400);
    expect(await storedCount(f)).toBe(done);
    const second = await fetchCli(f, ['ketamine', '--batch-size', '200', '--state', state, '--resume'], null);
    expect(second.code).toBe(0);
    expect(second.stdout).toContain(`${RECORDS - done} records fetched: ${RECORDS - done} created, 0 updated, 0 unchanged, 0 rejected`);
    expect(await storedCount(f)).toBe(RECORDS);
    const efetched = f.requests.filter((r) => r.endpoint === 'efetch' && r.fault === undefined).flatMap((r) => (r.params.get('id') ?? '').split(','));
    expect(new Set(efetched).size).toBe(RECORDS);
    expect(efetched).toHaveLength(RECORDS);
    expect(f.maxInWindow(1000)).toBeLessThanOrEqual(3);
    expect(f.requests.some((r) => r.fault === '429')).toBe(false);
  });

  it('fetches with --since only the records added or revised since then', async () => {
    const added = main.addRecords(30, isoDay(2).replaceAll('-', '/'));
    const revised = main.records.slice(0, 10).map((r) => r.pmid);
    main.revise(revised, isoDay(1).replaceAll('-', '/'));
    const result = await fetchCli(main, ['ketamine', '--since', isoDay(10), '--state', path.join(dir, 'since.json')]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('40 ids found, 40 records fetched: 30 created, 10 updated, 0 unchanged, 0 rejected');
    const lastSearch = main.requests.filter((r) => r.endpoint === 'esearch').at(-1);
    expect([lastSearch?.params.get('datetype'), lastSearch?.params.get('mindate')]).toEqual(['mdat', isoDay(10).replaceAll('-', '/')]);
    const [row] = await db.readRows<{ n: number }>("MATCH (p:Paper) WHERE p.pmid IN $pmids AND p.title ENDS WITH '(revised)' RETURN count(p) AS n", { pmids: revised });
    expect(row?.n).toBe(10);
    expect(await storedCount(main)).toBe(RECORDS + added.length);
  });

  it('links fetched records to their references and citers with --citations, papers outside the graph as stubs', async () => {
    const result = await fetchCli(main, ['ketamine', '--max', '150', '--batch-size', '50', '--citations', '--state', path.join(dir, 'citations.json')]);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/150 records fetched: 0 created, 0 updated, 150 unchanged, 0 rejected; [1-9]\d* citations linked/);
    const state = JSON.parse(readFileSync(path.join(dir, 'citations.json'), 'utf8')) as { fetched: string[]; linked: string[] };
    expect(state.linked.sort()).toEqual(state.fetched.sort());
    const fetched = main.records.filter((r) => state.fetched.includes(r.pmid));
    const expected = fetched.flatMap((r) => r.refs.map((ref) => `${r.pmid}>${ref}`));
    const [row] = await db.readRows<{ links: string[]; stubs: number }>(
      `MATCH (p:Paper)-[:CITES]->(c:Paper) WHERE p.pmid IN $pmids
       RETURN collect(p.pmid + '>' + c.pmid) AS links, count(CASE WHEN c.stub AND c.title IS NULL THEN 1 END) AS stubs`,
      { pmids: state.fetched },
    );
    expect(new Set(row?.links)).toEqual(new Set(expected));
    expect(row?.stubs).toBe(fetched.length);
    const again = await fetchCli(main, ['ketamine', '--max', '150', '--batch-size', '50', '--citations', '--state', path.join(dir, 'citations2.json')]);
    expect(again.stdout).toContain(' 0 citations linked');
  });

  it.each([
    [['ketamine', '--since', '2020-13-01'], '--since must be a date YYYY-MM-DD'],
    [['ketamine', '--batch-size', '0'], '--batch-size must be a whole number from 1 to 10000'],
    [['ketamine', '--max', 'ten'], '--max must be a whole number'],
    [['never fetched', '--resume', '--state', path.join(dir, 'absent.json')], '--resume: no fetch to resume'],
  ])('refuses %j with the exit code of BAD_USER_INPUT', async (args, message) => {
    const result = await fetchCli(main, args);
    expect(result.code).toBe(CODE_MAPPING[ErrorCode.BadUserInput].exit);
    expect(result.stderr).toContain(message);
  });
});

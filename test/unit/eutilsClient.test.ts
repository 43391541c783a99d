import { ErrorCode, EvmapError } from '../../src/errors';
import { splitRange } from '../../src/ingest/eutils/dateSlices';
import { efetch } from '../../src/ingest/eutils/efetch';
import { elink } from '../../src/ingest/eutils/elink';
import { esearch } from '../../src/ingest/eutils/esearch';
import type { FailureKind } from '../../src/ingest/eutils/failures';
import { EutilsHttp, type EutilsSettings } from '../../src/ingest/eutils/http';
import { slicedSearch } from '../../src/ingest/eutils/slicedSearch';
import { FakeEutils, type Endpoint, type Fault } from '../fakes/eutils';

const ALL_TIME = { from: '1990/01/01', to: '2025/12/31' };

describe('E-utilities client against the fake NCBI', () => {
  const fake = new FakeEutils({ records: 1200, cap: 250, slowMs: 1500 });
  const client = (settings: Partial<EutilsSettings> = {}) => new EutilsHttp({ baseUrl: fake.url, apiKey: 'fakekey0123', email: 'dev@example.org', maxAttempts: 3, baseDelayMs: 20, timeoutMs: 600, ...settings });

  beforeAll(() => fake.start());
  afterAll(() => fake.close());

  it('splits dates into two halves that share no day, and leaves a single day whole', () => {
    expect(splitRange({ from: '2020/01/01', to: '2020/01/04' })).toEqual([
      { from: '2020/01/01', to: '2020/01/02' },
      { from: '2020/01/03', to: '2020/01/04' },
    ]);
    expect(splitRange({ from: '2019/12/31', to: '2020/01/01' })).toEqual([
      { from: '2019/12/31', to: '2019/12/31' },
      { from: '2020/01/01', to: '2020/01/01' },
    ]);
    expect(splitRange({ from: '2020/02/29', to: '2020/02/29' })).toBeUndefined();
  });

  it('sends tool, email and api_key, on the history server, and reads count, ids, WebEnv and query_key', async () => {
    const before = fake.requests.length;
    const answer = await esearch(client(), 'ketamine', 'pdat', { from: '2000/01/01', to: '2000/12/31' });
    const params = fake.requests[before]?.params;
    expect([params?.get('tool'), params?.get('email'), params?.get('api_key'), params?.get('usehistory'), params?.get('datetype')]).toEqual(['evmap', 'dev@example.org', 'fakekey0123', 'y', 'pdat']);
    expect(answer.count).toBe(fake.records.filter((r) => r.pdat.startsWith('2000/')).length);
    expect(answer.ids).toHaveLength(answer.count);
    expect(answer.webEnv).toMatch(/^MCID_/);
    expect(answer.queryKey).toBe('1');
  });

  it('slices a search past the listing cap by date until every slice lists whole: each id exactly once', async () => {
    const ids: string[] = [];
    let slices = 0;
    for await (const { slice } of slicedSearch(client(), 'ketamine', 'pdat', [ALL_TIME])) {
      expect(slice.ids.length).toBeLessThanOrEqual(250);
      ids.push(...slice.ids);
      slices += 1;
    }
    expect(slices).toBeGreaterThanOrEqual(5);
    expect(ids).toHaveLength(1200);
    expect(new Set(ids).size).toBe(1200);
    expect(new Set(ids)).toEqual(new Set(fake.records.map((r) => r.pmid)));
  });

  it('refuses a single day with more records than one search lists, instead of dropping some', async () => {
    const crowded = new FakeEutils({ records: 0, cap: 2 });
    crowded.addRecords(3, '2025/01/15');
    crowded.records.forEach((r) => (r.pdat = '2001/05/05'));
    await crowded.start();
    try {
      const run = async () => {
        for await (const slice of slicedSearch(new EutilsHttp({ baseUrl: crowded.url, apiKey: 'fakekey0123' }), 'x', 'pdat', [ALL_TIME])) void slice;
      };
      await expect(run()).rejects.toMatchObject({ code: ErrorCode.ResourceLimit, details: { limit: 'esearchIds' } });
    } finally {
      await crowded.close();
    }
  });

  it('fetches PubMed XML by POST and parses every record asked for', async () => {
    const pmids = fake.records.slice(0, 40).map((r) => r.pmid);
    const items = await efetch(client(), pmids);
    expect(items.map((i) => (i.kind === 'paper' ? i.record.pmid : 'rejected'))).toEqual(pmids);
    const first = items[0];
    expect(first?.kind === 'paper' && first.record.title).toBe(fake.records[0]?.title);
    const last = fake.requests.at(-1);
    expect([last?.params.get('db'), last?.params.get('rettype'), last?.params.get('retmode')]).toEqual(['pubmed', 'xml', 'xml']);
  });

  it('links each PMID to its references and its citers, one link set per repeated id', async () => {
    const [a, b] = fake.records as [typeof fake.records[0], typeof fake.records[0]];
    const refs = await elink(client(), [a.pmid, b.pmid], 'pubmed_pubmed_refs');
    expect(refs.get(a.pmid)).toEqual(a.refs);
    expect(refs.get(b.pmid)).toEqual(b.refs);
    expect(fake.requests.at(-1)?.params.getAll('id')).toEqual([a.pmid, b.pmid]);
    const citers = await elink(client(), [a.pmid], 'pubmed_pubmed_citedin');
    expect(citers.get(a.pmid)?.sort()).toEqual(fake.records.filter((r) => r.refs.includes(a.pmid)).map((r) => r.pmid).sort());
  });

  const FAILURES: Array<[Fault, Endpoint, FailureKind]> = [
    ['429', 'esearch', 'rate-limited'],
    ['500', 'efetch', 'server-error'],
    ['502', 'elink', 'server-error'],
    ['503', 'esearch', 'server-error'],
    ['html-200', 'efetch', 'html-error-page'],
    ['html-200', 'esearch', 'html-error-page'],
    ['error-element', 'efetch', 'error-element'],
    ['error-element', 'esearch', 'error-element'],
    ['error-element', 'elink', 'error-element'],
    ['json-error', 'esearch', 'json-error'],
    ['json-error', 'elink', 'json-error'],
    ['truncated', 'efetch', 'truncated'],
    ['truncated', 'esearch', 'truncated'],
    ['short', 'efetch', 'missing-records'],
    ['slow', 'efetch', 'timeout'],
    ['drop', 'esearch', 'network'],
  ];

  const call = (http: EutilsHttp, endpoint: Endpoint): Promise<unknown> => {
    const pmids = fake.records.slice(100, 110).map((r) => r.pmid);
    if (endpoint === 'esearch') return esearch(http, 'ketamine', 'pdat', { from: '2010/01/01', to: '2010/12/31' });
    if (endpoint === 'efetch') return efetch(http, pmids);
    return elink(http, pmids, 'pubmed_pubmed_refs');
  };

  it.each(FAILURES)('retries a %s from %s and then succeeds', async (fault, endpoint) => {
    const http = client();
    fake.inject(endpoint, fault);
    await expect(call(http, endpoint)).resolves.toBeDefined();
    expect(http.stats).toEqual({ requests: 2, retries: 1 });
    expect(fake.pendingFaults).toBe(0);
  });

  it.each(FAILURES)('reports a %s from %s that lasts past the attempts as SERVICE_UNAVAILABLE (%s), never as no results', async (fault, endpoint, kind) => {
    const http = client();
    fake.inject(endpoint, fault, { times: 3 });
    const error = await call(http, endpoint).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(EvmapError);
    expect(error).toMatchObject({ code: ErrorCode.ServiceUnavailable, details: { service: 'eutils', endpoint, failure: kind, attempts: 3 } });
    expect((error as Error).message).toContain(`NCBI E-utilities ${endpoint} failed after 3 attempts`);
    expect(http.stats).toEqual({ requests: 3, retries: 2 });
  });

  it('waits as long as Retry-After says after a 429', async () => {
    const http = client();
    fake.inject('esearch', '429');
    const started = Date.now();
    await esearch(http, 'ketamine', 'pdat', { from: '2010/01/01', to: '2010/01/31' });
    expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
  });

  it('does not retry a 404, which no retry can mend', async () => {
    const http = new EutilsHttp({ baseUrl: `${fake.url}missing/`, apiKey: 'fakekey0123', maxAttempts: 3, baseDelayMs: 20 });
    await expect(esearch(http, 'ketamine', 'pdat', ALL_TIME)).rejects.toMatchObject({ details: { failure: 'client-error', attempts: 1 } });
  });

  it.each([
    ['without an API key: any second ≤ 3', undefined, 3, 10],
    ['with an API key: any second ≤ 10', 'fakekey0123', 10, 25],
  ])('keeps concurrent calls of the process within NCBI rate %s', async (_name, apiKey, limit, calls) => {
    // NCBI counts the last second whatever key it came with; the tests before ran at 10 a second.
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const since = fake.requests.length;
    const started = performance.timeOrigin + performance.now();
    // Separate clients, as separate parts of one process would make: they share the one limiter.
    const clients = [client({ apiKey }), client({ apiKey })];
    await Promise.all(Array.from({ length: calls }, (_, i) => esearch(clients[i % 2] as EutilsHttp, 'ketamine', 'pdat', { from: '2011/01/01', to: '2011/01/31' })));
    const window = new FakeEutils({ records: 0 });
    window.requests.push(...fake.requests.slice(since));
    expect(window.requests).toHaveLength(calls);
    expect(window.requests.every((r) => r.fault === undefined)).toBe(true);
    expect(window.maxInWindow(1000)).toBeLessThanOrEqual(limit);
    expect(window.maxInWindow(1000)).toBeGreaterThanOrEqual(limit - 1);
    expect(performance.timeOrigin + performance.now() - started).toBeGreaterThan(((calls - 1) * 1000) / limit);
  });
});

import { ErrorCode, EvmapError } from '../../src/errors';
import { IciteClient, parseIciteAnswer } from '../../src/ingest/icite';
import { generatedGraph, startFakeIcite, type FakeIcite } from '../fakes/icite';

const GRAPH = generatedGraph(30_000_000, 2500, 3, 2);
const PMIDS = Object.keys(GRAPH);

describe('iCite client against a fake iCite', () => {
  let icite: FakeIcite;
  beforeEach(async () => {
    icite = await startFakeIcite(GRAPH);
  });
  afterEach(() => icite.close());

  // A time limit far above any answer of the fake, even on a busy machine, so a test that counts
  // requests never sees a retry it did not cause; the test of slow answers sets its own.
  const client = (options: Partial<ConstructorParameters<typeof IciteClient>[0]> = {}) =>
    new IciteClient({ baseUrl: icite.url, requestsPerSecond: 100, retryBaseMs: 5, timeoutMs: 30_000, ...options });

  it('asks for at most 1,000 ids per call, each id once, with the fields it reads', async () => {
    const c = client();
    const links = await c.links([...PMIDS, ...PMIDS.slice(0, 10)]);
    expect(icite.requests).toHaveLength(3);
    for (const r of icite.requests) {
      expect(r.pmids.length).toBeLessThanOrEqual(1000);
      expect(r.fl).toBe('pmid,references,cited_by');
    }
    expect(icite.requests.flatMap((r) => r.pmids).sort()).toEqual([...PMIDS].sort());
    expect(links).toHaveLength(PMIDS.length);
    const first = links.find((l) => l.pmid === '30000003');
    expect(first).toEqual({ pmid: '30000003', references: expect.arrayContaining(['30000000']), citedBy: expect.arrayContaining(['30000006']) });
    expect(c.counts).toEqual({ requests: 3, retries: 0 });
  });

  it('leaves out ids iCite does not know, and never invents links for them', async () => {
    const links = await client().links(['30000001', '99999999']);
    expect(links.map((l) => l.pmid)).toEqual(['30000001']);
  });

  it('calls with smaller batches when asked', async () => {
    await client({ idsPerCall: 100 }).links(PMIDS.slice(0, 250));
    expect(icite.requests.map((r) => r.pmids.length)).toEqual([100, 100, 50]);
  });

  it.each([
    ['429 with Retry-After', { kind: 'throttle', retryAfterSeconds: 0 }],
    ['500', { kind: 'server-error' }],
    ['an HTML page with status 200', { kind: 'html' }],
    ['JSON cut short', { kind: 'truncated' }],
    ['a dropped connection', { kind: 'drop' }],
    ['an answer slower than the time limit', { kind: 'slow', ms: 1500 }],
  ] as const)('retries after %s and then reads the full answer', async (_name, fault) => {
    icite.inject(fault, fault);
    const c = client({ timeoutMs: 500 });
    const links = await c.links(PMIDS.slice(0, 20));
    expect(links).toHaveLength(20);
    expect(c.counts).toEqual({ requests: 3, retries: 2 });
    expect(icite.requests.map((r) => r.fault)).toEqual([fault.kind, fault.kind, undefined]);
  });

  it('waits as long as Retry-After asks', async () => {
    icite.inject({ kind: 'throttle', retryAfterSeconds: 1 });
    const started = Date.now();
    await client().links(['30000001']);
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
  });

  it.each([
    ['HTML pages', { kind: 'html' }, /HTML page instead of JSON/],
    ['truncated JSON', { kind: 'truncated' }, /not complete JSON/],
    ['500s', { kind: 'server-error' }, /HTTP 500/],
  ] as const)('fails with SERVICE_UNAVAILABLE, never "no citations", when iCite keeps sending %s', async (_name, fault, message) => {
    icite.inject(fault, fault, fault, fault);
    const c = client({ maxRetries: 3 });
    const failure = await c.links(PMIDS.slice(0, 5)).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(EvmapError);
    expect((failure as EvmapError).code).toBe(ErrorCode.ServiceUnavailable);
    expect((failure as EvmapError).message).toMatch(message);
    expect(c.counts).toEqual({ requests: 4, retries: 3 });
  });

  it('gives up at once when Retry-After asks for longer than it waits', async () => {
    icite.inject({ kind: 'throttle', retryAfterSeconds: 3600 });
    await expect(client().links(['30000001'])).rejects.toMatchObject({ code: ErrorCode.ServiceUnavailable, message: expect.stringMatching(/wait 3600 s/) });
    expect(icite.requests).toHaveLength(1);
  });

  it('does not retry a request iCite refuses', async () => {
    const c = new IciteClient({ baseUrl: `${icite.url}/nowhere`, retryBaseMs: 5 });
    await expect(c.links(['30000001'])).rejects.toMatchObject({ code: ErrorCode.ServiceUnavailable, message: expect.stringMatching(/HTTP 404/) });
    expect(c.counts).toEqual({ requests: 1, retries: 0 });
  });

  it('keeps to its request rate', async () => {
    const started = Date.now();
    await client({ requestsPerSecond: 10, idsPerCall: 10 }).links(PMIDS.slice(0, 50));
    // Five calls at 100 ms apart: the last starts at least 400 ms after the first.
    expect(icite.requests).toHaveLength(5);
    expect(Date.now() - started).toBeGreaterThanOrEqual(380);
  });

  it('refuses a rate of zero and more than 1,000 ids per call', () => {
    expect(() => client({ requestsPerSecond: 0 })).toThrow(/rate/);
    expect(() => client({ idsPerCall: 1001 })).toThrow(/1 to 1000/);
  });
});

describe('parseIciteAnswer', () => {
  it('reads the real shape, numbers or digit strings, and missing lists as empty', () => {
    const body = JSON.stringify({ meta: {}, links: {}, data: [{ pmid: 24392693, references: [1, 2], cited_by: null }, { pmid: '3' }] });
    expect(parseIciteAnswer(body, 'application/json')).toEqual([
      { pmid: '24392693', references: ['1', '2'], citedBy: [] },
      { pmid: '3', references: [], citedBy: [] },
    ]);
  });

  it.each([
    ['an HTML page', '<html><body>maintenance</body></html>', 'text/html'],
    ['HTML labelled as JSON', '  <!DOCTYPE html><html></html>', 'application/json'],
    ['JSON cut short', '{"meta":{},"data":[{"pmid":1,"refer', 'application/json'],
    ['an empty body', '', 'application/json'],
    ['JSON without data', '{"error":"oops"}', 'application/json'],
    ['data that is not a list', '{"data":"none"}', 'application/json'],
    ['a pmid that is no PubMed id', '{"data":[{"pmid":"abc"}]}', 'application/json'],
  ])('refuses %s', (_name, body, contentType) => {
    expect(() => parseIciteAnswer(body, contentType)).toThrow();
  });
});

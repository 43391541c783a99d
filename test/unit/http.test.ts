import { auditServer } from 'graphql-http';
import type { RefusingExecutor } from '../helpers/refusingExecutor';
import { startUnitServer, type TestServer } from '../helpers/server';

describe('HTTP server before any resolver', () => {
  let server: TestServer<RefusingExecutor>;
  beforeAll(async () => {
    server = await startUnitServer();
  });
  afterAll(async () => {
    await server.close();
  });
  // Express or Apollo answers each of these requests, so none may reach the database.
  afterEach(() => expect(server.db.calls).toEqual([]));

  it('answers { __typename } with Query, and the request id in the header and in extensions', async () => {
    const res = await fetch(`${server.baseUrl}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ __typename }' }) });
    expect(res.status).toBe(200);
    const id = res.headers.get('x-request-id');
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect(await res.json()).toEqual({ data: { __typename: 'Query' }, extensions: { requestId: id } });
  });

  it("keeps the client's own x-request-id, and replaces one that could forge a log line", async () => {
    const ask = (id: string) => fetch(`${server.baseUrl}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-request-id': id }, body: JSON.stringify({ query: '{ __typename }' }) });
    const kept = await ask('lab-7.trace:42');
    expect(kept.headers.get('x-request-id')).toBe('lab-7.trace:42');
    expect(((await kept.json()) as { extensions: { requestId: string } }).extensions.requestId).toBe('lab-7.trace:42');
    const forged = await ask('x" status=200 {"injected":true}');
    expect(forged.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('refuses a body over the configured limit with 413 and a coded error', async () => {
    const small = await startUnitServer({ EVMAP_BODY_LIMIT: '1kb' });
    try {
      const res = await fetch(`${small.baseUrl}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: `{ __typename }`, variables: { pad: 'x'.repeat(4096) } }),
      });
      expect(res.status).toBe(413);
      const body = (await res.json()) as { errors: Array<{ extensions: { code: string } }> };
      expect(body.errors[0]?.extensions.code).toBe('BAD_REQUEST');
      expect(small.db.calls).toEqual([]);
    } finally {
      await small.close();
    }
  });

  it('refuses batched requests', async () => {
    const res = await fetch(`${server.baseUrl}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify([{ query: '{ __typename }' }, { query: '{ __typename }' }]),
    });
    expect(res.status).toBe(400);
  });

  it('blocks a simple cross-site GET that lacks a preflight header (CSRF prevention)', async () => {
    const res = await fetch(`${server.baseUrl}/graphql?query=${encodeURIComponent('{ __typename }')}`);
    expect(res.status).toBe(400);
    const allowed = await fetch(`${server.baseUrl}/graphql?query=${encodeURIComponent('{ __typename }')}`, {
      headers: { 'apollo-require-preflight': 'true' },
    });
    expect(allowed.status).toBe(200);
  });
});

describe('GraphQL over HTTP', () => {
  let server: TestServer<RefusingExecutor>;
  beforeAll(async () => {
    server = await startUnitServer();
  });
  afterAll(() => server.close());
  afterEach(() => expect(server.db.calls).toEqual([]));

  it('passes every MUST audit of the graphql-http compliance suite', async () => {
    const results = await auditServer({ url: `${server.baseUrl}/graphql` });
    const mustFailures = results.filter((r) => r.name.startsWith('MUST') && r.status !== 'ok').map((r) => `${r.name}: ${'reason' in r ? r.reason : ''}`);
    expect(results.filter((r) => r.name.startsWith('MUST')).length).toBeGreaterThanOrEqual(10);
    expect(mustFailures).toEqual([]);
  });

  it('refuses a mutation over GET with 405', async () => {
    const res = await fetch(`${server.baseUrl}/graphql?query=${encodeURIComponent('mutation { retractClaim(id: "x", reason: "y") { id } }')}`, {
      headers: { 'apollo-require-preflight': 'true', accept: 'application/json' },
    });
    expect(res.status).toBe(405);
  });
});

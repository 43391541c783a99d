import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { startFakeCollector, type ReceivedSpan } from '../fakes/otlp';
import { testNeo4j } from '../helpers/neo4jTarget';
import { failedStart, startService } from '../helpers/serviceProcess';

const READER_KEY = 'reader-key-never-logged-4711';

/** The JSON lines of a log written to a pipe (no terminal, so no pretty printing). */
function jsonLines(text: string): Array<Record<string, unknown>> {
  return text
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

describe('npm start entry point', () => {
  it('connects to the given Neo4j, migrates, prints its URL, serves, and exits 0 on SIGTERM', async () => {
    const service = await startService();
    try {
      expect(service.stderr()).toContain(`using Neo4j from NEO4J_URI at ${testNeo4j().uri}`);
      const res = await fetch(service.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: '{ __typename }' }),
      });
      expect(await res.json()).toEqual({ data: { __typename: 'Query' }, extensions: { requestId: res.headers.get('x-request-id') } });
      expect((await fetch(service.url.replace(/\/graphql$/, '/readyz'))).status).toBe(200);
    } finally {
      expect(await service.stop()).toBe(0);
    }
    expect(service.stderr()).toContain('SIGTERM received, shutting down');
  });

  it('logs one JSON access line per request, with its id, operation, Neo4j queries and error code, and never a key or a variable', async () => {
    const service = await startService({ EVMAP_API_KEYS: `${READER_KEY}:reader` });
    let requestId: string | null;
    try {
      const res = await fetch(service.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${READER_KEY}`, 'x-request-id': 'lab-run-17' },
        body: JSON.stringify({ query: 'query MechanismName($m: ID!) { mechanism(id: $m) { name } }', variables: { m: 'secret-variable-value-93' } }),
      });
      requestId = res.headers.get('x-request-id');
      await fetch(service.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: 'query Broken { papers(first: -5) { totalCount } }' }) });
    } finally {
      await service.stop();
    }
    expect(requestId).toBe('lab-run-17');
    const lines = jsonLines(service.stderr());
    const access = lines.filter((l) => l.route === 'graphql' && typeof l.reqId === 'string');
    expect(access).toEqual([
      expect.objectContaining({ level: 30, service: 'evmap', msg: expect.stringMatching(/^POST \/graphql 200 [\d.]+ ms$/) as string, reqId: 'lab-run-17', method: 'POST', path: '/graphql', status: 200, operation: 'MechanismName', client: expect.stringMatching(/^key:[0-9a-f]{8}$/) as string }),
      expect.objectContaining({ reqId: expect.stringMatching(/^[0-9a-f-]{36}$/) as string, operation: 'Broken', errorCode: 'BAD_USER_INPUT' }),
    ]);
    expect(access[0]?.neo4jQueries).toBeGreaterThan(0);
    expect(access[0]?.dbMs).toBeGreaterThan(0);
    expect(typeof access[0]?.time).toBe('string');
    expect(service.stderr()).not.toContain(READER_KEY);
    expect(service.stderr()).not.toContain('secret-variable-value-93');
  });

  it('exits 2 with the reason, not a driver stack, when Neo4j refuses the password', async () => {
    const result = await failedStart({ NEO4J_PASSWORD: 'not-the-right-password' });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('NEO4J_USER and NEO4J_PASSWORD were refused by Neo4j from NEO4J_URI');
    expect(result.stderr).not.toMatch(/^\s+at /m);
    expect(result.stderr).not.toContain('not-the-right-password');
    expect(result.stdout).toBe('');
  });

  it('exits 2 naming the port when it is taken, not with an EADDRINUSE stack', async () => {
    const holder = createServer();
    await new Promise<void>((resolve) => holder.listen(0, '127.0.0.1', resolve));
    const { port } = holder.address() as AddressInfo;
    try {
      const result = await failedStart({ PORT: String(port), HOST: '127.0.0.1' });
      expect(result.code).toBe(2);
      expect(result.stderr).toContain(`port ${port} on 127.0.0.1 is already in use`);
      expect(result.stderr).toContain('PORT=0 picks a free one');
      expect(result.stderr).not.toMatch(/^\s+at /m);
    } finally {
      holder.close();
    }
  });

  it('sends request → resolver → Neo4j query spans to the OTLP endpoint, continuing the caller’s trace', async () => {
    const collector = await startFakeCollector();
    const traceId = '4bf92f3577b34da6a3ce929d0e0e4736';
    try {
      const service = await startService({ OTEL_EXPORTER_OTLP_ENDPOINT: collector.endpoint, OTEL_SERVICE_NAME: 'evmap-test' });
      try {
        const res = await fetch(service.url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', traceparent: `00-${traceId}-00f067aa0ba902b7-01` },
          body: JSON.stringify({ query: 'query Supporting($m: ID!) { mechanism(id: $m) { name supportingPapers(first: 3) { totalCount } } }', variables: { m: 'mTOR' } }),
        });
        expect(((await res.json()) as { errors?: unknown }).errors).toBeUndefined();
      } finally {
        // Shutting down flushes the spans still buffered.
        expect(await service.stop()).toBe(0);
      }
      expect(collector.contentTypes[0]).toMatch(/^application\/json/);
      const trace = collector.spans.filter((s) => s.traceId === traceId);
      const byId = new Map(trace.map((s) => [s.spanId, s]));
      const parentOf = (span: ReceivedSpan) => byId.get(span.parentSpanId);

      const request = trace.find((s) => s.name === 'POST graphql');
      expect(request).toMatchObject({ service: 'evmap-test', parentSpanId: '00f067aa0ba902b7', attributes: { 'http.response.status_code': 200, 'graphql.operation.name': 'Supporting' } });
      const resolver = trace.find((s) => s.name === 'Query.mechanism');
      expect(resolver && parentOf(resolver)).toBe(request);
      const queries = trace.filter((s) => s.name.startsWith('neo4j '));
      const parentName = (name: string) => parentOf(queries.find((q) => q.name === name) as ReceivedSpan)?.name;
      expect(parentName('neo4j entities:find')).toBe('Query.mechanism');
      expect(parentName('neo4j supporting:page-stored')).toBe('Mechanism.supportingPapers');
      for (const query of queries) {
        // A field read off its parent object (totalCount) has no span of its own; its query hangs under the nearest that has.
        expect(parentOf(query)).toBeDefined();
        expect(query.attributes).toMatchObject({ 'db.system.name': 'neo4j', 'db.namespace': testNeo4j().database, 'evmap.access_mode': 'READ' });
      }
      // Parameters stay out of spans: the variable's value is in none of them.
      expect(JSON.stringify(trace)).not.toContain('mTOR');
    } finally {
      await collector.close();
    }
  });
});

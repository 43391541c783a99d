import { PassThrough } from 'node:stream';
import { loadConfig } from '../../src/config';
import { parseBookmarks } from '../../src/api/bookmarks';
import { versionProblem } from '../../src/db/open';
import { serviceLogger } from '../../src/log';
import { nodeProblem } from '../../src/nodeVersion';
import { operationLabel } from '../../src/observe/metrics';
import { withSpan } from '../../src/observe/tracing';

describe('start-up checks', () => {
  it('accepts Neo4j 5 and the calendar releases after it, and names the version it refuses', () => {
    expect(versionProblem('Neo4j/5.26.0')).toBeUndefined();
    expect(versionProblem('Neo4j/5.13.0')).toBeUndefined();
    expect(versionProblem('Neo4j/2025.10.1')).toBeUndefined();
    expect(versionProblem('Neo4j/4.4.40')).toBe('the server is Neo4j/4.4.40; evmap needs Neo4j 5 (5.26 LTS or a later 5.x, or a 2025+ release)');
    expect(versionProblem('Memgraph/2.1')).toBe('the server says it is "Memgraph/2.1", not Neo4j; evmap needs Neo4j 5');
  });

  it('refuses a Node outside the engines range with the range and the fix', () => {
    const range = '>=20.19 <21 || >=22';
    expect(nodeProblem('20.20.2', range)).toBeUndefined();
    expect(nodeProblem('24.11.1', range)).toBeUndefined();
    expect(nodeProblem('18.20.4', range)).toBe('evmap needs Node.js >=20.19 <21 || >=22 (package.json "engines"); this is Node.js 18.20.4. Install a current LTS release (24 or 22) and run it again.');
    expect(nodeProblem('20.11.0', range)).toContain('this is Node.js 20.11.0');
  });
});

describe('operations configuration', () => {
  it('reads rate limits, the proxy trust and the tracing endpoint, and names a bad value', () => {
    const config = loadConfig({ EVMAP_RATE_LIMIT_PER_MINUTE: '30', EVMAP_TRUST_PROXY: '1', OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318/' });
    expect(config.rateLimit).toEqual({ perAddress: 30, perKey: 1200, countLoopback: false });
    expect(config.trustProxy).toBe(1);
    expect(config.tracing).toEqual({ tracesUrl: 'http://collector:4318/v1/traces', serviceName: 'evmap' });
    expect(loadConfig({}).tracing).toBeUndefined();
    expect(loadConfig({ NODE_ENV: 'production', EVMAP_PLAYGROUND: 'false' }).rateLimit.countLoopback).toBe(true);
    expect(loadConfig({ EVMAP_TRUST_PROXY: 'loopback, 10.0.0.0/8' }).trustProxy).toBe('loopback, 10.0.0.0/8');
    expect(() => loadConfig({ EVMAP_RATE_LIMIT_PER_MINUTE: '-1' })).toThrow('EVMAP_RATE_LIMIT_PER_MINUTE must be at least 0 (0 turns the limit off) (got "-1")');
    expect(() => loadConfig({ EVMAP_LOG_FORMAT: 'xml' })).toThrow('EVMAP_LOG_FORMAT must be auto, json or pretty');
    expect(() => loadConfig({ OTEL_EXPORTER_OTLP_ENDPOINT: 'collector:4318' })).toThrow('OTEL_EXPORTER_OTLP_ENDPOINT must be an http(s) URL');
    expect(() => loadConfig({ EVMAP_TRUST_PROXY: 'every;one' })).toThrow('EVMAP_TRUST_PROXY must be true, false, a number of proxies');
  });
});

describe('bookmark header', () => {
  it('reads comma-separated Neo4j bookmarks and refuses anything else', () => {
    expect(parseBookmarks(undefined)).toEqual([]);
    expect(parseBookmarks('FB:kcwQ/wTfJwIKRfCrPDgq2WSmNBiQ, FB:abc+=')).toEqual(['FB:kcwQ/wTfJwIKRfCrPDgq2WSmNBiQ', 'FB:abc+=']);
    expect(() => parseBookmarks('FB:x\nSET')).toThrow('The x-evmap-bookmark header must be the value a previous response gave you');
    expect(() => parseBookmarks(Array.from({ length: 17 }, (_, i) => `FB:${i}`).join(','))).toThrow('carries 17 bookmarks; send at most 16');
  });
});

describe('metrics labels', () => {
  it('keeps operation names as labels up to a bound, then folds the rest into "other"', () => {
    expect(operationLabel(undefined)).toBe('-');
    const names = Array.from({ length: 150 }, (_, i) => `Operation${i}`);
    const labels = names.map(operationLabel);
    expect(new Set(labels).size).toBeLessThanOrEqual(101);
    expect(labels.at(-1)).toBe('other');
    expect(operationLabel('Operation0')).toBe('Operation0');
  });
});

describe('logs and spans without a collector', () => {
  it('writes JSON lines with the fields given and drops credentials whatever their place', () => {
    const out = new PassThrough();
    let text = '';
    out.on('data', (chunk: Buffer) => (text += chunk.toString()));
    const log = serviceLogger({ level: 'info', format: 'json' }, out);
    log.debug('hidden at info');
    log.info('request', { reqId: 'r1', status: 200, authorization: 'Bearer secret-1', headers: { authorization: 'Bearer secret-2' }, password: 'secret-3' });
    const lines = text.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ level: 30, msg: 'request', reqId: 'r1', status: 200, service: 'evmap', headers: {} });
    expect(text).not.toMatch(/secret-\d/);
  });

  it('records nothing when tracing was never started', async () => {
    const recording = await withSpan('neo4j test', {}, async (span) => span.isRecording());
    expect(recording).toBe(false);
  });
});

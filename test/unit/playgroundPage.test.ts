import { examples } from '../../src/api/playground/examples';
import type { RefusingExecutor } from '../helpers/refusingExecutor';
import { startUnitServer, type TestServer } from '../helpers/server';

const BROWSER_ACCEPT = 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8';

describe('GraphiQL playground over HTTP', () => {
  let server: TestServer<RefusingExecutor>;
  const getPage = () => fetch(`${server.baseUrl}/graphql`, { headers: { accept: BROWSER_ACCEPT } });

  beforeAll(async () => {
    server = await startUnitServer();
  });
  afterAll(() => server.close());
  // The page and its assets are static, and { __typename } needs no resolver.
  afterEach(() => expect(server.db.calls).toEqual([]));

  it('answers a browser GET of /graphql with the page, its assets local and a strict CSP', async () => {
    const res = await getPage();
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    expect(res.headers.get('vary')).toMatch(/accept/i);
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toMatch(/unsafe-inline|unsafe-eval|https?:/);
    const html = await res.text();
    const nonce = /<meta property="csp-nonce" nonce="([^"]+)">/.exec(html)?.[1];
    expect(csp).toContain(`style-src 'self' 'nonce-${nonce}'`);
    expect((await (await getPage()).text()).includes(nonce ?? '')).toBe(false);
    for (const name of ['react.production.min.js', 'react-dom.production.min.js', 'graphiql.min.js', 'graphiql.min.css', 'init.js', 'playground.css']) {
      expect(html).toContain(`/playground/assets/${name}`);
    }
    expect(html).not.toMatch(/https?:\/\//);
    expect(html).not.toMatch(/<script>|<style>/);
  });

  it('serves every asset the page links with its content type', async () => {
    const html = await (await getPage()).text();
    const urls = [...html.matchAll(/(?:src|href)="(\/playground\/assets\/[^"]+)"/g)].map((m) => m[1] as string);
    expect(urls).toHaveLength(6);
    for (const url of urls) {
      const res = await fetch(`${server.baseUrl}${url}`);
      expect({ url, status: res.status }).toEqual({ url, status: 200 });
      expect(res.headers.get('content-type')).toMatch(url.includes('.css') ? /^text\/css/ : /^(text|application)\/javascript/);
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('cache-control')).toMatch(url.includes('?v=') ? /max-age=31536000.*immutable/ : /no-cache/);
      expect((await res.arrayBuffer()).byteLength).toBeGreaterThan(0);
    }
  });

  it('embeds the example queries in init.js', async () => {
    const script = await (await fetch(`${server.baseUrl}/playground/assets/init.js`)).text();
    for (const { query } of examples) expect(script).toContain(JSON.stringify(query));
  });

  it('leaves GraphQL-over-HTTP GETs to Apollo', async () => {
    const res = await fetch(`${server.baseUrl}/graphql?query=${encodeURIComponent('{__typename}')}`, {
      headers: { accept: 'application/json', 'apollo-require-preflight': 'true' },
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ data: { __typename: 'Query' }, extensions: { requestId: expect.any(String) as string } });
  });

  it('leaves a GET that prefers JSON, or has a query, to Apollo even from a browser', async () => {
    const curlLike = await fetch(`${server.baseUrl}/graphql`, { headers: { accept: '*/*' } });
    expect(curlLike.headers.get('content-type')).not.toMatch(/^text\/html/);
    const withQuery = await fetch(`${server.baseUrl}/graphql?query=${encodeURIComponent('{__typename}')}`, {
      headers: { accept: BROWSER_ACCEPT, 'apollo-require-preflight': 'true' },
    });
    expect(withQuery.headers.get('content-type')).not.toMatch(/^text\/html/);
  });
});

describe('the playground in production', () => {
  it('is off: a browser GET of /graphql gets no page, since production answers no introspection for its docs pane', async () => {
    const server = await startUnitServer({ NODE_ENV: 'production' });
    try {
      const res = await fetch(`${server.baseUrl}/graphql`, { headers: { accept: BROWSER_ACCEPT } });
      expect(res.headers.get('content-type')).not.toMatch(/^text\/html/);
      expect((await fetch(`${server.baseUrl}/playground/assets/init.js`)).status).toBe(404);
    } finally {
      await server.close();
    }
  });
});

import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { chromium, type Browser, type Page } from 'playwright-core';
import { chromiumToLaunch } from '../helpers/browser';
import { startTestServer, type TestServer } from '../helpers/server';

const PAGE = '<!doctype html><html><head><meta charset="utf-8"><title>another site</title></head><body>another site</body></html>';

/** A site on its own port: another origin than the API, as a front end on a developer's machine is. */
async function serveSite(): Promise<{ origin: string; close: () => Promise<void> }> {
  const site = http.createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(PAGE);
  });
  await new Promise<void>((resolve) => site.listen(0, '127.0.0.1', resolve));
  const { port } = site.address() as AddressInfo;
  return { origin: `http://127.0.0.1:${port}`, close: () => new Promise((resolve) => site.close(() => resolve())) };
}

interface Outcome {
  ok: boolean;
  status?: number;
  body?: unknown;
  error?: string;
  disposition?: string | null;
}

/** What the page's own script gets from fetch(): the answer when CORS lets it read one, the browser's error otherwise. */
async function fetchFromPage(page: Page, url: string, init: { method: string; headers?: Record<string, string>; body?: string }): Promise<Outcome> {
  return page.evaluate(async ({ url, init }) => {
    try {
      const res = await fetch(url, init);
      const text = await res.text();
      return { ok: true, status: res.status, body: text.startsWith('{') ? JSON.parse(text) : text, disposition: res.headers.get('content-disposition') };
    } catch (error) {
      return { ok: false, error: String(error) };
    }
  }, { url, init });
}

const STATS = JSON.stringify({ query: '{ stats { nodes } }' });

describe('CORS: a page on another origin calling the API in headless Chromium', () => {
  let allowed: Awaited<ReturnType<typeof serveSite>> | undefined;
  let other: Awaited<ReturnType<typeof serveSite>> | undefined;
  let server: TestServer | undefined;
  let browser: Browser | undefined;

  beforeAll(async () => {
    const { executablePath, args, env } = await chromiumToLaunch();
    allowed = await serveSite();
    other = await serveSite();
    server = await startTestServer({ EVMAP_CORS_ORIGINS: `${allowed.origin},https://app.example.org`, EVMAP_API_KEYS: 'reader-key-123456:reader', EVMAP_READS_REQUIRE_KEY: 'true' });
    browser = await chromium.launch({ executablePath, args, env });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await allowed?.close();
    await other?.close();
  });

  async function pageOn(origin: string): Promise<{ page: Page; errors: string[] }> {
    if (!browser) throw new Error('set-up failed');
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text());
    });
    await page.goto(origin);
    return { page, errors };
  }

  it('lets a listed origin POST GraphQL with an API key (a preflighted request) and read the answer', async () => {
    if (!server || !allowed) throw new Error('set-up failed');
    const { page, errors } = await pageOn(allowed.origin);
    const outcome = await fetchFromPage(page, `${server.baseUrl}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer reader-key-123456' },
      body: STATS,
    });
    expect(outcome).toMatchObject({ ok: true, status: 200, body: { data: { stats: { nodes: expect.any(Number) } } } });
    expect(errors).toEqual([]);
    await page.close();
  });

  it('lets a listed origin download an export and read its file name', async () => {
    if (!server || !allowed) throw new Error('set-up failed');
    const { page } = await pageOn(allowed.origin);
    const outcome = await fetchFromPage(page, `${server.baseUrl}/export/evidence-map?rows=MECHANISM&columns=CONDITION&format=json`, {
      method: 'GET',
      headers: { authorization: 'Bearer reader-key-123456' },
    });
    expect(outcome).toMatchObject({ ok: true, status: 200, disposition: 'attachment; filename="evmap-evidence-map.json"' });
    await page.close();
  });

  it('blocks a page on an origin that is not listed, for GraphQL and for exports', async () => {
    if (!server || !other) throw new Error('set-up failed');
    const { page, errors } = await pageOn(other.origin);
    const graphql = await fetchFromPage(page, `${server.baseUrl}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer reader-key-123456' },
      body: STATS,
    });
    expect(graphql).toEqual({ ok: false, error: expect.stringMatching(/Failed to fetch/) });
    const exported = await fetchFromPage(page, `${server.baseUrl}/export/evidence-map?rows=MECHANISM&columns=CONDITION&format=json`, { method: 'GET' });
    expect(exported).toEqual({ ok: false, error: expect.stringMatching(/Failed to fetch/) });
    expect(errors.join('\n')).toMatch(/blocked by CORS policy/);
    await page.close();
  });

  it('answers a listed origin\'s preflight with what it may send, and an unlisted one\'s without any permission', async () => {
    if (!server || !allowed || !other) throw new Error('set-up failed');
    const preflight = (origin: string) =>
      fetch(`${server?.baseUrl}/graphql`, {
        method: 'OPTIONS',
        headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type,authorization' },
      });
    const yes = await preflight(allowed.origin);
    expect(yes.status).toBe(204);
    expect(yes.headers.get('access-control-allow-origin')).toBe(allowed.origin);
    expect(yes.headers.get('access-control-allow-headers')).toMatch(/authorization/);
    const no = await preflight(other.origin);
    expect(no.headers.get('access-control-allow-origin')).toBeNull();
  });
});

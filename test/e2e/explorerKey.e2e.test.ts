import { readFileSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';
import { chromiumToLaunch } from '../helpers/browser';
import { startTestServer, type TestServer } from '../helpers/server';

const KEY = 'explorer-reader-key-0001';
const WRONG = 'not-the-reader-key-0001';
const STORED = 'evmap.explorer.apiKey';
const FORM = 'This server needs an API key';

/**
 * What the page asked for (with the Authorization header it sent) and complained about, CSP
 * violations included. Chromium logs every 401 on the console; those are what these tests provoke.
 */
async function watch(page: Page): Promise<{ requests: Array<{ url: string; authorization: string | undefined }>; errors: string[]; violations: () => Promise<string[]> }> {
  const seen = { requests: [] as Array<{ url: string; authorization: string | undefined }>, errors: [] as string[] };
  page.on('request', (request) => seen.requests.push({ url: request.url(), authorization: request.headers().authorization }));
  page.on('console', (message) => {
    if (message.type() === 'error' && !/status of 401 \(Unauthorized\)/.test(message.text())) seen.errors.push(message.text());
  });
  page.on('pageerror', (error) => seen.errors.push(error.message));
  // An init script runs before the page's own and is not subject to its CSP. (Strings: the tests are compiled without the DOM's types.)
  await page.addInitScript({
    content: `window.cspViolations = [];
      document.addEventListener('securitypolicyviolation', (event) => window.cspViolations.push(event.violatedDirective + ' ' + event.blockedURI));`,
  });
  return { ...seen, violations: () => page.evaluate<string[]>('window.cspViolations') };
}

const stored = (page: Page) => page.evaluate<string | null>(`sessionStorage.getItem(${JSON.stringify(STORED)})`);

describe('the explorer on a server that needs an API key, in headless Chromium', () => {
  let server: TestServer;
  let open: TestServer;
  let browser: Browser;

  beforeAll(async () => {
    const { executablePath, args, env } = await chromiumToLaunch();
    server = await startTestServer({ EVMAP_READS_REQUIRE_KEY: 'true', EVMAP_API_KEYS: `${KEY}:reader` });
    open = await startTestServer({ EVMAP_API_KEYS: `${KEY}:reader` });
    browser = await chromium.launch({ executablePath, args, env });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await open?.close();
  });

  it('asks for the key, says a wrong one is not valid, then searches, opens an entity, keeps the key over a reload and exports with it', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
    const seen = await watch(page);
    await page.goto(`${server.baseUrl}/explore`);

    // The home page asks the server nothing of its own, yet the form shows from the start.
    const form = page.getByRole('form', { name: FORM });
    await form.waitFor();
    const input = form.getByLabel('API key', { exact: true });
    await expect(input.getAttribute('type')).resolves.toBe('password');
    await expect(form.getByText(/session storage/).innerText()).resolves.toMatch(/closing the browser forgets it/);
    await expect(page.getByRole('button', { name: 'Forget key' }).isVisible()).resolves.toBe(false);
    await page.screenshot({ path: '/tmp/explore-key-form.png' });

    await input.fill(WRONG);
    await form.getByRole('button', { name: 'Use key' }).click();
    await form.getByRole('alert').filter({ hasText: 'The API key is not valid.' }).waitFor();
    await expect(form.isVisible()).resolves.toBe(true);
    expect(await stored(page)).toBeNull();
    await page.screenshot({ path: '/tmp/explore-key-wrong.png' });

    await input.fill(KEY);
    await input.press('Enter');
    await form.waitFor({ state: 'hidden' });
    expect(await page.evaluate<string | undefined>('document.activeElement?.id')).toBe('view');
    await page.getByRole('button', { name: 'Forget key' }).waitFor();
    expect(await stored(page)).toBe(KEY);

    const box = page.getByRole('combobox', { name: 'Search entities and papers' });
    await box.fill('GSK-3');
    const options = page.getByRole('listbox', { name: 'Search entities and papers: suggestions' }).getByRole('option');
    await options.first().waitFor();
    await expect(options.first().locator('.caption').innerText()).resolves.toBe('GSK-3');
    await box.press('ArrowDown');
    await box.press('Enter');
    await page.waitForURL(/#\/entity\/Mechanism:gsk-3$/);
    await page.getByRole('heading', { level: 1, name: 'GSK-3' }).waitFor();
    await page.locator('section[aria-labelledby="supporting-heading"] article.paper').first().waitFor();
    await page.screenshot({ path: '/tmp/explore-key-entity.png' });

    // A reload of the tab sends the stored key without asking.
    await page.reload();
    await page.locator('section[aria-labelledby="supporting-heading"] article.paper').first().waitFor();
    await expect(form.isVisible()).resolves.toBe(false);

    await page.goto(`${server.baseUrl}/explore#/map?rows=MECHANISM&columns=CONDITION`);
    await page.locator('svg.map-svg g.cell').first().waitFor();
    const exported = page.waitForResponse((res) => new URL(res.url()).pathname === '/export/evidence-map');
    const csv = page.waitForEvent('download');
    await page.getByRole('link', { name: 'Download CSV' }).click();
    const response = await exported;
    expect(response.status()).toBe(200);
    expect(response.request().headers().authorization).toBe(`Bearer ${KEY}`);
    const file = await csv;
    expect(file.suggestedFilename()).toBe('evmap-evidence-map.csv');
    const text = readFileSync(await file.path(), 'utf8');
    expect(text.split('\n')[0]).toMatch(/^row,rowName,column,columnName,papers,claims,/);
    expect(text).toMatch(/^Mechanism:mtor,mTOR,Condition:major-depressive-disorder,major depressive disorder,[1-9]/m);
    await page.screenshot({ path: '/tmp/explore-key-map.png' });

    // The key is in no address, and every request after it was given carried it.
    expect(await page.evaluate<string>('location.href')).not.toContain(KEY);
    expect(seen.requests.filter((r) => r.url.includes(KEY) || r.url.includes(WRONG))).toEqual([]);
    const sent = seen.requests.filter((r) => /\/(graphql|export\/)/.test(new URL(r.url).pathname)).map((r) => r.authorization);
    const given = sent.indexOf(`Bearer ${KEY}`);
    expect(given).toBeGreaterThan(0);
    expect(sent.slice(0, given)).toEqual(expect.arrayContaining([undefined, `Bearer ${WRONG}`]));
    expect(new Set(sent.slice(given))).toEqual(new Set([`Bearer ${KEY}`]));

    await page.getByRole('button', { name: 'Forget key' }).click();
    await form.waitFor();
    expect(await stored(page)).toBeNull();
    expect(await page.evaluate<string | undefined>('document.activeElement?.id')).toBe('api-key');

    expect(seen.errors).toEqual([]);
    expect(await seen.violations()).toEqual([]);
    expect(seen.requests.filter((r) => !r.url.startsWith('data:') && new URL(r.url).origin !== server.baseUrl)).toEqual([]);
    await page.close();
  });

  it('shows no form on a server that reads without a key, and drops a key that server does not know', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const seen = await watch(page);
    const access = page.waitForResponse((res) => res.url() === `${open.baseUrl}/graphql` && (res.request().postData() ?? '').includes('ExplorerAccess'));
    await page.goto(`${open.baseUrl}/explore`);
    expect((await access).status()).toBe(200);
    await page.getByRole('heading', { level: 1, name: 'Explore the evidence' }).waitFor();
    await expect(page.getByRole('form', { name: FORM }).isVisible()).resolves.toBe(false);
    await expect(page.getByRole('button', { name: 'Forget key' }).isVisible()).resolves.toBe(false);

    // A key left in the tab from before (this server does not know it) is dropped, and the page works without it.
    await page.evaluate(`sessionStorage.setItem(${JSON.stringify(STORED)}, ${JSON.stringify(WRONG)})`);
    await page.goto(`${open.baseUrl}/explore#/entity/Mechanism:gsk-3`);
    await page.reload();
    await page.locator('section[aria-labelledby="supporting-heading"] article.paper').first().waitFor();
    await expect(page.getByRole('form', { name: FORM }).isVisible()).resolves.toBe(false);
    expect(await stored(page)).toBeNull();
    expect(seen.requests.map((r) => r.authorization)).toContain(`Bearer ${WRONG}`);

    expect(seen.errors).toEqual([]);
    expect(await seen.violations()).toEqual([]);
    await page.close();
  });
});

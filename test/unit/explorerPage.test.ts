import type { RefusingExecutor } from '../helpers/refusingExecutor';
import { startUnitServer, type TestServer } from '../helpers/server';

describe('the explorer page and its bundle', () => {
  let server: TestServer<RefusingExecutor>;
  beforeAll(async () => {
    server = await startUnitServer();
  });
  afterAll(() => server.close());

  it('serves /explore with a CSP that allows only this origin, no inline script or style', async () => {
    const res = await fetch(`${server.baseUrl}/explore`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp.split('; ')).toEqual(expect.arrayContaining(["default-src 'none'", "script-src 'self'", "style-src 'self'", "connect-src 'self'", "frame-ancestors 'none'"]));
    expect(csp).not.toMatch(/unsafe|nonce|https?:/);
    const html = await res.text();
    expect(html).not.toMatch(/<script>|<style|style=|https?:\/\//);

    const assets = [...html.matchAll(/(?:src|href)="(\/explore\/assets\/[^"]+)"/g)].map((m) => m[1] as string);
    expect(assets).toHaveLength(2);
    for (const asset of assets) {
      const file = await fetch(`${server.baseUrl}${asset}`);
      expect(file.status).toBe(200);
      expect(file.headers.get('cache-control')).toContain('immutable');
      const body = await file.text();
      expect(body.length).toBeGreaterThan(asset.includes('.css') ? 1_000 : 100_000);
      // Offline: the bundle loads nothing from another host.
      expect(body).not.toMatch(/(?:src|href)\s*=\s*["']https?:\/\/|import\(["']https?:/);
    }
    expect(server.db.calls).toEqual([]);
  }, 60_000);
});

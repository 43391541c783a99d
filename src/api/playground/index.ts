import { randomBytes } from 'node:crypto';
import express from 'express';
import { vendorAssets } from './assets';
import { examples } from './examples';
import { initScript } from './init';
import { ASSET_BASE, contentSecurityPolicy, PLAYGROUND_CSS, playgroundPage } from './page';

export interface PlaygroundOptions {
  /** The GraphQL endpoint path the playground sends queries to. */
  endpoint: string;
}

/**
 * A GET for the playground only when it carries no operation and the client ranks HTML above
 * JSON, so GraphQL-over-HTTP GETs (and curl's Accept: *\/*) still reach Apollo.
 */
function wantsPage(req: express.Request): boolean {
  return req.query.query === undefined && req.accepts(['application/json', 'application/graphql-response+json', 'text/html']) === 'text/html';
}

/** Serves the offline GraphiQL playground on a browser's GET of the endpoint. */
export function playground(options: PlaygroundOptions): express.Router {
  const vendor = vendorAssets();
  const vendorUrls = vendor.map((a) => `${ASSET_BASE}/${a.name}?v=${a.version}`);
  const assets = {
    styles: [...vendorUrls.filter((u) => u.includes('.css?')), `${ASSET_BASE}/playground.css`],
    scripts: [...vendorUrls.filter((u) => u.includes('.js?')), `${ASSET_BASE}/init.js`],
  };
  // Generated here, so unversioned: browsers revalidate them against Express's ETag.
  const own = new Map([
    ['init.js', { type: 'text/javascript', body: initScript(options.endpoint, examples) }],
    ['playground.css', { type: 'text/css', body: PLAYGROUND_CSS }],
  ]);

  const router = express.Router();
  router.get(options.endpoint, (req, res, next) => {
    if (!wantsPage(req)) return next();
    const nonce = randomBytes(16).toString('base64');
    res.vary('Accept');
    // no-store: a cached copy would replay its nonce.
    res.set({ 'Content-Security-Policy': contentSecurityPolicy(nonce), 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff', 'Referrer-Policy': 'no-referrer' });
    res.type('html').send(playgroundPage(assets, nonce));
  });
  for (const [name, file] of own) {
    router.get(`${ASSET_BASE}/${name}`, (_req, res) => {
      res.set({ 'Cache-Control': 'no-cache', 'X-Content-Type-Options': 'nosniff' });
      res.type(file.type).send(file.body);
    });
  }
  for (const asset of vendor) {
    router.get(`${ASSET_BASE}/${asset.name}`, (_req, res, next) => {
      res.sendFile(asset.file, { maxAge: '1y', immutable: true, headers: { 'X-Content-Type-Options': 'nosniff' } }, (error) => {
        if (error) next(error);
      });
    });
  }
  return router;
}

import { createHash } from 'node:crypto';
import express from 'express';
import type { Logger } from '../../log';
import { loadBundle, type ExplorerBundle } from './bundle';
import { EXPLORER_ASSETS, explorerContentSecurityPolicy, explorerPage } from './page';

interface Served extends ExplorerBundle {
  /** A hash of both files: the page's asset URLs change whenever the bundle does. */
  version: string;
}

/**
 * Serves the explorer at /explore from the project's own bundle. The bundle is made on the
 * first request, not when the router is built, so the many servers tests start never pay for it.
 */
export function explorer(log: Logger): express.Router {
  let served: Promise<Served> | undefined;
  const bundle = (): Promise<Served> => {
    // A failed bundle is not kept, so the next request tries again (under tsx, after a fix).
    served ??= loadBundle()
      .then((b) => ({ ...b, version: createHash('sha256').update(b.script).update(b.style).digest('hex').slice(0, 16) }))
      .catch((error: unknown) => {
        served = undefined;
        throw error;
      });
    return served;
  };

  const unavailable = (res: express.Response, error: unknown) => {
    log.error(`explorer: ${error instanceof Error ? error.message : String(error)}`);
    res.status(500).type('text').send('The explorer is unavailable; the server log says why.\n');
  };

  const router = express.Router();
  router.get(['/explore', '/explore/'], async (_req, res) => {
    try {
      const { version } = await bundle();
      res.set({ 'Content-Security-Policy': explorerContentSecurityPolicy(), 'Cache-Control': 'no-cache', 'X-Content-Type-Options': 'nosniff', 'Referrer-Policy': 'no-referrer' });
      res.type('html').send(explorerPage(version));
    } catch (error) {
      unavailable(res, error);
    }
  });
  const asset = (name: string, type: string, body: (b: Served) => string) =>
    router.get(`${EXPLORER_ASSETS}/${name}`, async (req, res) => {
      try {
        const b = await bundle();
        // Versioned URLs are immutable; an unversioned or stale one revalidates.
        const immutable = req.query.v === b.version;
        res.set({ 'Cache-Control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache', 'X-Content-Type-Options': 'nosniff' });
        res.type(type).send(body(b));
      } catch (error) {
        unavailable(res, error);
      }
    });
  asset('explorer.js', 'text/javascript', (b) => b.script);
  asset('explorer.css', 'text/css', (b) => b.style);
  return router;
}

/** Where the playground's scripts and stylesheets are served. */
export const ASSET_BASE = '/playground/assets';

/**
 * Everything the page loads comes from this server: scripts and stylesheets as files (so no
 * 'unsafe-inline' or 'unsafe-eval'), GraphiQL's bundled fonts and icons as data: URLs, and
 * queries over fetch to the same origin. The one exception is the <style> element GraphiQL's
 * dialogs (settings, short keys) insert to lock page scrolling; it carries the per-response
 * nonce instead of the policy allowing any inline style.
 */
export function contentSecurityPolicy(nonce: string): string {
  return [
    "default-src 'none'",
    "script-src 'self'",
    `style-src 'self' 'nonce-${nonce}'`,
    'font-src data:',
    'img-src data:',
    "connect-src 'self'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** Fills the window with GraphiQL; a file rather than a <style> element so the CSP needs no inline styles. */
export const PLAYGROUND_CSS = `body { margin: 0; }
#graphiql { height: 100vh; height: 100dvh; }
`;

/**
 * The HTML shell: the style nonce (under Vite's `csp-nonce` meta convention, read by init.js),
 * stylesheets, scripts in load order, and a mount point for GraphiQL.
 */
export function playgroundPage(assets: { styles: string[]; scripts: string[] }, nonce: string): string {
  const styles = assets.styles.map((href) => `    <link rel="stylesheet" href="${href}">`);
  const scripts = assets.scripts.map((src) => `    <script src="${src}" defer></script>`);
  return `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <meta property="csp-nonce" nonce="${nonce}">
    <title>evmap GraphQL playground</title>
    <link rel="icon" href="data:,">
${[...styles, ...scripts].join('\n')}
  </head>
  <body>
    <div id="graphiql">Loading the playground…</div>
  </body>
</html>
`;
}

/** Where the explorer's script and stylesheet are served. */
export const EXPLORER_ASSETS = '/explore/assets';

/**
 * Stricter than the playground's: the explorer is the project's own code, which inserts no
 * <style> element, so styles need no nonce. Maps become PNGs through an <img> of their SVG as a
 * data: URL; every query goes to this origin.
 */
export function explorerContentSecurityPolicy(): string {
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    'img-src data:',
    "connect-src 'self'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** The HTML shell; the script renders every view into #app from the URL's hash. */
export function explorerPage(version: string): string {
  return `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <title>evmap explorer</title>
    <link rel="icon" href="data:,">
    <link rel="stylesheet" href="${EXPLORER_ASSETS}/explorer.css?v=${version}">
    <script src="${EXPLORER_ASSETS}/explorer.js?v=${version}" defer></script>
  </head>
  <body>
    <div id="app">Loading the explorer…</div>
    <noscript>The explorer needs JavaScript; the GraphQL API at /graphql answers without it.</noscript>
  </body>
</html>
`;
}

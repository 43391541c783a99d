import type { PlaygroundExample } from './examples';

/**
 * The browser script that renders GraphiQL from the React, ReactDOM and GraphiQL UMD globals.
 * The endpoint and examples are embedded as JSON, which is valid JavaScript, so nothing else
 * needs to be fetched. GraphiQL's own fetcher POSTs JSON and sends whatever the headers
 * editor holds, an Authorization header included.
 */
export function initScript(endpoint: string, examples: readonly PlaygroundExample[]): string {
  const config = JSON.stringify({ endpoint, tabs: examples.map(({ query }) => ({ query })) });
  return `'use strict';
(function () {
  var config = ${config};
  // GraphiQL's dialogs (react-remove-scroll) stamp this nonce on the <style> they insert, which the page's CSP allows.
  window.__webpack_nonce__ = document.querySelector('meta[property="csp-nonce"]').nonce;
  var root = ReactDOM.createRoot(document.getElementById('graphiql'));
  root.render(
    React.createElement(GraphiQL, {
      fetcher: GraphiQL.createFetcher({ url: config.endpoint }),
      defaultQuery: config.tabs[0].query,
      defaultTabs: config.tabs,
    }),
  );
})();
`;
}

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
  var send = GraphiQL.createFetcher({ url: config.endpoint });
  // The operations a document defines, by name; comments and strings are blanked first so
  // "# query Foo" or "query" inside a string argument names nothing.
  function operationNames(query) {
    var code = query.replace(/"""[\\s\\S]*?"""|"(?:[^"\\\\\\n]|\\\\.)*"|#[^\\n]*/g, ' ');
    var names = [];
    var pattern = /\\b(?:query|mutation|subscription)\\s+([_A-Za-z][_0-9A-Za-z]*)/g;
    for (var match = pattern.exec(code); match; match = pattern.exec(code)) names.push(match[1]);
    return names;
  }
  // GraphiQL 4 reads the operation name from the query editor 100 ms after its text changes, so
  // a tab run right after switching sent the previous tab's name ("Unknown operation named …").
  // A name the sent document does not define is replaced by its only operation's, or dropped.
  function fetcher(params, options) {
    if (params.operationName && typeof params.query === 'string') {
      var names = operationNames(params.query);
      if (names.indexOf(params.operationName) < 0) {
        params = Object.assign({}, params, { operationName: names.length === 1 ? names[0] : undefined });
      }
    }
    return send(params, options);
  }
  var root = ReactDOM.createRoot(document.getElementById('graphiql'));
  root.render(
    React.createElement(GraphiQL, {
      fetcher: fetcher,
      defaultQuery: config.tabs[0].query,
      defaultTabs: config.tabs,
    }),
  );
})();
`;
}

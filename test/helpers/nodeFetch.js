// citation-js requires node-fetch 3, an ES module that Node 20 loads with require() but Jest's
// module runtime does not (before Node 24.9); Node's own fetch is the same API, and evmap never
// asks citation-js to fetch anything.
module.exports = globalThis.fetch;
module.exports.default = globalThis.fetch;
module.exports.Headers = globalThis.Headers;
module.exports.Request = globalThis.Request;
module.exports.Response = globalThis.Response;

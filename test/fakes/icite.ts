/**
 * A fake NIH iCite on 127.0.0.1 (random port) answering `GET /api/pubs?pmids=…&fl=…` in the real
 * shape, `{"meta": …, "links": …, "data": [{"pmid": 1, "references": […], "cited_by": […]}]}`,
 * from a citation graph the test gives it, and failing on demand as the real one does: 429 with
 * Retry-After, 500, an HTML page served with 200, JSON cut short, a slow answer, a dropped
 * connection.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export type IciteFault =
  | { kind: 'throttle'; retryAfterSeconds: number }
  | { kind: 'server-error' }
  | { kind: 'html' }
  | { kind: 'truncated' }
  | { kind: 'slow'; ms: number }
  | { kind: 'drop' };

export interface IciteRequest {
  pmids: string[];
  fl: string | null;
  status: number;
  fault?: IciteFault['kind'];
}

export interface FakeIcite {
  /** The API base, as EVMAP_ICITE_URL takes it. */
  url: string;
  /** Every request in arrival order. */
  requests: IciteRequest[];
  /** Faults for the next requests, one each, in order; null answers one request normally. */
  inject(...faults: Array<IciteFault | null>): void;
  close(): Promise<void>;
}

/** A citation graph: each PMID with the PMIDs it cites; `cited_by` is derived. */
export type CitationGraph = Record<string, readonly string[]>;

/** A graph of `n` papers numbered from `first`, each citing up to `fanOut` earlier ones, plus `outside` extra references to papers not in the list. */
export function generatedGraph(first: number, n: number, fanOut: number, outside: number): CitationGraph {
  const graph: Record<string, string[]> = {};
  for (let i = 0; i < n; i++) {
    const refs = new Set<string>();
    for (let k = 1; k <= fanOut && i - k * 3 >= 0; k++) refs.add(String(first + i - k * 3));
    for (let k = 0; k < outside; k++) refs.add(String(first + n + 1000 + i * outside + k));
    graph[String(first + i)] = [...refs];
  }
  return graph;
}

const HTML_PAGE = '<!DOCTYPE html><html><head><title>iCite - Service Unavailable</title></head><body><h1>We are performing scheduled maintenance</h1></body></html>';

export async function startFakeIcite(graph: CitationGraph): Promise<FakeIcite> {
  const citedBy = new Map<string, string[]>();
  const known = new Set(Object.keys(graph));
  for (const [citing, refs] of Object.entries(graph)) {
    for (const cited of refs) {
      known.add(cited);
      citedBy.set(cited, [...(citedBy.get(cited) ?? []), citing]);
    }
  }
  const faults: Array<IciteFault | null> = [];
  const requests: IciteRequest[] = [];
  const sockets = new Set<Socket>();

  const answer = (req: IncomingMessage, res: ServerResponse): void => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const pmids = (url.searchParams.get('pmids') ?? '').split(',').filter(Boolean);
    const fl = url.searchParams.get('fl');
    const fault = faults.shift() ?? undefined;
    const log = (status: number) => requests.push({ pmids, fl, status, fault: fault?.kind });
    if (url.pathname !== '/api/pubs') {
      log(404);
      res.writeHead(404, { 'content-type': 'application/json' }).end('{"error":"Not Found"}');
      return;
    }
    if (pmids.length > 1000) {
      log(400);
      res.writeHead(400, { 'content-type': 'application/json' }).end('{"error":"Maximum number of pmids is 1000"}');
      return;
    }
    if (fault?.kind === 'throttle') {
      log(429);
      res.writeHead(429, { 'content-type': 'text/plain', 'retry-after': String(fault.retryAfterSeconds) }).end('Too Many Requests');
      return;
    }
    if (fault?.kind === 'server-error') {
      log(500);
      res.writeHead(500, { 'content-type': 'text/html' }).end('<html><body><h1>500 Internal Server Error</h1></body></html>');
      return;
    }
    if (fault?.kind === 'html') {
      log(200);
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(HTML_PAGE);
      return;
    }
    if (fault?.kind === 'drop') {
      log(0);
      req.socket.destroy();
      return;
    }
    const data = pmids
      .filter((pmid) => known.has(pmid))
      .map((pmid) => ({ pmid: Number(pmid), references: (graph[pmid] ?? []).map(Number), cited_by: (citedBy.get(pmid) ?? []).map(Number) }));
    const body = JSON.stringify({ meta: { pmids: pmids.join(','), fl, limit: 1000 }, links: { self: `${url.pathname}${url.search}` }, data });
    log(200);
    // Sent as JSON the real service sends, but without the part after the cut: a dropped transfer.
    const sent = fault?.kind === 'truncated' ? body.slice(0, Math.max(1, Math.floor(body.length / 2))) : body;
    const reply = () => res.writeHead(200, { 'content-type': 'application/json' }).end(sent);
    if (fault?.kind === 'slow') setTimeout(reply, fault.ms);
    else reply();
  };

  const server = createServer(answer);
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/api`,
    requests,
    inject: (...more) => faults.push(...more),
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

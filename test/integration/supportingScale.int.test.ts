import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { encodeCursor } from '../../src/api/connections';
import { createServer, type EvmapServer } from '../../src/api/server';
import { loadConfig } from '../../src/config';
import { openDatabase, type OpenDatabase } from '../../src/db/open';
import { silentLogger } from '../../src/log';
import { recountPapers } from '../helpers/evidenceCounts';
import { freePorts } from '../helpers/freePorts';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

// More direct evidence than the 10,000 papers the listing used to cap before ranking and counting.
const DIRECT = 10_050;
const CITERS = 30;
const SECOND_HOP = 5;

// A Neo4j of its own: ten thousand papers in the shared test database would change what other suites count and time.
const STEP_MS = 150_000;

describe('supportingPapers beyond 10,000 papers of direct evidence', () => {
  const home = mkdtempSync(path.join(os.tmpdir(), 'evmap-supporting-'));
  let opened: OpenDatabase;
  let server: EvmapServer;
  let url: string;
  const tag = randomUUID().slice(0, 8);
  const entityId = `scale-${tag}`;
  const pmid = (kind: string, i: number) => `scale-${tag}-${kind}${String(i).padStart(5, '0')}`;
  const gql = async (query: string): Promise<Json> => {
    const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query }) });
    const body = (await res.json()) as { data?: Json; errors?: unknown[] };
    expect(body.errors).toBeUndefined();
    return body.data as Json;
  };
  const listing = (args: string) => `{ supportingPapers(entity: "Mechanism:${entityId}", ${args}) {
    totalCount totalCountIsExact edges { cursor distance node { pmid year } claims { id } citationPath { pmid } } pageInfo { hasNextPage } } }`;

  beforeAll(async () => {
    const [port] = await freePorts(1);
    const config = loadConfig({
      NODE_ENV: 'test',
      EVMAP_NEO4J_SOURCE: 'local',
      EVMAP_NEO4J_HOME: home,
      EVMAP_NEO4J_BOLT_PORT: String(port),
      NEO4J_PASSWORD: 'supporting-scale-password',
      EVMAP_NEO4J_HEAP: '512m',
      EVMAP_NEO4J_PAGECACHE: '64m',
      EVMAP_NEO4J_START_TIMEOUT_MS: String(STEP_MS),
    });
    opened = await openDatabase({ config, log: silentLogger, purpose: 'serve' });
    server = await createServer(config, opened.db, silentLogger);
    await server.listen(0, '127.0.0.1');
    url = `http://127.0.0.1:${(server.httpServer.address() as AddressInfo).port}/graphql`;
    // Direct paper i has 1 + (i mod 3) claims and year 1990 + (i mod 30), so the ranking has ties to break.
    await opened.db.writeRows(
      `CREATE (e:Mechanism {id: $entityId, name: $entityId, aliases: [], matchKeys: [$entityId], kind: 'TARGET'})
       WITH e
       UNWIND range(0, $direct - 1) AS i
       CREATE (p:Paper {pmid: $prefix + 'd' + right('0000' + toString(i), 5), title: 'scale ' + i, year: 1990 + i % 30})
       WITH e, p, i
       UNWIND range(0, i % 3) AS k
       CREATE (p)-[:ASSERTS]->(:Claim {id: p.pmid + ':' + k, stance: 'SUPPORTS', source: 'CURATED', quote: 'q', field: 'title', quoteStart: 0, quoteEnd: 1})-[:ABOUT]->(e)`,
      { entityId, direct: DIRECT, prefix: `scale-${tag}-` },
    );
    // Citers of the first direct papers, citers of those, and a direct paper citing another (listed once, as direct).
    await opened.db.writeRows(
      `UNWIND range(0, $citers - 1) AS i
       MATCH (d:Paper {pmid: $prefix + 'd' + right('0000' + toString(i % 3), 5)})
       CREATE (c:Paper {pmid: $prefix + 'c' + right('0000' + toString(i), 5), title: 'citer', year: 2020})-[:CITES]->(d)
       WITH c, i WHERE i < $second
       CREATE (:Paper {pmid: $prefix + 's' + right('0000' + toString(i), 5), title: 'second hop', year: 2021})-[:CITES]->(c)`,
      { citers: CITERS, second: SECOND_HOP, prefix: `scale-${tag}-` },
    );
    await opened.db.writeRows(`MATCH (a:Paper {pmid: $a}), (b:Paper {pmid: $b}) CREATE (a)-[:CITES]->(b)`, { a: pmid('d', 5), b: pmid('d', 0) });
    await recountPapers(opened.db, Array.from({ length: DIRECT }, (_, i) => pmid('d', i)));
  }, 2 * STEP_MS);

  afterAll(async () => {
    await server?.stop();
    await opened?.close();
    rmSync(home, { recursive: true, force: true });
  }, STEP_MS);

  it('counts every direct paper exactly and ranks them all: most claims, then newest, then PMID', async () => {
    const data = await gql(listing('first: 5'));
    expect(data.supportingPapers.totalCount).toBe(DIRECT);
    expect(data.supportingPapers.totalCountIsExact).toBe(true);
    // The top of the ranking is the papers with 3 claims and the latest year (i mod 3 = 2, i mod 30 = 29).
    expect(data.supportingPapers.edges.map((e: Json) => e.node.pmid)).toEqual([29, 59, 89, 119, 149].map((i) => pmid('d', i)));
    expect(data.supportingPapers.edges.every((e: Json) => e.distance === 0 && e.claims.length === 3 && e.node.year === 2019)).toBe(true);

    const last = await gql(listing(`first: 100, after: "${encodeCursor(DIRECT - 3)}"`));
    expect(last.supportingPapers.edges.map((e: Json) => e.node.pmid)).toEqual([9990, 10020].map((i) => pmid('d', i)));
    expect(last.supportingPapers.pageInfo.hasNextPage).toBe(false);
  });

  it('with viaCitations, counts direct and cited-through papers exactly, and pages from the direct evidence into the chains', async () => {
    const first = await gql(listing('viaCitations: 2, first: 3'));
    expect(first.supportingPapers.totalCount).toBe(DIRECT + CITERS + SECOND_HOP);
    expect(first.supportingPapers.totalCountIsExact).toBe(true);
    expect(first.supportingPapers.edges.map((e: Json) => e.node.pmid)).toEqual([29, 59, 89].map((i) => pmid('d', i)));

    // The page straddling the end of the direct evidence: its last 2 papers, then the nearest citers.
    const straddling = await gql(listing(`viaCitations: 2, first: 4, after: "${encodeCursor(DIRECT - 3)}"`));
    const edges = straddling.supportingPapers.edges;
    expect(edges.map((e: Json) => e.distance)).toEqual([0, 0, 1, 1]);
    expect(edges.slice(2).every((e: Json) => e.citationPath.length === 2)).toBe(true);

    const tail = await gql(listing(`viaCitations: 2, first: 100, after: "${encodeCursor(DIRECT - 1)}"`));
    const indirect = tail.supportingPapers.edges;
    expect(indirect).toHaveLength(CITERS + SECOND_HOP);
    expect(indirect.map((e: Json) => e.distance)).toEqual([...Array(CITERS).fill(1), ...Array(SECOND_HOP).fill(2)]);
    expect(new Set(indirect.map((e: Json) => e.node.pmid)).size).toBe(CITERS + SECOND_HOP);
    expect(indirect.map((e: Json) => e.node.pmid)).not.toContain(pmid('d', 5));
    const secondHop = indirect.find((e: Json) => e.node.pmid === pmid('s', 0));
    expect(secondHop.citationPath.map((p: Json) => p.pmid)).toEqual([pmid('s', 0), pmid('c', 0), pmid('d', 0)]);
    expect(tail.supportingPapers.pageInfo.hasNextPage).toBe(false);
  });
});

import { execFile, spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import Graph from 'graphology';
import { parse as parseGraphml } from 'graphology-graphml';
import { parse } from 'csv-parse/sync';
import { XMLParser } from 'fast-xml-parser';
import { traversalRegistry } from '../../src/analyst/traversal';
import { testNeo4j } from '../helpers/neo4jTarget';
import { startTestServer, type TestServer } from '../helpers/server';

const root = path.resolve(__dirname, '../..');
const run = promisify(execFile);

/** Runs the real `evmap` CLI against the run's Neo4j, as a user would. */
function evmap(args: string[], env: Record<string, string> = {}): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const target = testNeo4j();
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [path.join(root, 'node_modules/tsx/dist/cli.mjs'), path.join(root, 'src/cli/main.ts'), ...args], {
      cwd: root,
      env: { ...process.env, NEO4J_URI: target.uri, NEO4J_USER: target.user, NEO4J_PASSWORD: target.password, NEO4J_DATABASE: target.database, EVMAP_NEO4J_SOURCE: 'uri', ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('exports over HTTP', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.close());

  it('a subgraph as GraphML, JSON graph and CSV, each with every edge endpoint among the nodes', async () => {
    // A similar article of the seed, one step out: other test files add papers around GSK-3 and
    // claims to the seed paper itself (two steps out, a download could see one that the next does
    // not), but nothing to this paper or its similar articles, so the downloads see the same graph.
    const url = (format: string) => `${server.baseUrl}/export/subgraph?seeds=Paper:24388038&depth=1&relationshipTypes=SIMILAR_TO,ASSERTS,ABOUT&format=${format}`;
    const graphml = await fetch(url('graphml'));
    expect(graphml.status).toBe(200);
    expect(graphml.headers.get('content-type')).toMatch(/graphml/);
    const g = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' }).parse(await graphml.text()).graphml.graph;
    const nodeIds = new Set([g.node].flat().map((n: { id: string }) => n.id));
    expect(nodeIds.has('Paper:24388038')).toBe(true);
    expect(nodeIds.has('Paper:24392693')).toBe(true);
    expect([g.edge].flat().every((e: { source: string; target: string }) => nodeIds.has(e.source) && nodeIds.has(e.target))).toBe(true);

    const json = (await (await fetch(url('json'))).json()) as { graph: { nodes: Array<{ id: string }>; edges: unknown[] } };
    expect(new Set(json.graph.nodes.map((n) => n.id))).toEqual(nodeIds);

    const nodesCsv = await fetch(`${url('csv')}&part=nodes`);
    expect(nodesCsv.headers.get('content-disposition')).toContain('evmap-subgraph-nodes.csv');
    const nodeRows = parse(await nodesCsv.text(), { columns: true }) as Array<Record<string, string>>;
    expect(new Set(nodeRows.map((r) => r.id))).toEqual(nodeIds);
    expect(nodeRows.find((r) => r.id === 'Paper:24392693')).toMatchObject({ type: 'Paper', pmid: '24392693', year: '2014', label: expect.stringMatching(/^Glutamate receptor antagonists/) });
    const edgeRows = parse(await (await fetch(`${url('csv')}&part=edges`)).text(), { columns: true }) as Array<Record<string, string>>;
    expect(edgeRows.length).toBe([g.edge].flat().length);
    expect(edgeRows.every((r) => nodeIds.has(r.source as string) && nodeIds.has(r.target as string))).toBe(true);
    const noPart = await fetch(url('csv'));
    expect(noPart.status).toBe(400);
    expect(await noPart.json()).toMatchObject({ errors: [{ extensions: { code: 'BAD_USER_INPUT', argumentName: 'part' } }] });
  });

  it('a subgraph as GraphML that networkx and graphology load, every property typed and the name as the label', async () => {
    const res = await fetch(`${server.baseUrl}/export/subgraph?seeds=Paper:24392693&depth=1&relationshipTypes=ASSERTS,ABOUT&format=graphml`);
    const xml = await res.text();
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'evmap-graphml-')), 'seed.graphml');
    writeFileSync(file, xml);
    const script = [
      'import json, sys, networkx as nx',
      'g = nx.read_graphml(sys.argv[1])',
      'seed = g.nodes["Paper:24392693"]',
      'claim = next(n for n, d in g.nodes(data=True) if d["type"] == "Claim")',
      'edge = next(d for a, b, d in g.edges(data=True) if d["type"] == "ASSERTS")',
      'print(json.dumps({"nodes": g.number_of_nodes(), "edges": g.number_of_edges(), "label": seed["label"], "type": seed["type"], "year": seed["year"], "yearIsInt": type(seed["year"]) is int, "retracted": seed["retracted"], "claimType": g.nodes[claim]["type"], "edgeStance": edge.get("stance")}))',
    ].join('\n');
    const { stdout } = await run('python3', ['-c', script, file]);
    const loaded = JSON.parse(stdout) as Record<string, unknown>;
    expect(loaded).toMatchObject({ type: 'Paper', year: 2014, yearIsInt: true, retracted: false, claimType: 'Claim', edgeStance: expect.stringMatching(/^(SUPPORTS|CONTRADICTS|MENTIONS)$/) });
    expect(loaded.label).toMatch(/^Glutamate receptor antagonists/);

    const graph = parseGraphml(Graph, xml);
    expect(graph.order).toBe(loaded.nodes);
    expect(graph.size).toBe(loaded.edges);
    expect(graph.getNodeAttributes('Paper:24392693')).toMatchObject({ type: 'Paper', pmid: '24392693', year: 2014, retracted: false });
  });

  it('refuses GraphML of each shipped traversal, whose rows are values without a graph, with BAD_USER_INPUT naming format', async () => {
    const params: Record<string, Record<string, unknown>> = {
      'aim-evidence-gaps': { aim: 'prolong-ketamine-effect' },
      'co-mentioned': { entity: 'mTOR' },
      'contradicting-papers': { claim: '24392693-gsk-3-target' },
      'most-cited-supporting': { entity: 'mTOR' },
      'shared-mechanisms': { compoundA: 'ketamine', compoundB: 'glutamate receptor antagonists' },
      'supporting-via-citations': { entity: 'mTOR' },
    };
    expect(Object.keys(params).sort()).toEqual([...traversalRegistry().keys()].sort());
    for (const [name, p] of Object.entries(params)) {
      const res = await fetch(`${server.baseUrl}/export/traversal/${name}?format=graphml&params=${encodeURIComponent(JSON.stringify(p))}`);
      const body = (await res.json()) as { errors: Array<{ message: string; extensions: Record<string, unknown> }> };
      expect({ name, status: res.status, extensions: body.errors[0]?.extensions }).toEqual({ name, status: 400, extensions: { code: 'BAD_USER_INPUT', argumentName: 'format' } });
      expect(body.errors[0]?.message).toMatch(/format=csv or format=json/);
    }
  });

  it('a traversal as CSV with a header row and one line per row', async () => {
    const params = encodeURIComponent(JSON.stringify({ entity: 'mTOR', viaCitations: 1 }));
    const res = await fetch(`${server.baseUrl}/export/traversal/supporting-via-citations?format=csv&params=${params}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toContain('evmap-supporting-via-citations.csv');
    const rows = parse(await res.text(), { columns: true }) as Array<Record<string, string>>;
    expect(Object.keys(rows[0] ?? {})).toEqual(['paper', 'title', 'year', 'distance', 'citationPath', 'claimIds']);
    expect(rows.find((r) => r.paper === 'Paper:24392693')?.distance).toBe('0');
  });

  it('an evidence map as CSV whose zero cells are flagged as gaps', async () => {
    const res = await fetch(`${server.baseUrl}/export/evidence-map?rows=MECHANISM&columns=CONDITION&format=csv`);
    expect(res.status).toBe(200);
    const rows = parse(await res.text(), { columns: true }) as Array<Record<string, string>>;
    const cell = rows.find((r) => r.row === 'Mechanism:mtor' && r.column === 'Condition:major-depressive-disorder');
    expect(Number(cell?.papers)).toBeGreaterThanOrEqual(1);
    expect(rows.some((r) => r.gap === 'true' && r.papers === '0')).toBe(true);
  });

  it('answers 404 for a seed that names nothing', async () => {
    expect((await fetch(`${server.baseUrl}/export/subgraph?seeds=Nope:1`)).status).toBe(404);
  });
});

describe('the evmap CLI for analysts', () => {
  it('evmap cypher prints CSV with a header row and one line per row', async () => {
    const { code, stdout } = await evmap(['cypher', 'MATCH (:Paper {pmid: $pmid})-[r:SIMILAR_TO]->(q) RETURN q, r.rank AS rank ORDER BY rank', '--param', 'pmid=24392693', '--format', 'csv']);
    expect(code).toBe(0);
    const lines = stdout.trim().split('\n');
    expect(lines[0]).toBe('q,rank');
    expect(lines).toHaveLength(6);
    expect(lines[1]).toBe('Paper:24388038,1');
  });

  it('evmap cypher refuses a write with exit code 4 and says why', async () => {
    const { code, stderr } = await evmap(['cypher', 'MATCH (p:Paper) DETACH DELETE p']);
    expect(code).toBe(4);
    expect(stderr).toContain('FORBIDDEN');
  });

  it('evmap export evidence-map writes CSV', async () => {
    const { code, stdout } = await evmap(['export', 'evidence-map', '--rows', 'MECHANISM', '--columns', 'CONDITION']);
    expect(code).toBe(0);
    expect(stdout.split('\n')[0]).toMatch(/^row,rowName,column,columnName,papers,claims,SUPPORTS,CONTRADICTS,MENTIONS,/);
  });

  it('evmap query sends an operation to a running server', async () => {
    const server = await startTestServer();
    try {
      const { code, stdout } = await evmap(['query', '-e', 'query($m: ID!) { mechanism(id: $m) { id } }', '--var', 'm=mTOR', '--url', `${server.baseUrl}/graphql`]);
      expect(code).toBe(0);
      expect(JSON.parse(stdout)).toEqual({ data: { mechanism: { id: 'Mechanism:mtor' } }, extensions: { requestId: expect.any(String) as string } });
      const bad = await evmap(['query', '-e', '{ nope }', '--url', `${server.baseUrl}/graphql`]);
      expect(bad.code).toBe(4);
    } finally {
      await server.close();
    }
  });
});

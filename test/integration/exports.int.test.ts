import { spawn } from 'node:child_process';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { XMLParser } from 'fast-xml-parser';
import { testNeo4j } from '../helpers/neo4jTarget';
import { startTestServer, type TestServer } from '../helpers/server';

const root = path.resolve(__dirname, '../..');

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
    // A similar article of the seed: other test files add papers around GSK-3 and the seed itself,
    // but nothing around this one, so the three downloads see the same graph.
    const url = (format: string) => `${server.baseUrl}/export/subgraph?seeds=Paper:24388038&depth=2&relationshipTypes=SIMILAR_TO,ASSERTS,ABOUT&format=${format}`;
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

    const csv = parse(await (await fetch(url('csv'))).text(), { columns: true }) as Array<{ kind: string; id: string }>;
    expect(new Set(csv.filter((r) => r.kind === 'node').map((r) => r.id))).toEqual(nodeIds);
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
      expect(JSON.parse(stdout)).toEqual({ data: { mechanism: { id: 'Mechanism:mtor' } } });
      const bad = await evmap(['query', '-e', '{ nope }', '--url', `${server.baseUrl}/graphql`]);
      expect(bad.code).toBe(4);
    } finally {
      await server.close();
    }
  });
});

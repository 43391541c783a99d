import { spawn } from 'node:child_process';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { testNeo4j } from '../helpers/neo4jTarget';
import { recountPapers } from '../helpers/evidenceCounts';
import { startTestServer, type TestServer } from '../helpers/server';

const root = path.resolve(__dirname, '../..');

// Papers only this file writes: 9-digit PMIDs from 99…, titles with a marker no other test uses.
const MARK = 'evmap-security-export';
const TITLES: Record<string, string> = {
  '990071001': `=HYPERLINK("http://x") ${MARK}`,
  '990071002': `+1 ${MARK}`,
  '990071003': `-2 ${MARK}`,
  '990071004': `@SUM(A1) ${MARK}`,
  '990071005': `\tleading tab ${MARK}`,
  '990071006': `\rleading CR ${MARK}`,
  '990071007': `controls A\u0001B\u000BC\u000CD ${MARK}`,
};
const PMIDS = Object.keys(TITLES);
const MECHANISM = { id: `${MARK}-mechanism`, name: `@SUM(A1) ${MARK} mechanism` };
const CONDITION = { id: `${MARK}-condition`, name: `-2 ${MARK} condition` };
const SEED = `Mechanism:${MECHANISM.id}`;

/** OWASP's CSV injection list: a cell starting with one of these is run as a formula. */
const DANGEROUS = /^[=+\-@\t\r]/;
/** The text without the C0 controls XML 1.0 cannot hold (all but tab, LF and CR), as the GraphML has it. */
const xmlLegal = (text: string): string => [...text].filter((ch) => ch >= ' ' || '\t\n\r'.includes(ch)).join('');

type Errors = { errors: Array<{ message: string; extensions: { code: string } }> };

/** Runs the real `evmap` CLI against the run's Neo4j, as an analyst would. */
function evmap(args: string[]): Promise<{ code: number | null; stdout: string }> {
  const target = testNeo4j();
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [path.join(root, 'node_modules/tsx/dist/cli.mjs'), path.join(root, 'src/cli/main.ts'), ...args], {
      cwd: root,
      env: { ...process.env, NEO4J_URI: target.uri, NEO4J_USER: target.user, NEO4J_PASSWORD: target.password, NEO4J_DATABASE: target.database, EVMAP_NEO4J_SOURCE: 'uri' },
    });
    let stdout = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.on('close', (code) => resolve({ code, stdout }));
  });
}

/** Every cell of a CSV document, header included, that a spreadsheet would run as a formula. */
function formulaCells(csv: string): string[] {
  return (parse(csv, { relaxColumnCount: true }) as string[][]).flat().filter((cell) => DANGEROUS.test(cell));
}

describe('exports are safe to open whatever the data holds', () => {
  let server: TestServer;
  const get = (route: string) => fetch(`${server.baseUrl}${route}`);

  beforeAll(async () => {
    server = await startTestServer();
    // Written straight to Neo4j: text from an old import or another tool need not have passed the curator's checks.
    await server.db.writeRows(
      `MERGE (m:Mechanism {id: $mechanism.id}) SET m.name = $mechanism.name, m.aliases = [], m.kind = 'TARGET'
       MERGE (d:Condition {id: $condition.id}) SET d.name = $condition.name, d.aliases = []
       WITH m, d
       UNWIND $papers AS row
       MERGE (p:Paper {pmid: row.pmid}) SET p.title = row.title, p.year = 2024
       MERGE (c:Claim {id: $mark + '-' + row.pmid})
         SET c.stance = 'SUPPORTS', c.quote = row.title, c.field = 'TITLE', c.quoteStart = 0, c.quoteEnd = size(row.title),
             c.evidenceLevel = 'RCT', c.source = 'CURATED'
       MERGE (p)-[:ASSERTS]->(c)
       MERGE (c)-[:ABOUT]->(m)
       MERGE (c)-[:ABOUT]->(d)`,
      { mechanism: MECHANISM, condition: CONDITION, mark: MARK, papers: PMIDS.map((pmid) => ({ pmid, title: TITLES[pmid] })) },
    );
    await recountPapers(server.db, PMIDS);
  });

  afterAll(async () => {
    await server.db.writeRows(
      `MATCH (n) WHERE (n:Paper AND n.pmid IN $pmids) OR (n:Claim AND n.id STARTS WITH $mark) OR (n:Mechanism AND n.id = $mechanism) OR (n:Condition AND n.id = $condition)
       DETACH DELETE n`,
      { pmids: PMIDS, mark: `${MARK}-`, mechanism: MECHANISM.id, condition: CONDITION.id },
    );
    await server.db.writeRows('MATCH (cell:EvidenceCell) WHERE cell.key CONTAINS $mechanism OR cell.key CONTAINS $condition DETACH DELETE cell', { mechanism: MECHANISM.id, condition: CONDITION.id });
    await server.close();
  });

  const subgraph = (format: string) => get(`/export/subgraph?seeds=${SEED}&depth=2&relationshipTypes=ABOUT,ASSERTS&format=${format}`);

  it('a subgraph CSV has no cell a spreadsheet would run, and keeps each title after the quote', async () => {
    const res = await subgraph('csv&part=nodes');
    expect(res.status).toBe(200);
    const csv = await res.text();
    expect(formulaCells(csv)).toEqual([]);
    const names = new Map((parse(csv, { columns: true }) as Array<Record<string, string>>).map((r) => [r.id, r.label]));
    expect(names.get('Paper:990071001')).toBe(`'=HYPERLINK("http://x") ${MARK}`);
    expect(names.get('Paper:990071005')).toBe(`'\tleading tab ${MARK}`);
    expect(names.get('Paper:990071006')).toBe(`'\rleading CR ${MARK}`);
    expect(names.get(SEED)).toBe(`'${MECHANISM.name}`);
  });

  it('a traversal CSV has no cell a spreadsheet would run', async () => {
    const params = encodeURIComponent(JSON.stringify({ entity: SEED, viaCitations: 0 }));
    const res = await get(`/export/traversal/supporting-via-citations?format=csv&params=${params}`);
    expect(res.status).toBe(200);
    const csv = await res.text();
    expect(formulaCells(csv)).toEqual([]);
    const titles = (parse(csv, { columns: true }) as Array<Record<string, string>>).map((r) => r.title);
    expect(titles).toHaveLength(PMIDS.length);
    expect(titles).toEqual(expect.arrayContaining([`'+1 ${MARK}`, `'-2 ${MARK}`, `'@SUM(A1) ${MARK}`]));
  });

  it('an evidence-map CSV quotes entity names but keeps its counts numbers', async () => {
    const where = encodeURIComponent(JSON.stringify({ rowIds: [SEED], columnIds: [`Condition:${CONDITION.id}`] }));
    const res = await get(`/export/evidence-map?rows=MECHANISM&columns=CONDITION&format=csv&where=${where}`);
    expect(res.status).toBe(200);
    const csv = await res.text();
    expect(formulaCells(csv)).toEqual([]);
    expect(parse(csv, { columns: true })).toEqual([
      expect.objectContaining({ rowName: `'${MECHANISM.name}`, columnName: `'${CONDITION.name}`, papers: String(PMIDS.length), SUPPORTS: String(PMIDS.length), gap: 'false' }),
    ]);
  });

  it('GraphML is well-formed XML and keeps each title minus the characters XML cannot hold', async () => {
    const res = await subgraph('graphml');
    expect(res.status).toBe(200);
    const doc = await res.text();
    expect(XMLValidator.validate(doc)).toBe(true);
    const nodes = [new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', trimValues: false, htmlEntities: true }).parse(doc).graphml.graph.node].flat() as Array<{
      id: string;
      data: Array<{ key: string; '#text': string }>;
    }>;
    const name = (id: string) => nodes.find((n) => n.id === id)?.data.find((d) => d.key === 'n_label')?.['#text'];
    for (const pmid of PMIDS) expect(name(`Paper:${pmid}`)).toBe(xmlLegal(TITLES[pmid] ?? ''));
    expect(name('Paper:990071007')).toBe(`controls ABCD ${MARK}`);
  });

  it('JSON exports carry every title exactly, control characters included', async () => {
    const res = await subgraph('json');
    const body = JSON.parse(await res.text()) as { graph: { nodes: Array<{ id: string; name: string }> } };
    for (const pmid of PMIDS) expect(body.graph.nodes.find((n) => n.id === `Paper:${pmid}`)?.name).toBe(TITLES[pmid]);
  });

  it('the CLI writes the same neutralised CSV for `evmap cypher` and `evmap export`', async () => {
    const cypher = await evmap(['cypher', 'MATCH (p:Paper) WHERE p.pmid IN $pmids RETURN p.title AS title, -1 AS n', '--param', `pmids:=${JSON.stringify(PMIDS)}`, '--format', 'csv']);
    expect(cypher.code).toBe(0);
    expect(formulaCells(cypher.stdout).filter((cell) => cell !== '-1')).toEqual([]);
    const rows = parse(cypher.stdout, { columns: true }) as Array<{ title: string; n: string }>;
    expect(rows.map((r) => r.title)).toEqual(expect.arrayContaining([`'=HYPERLINK("http://x") ${MARK}`, `'\rleading CR ${MARK}`]));
    // A number value stays a number: quoting it would turn counts into text.
    expect(rows.every((r) => r.n === '-1')).toBe(true);

    const exported = await evmap(['export', 'subgraph', '--seed', SEED, '--depth', '2', '--type', 'ABOUT', 'ASSERTS', '--format', 'csv', '--part', 'nodes']);
    expect(exported.code).toBe(0);
    expect(formulaCells(exported.stdout)).toEqual([]);
    expect(exported.stdout).toContain(`'@SUM(A1) ${MARK}`);
  });
});

describe('export parameters are checked like the GraphQL arguments', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.close());

  const evidenceMap = (where: string) => fetch(`${server.baseUrl}/export/evidence-map?rows=MECHANISM&columns=CONDITION&format=json&where=${encodeURIComponent(where)}`);

  it('a valid where still filters', async () => {
    const all = await evidenceMap('{"rowIds":["mTOR"]}');
    const contradicting = await evidenceMap('{"rowIds":["mTOR"],"stance":"CONTRADICTS","yearFrom":1900}');
    expect([all.status, contradicting.status]).toEqual([200, 200]);
    type Map = { cells: Array<{ row: string; byStance: Array<{ stance: string; count: number }> }> };
    const [a, c] = [(await all.json()) as Map, (await contradicting.json()) as Map];
    expect(new Set(a.cells.map((cell) => cell.row))).toEqual(new Set(['Mechanism:mtor']));
    expect(c.cells.every((cell) => cell.byStance.every((s) => s.stance === 'CONTRADICTS' || s.count === 0))).toBe(true);
    expect(a.cells.some((cell) => (cell.byStance.find((s) => s.stance === 'SUPPORTS')?.count ?? 0) > 0)).toBe(true);
  });

  // Parameters are checked in order, and `entity` is looked up in Neo4j before `limit` is checked.
  it('/export/traversal/co-mentioned?params={"entity":"mTOR","limit":"5"} is 400 BAD_USER_INPUT with a clear message', async () => {
    const res = await fetch(`${server.baseUrl}/export/traversal/co-mentioned?params={"entity":"mTOR","limit":"5"}`);
    expect(res.status).toBe(400);
    const body = (await res.json()) as Errors;
    expect(body.errors[0]?.extensions.code).toBe('BAD_USER_INPUT');
    expect(body.errors[0]?.message).toMatch(/^params\.limit must be a whole number/);
  });
});

import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../src/config';
import type { Executor } from '../../src/db/executor';
import { openDatabase } from '../../src/db/open';
import { EXIT } from '../../src/errors';
import { bulkImport } from '../../src/ingest/bulkImport';
import { importFile } from '../../src/ingest/pipeline';
import { loadSeed } from '../../src/ingest/seed';
import { silentLogger } from '../../src/log';
import { freePorts } from '../helpers/freePorts';

const root = path.resolve(__dirname, '../..');
const fixture = (name: string) => path.join(root, 'test/fixtures', name);
// Two versions of three papers (XML and MEDLINE), a record without PMID, CommentsCorrections,
// ORCID authors, structured abstracts and the five ketamine papers whose sentences are mined.
const FILES = ['pubmed-sample.xml', 'pubmed-fields.xml', 'ketamine-five.nbib', 'pubmed-sample.nbib', 'pubmed-subjects.xml'].map(fixture);
const password = 'bulk-import-password';
// Each Neo4j start is a cold JVM on a busy 2-core machine; neo4j-admin is another.
const STEP_MS = 150_000;

function configFor(home: string, port: number) {
  return loadConfig({
    NODE_ENV: 'test',
    EVMAP_NEO4J_SOURCE: 'local',
    EVMAP_NEO4J_HOME: home,
    EVMAP_NEO4J_BOLT_PORT: String(port),
    NEO4J_PASSWORD: password,
    EVMAP_NEO4J_HEAP: '512m',
    EVMAP_NEO4J_PAGECACHE: '64m',
    EVMAP_NEO4J_START_TIMEOUT_MS: String(STEP_MS),
  });
}

/** Every node and relationship as text, without the times of writing, so two graphs compare as sets. */
async function dump(db: Executor): Promise<string[]> {
  const clean = (props: Record<string, unknown>) =>
    JSON.stringify(Object.fromEntries(Object.entries(props).filter(([k]) => !['updatedAt', 'createdAt', 'needsReviewSince'].includes(k)).sort(([a], [b]) => a.localeCompare(b))));
  // A cell whose last share a write took out stays, empty (read, it is no cell; deleted, it could race a
  // writer adding to it); a bulk load counts every paper once and leaves none.
  const nodes = await db.readRows<{ labels: string[]; props: Record<string, unknown> }>(
    'MATCH (n) WHERE NOT (n:EvidenceCell AND n.papers = 0) RETURN labels(n) AS labels, properties(n) AS props',
  );
  const rels = await db.readRows<{ type: string; from: string; to: string; props: Record<string, unknown> }>(
    'MATCH (a)-[r]->(b) RETURN type(r) AS type, coalesce(a.pmid, a.id) AS from, coalesce(b.pmid, b.id) AS to, properties(r) AS props',
  );
  return [...nodes.map((n) => `${[...n.labels].sort().join(':')} ${clean(n.props)}`), ...rels.map((r) => `${r.from} -${r.type}-> ${r.to} ${clean(r.props)}`)].sort();
}

function cli(env: Record<string, string>, ...args: string[]) {
  const { NEO4J_URI: _uri, ...inherited } = process.env;
  return spawnSync(process.execPath, [path.join(root, 'node_modules/tsx/dist/cli.mjs'), path.join(root, 'src/cli/main.ts'), ...args], {
    cwd: root,
    encoding: 'utf8',
    timeout: 60_000,
    env: { ...inherited, NODE_ENV: 'test', ...env },
  });
}

describe('evmap import --bulk (neo4j-admin import into the local Neo4j)', () => {
  const homes = { incremental: mkdtempSync(path.join(os.tmpdir(), 'evmap-inc-')), bulk: mkdtempSync(path.join(os.tmpdir(), 'evmap-bulk-')) };
  let ports: [number, number];

  beforeAll(async () => {
    ports = (await freePorts(2)) as [number, number];
  });

  afterAll(() => {
    for (const home of Object.values(homes)) rmSync(home, { recursive: true, force: true });
  });

  it('builds exactly the graph that the seed and `evmap import` of the same files build, and checks every quote', async () => {
    const incremental = await openDatabase({ config: configFor(homes.incremental, ports[0]), log: silentLogger, purpose: 'batch' });
    let expected: string[];
    try {
      await loadSeed(incremental.db);
      for (const file of FILES) await importFile(incremental.db, file);
      expected = await dump(incremental.db);
    } finally {
      await incremental.close();
    }

    const config = configFor(homes.bulk, ports[1]);
    const summary = await bulkImport({ config, log: silentLogger, files: FILES });
    expect(summary.files.map((f) => [path.basename(f.file), f.records, f.rejected.length])).toEqual([
      ['pubmed-sample.xml', 3, 1],
      ['pubmed-fields.xml', 2, 0],
      ['ketamine-five.nbib', 5, 0],
      ['pubmed-sample.nbib', 3, 1],
      ['pubmed-subjects.xml', 1, 0],
    ]);
    // The MEDLINE versions of the XML sample's papers are merged over them after the load.
    expect(summary.csv.deferred).toBeGreaterThanOrEqual(3);
    expect(summary.quotes.checked).toBeGreaterThan(20);
    expect(summary.quotes.wrong).toBe(0);
    expect(summary.csv.sentenceClaims).toBeGreaterThan(10);
    expect(existsSync(path.join(homes.bulk, 'bulk-import'))).toBe(false);

    const bulk = await openDatabase({ config, log: silentLogger, purpose: 'batch', migrate: false });
    try {
      const actual = await dump(bulk.db);
      expect(actual.length).toBeGreaterThan(300);
      expect(actual).toEqual(expected);
    } finally {
      await bulk.close();
    }
  }, 5 * STEP_MS);

  it('refuses to replace a database that holds papers beyond the seed', async () => {
    await expect(bulkImport({ config: configFor(homes.incremental, ports[0]), log: silentLogger, files: FILES })).rejects.toMatchObject({
      code: 'CONFLICT',
      message: expect.stringContaining('add to it with `evmap import`'),
    });
    expect(existsSync(path.join(homes.incremental, 'data', 'databases', 'neo4j'))).toBe(true);
  }, STEP_MS);

  it('refuses a server it cannot load and a file it cannot read before Neo4j starts, with the reason and an exit code', () => {
    const remote = cli({ NEO4J_URI: 'neo4j://127.0.0.1:1', NEO4J_PASSWORD: password }, 'import', '--bulk', FILES[0] as string);
    expect(remote.status).toBe(EXIT.refused);
    expect(remote.stderr).toContain('BAD_USER_INPUT: --bulk writes the local Neo4j\'s store files');

    const home = mkdtempSync(path.join(os.tmpdir(), 'evmap-bulk-refused-'));
    try {
      const local = { EVMAP_NEO4J_SOURCE: 'local', EVMAP_NEO4J_HOME: home, NEO4J_PASSWORD: password };
      const pubtator = cli(local, 'import', '--bulk', fixture('pubtator/export.pubtator'));
      expect(pubtator.status).toBe(EXIT.internal);
      expect(pubtator.stderr).toContain('--bulk reads MEDLINE and PubMed XML');
      const missing = cli(local, 'import', '--bulk', FILES[0] as string, fixture('no-such-file.xml'));
      expect(missing.status).toBe(EXIT.internal);
      expect(missing.stderr).toContain('no-such-file.xml: no such file');
      const stray = cli(local, 'import', '--keep-csv', FILES[0] as string);
      expect(stray.status).toBe(EXIT.usage);
      expect(stray.stderr).toContain('--csv-dir and --keep-csv go with --bulk');
      expect(existsSync(path.join(home, 'data'))).toBe(false);
    } finally {
      rmSync(home, { recursive: true, force: true });
    }
  }, 240_000);
});

import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { upsertPapersQuery } from '../../src/store/papers';
import { runCli } from '../helpers/cli';
import { testDb } from '../helpers/db';
import { ingestTmpDir } from '../helpers/ingestFixtures';
import { startTestServer, type TestServer } from '../helpers/server';
import { generatedGraph, startFakeIcite, type CitationGraph, type FakeIcite } from '../fakes/icite';

// PMIDs of this file only: 8 digits from 10000001, below what other test files draw (900000000 up)
// and sorting before the seed's, so the first page of `papers(orderBy: PMID ASC)` shows them.
const MINE = Array.from({ length: 40 }, (_, i) => String(10_000_001 + i));
const CITERS = ['10005001', '10005002'];

/** The fake's graph: the 40 papers cite earlier ones and two papers each outside the graph; two outside papers cite into it. */
function citationGraph(): CitationGraph {
  return { ...generatedGraph(10_000_001, 40, 3, 2), [CITERS[0] as string]: ['10000001', '10000002'], [CITERS[1] as string]: ['10000003'] };
}

/** Every link of `graph` touching one of `papers`, as "citing>cited". */
function linksTouching(graph: CitationGraph, papers: readonly string[]): string[] {
  const set = new Set(papers);
  return Object.entries(graph)
    .flatMap(([citing, refs]) => refs.map((cited) => [citing, cited] as const))
    .filter(([a, b]) => set.has(a) || set.has(b))
    .map(([a, b]) => `${a}>${b}`)
    .sort();
}

describe('citations from open data', () => {
  const { db, close } = testDb();
  const tmp = ingestTmpDir();
  let icite: FakeIcite;
  let server: TestServer;
  const graph = citationGraph();
  const expected = linksTouching(graph, MINE);
  const outside = [...new Set(expected.flatMap((l) => l.split('>')))].filter((p) => !MINE.includes(p)).sort();

  async function citesAmong(pmids: readonly string[]): Promise<Array<{ link: string; n: number }>> {
    const rows = await db.readRows<{ link: string; n: number }>(
      `MATCH (a:Paper)-[r:CITES]->(b:Paper) WHERE a.pmid IN $pmids OR b.pmid IN $pmids
       RETURN a.pmid + '>' + b.pmid AS link, count(r) AS n ORDER BY link`,
      { pmids },
    );
    return rows;
  }

  async function stubFlags(pmids: readonly string[]): Promise<Record<string, boolean | null>> {
    const rows = await db.readRows<{ pmid: string; stub: boolean | null }>('UNWIND $pmids AS pmid MATCH (p:Paper {pmid: pmid}) RETURN pmid, p.stub AS stub', { pmids });
    return Object.fromEntries(rows.map((r) => [r.pmid, r.stub]));
  }

  beforeAll(async () => {
    icite = await startFakeIcite(graph);
    process.env.EVMAP_ICITE_URL = icite.url;
    server = await startTestServer();
    await db.run(upsertPapersQuery(MINE.map((pmid) => ({ pmid, title: `Citation test paper ${pmid}`, journal: 'Evmap Citation Tests', year: 2020 }))));
  });

  afterAll(async () => {
    delete process.env.EVMAP_ICITE_URL;
    await server.close();
    await icite.close();
    await close();
    tmp.cleanup();
  });

  describe('evmap citations', () => {
    it('stops with SERVICE_UNAVAILABLE (exit 5), never "no citations", when iCite answers only HTML pages', async () => {
      icite.inject({ kind: 'html' }, { kind: 'html' });
      const result = await runCli(['citations', '--retries', '1', '--rate', '50']);
      expect(result.code).toBe(5);
      expect(result.stderr).toMatch(/SERVICE_UNAVAILABLE: iCite answered with an HTML page instead of JSON, 2 times/);
      expect(result.stdout).not.toMatch(/CITES created/);
    });

    it('refuses a bad --batch with BAD_USER_INPUT (exit 4) before asking anyone', async () => {
      const before = icite.requests.length;
      const result = await runCli(['citations', '--batch', '1001']);
      expect(result.code).toBe(4);
      expect(result.stderr).toMatch(/BAD_USER_INPUT: --batch must be a whole number from 1 to 1000/);
      expect(icite.requests.length).toBe(before);
    });

    it('writes every link exactly once through throttling, 500s, HTML pages and truncated JSON, making the papers outside the graph stubs', async () => {
      const before = icite.requests.length;
      icite.inject({ kind: 'throttle', retryAfterSeconds: 1 }, null, { kind: 'server-error' }, null, { kind: 'html' }, null, { kind: 'truncated' });
      const result = await runCli(['citations', '--batch', '10', '--rate', '50']);
      expect(result.stderr).not.toMatch(/error/);
      expect(result.code).toBe(0);
      const asked = icite.requests.slice(before);
      for (const r of asked) expect(r.pmids.length).toBeLessThanOrEqual(10);
      expect(asked.filter((r) => r.fault)).toHaveLength(4);
      // Each of this file's papers was asked for (in a request that was answered in full).
      const answered = new Set(asked.filter((r) => !r.fault).flatMap((r) => r.pmids));
      for (const pmid of MINE) expect(answered).toContain(pmid);

      const summary = /(\d+) papers asked, (\d+) known to iCite, (\d+) links found; (\d+) CITES created, (\d+) stub papers created; (\d+) requests, (\d+) retries/.exec(result.stdout);
      expect(summary).not.toBeNull();
      const [, , known, , created, stubs, requests, retries] = (summary as RegExpExecArray).map(Number);
      expect(known).toBe(MINE.length);
      expect(created).toBe(expected.length);
      expect(stubs).toBe(outside.length);
      expect(requests).toBe(asked.length);
      expect(retries).toBe(4);

      const links = await citesAmong(MINE);
      expect(links.map((l) => l.link)).toEqual(expected);
      expect(links.every((l) => l.n === 1)).toBe(true);
      const flags = await stubFlags([...MINE, ...outside]);
      for (const pmid of outside) expect(flags[pmid]).toBe(true);
      for (const pmid of MINE) expect(flags[pmid]).toBeNull();
    });

    it('run again, creates nothing', async () => {
      const result = await runCli(['citations', '--rate', '50']);
      expect(result.code).toBe(0);
      expect(result.stdout).toMatch(/ 0 CITES created, 0 stub papers created;/);
      expect((await citesAmong(MINE)).every((l) => l.n === 1)).toBe(true);
    });

    it('leaves stubs out of papers and stats unless asked', async () => {
      const res = await server.gql<{ without: { totalCount: number; edges: Array<{ node: { pmid: string; stub: boolean } }> }; withStubs: { totalCount: number; edges: Array<{ node: { pmid: string; stub: boolean } }> }; stats: { stubPapers: number; labels: Array<{ name: string; count: number }> } }>(
        `{ without: papers(orderBy: { field: PMID, direction: ASC }, first: 200) { totalCount edges { node { pmid stub } } }
           withStubs: papers(where: { includeStubs: true }, orderBy: { field: PMID, direction: ASC }, first: 200) { totalCount edges { node { pmid stub } } }
           stats { stubPapers labels { name count } } }`,
      );
      expect(res.body.errors).toBeUndefined();
      const data = res.body.data!;
      const listed = data.without.edges.map((e) => e.node);
      const listedWithStubs = data.withStubs.edges.map((e) => e.node);
      for (const pmid of outside) {
        expect(listed.map((p) => p.pmid)).not.toContain(pmid);
        expect(listedWithStubs).toContainEqual({ pmid, stub: true });
      }
      expect(listed.every((p) => !p.stub)).toBe(true);
      expect(listed.filter((p) => MINE.includes(p.pmid))).toHaveLength(MINE.length);
      // Other test files write in parallel, so only lower bounds: the stubs made here are all counted apart.
      expect(data.withStubs.totalCount - data.without.totalCount).toBeGreaterThanOrEqual(outside.length);
      expect(data.stats.stubPapers).toBeGreaterThanOrEqual(outside.length);
    });

    it('clears the stub mark when the full record is imported', async () => {
      const stub = outside[0] as string;
      const file = path.join(tmp.dir, 'full-record.nbib');
      writeFileSync(file, `PMID- ${stub}\nDP  - 2019 Jan\nTI  - The full record of a paper first known as a citation.\nAB  - It was cited before it was imported.\nJT  - Evmap Citation Tests\n`);
      const result = await runCli(['import', file]);
      expect(result.code).toBe(0);
      expect((await stubFlags([stub]))[stub]).toBeNull();
      const res = await server.gql<{ paper: { stub: boolean; title: string; citedBy: { totalCount: number } } }>(`{ paper(pmid: "${stub}") { stub title citedBy { totalCount } } }`);
      expect(res.body.data?.paper).toMatchObject({ stub: false, title: 'The full record of a paper first known as a citation' });
      expect(res.body.data?.paper.citedBy.totalCount).toBeGreaterThan(0);
    });
  });

  describe('evmap import of an Open Citation Collection file', () => {
    // Pairs: inside → inside, inside → outside, outside → inside, outside → outside (left out without --all).
    const lines = [
      'citing,referenced',
      '10000040,10000001',
      '10000040,10007001',
      '10007002,10000039',
      '10007003,10007004',
      'abc,def',
      '10000040,10000002,10000003',
      '',
      '10000040',
      '10000040,10000001',
    ];

    it('keeps only links touching a paper of the graph, and lists malformed lines by number (exit 3)', async () => {
      const file = path.join(tmp.dir, 'open_citation_collection.csv');
      writeFileSync(file, `${lines.join('\n')}\n`);
      const result = await runCli(['import', file]);
      expect(result.code).toBe(3);
      expect(result.stdout).toMatch(/\(occ-csv\): 5 records/);
      expect(result.stdout).toMatch(/citations: 5 pairs read, 4 kept, 3 CITES created, 2 stub papers created, 3 malformed lines/);
      expect(result.stdout).toMatch(/rejected record 6: not a pair of PubMed ids: "abc,def"/);
      expect(result.stdout).toMatch(/rejected record 7: expected 2 fields \(citing,referenced\), got 3/);
      expect(result.stdout).toMatch(/rejected record 9: /);
      const links = (await citesAmong(['10000040', '10000039'])).map((l) => l.link);
      expect(links).toEqual(expect.arrayContaining(['10000040>10000001', '10000040>10007001', '10007002>10000039']));
      expect(await stubFlags(['10007001', '10007002', '10007003', '10007004'])).toEqual({ '10007001': true, '10007002': true });
    });

    it('with --all keeps every link, from a gzipped file too', async () => {
      const file = path.join(tmp.dir, 'open_citation_collection.csv.gz');
      writeFileSync(file, gzipSync(`${lines.slice(0, 5).join('\n')}\n`));
      const result = await runCli(['import', '--all', file]);
      expect(result.code).toBe(0);
      expect(result.stdout).toMatch(/citations: 4 pairs read, 4 kept, 1 CITES created, 2 stub papers created, 0 malformed lines/);
      expect(await citesAmong(['10007003'])).toEqual([{ link: '10007003>10007004', n: 1 }]);
      expect(await stubFlags(['10007003', '10007004'])).toEqual({ '10007003': true, '10007004': true });
    });
  });
});

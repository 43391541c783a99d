import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { importFile, ImportFileError } from '../../src/ingest/pipeline';
import { loadSeed } from '../../src/ingest/seed';
import { copyFixtureWithUniquePmids, ingestTmpDir, replacePmids, uniquePmidMapping, type UniqueCopy } from '../helpers/ingestFixtures';
import { startTestServer, type TestServer } from '../helpers/server';

interface Authorship {
  position: number;
  name: string;
  fullName: string | null;
  affiliations: string[];
  author: { id: string; orcid: string | null; name: string };
}

describe('every PubMed field kept, through the import and GraphQL', () => {
  let server: TestServer;
  const tmp = ingestTmpDir();
  let copy: UniqueCopy;

  beforeAll(async () => {
    server = await startTestServer();
    await loadSeed(server.db);
    copy = copyFixtureWithUniquePmids('pubmed-fields.xml', tmp.dir);
    await importFile(server.db, copy.file);
  });
  afterAll(async () => {
    await server.close();
    tmp.cleanup();
  });

  async function paper(pmid: string): Promise<Record<string, unknown>> {
    const res = await server.gql<{ paper: Record<string, unknown> }>(
      `query ($pmid: ID!) { paper(pmid: $pmid) {
         doi retracted languages grants abstract abstractSections { label start }
         authors { id name }
         authorships { position name fullName affiliations author { id orcid name } }
         correctedBy { edges { node { pmid } } } retractedBy { edges { node { pmid retracted } } }
         commentedOnBy { edges { node { pmid } } } updatedBy { edges { node { pmid } } }
         cites { edges { node { pmid doi synthetic } } }
         claims { totalCount }
       } }`,
      { pmid },
    );
    expect(res.body.errors).toBeUndefined();
    return res.body.data!.paper;
  }

  it('keeps two namesakes as two byline slots, each with the name, full name and affiliations the paper gives', async () => {
    const p = await paper(copy.pmid('900000101'));
    const authorships = p.authorships as Authorship[];
    expect(authorships.map((a) => [a.position, a.name, a.fullName, a.author.id, a.author.orcid])).toEqual([
      [0, 'Smith J', 'Smith, John', 'Author:0000-0003-1415-9269', '0000-0003-1415-9269'],
      [1, 'Smith J', 'Smith, Jane', 'Author:smith-j', null],
      [2, 'Müller K', 'Müller, Kärin', 'Author:0000-0001-5109-370X', '0000-0001-5109-370X'],
    ]);
    expect(authorships[0]?.affiliations).toHaveLength(2);
    expect((p.authors as Array<{ id: string }>).map((a) => a.id)).toEqual(authorships.map((a) => a.author.id));
  });

  it('stores the structured abstract, languages, grants and DOI case, and links errata, comments, updates, retraction and DOI-only references', async () => {
    const p = await paper(copy.pmid('900000101'));
    expect(p).toMatchObject({
      doi: '10.2174/1570159X15666170320104237',
      retracted: true,
      languages: ['eng', 'ger'],
      grants: ['R01 MH000000/MH/NIMH NIH HHS/United States', 'ZIA MH002857/ImNIH/Intramural NIH HHS/United States'],
      abstractSections: [
        { label: 'BACKGROUND', start: 0 },
        { label: 'METHODS', start: 101 },
        { label: 'RESULTS', start: 182 },
        { label: 'CONCLUSIONS', start: 265 },
      ],
      correctedBy: { edges: [{ node: { pmid: copy.pmid('900000102') } }] },
      retractedBy: { edges: [{ node: { pmid: copy.pmid('900000104'), retracted: false } }] },
      commentedOnBy: { edges: [{ node: { pmid: copy.pmid('900000103') } }] },
      updatedBy: { edges: [{ node: { pmid: copy.pmid('900000105') } }] },
    });
    const cited = (p.cites as { edges: Array<{ node: { pmid: string; doi: string | null; synthetic: boolean } }> }).edges.map((e) => e.node);
    expect(cited).toEqual(expect.arrayContaining([{ pmid: 'doi:10.1038/nature17998', doi: '10.1038/Nature17998', synthetic: true }, expect.objectContaining({ pmid: copy.pmid('24392693') })]));
  });

  it('takes the claims of a retracted paper out of its evidence, though they stay in the graph', async () => {
    const [mined] = await server.db.readRows<{ n: number }>('MATCH (:Paper {pmid: $pmid})-[:ASSERTS]->(c:Claim) RETURN count(c) AS n', { pmid: copy.pmid('900000101') });
    expect(mined?.n).toBeGreaterThan(0);
    expect((await paper(copy.pmid('900000101'))).claims).toEqual({ totalCount: 0 });
  });

  it('changes nothing when the same file is imported again', async () => {
    expect(await importFile(server.db, copy.file)).toMatchObject({ created: 0, updated: 0, unchanged: 2, recordsRead: 2 });
  });

  it('reads a gzipped update file as a stream and deletes its DeleteCitation papers, keeping one with curated claims', async () => {
    const fresh = copyFixtureWithUniquePmids('pubmed-fields.xml', tmp.dir);
    await importFile(server.db, fresh.file);
    const update = path.join(tmp.dir, 'pubmed25n1500.xml.gz');
    writeFileSync(
      update,
      gzipSync(`<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE PubmedArticleSet PUBLIC "-//NLM//DTD PubMedArticle, 1st January 2025//EN" "https://dtd.nlm.nih.gov/ncbi/pubmed/out/pubmed_250101.dtd">
<PubmedArticleSet>
<DeleteCitation>
<PMID Version="1">${fresh.pmid('900000101')}</PMID>
<PMID Version="1">24392693</PMID>
<PMID Version="1">999999998</PMID>
</DeleteCitation>
</PubmedArticleSet>
`),
    );
    const summary = await importFile(server.db, update);
    expect(summary).toMatchObject({ format: 'pubmed-xml', recordsRead: 3, created: 0, updated: 0, unchanged: 0, deletions: { requested: 3, removed: 1, absent: 1, kept: ['24392693'] } });
    expect(summary.created + summary.updated + summary.unchanged + summary.rejected.length + summary.deletions!.requested).toBe(summary.recordsRead);
    const left = await server.db.readRows<{ n: number }>('MATCH (c:Claim) WHERE c.id STARTS WITH $prefix RETURN count(c) AS n', { prefix: `mined:${fresh.pmid('900000101')}:` });
    expect(left[0]?.n).toBe(0);
    expect(await server.db.readRows('MATCH (p:Paper {pmid: $pmid}) RETURN p', { pmid: fresh.pmid('900000101') })).toEqual([]);
    expect(await server.db.readRows('MATCH (p:Paper {pmid: "24392693"}) RETURN p.pmid AS pmid')).toEqual([{ pmid: '24392693' }]);
  });

  it('refuses a non-empty file that holds no record, saying why', async () => {
    const empty = path.join(tmp.dir, 'empty.xml');
    writeFileSync(empty, '<?xml version="1.0"?>\n<PubmedArticleSet>\n</PubmedArticleSet>\n');
    await expect(importFile(server.db, empty)).rejects.toThrow(new ImportFileError(empty, 'no record in it: no PubmedArticle, PubmedBookArticle or DeleteCitation element'));
  });

  it('imports a Latin-1 MEDLINE file as Latin-1 with a warning', async () => {
    // The copy helper writes UTF-8, so this copy keeps the fixture's Latin-1 bytes itself.
    const mapping = uniquePmidMapping(['900000201']);
    const file = path.join(tmp.dir, 'pubmed-latin1.nbib');
    writeFileSync(file, Buffer.from(replacePmids(readFileSync(path.join(__dirname, '..', 'fixtures', 'pubmed-latin1.nbib'), 'latin1'), mapping), 'latin1'));
    const summary = await importFile(server.db, file);
    expect(summary.warnings).toEqual([expect.stringMatching(/^not valid UTF-8 from byte \d+ on: read as Latin-1/)]);
    const p = await paper(mapping.get('900000201')!);
    expect((p.authorships as Authorship[])[0]).toMatchObject({ name: 'Müller J', fullName: 'Müller, Jürgen', affiliations: ['Klinik für Psychiatrie, Universität Zürich, Schweiz.'] });
  });
});

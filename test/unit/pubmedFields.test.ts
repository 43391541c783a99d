import { createReadStream, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import { parseMedline } from '../../src/ingest/medline';
import { parsePubmedXml } from '../../src/ingest/pubmedXml';
import { sectionsOfAbstract } from '../../src/ingest/paperFields';
import { isGzip } from '../../src/ingest/sniff';
import { decodeText } from '../../src/ingest/textDecoding';
import { authorKeyOf, normalizeOrcid } from '../../src/graph/keys';
import type { PaperRecord, ParsedItem } from '../../src/graph/paperRecord';
import { withoutXmlOnlyFields } from '../helpers/pubmedRecords';

const FIXTURES = join(__dirname, '..', 'fixtures');

async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}

function papers(items: ParsedItem[]): PaperRecord[] {
  return items.flatMap((item) => (item.kind === 'paper' ? [item.record] : []));
}

function xml(body: string): Promise<ParsedItem[]> {
  return collect(parsePubmedXml(Readable.from([`<?xml version="1.0"?>\n<PubmedArticleSet>\n${body}\n</PubmedArticleSet>\n`])));
}

/** What only XML carries: the ReferenceList and CommentsCorrections "Cites" (MEDLINE has no tag for them). */
function withoutReferences({ cites: _cites, citedDois: _dois, ...record }: PaperRecord): PaperRecord {
  return record;
}

describe('every field of a PubMed record, from XML and from MEDLINE', () => {
  let fromXml: PaperRecord[];
  let fromMedline: PaperRecord[];

  beforeAll(async () => {
    fromXml = papers(await collect(parsePubmedXml(createReadStream(join(FIXTURES, 'pubmed-fields.xml')))));
    fromMedline = papers(await collect(parseMedline(createReadStream(join(FIXTURES, 'pubmed-fields.nbib')))));
  });

  it('reads the same record from both formats, short of what only XML has', () => {
    expect(fromXml.map((r) => withoutReferences(withoutXmlOnlyFields(r)))).toEqual(fromMedline);
  });

  it('writes a structured abstract as MEDLINE AB does and keeps where each section starts', () => {
    const [paper] = fromXml;
    expect(paper?.abstract).toMatch(/^BACKGROUND: Ketamine, an N-methyl-D-aspartate receptor antagonist, has rapid antidepressant effects\. METHODS: Twenty/);
    expect(paper?.abstractSections?.map((s) => s.label)).toEqual(['BACKGROUND', 'METHODS', 'RESULTS', 'CONCLUSIONS']);
    for (const section of paper?.abstractSections ?? []) expect(paper?.abstract?.slice(section.start)).toMatch(new RegExp(`^${section.label}: `));
  });

  it('keeps both namesakes on the byline, each with their own full name, ORCID and affiliations', () => {
    const authors = fromXml[0]?.authors ?? [];
    expect(authors.map((a) => [a.name, a.fullName, a.identifier])).toEqual([
      ['Smith J', 'Smith, John', '0000-0003-1415-9269'],
      ['Smith J', 'Smith, Jane', undefined],
      ['Müller K', 'Müller, Kärin', '0000-0001-5109-370X'],
    ]);
    expect(authors[0]?.affiliations).toHaveLength(2);
    expect(authors.map(authorKeyOf)).toEqual(['0000-0003-1415-9269', 'smith-j', '0000-0001-5109-370X']);
  });

  it('keeps languages, grants as MEDLINE GR strings, CommentsCorrections links and the retraction', () => {
    expect(fromXml[0]).toMatchObject({
      languages: ['eng', 'ger'],
      grants: ['R01 MH000000/MH/NIMH NIH HHS/United States', 'ZIA MH002857/ImNIH/Intramural NIH HHS/United States'],
      links: [
        { type: 'CommentIn', pmid: '900000103' },
        { type: 'ErratumIn', pmid: '900000102' },
        { type: 'RetractionIn', pmid: '900000104' },
        { type: 'UpdateIn', pmid: '900000105' },
      ],
      retracted: true,
    });
    expect(fromXml[1]).toMatchObject({ links: [{ type: 'RetractionOf', pmid: '900000101' }] });
    expect(fromXml[1]?.retracted).toBeUndefined();
  });

  it('cites PMIDs from CommentsCorrections Cites and the ReferenceList, and a DOI-only reference by its DOI key, DOI case kept', () => {
    expect(fromXml[0]?.cites).toEqual(['24392693', 'doi:10.1038/nature17998']);
    expect(fromXml[0]?.citedDois).toEqual([{ key: 'doi:10.1038/nature17998', doi: '10.1038/Nature17998' }]);
    expect(fromXml[0]?.doi).toBe('10.2174/1570159X15666170320104237');
  });

  it('reads MathML as the formula a reader types', () => {
    expect(fromXml[0]?.title).toBe('Maximal oxygen uptake (V\u0307O2max) after ketamine infusion in treatment-resistant depression.');
  });
});

describe('inline markup and MathML', () => {
  it('keeps the text of <i>, <b>, <sup> and <sub> with no space added, and skips MathML annotations', async () => {
    const [paper] = papers(
      await xml(`<PubmedArticle><MedlineCitation><PMID>1</PMID><Article><ArticleTitle>Ca<sup>2+</sup> and CO<sub>2</sub> in <b>mTOR</b><i>C1</i> with <math xmlns="http://www.w3.org/1998/Math/MathML"><semantics><mrow><msup><mi>x</mi><mn>2</mn></msup><mo>+</mo><mn>1</mn></mrow><annotation encoding="TeX">x^2+1</annotation></semantics></math>.</ArticleTitle></Article></MedlineCitation></PubmedArticle>`),
    );
    expect(paper?.title).toBe('Ca2+ and CO2 in mTORC1 with x2+1.');
  });
});

describe('DeleteCitation in baseline and update files', () => {
  it('yields the PMIDs to delete after the articles, once each', async () => {
    const items = await xml(`<PubmedArticle><MedlineCitation><PMID>5</PMID><Article><ArticleTitle>Kept.</ArticleTitle></Article></MedlineCitation></PubmedArticle>
<DeleteCitation><PMID Version="1">24392693</PMID><PMID Version="1">900000105</PMID><PMID Version="1">24392693</PMID></DeleteCitation>`);
    expect(items.map((i) => i.kind)).toEqual(['paper', 'deleted']);
    expect(items[1]).toEqual({ kind: 'deleted', deletion: { pmids: ['24392693', '900000105'] } });
  });
});

describe('MEDLINE AB section labels', () => {
  it('finds upper-case labels only when the abstract starts with one', () => {
    expect(sectionsOfAbstract('OBJECTIVE: To test. MATERIALS AND METHODS: We did. RESULTS: DNA rose.')).toEqual([
      { label: 'OBJECTIVE', start: 0 },
      { label: 'MATERIALS AND METHODS', start: 20 },
      { label: 'RESULTS', start: 51 },
    ]);
    expect(sectionsOfAbstract('We measured BDNF: it rose. RESULTS: more.')).toEqual([]);
  });
});

describe('ORCIDs', () => {
  it('normalises URLs and a lower-case check digit to the bare form', () => {
    expect(normalizeOrcid('https://orcid.org/0000-0001-5109-370x')).toBe('0000-0001-5109-370X');
    expect(normalizeOrcid('0000-0002-1825-0097')).toBe('0000-0002-1825-0097');
    expect(normalizeOrcid('not an orcid')).toBeUndefined();
  });
});

describe('the bytes of an import', () => {
  it('tells gzip by its magic number', () => {
    expect(isGzip(gzipSync(Buffer.from('<PubmedArticleSet/>')))).toBe(true);
    expect(isGzip(Buffer.from('<PubmedArticleSet/>'))).toBe(false);
  });

  it('reads a Latin-1 MEDLINE export as Latin-1 and says so, instead of replacing its umlauts', async () => {
    const offsets: number[] = [];
    const bytes = readFileSync(join(FIXTURES, 'pubmed-latin1.nbib'));
    // Small chunks, so the first invalid byte comes after text already read as UTF-8.
    const chunks = Array.from({ length: Math.ceil(bytes.length / 64) }, (_, i) => bytes.subarray(i * 64, i * 64 + 64));
    const text = (await collect(decodeText(Readable.from(chunks), (offset) => offsets.push(offset)))).join('');
    expect(offsets).toHaveLength(1);
    expect(text).toContain('Müller, Jürgen');
    expect(text).not.toContain('\uFFFD');
    const [paper] = papers(await collect(parseMedline(Readable.from([text]))));
    expect(paper?.authors?.[0]).toEqual({ name: 'Müller J', fullName: 'Müller, Jürgen', affiliations: ['Klinik für Psychiatrie, Universität Zürich, Schweiz.'] });
  });

  it('leaves UTF-8 split across chunks alone', async () => {
    const bytes = Buffer.from('Müller V\u0307O2max', 'utf8');
    const chunks = [...bytes].map((b) => Buffer.from([b]));
    const warned: number[] = [];
    expect((await collect(decodeText(Readable.from(chunks), (o) => warned.push(o)))).join('')).toBe('Müller V\u0307O2max');
    expect(warned).toEqual([]);
  });
});

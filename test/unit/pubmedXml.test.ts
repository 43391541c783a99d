import { createReadStream } from 'node:fs';
import { join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { parseMedline } from '../../src/ingest/medline';
import { parsePubmedXml } from '../../src/ingest/pubmedXml';
import type { PaperRecord, ParsedItem } from '../../src/graph/paperRecord';
import { withoutXmlOnlyFields } from '../helpers/pubmedRecords';

const FIXTURES = join(__dirname, '..', 'fixtures');

async function collect(items: AsyncIterable<ParsedItem>): Promise<ParsedItem[]> {
  const result: ParsedItem[] = [];
  for await (const item of items) result.push(item);
  return result;
}

function papers(items: ParsedItem[]): PaperRecord[] {
  return items.flatMap((item) => (item.kind === 'paper' ? [item.record] : []));
}

/** Wraps article bodies in a PubmedArticleSet document and parses it. */
function parseArticles(...articles: string[]): Promise<ParsedItem[]> {
  const body = articles.map((article) => `<PubmedArticle>${article}</PubmedArticle>`).join('\n');
  return collect(parsePubmedXml(Readable.from([`<?xml version="1.0"?>\n<PubmedArticleSet>\n${body}\n</PubmedArticleSet>\n`])));
}

function citation(pmid: string, article = ''): string {
  return `<MedlineCitation><PMID Version="1">${pmid}</PMID><Article>${article}</Article></MedlineCitation>`;
}

describe('parsePubmedXml on the sample efetch document', () => {
  let items: ParsedItem[];

  beforeAll(async () => {
    items = await collect(parsePubmedXml(createReadStream(join(FIXTURES, 'pubmed-sample.xml'))));
  });

  it('imports articles 1, 3 and 4 and reports article 2, which has no PMID', () => {
    expect(items.map((item) => item.kind)).toEqual(['paper', 'rejected', 'paper', 'paper']);
    expect(papers(items).map((paper) => paper.pmid)).toEqual(['24392693', '27090301', '29532791']);
    expect(items[1]).toEqual({
      kind: 'rejected',
      rejected: { recordNumber: 2, identifier: '10.1000/evmap.no-pmid', reason: 'article has no MedlineCitation/PMID' },
    });
  });

  it('joins labelled abstract sections as MEDLINE AB does and keeps the text inside inline markup', () => {
    const [seed] = papers(items);
    expect(seed?.abstract).toMatch(/^BACKGROUND: The N-methyl-D-aspartate \(NMDA\) receptor antagonist/);
    expect(seed?.abstract).toContain('(GSK-3). CURRENT RESEARCH: Current clinical and preclinical research');
    expect(seed?.abstract).not.toMatch(/<i>|\s{2}/);
    expect(seed?.abstractSections).toEqual([
      { label: 'BACKGROUND', start: 0 },
      { label: 'CURRENT RESEARCH', start: seed?.abstract?.indexOf('CURRENT RESEARCH: ') },
    ]);
  });

  it('reads the seed article exactly as the MEDLINE export of the same paper, short of the MeSH UIs', async () => {
    const medline = papers(await collect(parseMedline(createReadStream(join(FIXTURES, 'pubmed-sample.nbib')))));
    expect(withoutXmlOnlyFields(papers(items)[0]!)).toEqual(medline[0]);
    expect(papers(items)[0]).toMatchObject({
      pmcid: 'PMC4089991',
      year: 2014,
      publishedOn: '2014',
      authors: expect.arrayContaining([
        {
          name: 'Niciu MJ',
          fullName: 'Niciu, Mark J',
          identifier: '0000-0002-1825-0097',
          affiliations: ['Experimental Therapeutics and Pathophysiology Branch, National Institute of Mental Health, National Institutes of Health, Bethesda, Maryland.'],
        },
      ]) as unknown,
    });
  });

  it('takes the article PMID, not a PMID from CommentsCorrections (whose Cites it cites), and the DOI from ArticleIdList', () => {
    const trial = papers(items)[1];
    expect(trial).toMatchObject({
      pmid: '27090301',
      doi: '10.1038/mp.2016.39',
      journal: 'Molecular psychiatry',
      year: 2017,
      publishedOn: '2017-01',
      publicationTypes: ['Clinical Trial', 'Journal Article', 'Randomized Controlled Trial', 'Research Support, N.I.H., Extramural'],
      meshTerms: ['Adult', 'Cocaine', 'Cocaine-Related Disorders', 'Cross-Over Studies', 'Humans', 'Ketamine'],
    });
    expect(trial?.cites).toEqual(['24392693']);
  });

  it('turns ReferenceList pubmed ids into cites and skips references without one', () => {
    const review = papers(items)[2];
    expect(review).toMatchObject({ pmid: '29532791', publishedOn: '2018-04', title: 'Mechanisms of ketamine action as an antidepressant.' });
    expect(review?.cites).toEqual(['24392693', '27090301']);
    expect(review?.authors).toEqual([
      { name: 'Zanos P', fullName: 'Zanos, P' },
      { name: 'Gould TD', fullName: 'Gould, T D' },
    ]);
  });

  it('reads the seed article\'s subject fields with their MeSH UIs', () => {
    const [seed] = papers(items);
    expect(seed?.mesh?.[1]).toEqual({
      descriptor: 'Antidepressive Agents',
      ui: 'D000928',
      majorTopic: false,
      qualifiers: [
        { name: 'adverse effects', ui: 'Q000009', majorTopic: false },
        { name: 'pharmacology', ui: 'Q000494', majorTopic: true },
        { name: 'therapeutic use', ui: 'Q000627', majorTopic: false },
      ],
    });
    expect(seed?.checkTags).toEqual(['Animals', 'Humans']);
    expect(seed?.chemicals?.at(-1)).toEqual({ name: 'Ketamine', ui: 'D007649', registryNumber: '690G0D6V8H' });
    expect(seed?.keywords).toEqual(['NMDA receptor', 'biomarkers', 'ketamine', 'mTOR']);
  });
});

describe('parsePubmedXml field details', () => {
  it('decodes predefined and numeric entities and tolerates a DOCTYPE', async () => {
    const xml = [
      '<?xml version="1.0" encoding="UTF-8"?>',
      '<!DOCTYPE PubmedArticleSet PUBLIC "-//NLM//DTD PubMedArticle, 1st January 2025//EN" "https://dtd.nlm.nih.gov/ncbi/pubmed/out/pubmed_250101.dtd">',
      '<PubmedArticleSet><PubmedArticle>',
      citation('1', '<ArticleTitle>Risk &amp; benefit of &lt;NMDA&gt; blockade &#x2013; a &quot;review&quot;</ArticleTitle>'),
      '</PubmedArticle></PubmedArticleSet>',
    ].join('\n');
    const [item] = await collect(parsePubmedXml(Readable.from([xml])));
    expect(item).toEqual({ kind: 'paper', record: { pmid: '1', title: 'Risk & benefit of <NMDA> blockade – a "review"' } });
  });

  it('names authors like MEDLINE, including suffixes, collective names and ORCID URLs', async () => {
    const [item] = await parseArticles(
      citation(
        '2',
        `<AuthorList>
          <Author><LastName>Zarate</LastName><ForeName>Carlos A</ForeName><Initials>CA</Initials><Suffix>Jr</Suffix>
            <Identifier Source="ORCID">https://orcid.org/0000-0002-1825-0097</Identifier></Author>
          <Author><LastName>Nobody</LastName><Initials>N</Initials><Identifier Source="ISNI">0000000121032683</Identifier></Author>
          <Author><CollectiveName>Ketamine Study Group</CollectiveName></Author>
          <Author><AffiliationInfo><Affiliation>Nameless</Affiliation></AffiliationInfo></Author>
        </AuthorList>`,
      ),
    );
    expect(item?.kind === 'paper' && item.record.authors).toEqual([
      { name: 'Zarate CA Jr', fullName: 'Zarate, Carlos A Jr', identifier: '0000-0002-1825-0097' },
      { name: 'Nobody N' },
      { name: 'Ketamine Study Group' },
    ]);
  });

  it('keeps keyword markup text, merges keyword lists without repeats, and lends nothing from an empty name', async () => {
    const [item] = await parseArticles(
      `<MedlineCitation><PMID>5</PMID>
        <ChemicalList>
          <Chemical><RegistryNumber>690G0D6V8H</RegistryNumber><NameOfSubstance UI="D007649"></NameOfSubstance></Chemical>
          <Chemical><RegistryNumber>0</RegistryNumber><NameOfSubstance UI="D000928">Antidepressive Agents</NameOfSubstance></Chemical>
        </ChemicalList>
        <MeshHeadingList>
          <MeshHeading><DescriptorName UI="D006801">Humans</DescriptorName></MeshHeading>
          <MeshHeading><DescriptorName UI="D007649" MajorTopicYN="Y"> </DescriptorName><QualifierName UI="Q000494">pharmacology</QualifierName></MeshHeading>
        </MeshHeadingList>
        <KeywordList Owner="NOTNLM"><Keyword MajorTopicYN="N"><i>N</i>-methyl-D-aspartate</Keyword><Keyword>ketamine</Keyword></KeywordList>
        <KeywordList Owner="NLM"><Keyword MajorTopicYN="Y">ketamine</Keyword></KeywordList>
      </MedlineCitation>`,
    );
    expect(item).toEqual({
      kind: 'paper',
      record: {
        pmid: '5',
        meshTerms: ['Humans'],
        mesh: [{ descriptor: 'Humans', ui: 'D006801', majorTopic: false, qualifiers: [] }],
        checkTags: ['Humans'],
        chemicals: [{ name: 'Antidepressive Agents', ui: 'D000928' }],
        keywords: ['N-methyl-D-aspartate', 'ketamine'],
      },
    });
  });

  it.each([
    ['<MedlineDate>1998 Dec-1999 Jan</MedlineDate>', 1998, '1998-12'],
    ['<Year>2014</Year><Season>Winter</Season>', 2014, '2014'],
    ['<Year>2016</Year><Month>04</Month><Day>19</Day>', 2016, '2016-04-19'],
    ['<Year>2013</Year><Month>Dec</Month><Day>10</Day>', 2013, '2013-12-10'],
  ])('dates %s as %i / %s', async (pubDate, year, publishedOn) => {
    const [item] = await parseArticles(
      citation('3', `<Journal><JournalIssue><PubDate>${pubDate}</PubDate></JournalIssue></Journal>`),
    );
    expect(item).toEqual({ kind: 'paper', record: { pmid: '3', year, publishedOn } });
  });

  it('falls back to ISOAbbreviation and ELocationID, and ignores OtherAbstract', async () => {
    const [item] = await parseArticles(
      citation(
        '4',
        `<Journal><ISOAbbreviation>Mol Psychiatry</ISOAbbreviation></Journal>
         <ELocationID EIdType="pii">mp2017255</ELocationID><ELocationID EIdType="doi">10.1038/mp.2017.255</ELocationID>
         <Abstract><AbstractText>Main <sub>text</sub>.</AbstractText></Abstract>`,
      ).replace('</MedlineCitation>', '<OtherAbstract><AbstractText>Résumé.</AbstractText></OtherAbstract></MedlineCitation>'),
    );
    expect(item).toEqual({
      kind: 'paper',
      record: { pmid: '4', journal: 'Mol Psychiatry', doi: '10.1038/mp.2017.255', abstract: 'Main text.' },
    });
  });

  it('rejects articles without a usable PMID by record number, identified by DOI or title', async () => {
    const items = await parseArticles(
      citation('5'),
      '<MedlineCitation><Article><ArticleTitle>Untitled &amp; unnumbered</ArticleTitle></Article></MedlineCitation>',
      '<MedlineCitation><PMID></PMID></MedlineCitation><PubmedData><ArticleIdList><ArticleId IdType="doi">10.1000/y</ArticleId></ArticleIdList></PubmedData>',
      citation('PMC42'),
      citation('6'),
    );
    expect(items).toEqual([
      { kind: 'paper', record: { pmid: '5' } },
      { kind: 'rejected', rejected: { recordNumber: 2, identifier: 'Untitled & unnumbered', reason: 'article has no MedlineCitation/PMID' } },
      { kind: 'rejected', rejected: { recordNumber: 3, identifier: '10.1000/y', reason: 'article has no MedlineCitation/PMID' } },
      { kind: 'rejected', rejected: { recordNumber: 4, identifier: 'PMC42', reason: 'PMID "PMC42" is not numeric' } },
      { kind: 'paper', record: { pmid: '6' } },
    ]);
  });

  it('reports a PubmedBookArticle as rejected instead of dropping it silently', async () => {
    const xml = '<PubmedArticleSet><PubmedBookArticle><BookDocument><PMID>20301295</PMID></BookDocument></PubmedBookArticle></PubmedArticleSet>';
    expect(await collect(parsePubmedXml(Readable.from([xml])))).toEqual([
      {
        kind: 'rejected',
        rejected: { recordNumber: 1, identifier: '20301295', reason: 'book records (PubmedBookArticle) are not imported' },
      },
    ]);
  });

  it('decodes multi-byte characters split across chunk boundaries', async () => {
    const xml = `<PubmedArticleSet><PubmedArticle>${citation('7', '<ArticleTitle>Kétamine – β-arrestin</ArticleTitle>')}</PubmedArticle></PubmedArticleSet>`;
    const bytes = Buffer.from(xml, 'utf8');
    const oneByteAtATime = Readable.from(Array.from(bytes, (byte) => Buffer.from([byte])));
    expect(await collect(parsePubmedXml(oneByteAtATime))).toEqual([
      { kind: 'paper', record: { pmid: '7', title: 'Kétamine – β-arrestin' } },
    ]);
  });
});

describe('parsePubmedXml on broken input', () => {
  it('rejects the record where a syntax error occurs, with its position, and stops there', async () => {
    const items = await parseArticles(
      citation('8', '<ArticleTitle>Fine</ArticleTitle>'),
      citation('9', '<ArticleTitle>Broken</Title>'),
      citation('10'),
    );
    expect(items).toHaveLength(2);
    expect(items[0]).toEqual({ kind: 'paper', record: { pmid: '8', title: 'Fine' } });
    const rejected = items[1]?.kind === 'rejected' ? items[1].rejected : undefined;
    expect(rejected).toMatchObject({ recordNumber: 2, identifier: '9' });
    expect(rejected?.reason).toMatch(/^XML syntax error at line 4, column \d+: unexpected close tag; the rest of the file was not read$/);
  });

  it('rejects the unfinished record of a truncated file', async () => {
    const truncated = `<PubmedArticleSet><PubmedArticle>${citation('11')}</PubmedArticle><PubmedArticle><MedlineCitation><PMID>12</PMID>`;
    const items = await collect(parsePubmedXml(Readable.from([truncated])));
    expect(items[0]).toEqual({ kind: 'paper', record: { pmid: '11' } });
    expect(items[1]).toMatchObject({ kind: 'rejected', rejected: { recordNumber: 2, identifier: '12' } });
    expect(items[1]?.kind === 'rejected' && items[1].rejected.reason).toMatch(/^XML syntax error .*unclosed tag/);
    expect(items).toHaveLength(2);
  });

  it('rejects an undefined entity as a syntax error rather than guessing its text', async () => {
    const items = await parseArticles(citation('13', '<ArticleTitle>a&nbsp;b</ArticleTitle>'));
    expect(items).toEqual([
      {
        kind: 'rejected',
        rejected: { recordNumber: 1, identifier: '13', reason: expect.stringMatching(/undefined entity/) as unknown as string },
      },
    ]);
  });

  it('passes a stream error on to the consumer after the records read so far', async () => {
    async function* failing(): AsyncGenerator<string> {
      yield `<PubmedArticleSet><PubmedArticle>${citation('14')}</PubmedArticle>`;
      throw new Error('connection reset');
    }
    const seen: ParsedItem[] = [];
    await expect(
      (async () => {
        for await (const item of parsePubmedXml(Readable.from(failing()))) seen.push(item);
      })(),
    ).rejects.toThrow('connection reset');
    expect(seen).toEqual([{ kind: 'paper', record: { pmid: '14' } }]);
  });
});

describe('parsePubmedXml streaming', () => {
  it('yields the first article before the stream has ended', async () => {
    const input = new PassThrough();
    const articles = parsePubmedXml(input);
    input.write(`<?xml version="1.0"?>\n<PubmedArticleSet>\n<PubmedArticle>${citation('15')}</PubmedArticle>\n`);

    const first = await articles.next();
    expect(first).toEqual({ done: false, value: { kind: 'paper', record: { pmid: '15' } } });
    expect(input.writableEnded).toBe(false);

    input.end(`<PubmedArticle>${citation('16')}</PubmedArticle>\n</PubmedArticleSet>\n`);
    expect(await collect({ [Symbol.asyncIterator]: () => articles })).toEqual([{ kind: 'paper', record: { pmid: '16' } }]);
  });

  it('stops reading the stream while the consumer is not asking for more', async () => {
    const article = `<PubmedArticle>${citation('17')}</PubmedArticle>\n`;
    let chunksRead = 0;
    async function* manyChunks(): AsyncGenerator<string> {
      yield '<PubmedArticleSet>';
      for (let index = 0; index < 1000; index += 1) {
        chunksRead += 1;
        yield article;
      }
      yield '</PubmedArticleSet>';
    }
    const input = Readable.from(manyChunks(), { highWaterMark: 4 });
    const articles = parsePubmedXml(input);
    await articles.next();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(chunksRead).toBeLessThan(50);
    await articles.return(undefined);
  });
});

describe('parsePubmedXml PMIDs', () => {
  it('drops leading zeros from article and reference PMIDs and rejects PMID 0', async () => {
    const references = '<PubmedData><ReferenceList><Reference><ArticleIdList><ArticleId IdType="pubmed">0027090301</ArticleId></ArticleIdList></Reference>'
      + '<Reference><ArticleIdList><ArticleId IdType="pubmed">0</ArticleId></ArticleIdList></Reference></ReferenceList></PubmedData>';
    const items = await parseArticles(`${citation('024392693')}${references}`, citation('0'));
    expect(items).toEqual([
      { kind: 'paper', record: { pmid: '24392693', cites: ['27090301'] } },
      { kind: 'rejected', rejected: { recordNumber: 2, identifier: '0', reason: 'PMID "0" is out of range: a PubMed id is a whole number from 1 to 999999999' } },
    ]);
  });
});

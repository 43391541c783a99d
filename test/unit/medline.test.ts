import { createReadStream, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { parseMedline } from '../../src/ingest/medline';
import type { PaperRecord, ParsedItem, RejectedRecord } from '../../src/graph/paperRecord';

const FIXTURE = join(__dirname, '..', 'fixtures', 'pubmed-sample.nbib');

async function collect(items: AsyncIterable<ParsedItem>): Promise<ParsedItem[]> {
  const result: ParsedItem[] = [];
  for await (const item of items) result.push(item);
  return result;
}

function papers(items: ParsedItem[]): PaperRecord[] {
  return items.flatMap((item) => (item.kind === 'paper' ? [item.record] : []));
}

function rejections(items: ParsedItem[]): RejectedRecord[] {
  return items.flatMap((item) => (item.kind === 'rejected' ? [item.rejected] : []));
}

/** Parses MEDLINE text given as one string. */
function parseText(text: string): Promise<ParsedItem[]> {
  return collect(parseMedline(Readable.from([text])));
}

describe('parseMedline on the sample export', () => {
  let items: ParsedItem[];

  beforeAll(async () => {
    items = await collect(parseMedline(createReadStream(FIXTURE)));
  });

  it('imports records 1, 3 and 4 and reports record 2, in file order', () => {
    expect(items.map((item) => item.kind)).toEqual(['paper', 'rejected', 'paper', 'paper']);
    expect(papers(items).map((paper) => paper.pmid)).toEqual(['24392693', '27090301', '29532791']);
    expect(rejections(items)).toEqual([
      { recordNumber: 2, identifier: '10.1000/evmap.no-pmid', reason: 'record has no PMID' },
    ]);
  });

  it('reads every field of the seed record, joining continuation lines with single spaces', () => {
    const [seed] = papers(items);
    expect(seed).toMatchObject({
      pmid: '24392693',
      doi: '10.1146/annurev-pharmtox-011613-135950',
      pmcid: 'PMC4089991',
      title:
        'Glutamate receptor antagonists as fast-acting therapeutic alternatives for the treatment of depression: ketamine and other compounds.',
      journal: 'Annual review of pharmacology and toxicology',
      year: 2014,
      publishedOn: '2014',
      publicationTypes: ['Journal Article', 'Research Support, N.I.H., Intramural', 'Review'],
    });
    expect(seed?.abstract).toMatch(/^BACKGROUND: The N-methyl-D-aspartate \(NMDA\) receptor antagonist ketamine has rapid/);
    expect(seed?.abstractSections?.map((section) => section.label)).toEqual(['BACKGROUND', 'CURRENT RESEARCH']);
    expect(seed?.abstract).toContain('(a) prolonging/maintaining ketamine');
    expect(seed?.abstract).toMatch(/biomarkers of ketamine's antidepressant effects\.$/);
    expect(seed?.abstract).not.toMatch(/\s{2}|\n/);
    expect(seed?.cites).toBeUndefined();
  });

  it('pairs FAU with AU in order and attaches the ORCID from AUID and the AD affiliations', () => {
    const [seed] = papers(items);
    expect(seed?.authors).toEqual([
      {
        name: 'Niciu MJ',
        fullName: 'Niciu, Mark J',
        identifier: '0000-0002-1825-0097',
        affiliations: ['Experimental Therapeutics and Pathophysiology Branch, National Institute of Mental Health, National Institutes of Health, Bethesda, Maryland.'],
      },
      { name: 'Henter ID', fullName: 'Henter, Ioline D' },
      { name: 'Luckenbaugh DA', fullName: 'Luckenbaugh, David A' },
      { name: 'Zarate CA Jr', fullName: 'Zarate, Carlos A Jr' },
      { name: 'Charney DS', fullName: 'Charney, Dennis S' },
    ]);
  });

  it('keeps MeSH descriptors without qualifiers or the major-topic star', () => {
    const [seed] = papers(items);
    expect(seed?.meshTerms).toEqual([
      'Animals',
      'Antidepressive Agents',
      'Depressive Disorder, Major',
      'Excitatory Amino Acid Antagonists',
      'Humans',
      'Ketamine',
      'Receptors, N-Methyl-D-Aspartate',
    ]);
  });

  it('takes the DOI from the [doi] AID even when a [pii] AID comes first, and dates to the month', () => {
    const trial = papers(items)[1];
    expect(trial).toMatchObject({
      pmid: '27090301',
      doi: '10.1038/mp.2016.39',
      journal: 'Molecular psychiatry',
      year: 2017,
      publishedOn: '2017-01',
      publicationTypes: ['Clinical Trial', 'Journal Article', 'Randomized Controlled Trial', 'Research Support, N.I.H., Extramural'],
    });
    expect(trial?.authors?.map((author) => author.name)).toEqual(['Dakwar E', 'Hart CL', 'Levin FR', 'Nunes EV', 'Foltin RW']);
    expect(trial?.pmcid).toBeUndefined();
    expect(trial?.abstract).toBeUndefined();
  });

  it('gives the same records for CRLF line endings with a UTF-8 BOM', async () => {
    const crlf = `\uFEFF${readFileSync(FIXTURE, 'utf8').replace(/\n/g, '\r\n')}`;
    const fromBuffer = await collect(parseMedline(Readable.from([Buffer.from(crlf, 'utf8')])));
    expect(fromBuffer).toEqual(items);
  });

  it('handles lines split across arbitrary chunks of an AsyncIterable<string>', async () => {
    const text = readFileSync(FIXTURE, 'utf8');
    async function* inSevens(): AsyncGenerator<string> {
      for (let start = 0; start < text.length; start += 7) yield text.slice(start, start + 7);
    }
    expect(await collect(parseMedline(inSevens()))).toEqual(items);
  });
});

describe('parseMedline with malformed records', () => {
  it('rejects a continuation line before any tag, naming the line, and goes on with the next record', async () => {
    const items = await parseText(
      'PMID- 1\nTI  - First\n\n      stray continuation\nPMID- 2\nTI  - Second\n\nPMID- 3\nTI  - Third\n',
    );
    expect(items).toEqual([
      { kind: 'paper', record: { pmid: '1', title: 'First' } },
      {
        kind: 'rejected',
        rejected: { recordNumber: 2, identifier: '2', reason: 'line 4: continuation line with no tag before it' },
      },
      { kind: 'paper', record: { pmid: '3', title: 'Third' } },
    ]);
  });

  it('rejects a line that is neither a tag line nor a continuation', async () => {
    const [item] = await parseText('PMID- 7\nthis is not medline\n');
    expect(item).toEqual({
      kind: 'rejected',
      rejected: { recordNumber: 1, identifier: '7', reason: 'line 2: not a "TAG - value" line or a 6-space continuation line' },
    });
  });

  it('rejects a non-numeric PMID, identifying the record by DOI, then title, then the bad PMID', async () => {
    const items = await parseText(
      [
        'PMID- 12a\nTI  - Has a DOI\nAID - 10.1000/x [doi]',
        'PMID- abc\nTI  - Only a title',
        'PMID- zzz',
        'TI  - No PMID at all',
      ].join('\n\n'),
    );
    expect(rejections(items)).toEqual([
      { recordNumber: 1, identifier: '10.1000/x', reason: 'PMID "12a" is not numeric' },
      { recordNumber: 2, identifier: 'Only a title', reason: 'PMID "abc" is not numeric' },
      { recordNumber: 3, identifier: 'zzz', reason: 'PMID "zzz" is not numeric' },
      { recordNumber: 4, identifier: 'No PMID at all', reason: 'record has no PMID' },
    ]);
  });

  it('rejects two records run together without a blank line instead of merging them', async () => {
    const [item] = await parseText('PMID- 1\nTI  - One\nPMID- 2\nTI  - Two\n');
    expect(item).toEqual({
      kind: 'rejected',
      rejected: { recordNumber: 1, identifier: '1', reason: 'record has 2 PMID lines (missing blank line between records?)' },
    });
  });

  it('numbers records by position even when several blank lines separate them', async () => {
    const items = await parseText('\n\n\nTI  - a\n\n\n\nPMID- 5\n   \nTI  - b\n');
    expect(items).toEqual([
      { kind: 'rejected', rejected: { recordNumber: 1, identifier: 'a', reason: 'record has no PMID' } },
      { kind: 'paper', record: { pmid: '5' } },
      { kind: 'rejected', rejected: { recordNumber: 3, identifier: 'b', reason: 'record has no PMID' } },
    ]);
  });
});

describe('parseMedline field details', () => {
  it('falls back from JT to TA and from AID to LID for the DOI', async () => {
    const [item] = await parseText('PMID- 9\nTA  - Mol Psychiatry\nLID - mp2017255 [pii]\nLID - 10.1038/mp.2017.255 [doi]\n');
    expect(item).toEqual({ kind: 'paper', record: { pmid: '9', journal: 'Mol Psychiatry', doi: '10.1038/mp.2017.255' } });
  });

  it('keeps authors with only FAU or only AU, collective names, and no investigator AUIDs', async () => {
    const [item] = await parseText(
      [
        'PMID- 10',
        'FAU - Zarate, Carlos A Jr',
        'AU  - Zarate CA Jr',
        'AUID- ORCID: https://orcid.org/0000-0002-1825-0097',
        'FAU - Only, Full Name',
        'FAU - Next, Author',
        'AU  - Next A',
        'AU  - Short A',
        'CN  - Ketamine Study Group',
        'AUID- ISNI: 0000000121032683',
        'FIR - Investigator, Ivy',
        'IR  - Investigator I',
        'AUID- ORCID: 0000-0001-5109-3700',
      ].join('\n'),
    );
    expect(item?.kind === 'paper' && item.record.authors).toEqual([
      { name: 'Zarate CA Jr', fullName: 'Zarate, Carlos A Jr', identifier: '0000-0002-1825-0097' },
      { name: 'Only, Full Name', fullName: 'Only, Full Name' },
      { name: 'Next A', fullName: 'Next, Author' },
      { name: 'Short A' },
      { name: 'Ketamine Study Group' },
    ]);
  });

  it('reads RN lines whose names hold parentheses, EC numbers and bare names, and NM and OT lines', async () => {
    const [item] = await parseText(
      [
        'PMID- 12',
        'RN  - 0 (2-(4-morpholinyl)-8-phenylchromone)',
        'RN  - EC 2.7.11.1 (TOR Serine-Threonine Kinases)',
        'RN  - 690G0D6V8H (Ketamine)',
        'RN  - Ketamine hydrochloride',
        'NM  - COVID-19',
        'OTO - NOTNLM',
        'OT  - ketamine',
        'OT  - NMDA',
        'OT  - ketamine',
      ].join('\n'),
    );
    expect(item).toEqual({
      kind: 'paper',
      record: {
        pmid: '12',
        chemicals: [
          { name: '2-(4-morpholinyl)-8-phenylchromone' },
          { name: 'TOR Serine-Threonine Kinases', registryNumber: 'EC 2.7.11.1' },
          { name: 'Ketamine', registryNumber: '690G0D6V8H' },
          { name: 'Ketamine hydrochloride' },
        ],
        supplementaryConcepts: [{ name: 'COVID-19' }],
        keywords: ['ketamine', 'NMDA'],
      },
    });
  });

  it('reads the major-topic star on a descriptor or on any of its qualifiers', async () => {
    const [item] = await parseText('PMID- 13\nMH  - *Ketamine/adverse effects/*pharmacology\nMH  - Humans\n');
    expect(item?.kind === 'paper' && item.record).toMatchObject({
      meshTerms: ['Ketamine', 'Humans'],
      mesh: [
        {
          descriptor: 'Ketamine',
          majorTopic: true,
          qualifiers: [
            { name: 'adverse effects', majorTopic: false },
            { name: 'pharmacology', majorTopic: true },
          ],
        },
        { descriptor: 'Humans', majorTopic: false, qualifiers: [] },
      ],
      checkTags: ['Humans'],
    });
  });

  it('reads a multi-month DP as the start of its range', async () => {
    const [item] = await parseText('PMID- 11\nDP  - 1998 Dec-1999 Jan\n');
    expect(item).toEqual({ kind: 'paper', record: { pmid: '11', year: 1998, publishedOn: '1998-12' } });
  });

  it('passes a stream error on to the consumer after the records read so far', async () => {
    async function* failing(): AsyncGenerator<string> {
      yield 'PMID- 1\n\n';
      throw new Error('disk gone');
    }
    const seen: ParsedItem[] = [];
    await expect(
      (async () => {
        for await (const item of parseMedline(failing())) seen.push(item);
      })(),
    ).rejects.toThrow('disk gone');
    expect(seen).toEqual([{ kind: 'paper', record: { pmid: '1' } }]);
  });
});

describe('parseMedline at volume', () => {
  it('parses a generated 2,000-record stream to 2,000 records in order', async () => {
    async function* generated(): AsyncGenerator<string> {
      for (let index = 1; index <= 2000; index += 1) {
        yield [
          `PMID- ${100000 + index}`,
          `TI  - Generated record ${index} with a title long enough to wrap onto a`,
          '      continuation line.',
          `FAU - Author, Number ${index}`,
          `AU  - Author N${index}`,
          'PT  - Journal Article',
          `DP  - ${1990 + (index % 30)} Mar ${1 + (index % 28)}`,
          '',
          '',
        ].join('\n');
      }
    }
    const items = await collect(parseMedline(generated()));
    const records = papers(items);
    expect(items).toHaveLength(2000);
    expect(records).toHaveLength(2000);
    expect(records[0]?.pmid).toBe('100001');
    expect(records[1999]).toEqual({
      pmid: '102000',
      title: 'Generated record 2000 with a title long enough to wrap onto a continuation line.',
      authors: [{ name: 'Author N2000', fullName: 'Author, Number 2000' }],
      publicationTypes: ['Journal Article'],
      year: 2010,
      publishedOn: '2010-03-13',
    });
    expect(new Set(records.map((record) => record.pmid)).size).toBe(2000);
  });
});

describe('parseMedline PMIDs', () => {
  it('drops leading zeros so one paper has one key, and rejects 0 and ids longer than 9 digits', async () => {
    const items = await parseText(['PMID- 024392693\nTI  - Padded', 'PMID- 0\nTI  - Zero', 'PMID- 1234567890\nTI  - Too long'].join('\n\n'));
    expect(papers(items).map((p) => p.pmid)).toEqual(['24392693']);
    expect(rejections(items)).toEqual([
      { recordNumber: 2, identifier: 'Zero', reason: 'PMID "0" is out of range: a PubMed id is a whole number from 1 to 999999999' },
      { recordNumber: 3, identifier: 'Too long', reason: 'PMID "1234567890" is out of range: a PubMed id is a whole number from 1 to 999999999' },
    ]);
  });
});

import { createReadStream } from 'node:fs';
import { join } from 'node:path';
import { checkTagsOf, registryNumber } from '../../src/ingest/meshSubjects';
import { parseMedline } from '../../src/ingest/medline';
import { parsePubmedXml } from '../../src/ingest/pubmedXml';
import type { PaperRecord, ParsedItem } from '../../src/graph/paperRecord';
import { withoutXmlOnlyFields } from '../helpers/pubmedRecords';

const FIXTURES = join(__dirname, '..', 'fixtures');

async function onlyPaper(items: AsyncIterable<ParsedItem>): Promise<PaperRecord> {
  const records: PaperRecord[] = [];
  for await (const item of items) if (item.kind === 'paper') records.push(item.record);
  expect(records).toHaveLength(1);
  return records[0]!;
}

describe('subject fields of one citation in both PubMed formats', () => {
  let xml: PaperRecord;
  let medline: PaperRecord;

  beforeAll(async () => {
    xml = await onlyPaper(parsePubmedXml(createReadStream(join(FIXTURES, 'pubmed-subjects.xml'))));
    medline = await onlyPaper(parseMedline(createReadStream(join(FIXTURES, 'pubmed-subjects.nbib'))));
  });

  it('reads headings with their UIs and where the star is, on the descriptor or a qualifier', () => {
    expect(xml.mesh).toHaveLength(16);
    expect(xml.mesh).toContainEqual({ descriptor: 'Adult', ui: 'D000328', majorTopic: false, qualifiers: [] });
    expect(xml.mesh).toContainEqual({
      descriptor: 'Antidepressive Agents',
      ui: 'D000928',
      majorTopic: false,
      qualifiers: [{ name: 'therapeutic use', ui: 'Q000627', majorTopic: true }],
    });
    expect(xml.mesh).toContainEqual({
      descriptor: 'Ketamine',
      ui: 'D007649',
      majorTopic: true,
      qualifiers: [
        { name: 'administration & dosage', ui: 'Q000008', majorTopic: false },
        { name: 'therapeutic use', ui: 'Q000627', majorTopic: true },
      ],
    });
    expect(xml.meshTerms).toEqual(xml.mesh?.map((h) => h.descriptor));
  });

  it('lists the check tags, leaving out a starred Pregnancy and a qualified Mice, which are subjects here', () => {
    expect(xml.checkTags).toEqual(['Adult', 'Animals', 'Female', 'Humans', 'Male', 'Middle Aged']);
    expect(xml.meshTerms).toEqual(expect.arrayContaining(['Humans', 'Pregnancy', 'Mice']));
  });

  it('reads chemicals with their registry numbers, "0" meaning none and EC numbers kept whole', () => {
    expect(xml.chemicals).toEqual([
      { name: 'Antidepressive Agents', ui: 'D000928' },
      { name: 'Ketamine', ui: 'D007649', registryNumber: '690G0D6V8H' },
      { name: 'TOR Serine-Threonine Kinases', ui: 'D058570', registryNumber: 'EC 2.7.11.1' },
    ]);
  });

  it('reads supplementary concepts with their type and keywords in order', () => {
    expect(xml.supplementaryConcepts).toEqual([
      { name: 'COVID-19', ui: 'C000657245', type: 'Disease' },
      { name: 'severe acute respiratory syndrome coronavirus 2', ui: 'C000656484', type: 'Organism' },
    ]);
    expect(xml.keywords).toEqual(['COVID-19', 'SARS-CoV-2', 'ketamine', 'treatment-resistant depression']);
  });

  it('gives the MEDLINE export the same record, short of the UIs and types only XML carries', () => {
    expect(medline).toEqual(withoutXmlOnlyFields(xml));
  });
});

describe('checkTagsOf', () => {
  it('takes only unstarred, unqualified headings from the check-tag list', () => {
    const heading = (descriptor: string, majorTopic = false, qualifiers: string[] = []) => ({
      descriptor,
      majorTopic,
      qualifiers: qualifiers.map((name) => ({ name, majorTopic: false })),
    });
    expect(
      checkTagsOf([heading('Humans'), heading('Rats', false, ['physiology']), heading('Pregnancy', true), heading('Ketamine'), heading('Aged, 80 and over')]),
    ).toEqual(['Humans', 'Aged, 80 and over']);
  });
});

describe('registryNumber', () => {
  it('treats "0" as no number and keeps anything else', () => {
    expect(registryNumber('0')).toBeUndefined();
    expect(registryNumber('690G0D6V8H')).toBe('690G0D6V8H');
    expect(registryNumber('EC 2.7.11.1')).toBe('EC 2.7.11.1');
  });
});

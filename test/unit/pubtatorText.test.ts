import { createReadStream } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { parsePubtator } from '../../src/ingest/pubtator/pubtatorText';
import type { PubtatorDocument, PubtatorItem } from '../../src/ingest/pubtator/types';

const FIXTURE = join(__dirname, '..', 'fixtures', 'pubtator', 'export.pubtator');

async function collect(items: AsyncIterable<PubtatorItem>): Promise<PubtatorItem[]> {
  const result: PubtatorItem[] = [];
  for await (const item of items) result.push(item);
  return result;
}

function documents(items: PubtatorItem[]): PubtatorDocument[] {
  return items.flatMap((item) => (item.kind === 'document' ? [item.document] : []));
}

function parseText(text: string): Promise<PubtatorItem[]> {
  return collect(parsePubtator(Readable.from([text])));
}

/** Every placed mention's text, read back out of its field. */
function slicedBack(document: PubtatorDocument): string[] {
  return document.annotations.map((annotation) => (annotation.field === 'title' ? document.title : document.abstract)!.slice(annotation.start, annotation.end));
}

describe('parsePubtator on the sample export', () => {
  let items: PubtatorItem[];

  beforeAll(async () => {
    items = await collect(parsePubtator(createReadStream(FIXTURE)));
  });

  it('imports documents 1, 2, 4 and 5 and rejects document 3 for its broken line, naming the line', () => {
    expect(items.map((item) => item.kind)).toEqual(['document', 'document', 'rejected', 'document', 'document']);
    expect(documents(items).map((document) => document.pmid)).toEqual(['24392693', '29532791', '31000001', '227508']);
    expect(items[2]).toEqual({
      kind: 'rejected',
      rejected: {
        recordNumber: 3,
        identifier: '27090301',
        reason: 'line 25: not a mention line (PMID, start, end, text, type, identifier) or a relation line (PMID, type, entity, entity); it has 2 tab-separated columns',
      },
    });
  });

  it('converts document offsets to offsets into the title or the abstract that slice back to the mention', () => {
    const [ketamine] = documents(items);
    expect(ketamine!.annotations).toHaveLength(11);
    expect(slicedBack(ketamine!)).toEqual(ketamine!.annotations.map((annotation) => annotation.text));
    expect(ketamine!.annotations[0]).toEqual({ type: 'Chemical', identifiers: ['MESH:D007649'], text: 'Ketamine', field: 'title', start: 0, end: 8 });
    // 75 in the file: the title is 74 characters long, then one separator.
    expect(ketamine!.annotations[3]).toEqual({ type: 'Chemical', identifiers: ['MESH:D007649'], text: 'Ketamine', field: 'abstract', start: 0, end: 8 });
    expect(ketamine!.dropped).toEqual([]);
  });

  it('normalises identifiers: bare gene and taxon ids get prefixes, lists are split, "-" means none', () => {
    const byText = new Map(documents(items)[0]!.annotations.map((annotation) => [annotation.text, annotation.identifiers]));
    expect(byText.get('glycogen synthase kinase-3')).toEqual(['NCBIGene:2931', 'NCBIGene:2932']);
    expect(byText.get('patients')).toEqual(['NCBITaxon:9606']);
    expect(byText.get('NMDA receptor')).toEqual([]);
  });

  it('reads PubTator3 relation lines, taking each bare identifier’s type from the mentions', () => {
    expect(documents(items)[0]!.relations).toEqual([
      { type: 'Negative_Correlation', subject: { type: 'Chemical', identifier: 'MESH:D007649' }, object: { type: 'Gene', identifier: 'NCBIGene:2932' } },
      { type: 'treat', subject: { type: 'Chemical', identifier: 'MESH:D007649' }, object: { type: 'Disease', identifier: 'MESH:D003865' } },
    ]);
  });

  it('drops a mention whose offsets do not slice back, keeps the rest of its document, and says why', () => {
    const esketamine = documents(items)[1]!;
    expect(esketamine.annotations.map((annotation) => [annotation.field, annotation.text])).toEqual([
      ['title', 'Esketamine'],
      ['title', 'depression'],
    ]);
    expect(esketamine.dropped).toEqual([
      { kind: 'mention', text: 'Esketamine', reason: 'line 21: offsets 40-50 do not slice back to "Esketamine" in the title or abstract' },
    ]);
  });

  it('counts offsets in code points, so mentions after "𝛽" (two UTF-16 units) still slice back', () => {
    const beta = documents(items)[2]!;
    expect(beta.dropped).toEqual([]);
    expect(slicedBack(beta)).toEqual(['TGF-β', '𝛽-catenin', 'liver fibrosis', '𝛽-catenin', 'TGF-β', 'liver fibrosis', 'mice']);
    // In the file "liver fibrosis" is at 34-48: code points. In UTF-16 it starts at 35.
    expect(beta.annotations[2]).toMatchObject({ field: 'title', start: 35, end: 49 });
    expect(beta.relations).toEqual([
      { type: 'Positive_Correlation', subject: { type: 'Gene', identifier: 'NCBIGene:7040' }, object: { type: 'Gene', identifier: 'NCBIGene:1499' } },
    ]);
  });

  it('reads the older CDR layout: bare MeSH ids, a composite mention, CID relations', () => {
    const cdr = documents(items)[3]!;
    expect(cdr.annotations.map((annotation) => annotation.identifiers)).toEqual([['MESH:D009270'], ['MESH:D003000'], ['MESH:D007022', 'MESH:D001919']]);
    expect(cdr.annotations[2]).toMatchObject({ text: 'hypotension and bradycardia', field: 'abstract' });
    expect(cdr.relations).toEqual([{ type: 'CID', subject: { type: 'Chemical', identifier: 'MESH:D003000' }, object: { type: 'Disease', identifier: 'MESH:D007022' } }]);
  });
});

describe('parsePubtator on edge cases', () => {
  it('accepts an emoji in the title, CRLF line ends, a BOM and no blank line at the end', async () => {
    const title = 'Mood 😀 and lithium';
    const text = `\uFEFF100|t|${title}\r\n100|a|Lithium helps.\r\n100\t11\t18\tlithium\tChemical\tMESH:D008094\r\n100\t19\t26\tLithium\tChemical\tMESH:D008094`;
    const [item] = await parseText(text);
    expect(item).toMatchObject({ kind: 'document', recordNumber: 1 });
    const document = (item as { document: PubtatorDocument }).document;
    expect(document.annotations).toEqual([
      { type: 'Chemical', identifiers: ['MESH:D008094'], text: 'lithium', field: 'title', start: 12, end: 19 },
      { type: 'Chemical', identifiers: ['MESH:D008094'], text: 'Lithium', field: 'abstract', start: 0, end: 7 },
    ]);
    expect(document.title!.slice(12, 19)).toBe('lithium');
  });

  it('also accepts offsets that a Java-based writer counted in UTF-16 units', async () => {
    const [item] = await parseText('100|t|Mood 😀 and lithium\n100\t12\t19\tlithium\tChemical\tMESH:D008094\n');
    expect((item as { document: PubtatorDocument }).document.annotations[0]).toMatchObject({ start: 12, end: 19 });
  });

  it('keeps an empty identifier column and a document without an abstract', async () => {
    const [item] = await parseText('7|t|Aspirin\n7\t0\t7\tAspirin\tChemical\t\n\n');
    expect((item as { document: PubtatorDocument }).document).toEqual({
      pmid: '7',
      title: 'Aspirin',
      annotations: [{ type: 'Chemical', identifiers: [], text: 'Aspirin', field: 'title', start: 0, end: 7 }],
      relations: [],
      dropped: [],
    });
  });

  it('starts a new document at a title line even when the blank line before it is missing', async () => {
    const items = await parseText('1|t|One\n1|a|First.\n2|t|Two\n2|a|Second.\n');
    expect(documents(items).map((document) => [document.pmid, document.abstract])).toEqual([
      ['1', 'First.'],
      ['2', 'Second.'],
    ]);
  });

  it('rejects a document whose lines name another PMID, and one with a non-numeric PMID, then goes on', async () => {
    const items = await parseText('1|t|One\n2\t0\t3\tOne\tGene\t5\n\nabc|t|Bad\n\n3|t|Three\n');
    expect(items.map((item) => (item.kind === 'rejected' ? item.rejected : item.document.pmid))).toEqual([
      { recordNumber: 1, identifier: '1', reason: 'line 2: PMID "2" differs from the document\'s "1"' },
      { recordNumber: 2, identifier: 'abc', reason: 'line 4: PMID "abc" is not numeric' },
      '3',
    ]);
  });

  it('rejects a document with a mention line that has no type', async () => {
    const [item] = await parseText('9|t|Aspirin\n9\t0\t7\tAspirin\t\tMESH:D001241\n');
    expect(item).toEqual({ kind: 'rejected', rejected: { recordNumber: 1, identifier: '9', reason: 'line 2: the mention has no type' } });
  });

  it('drops a relation whose bare identifier no mention has, since its type is unknown', async () => {
    const [item] = await parseText('5|t|Aspirin\n5\t0\t7\tAspirin\tChemical\tMESH:D001241\n5\tAssociation\tMESH:D001241\t999\n');
    const document = (item as { document: PubtatorDocument }).document;
    expect(document.relations).toEqual([]);
    expect(document.dropped).toEqual([
      { kind: 'relation', text: '5\tAssociation\tMESH:D001241\t999', reason: 'line 3: "999" is not "Type|identifier" and no mention has that identifier, so its type is unknown' },
    ]);
  });
});

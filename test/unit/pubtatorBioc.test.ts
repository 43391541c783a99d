import { createReadStream, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { parseBiocJson } from '../../src/ingest/pubtator/biocJson';
import { parseBiocXml } from '../../src/ingest/pubtator/biocXml';
import { parsePubtator } from '../../src/ingest/pubtator/pubtatorText';
import type { PubtatorDocument, PubtatorItem } from '../../src/ingest/pubtator/types';

const FIXTURES = join(__dirname, '..', 'fixtures', 'pubtator');

async function collect(items: AsyncIterable<PubtatorItem>): Promise<PubtatorItem[]> {
  const result: PubtatorItem[] = [];
  for await (const item of items) result.push(item);
  return result;
}

function documents(items: PubtatorItem[]): PubtatorDocument[] {
  return items.flatMap((item) => (item.kind === 'document' ? [item.document] : []));
}

const fixture = (name: string) => collect((name.endsWith('xml') ? parseBiocXml : parseBiocJson)(createReadStream(join(FIXTURES, name))));
const json = (...chunks: string[]) => collect(parseBiocJson(Readable.from(chunks)));
const xml = (...chunks: string[]) => collect(parseBiocXml(Readable.from(chunks)));

const passage = (type: string, offset: number, text: string, annotations: object[] = []) => ({ infons: { type }, offset, text, annotations, relations: [] });
const mention = (id: string, type: string, identifier: string | null, text: string, offset: number) => ({
  id,
  infons: { identifier, type },
  text,
  locations: [{ offset, length: text.length }],
});

describe.each(['export.biocjson', 'export.biocxml'])('%s', (name) => {
  let items: PubtatorItem[];

  beforeAll(async () => {
    items = await fixture(name);
  });

  it('reads every document of the collection with its record number', () => {
    expect(items.map((item) => (item.kind === 'document' ? [item.recordNumber, item.document.pmid] : item))).toEqual([
      [1, '24392693'],
      [2, '31000001'],
      [3, '29532791'],
    ]);
  });

  it('gives the same documents as the tab-format export of the same papers', async () => {
    const tab = documents(await collect(parsePubtator(createReadStream(join(FIXTURES, 'export.pubtator')))));
    const [ketamine, beta] = documents(items);
    const strip = ({ annotations, title, abstract }: PubtatorDocument) => ({ annotations, title, abstract });
    expect(strip(ketamine!)).toEqual(strip(tab.find((document) => document.pmid === '24392693')!));
    expect(strip(beta!)).toEqual(strip(tab.find((document) => document.pmid === '31000001')!));
  });

  it('places mentions after "𝛽" so that they slice back', () => {
    const beta = documents(items)[1]!;
    expect(beta.dropped).toEqual([]);
    for (const annotation of beta.annotations) {
      const field = annotation.field === 'title' ? beta.title! : beta.abstract!;
      expect(field.slice(annotation.start, annotation.end)).toBe(annotation.text);
    }
  });

  it('reads PubTator3 relations from role1 / role2 with their score', () => {
    expect(documents(items)[0]!.relations).toEqual([
      { type: 'Negative_Correlation', subject: { type: 'Chemical', identifier: 'MESH:D007649' }, object: { type: 'Gene', identifier: 'NCBIGene:2932' }, score: 0.9876 },
      { type: 'treat', subject: { type: 'Chemical', identifier: 'MESH:D007649' }, object: { type: 'Disease', identifier: 'MESH:D003865' }, score: 0.9876 },
    ]);
  });

  it('drops the mention whose location is off by one and keeps the others', () => {
    const broken = documents(items)[2]!;
    expect(broken.annotations).toHaveLength(10);
    expect(broken.dropped).toEqual([{ kind: 'mention', text: 'Ketamine', reason: 'annotation 4: offset 76, length 8 does not slice back to "Ketamine" in the abstract' }]);
  });
});

describe('parseBiocJson', () => {
  const document = {
    id: '17',
    passages: [passage('title', 0, 'Aspirin and cancer'), passage('abstract', 19, 'Aspirin lowers cancer risk.', [mention('A1', 'Disease', 'MESH:D009369', 'cancer', 34)])],
    relations: [],
  };
  const read = (items: PubtatorItem[]) => items.map((item) => (item.kind === 'document' ? item.document.pmid : item.rejected));

  it('accepts the PubTator3 wrapper, a bare collection, a single document, an array and JSON lines', async () => {
    const other = { ...document, id: '18' };
    expect(read(await json(JSON.stringify({ PubTator3: [document, other] })))).toEqual(['17', '18']);
    expect(read(await json(JSON.stringify({ source: 'PubTator', date: '', key: '', infons: {}, documents: [document, other] })))).toEqual(['17', '18']);
    expect(read(await json(JSON.stringify(document)))).toEqual(['17']);
    expect(read(await json(JSON.stringify([document, other])))).toEqual(['17', '18']);
    expect(read(await json(`${JSON.stringify(document)}\n${JSON.stringify(other)}\n`))).toEqual(['17', '18']);
  });

  it('finds documents split across chunks anywhere, even inside strings and escapes', async () => {
    const text = JSON.stringify({ PubTator3: [document, { ...document, id: '18', passages: [passage('title', 0, 'A "quoted" {brace} [x] \\ title')] }] });
    const chunks = text.match(/[\s\S]{1,7}/g)!;
    const items = await json(...chunks);
    expect(read(items)).toEqual(['17', '18']);
    expect(documents(items)[1]!.title).toBe('A "quoted" {brace} [x] \\ title');
    expect(documents(items)[0]!.annotations).toEqual([{ type: 'Disease', identifiers: ['MESH:D009369'], text: 'cancer', field: 'abstract', start: 15, end: 21 }]);
  });

  it('treats a null identifier as none and reads full-text section_type passages', async () => {
    const fullText = {
      id: '20',
      passages: [
        { infons: { section_type: 'TITLE', type: 'front' }, offset: 0, text: 'Lithium', annotations: [mention('1', 'Chemical', null, 'Lithium', 0)] },
        { infons: { section_type: 'INTRO', type: 'paragraph' }, offset: 8, text: 'Body text.', annotations: [mention('2', 'Chemical', 'MESH:D008094', 'Body', 8)] },
      ],
    };
    const [only] = documents(await json(JSON.stringify({ PubTator3: [fullText] })));
    expect(only).toEqual({ pmid: '20', title: 'Lithium', annotations: [{ type: 'Chemical', identifiers: [], text: 'Lithium', field: 'title', start: 0, end: 7 }], relations: [], dropped: [] });
  });

  it('resolves plain BioC relations through their nodes', async () => {
    const withNodes = {
      ...document,
      passages: [passage('title', 0, 'Aspirin and cancer', [mention('A1', 'Chemical', 'MESH:D001241', 'Aspirin', 0), mention('A2', 'Disease', 'MESH:D009369', 'cancer', 12)])],
      relations: [{ id: 'R1', infons: { type: 'treat' }, nodes: [{ refid: 'A1', role: 'Chemical' }, { refid: 'A2', role: 'Disease' }] }, { id: 'R2', infons: { type: 'cause' }, nodes: [] }],
    };
    const [only] = documents(await json(JSON.stringify(withNodes)));
    expect(only!.relations).toEqual([{ type: 'treat', subject: { type: 'Chemical', identifier: 'MESH:D001241' }, object: { type: 'Disease', identifier: 'MESH:D009369' } }]);
    expect(only!.dropped).toEqual([{ kind: 'relation', text: 'R2', reason: 'relation has neither role1/role2 infons nor two nodes naming annotations with identifiers' }]);
  });

  it('rejects a document without a PMID and goes on with the next', async () => {
    const items = await json(JSON.stringify({ PubTator3: [{ ...document, id: 'PMC123' }, document] }));
    expect(read(items)).toEqual([{ recordNumber: 1, identifier: 'PMC123', reason: 'PMID "PMC123" is not numeric' }, '17']);
  });

  it('on broken JSON rejects the document it hit, naming its PMID, and reads no further', async () => {
    const good = JSON.stringify(document);
    const items = await json(`{"PubTator3": [${good}, {"id": "18", "passages": [}, ${good}]}`);
    expect(read(items)).toEqual(['17', { recordNumber: 2, identifier: '18', reason: expect.stringMatching(/^JSON syntax error at line 1: unexpected "\}"; the rest of the file was not read$/) }]);
    const truncated = await json(`{"PubTator3": [${good}, {"id": "19", "passages": [`);
    expect(read(truncated)).toEqual(['17', { recordNumber: 2, identifier: '19', reason: 'the JSON ended before its last value was closed (truncated file?); the rest of the file was not read' }]);
    const invalid = await json(`[${good}, {"id": 19 "passages": []}]`);
    expect(read(invalid)).toEqual(['17', { recordNumber: 2, identifier: '19', reason: expect.stringMatching(/^JSON syntax error in document 2: .+; the rest of the file was not read$/) }]);
  });

  it('waits for the consumer before reading more input', async () => {
    const chunks = ['{"PubTator3": [', ...Array.from({ length: 200 }, (_, index) => `${index > 0 ? ',' : ''}${JSON.stringify({ ...document, id: String(index + 1) })}`), ']}'];
    let pulled = 0;
    const input = Readable.from(
      (function* () {
        for (const chunk of chunks) {
          pulled += 1;
          yield chunk;
        }
      })(),
    );
    const iterator = parseBiocJson(input)[Symbol.asyncIterator]();
    await iterator.next();
    await new Promise((resolve) => setImmediate(resolve));
    expect(pulled).toBeLessThan(chunks.length / 2);
    let count = 1;
    while (!(await iterator.next()).done) count += 1;
    expect(count).toBe(200);
  });
});

describe('parseBiocXml', () => {
  const doc = (id: string, body = '') =>
    `<document><id>${id}</id><passage><infon key="type">title</infon><offset>0</offset><text>Aspirin &amp; cancer</text>` +
    `<annotation id="1"><infon key="identifier">MESH:D009369</infon><infon key="type">Disease</infon><location offset="10" length="6"/><text>cancer</text></annotation>${body}</passage></document>`;

  it('keeps passage text exactly, entities decoded, and offsets counted on the decoded text', async () => {
    const [only] = documents(await xml(`<?xml version="1.0"?><collection><source>PubTator</source>${doc('5')}</collection>`));
    expect(only).toEqual({ pmid: '5', title: 'Aspirin & cancer', annotations: [{ type: 'Disease', identifiers: ['MESH:D009369'], text: 'cancer', field: 'title', start: 10, end: 16 }], relations: [], dropped: [] });
  });

  it('reads relations kept inside a passage and documents split across chunks', async () => {
    const relation = '<relation id="R1"><infon key="type">Association</infon><infon key="role1">Disease|MESH:D009369</infon><infon key="role2">Gene|672</infon></relation>';
    const text = `<collection>${doc('5', relation)}${doc('6')}</collection>`;
    const items = await xml(...text.match(/[\s\S]{1,5}/g)!);
    expect(documents(items).map((document) => document.pmid)).toEqual(['5', '6']);
    expect(documents(items)[0]!.relations).toEqual([{ type: 'Association', subject: { type: 'Disease', identifier: 'MESH:D009369' }, object: { type: 'Gene', identifier: 'NCBIGene:672' } }]);
  });

  it('on an XML error rejects the document it hit and reads no further', async () => {
    const items = await xml(`<collection>${doc('5')}<document><id>6</id><passage></document>${doc('7')}</collection>`);
    expect(items.map((item) => item.kind)).toEqual(['document', 'rejected']);
    expect(items[1]).toEqual({ kind: 'rejected', rejected: { recordNumber: 2, identifier: '6', reason: expect.stringMatching(/^XML syntax error at line 1, column \d+: .+; the rest of the file was not read$/) } });
  });

  it('rejects a truncated file', async () => {
    const items = await xml(`<collection>${doc('5')}<document><id>6</id>`);
    expect(items[1]).toMatchObject({ kind: 'rejected', rejected: { recordNumber: 2, identifier: '6' } });
  });

  it('waits for the consumer before reading more input', async () => {
    const chunks = ['<collection>', ...Array.from({ length: 200 }, (_, index) => doc(String(index + 1))), '</collection>'];
    let pulled = 0;
    const input = Readable.from(
      (function* () {
        for (const chunk of chunks) {
          pulled += 1;
          yield chunk;
        }
      })(),
    );
    const iterator = parseBiocXml(input)[Symbol.asyncIterator]();
    await iterator.next();
    await new Promise((resolve) => setImmediate(resolve));
    expect(pulled).toBeLessThan(chunks.length / 2);
    let count = 1;
    while (!(await iterator.next()).done) count += 1;
    expect(count).toBe(200);
  });

  it('reads the same input as the sample file from a stream in small chunks', async () => {
    const text = readFileSync(join(FIXTURES, 'export.biocxml'), 'utf8');
    const chunked = await xml(...text.match(/[\s\S]{1,13}/g)!);
    expect(chunked).toEqual(await fixture('export.biocxml'));
  });
});

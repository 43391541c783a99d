import { createReadStream } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { parseBulkConcepts } from '../../src/ingest/pubtator/bulkConcepts';
import { parseBulkRelations } from '../../src/ingest/pubtator/bulkRelations';
import type { PubtatorItem } from '../../src/ingest/pubtator/types';

const FIXTURES = join(__dirname, '..', 'fixtures', 'pubtator');

async function collect(items: AsyncIterable<PubtatorItem>): Promise<PubtatorItem[]> {
  const result: PubtatorItem[] = [];
  for await (const item of items) result.push(item);
  return result;
}

describe('parseBulkConcepts on a bioconcepts2pubtator3 sample', () => {
  let items: PubtatorItem[];

  beforeAll(async () => {
    items = await collect(parseBulkConcepts(createReadStream(join(FIXTURES, 'bioconcepts2pubtator3.tsv'))));
  });

  it('yields one document per run of lines with the same PMID, without text or offsets', () => {
    const first = items[0];
    expect(first).toEqual({
      kind: 'document',
      recordNumber: 1,
      document: {
        pmid: '24392693',
        annotations: [
          { type: 'Chemical', identifiers: ['MESH:D007649'], text: 'Ketamine' },
          { type: 'Chemical', identifiers: ['MESH:D007649'], text: 'ketamine' },
          { type: 'Disease', identifiers: ['MESH:D003866'], text: 'depression' },
          { type: 'Gene', identifiers: ['NCBIGene:2931', 'NCBIGene:2932'], text: 'glycogen synthase kinase-3' },
          { type: 'Species', identifiers: ['NCBITaxon:9606'], text: 'patients' },
          { type: 'Gene', identifiers: [], text: 'NMDA receptor' },
        ],
        relations: [],
        dropped: [],
      },
    });
  });

  it('rejects the PMID whose line has too few columns, naming the line, and a line with no PMID on its own', () => {
    expect(items.slice(1).map((item) => (item.kind === 'rejected' ? item.rejected : [item.recordNumber, item.document.pmid]))).toEqual([
      { recordNumber: 2, identifier: '27090301', reason: 'line 7: expected 5 tab-separated columns (PMID, type, concept id, mentions, resource), found 3' },
      { recordNumber: 4, identifier: 'PMID', reason: 'line 10: PMID "PMID" is not numeric' },
      [3, '29532791'],
    ]);
  });

  it('keeps a variant key whole and other identifiers as given', () => {
    const last = items[3];
    expect(last?.kind === 'document' && last.document.annotations).toEqual([
      { type: 'Chemical', identifiers: ['MESH:C000604023'], text: 'Esketamine' },
      { type: 'ProteinMutation', identifiers: ['RS#:1800562;CorrespondingGene:3077'], text: 'C282Y' },
      { type: 'CellLine', identifiers: ['CVCL_0030'], text: 'HeLa' },
    ]);
  });
});

describe('parseBulkRelations on a relation2pubtator3 sample', () => {
  let items: PubtatorItem[];

  beforeAll(async () => {
    items = await collect(parseBulkRelations(createReadStream(join(FIXTURES, 'relation2pubtator3.tsv'))));
  });

  it('groups consecutive lines by PMID; a PMID that comes back later starts another document', () => {
    expect(items.map((item) => (item.kind === 'document' ? [item.recordNumber, item.document.pmid, item.document.relations.length] : item.rejected))).toEqual([
      [1, '33846804', 2],
      [2, '26018198', 1],
      { recordNumber: 3, identifier: '20817350', reason: 'line 4: expected 4 tab-separated columns (PMID, type, entity, entity), found 3' },
      [4, '33846804', 1],
    ]);
  });

  it('reads "Type|identifier" ends, prefixing bare gene ids and keeping variant keys whole', () => {
    const [first, second] = items;
    expect(first?.kind === 'document' && first.document.relations).toEqual([
      { type: 'treat', subject: { type: 'Chemical', identifier: 'MESH:D009828' }, object: { type: 'Disease', identifier: 'MESH:D006528' } },
      { type: 'associate', subject: { type: 'Gene', identifier: 'NCBIGene:5289' }, object: { type: 'Gene', identifier: 'NCBIGene:5562' } },
    ]);
    expect(second?.kind === 'document' && second.document.relations[0]).toEqual({
      type: 'associate',
      subject: { type: 'ProteinMutation', identifier: 'RS#:121908192;HGVS:c.581G>A;CorrespondingGene:2671' },
      object: { type: 'ProteinMutation', identifier: 'RS#:771809901;HGVS:c.373C>T;CorrespondingGene:2671' },
    });
  });

  it('rejects a line whose entity has no type, and reads a file of many lines in one pass', async () => {
    const bad = await collect(parseBulkRelations(Readable.from(['1\tassociate\tMESH:D1\tGene|5\n'])));
    expect(bad).toEqual([{ kind: 'rejected', rejected: { recordNumber: 1, identifier: '1', reason: 'line 1: "MESH:D1" is not "Type|identifier"' } }]);
    const lines = Array.from({ length: 3_000 }, (_, index) => `${Math.floor(index / 3) + 1}\tassociate\tGene|${index}\tDisease|MESH:D000001\n`);
    const many = await collect(parseBulkRelations(Readable.from(lines)));
    expect(many).toHaveLength(1_000);
    expect(many.every((item) => item.kind === 'document' && item.document.relations.length === 3)).toBe(true);
  });
});

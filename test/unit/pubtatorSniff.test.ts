import { createReadStream, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PUBTATOR_PARSERS, sniffPubtatorFormat, type PubtatorItem } from '../../src/ingest/pubtator';
import { sniffFormat } from '../../src/ingest/sniff';

const FIXTURES = join(__dirname, '..', 'fixtures', 'pubtator');
const fixture = (name: string): string => readFileSync(join(FIXTURES, name), 'utf8').slice(0, 4096);

describe('sniffPubtatorFormat', () => {
  it('recognises each fixture from its first 4 KB, and the parser it names reads the file', async () => {
    const expected = {
      'export.pubtator': 'pubtator',
      'export.biocxml': 'bioc-xml',
      'export.biocjson': 'bioc-json',
      'bioconcepts2pubtator3.tsv': 'pubtator-bulk-concepts',
      'relation2pubtator3.tsv': 'pubtator-bulk-relations',
    } as const;
    for (const [name, format] of Object.entries(expected)) {
      expect(sniffPubtatorFormat(fixture(name))).toBe(format);
      const items: PubtatorItem[] = [];
      for await (const item of PUBTATOR_PARSERS[format](createReadStream(join(FIXTURES, name)))) items.push(item);
      expect(items.filter((item) => item.kind === 'document').length).toBeGreaterThanOrEqual(2);
    }
  });

  it('recognises the API answers with a BOM, leading blank lines, a DOCTYPE or JSON lines', () => {
    expect(sniffPubtatorFormat('\uFEFF\n\n37026113|t|Potential Targets\n37026113|a|Background')).toBe('pubtator');
    expect(sniffPubtatorFormat("<?xml version='1.0' encoding='UTF-8'?><!DOCTYPE collection SYSTEM 'BioC.dtd'><collection>")).toBe('bioc-xml');
    expect(sniffPubtatorFormat('{"PubTator3": [{"_id": "37026113|None"')).toBe('bioc-json');
    expect(sniffPubtatorFormat('{"_id": "1|None", "id": "1", "infons": {}, "passages": [')).toBe('bioc-json');
    expect(sniffPubtatorFormat('{"source": "PubTator", "documents": [')).toBe('bioc-json');
  });

  it('tells the two bulk files apart by their columns', () => {
    expect(sniffPubtatorFormat('20817350\tcause\tDisease|MESH:D000544\tProteinMutation|RS#:1800562;CorrespondingGene:3077\n')).toBe('pubtator-bulk-relations');
    expect(sniffPubtatorFormat('12345\tSpecies\t9606\thuman\tPubTator3\n')).toBe('pubtator-bulk-concepts');
  });

  it('refuses the formats the other importers read, and other JSON or XML', () => {
    const pubmed = readFileSync(join(__dirname, '..', 'fixtures', 'pubmed-sample.xml'), 'utf8').slice(0, 4096);
    const medline = readFileSync(join(__dirname, '..', 'fixtures', 'pubmed-sample.nbib'), 'utf8').slice(0, 4096);
    expect(sniffPubtatorFormat(pubmed)).toBeUndefined();
    expect(sniffPubtatorFormat(medline)).toBeUndefined();
    expect(sniffPubtatorFormat('{"esearchresult": {"idlist": ["1"]}}')).toBeUndefined();
    expect(sniffPubtatorFormat('<html><body>collection</body></html>')).toBeUndefined();
    expect(sniffPubtatorFormat('PMID\tType\tConceptID\tMentions\tResource\n')).toBeUndefined();
    // The other sniffer does not claim PubTator files either, so the two can be combined in any order.
    expect(['export.pubtator', 'export.biocxml', 'export.biocjson', 'bioconcepts2pubtator3.tsv', 'relation2pubtator3.tsv'].map((name) => sniffFormat(fixture(name)))).toEqual([
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
    ]);
  });
});

import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { ARRAY_DELIMITER, CsvTable } from '../../src/ingest/bulk/csvTable';
import { KeySet } from '../../src/ingest/bulk/keySet';
import { PmidSet } from '../../src/ingest/bulk/pmidSet';

describe('bulk load CSV files', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'evmap-csv-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('writes neo4j-admin headers and values that read back as written, a missing value as an empty unquoted field', async () => {
    const file = path.join(dir, 'papers.csv');
    const table = new CsvTable(file, [
      { name: 'pmid', type: 'id', space: 'Paper' },
      { name: 'title', type: 'string' },
      { name: 'year', type: 'double' },
      { name: 'meshTerms', type: 'string[]' },
      { name: 'retracted', type: 'boolean' },
    ]);
    table.add(['1', ' A "quoted", title', 2014, ['Humans', 'Ketamine'], true]);
    table.add(['2', 'Two\nlines', undefined, [], null]);
    await table.close();
    const text = readFileSync(file, 'utf8');
    expect(text.split('\n')[0]).toBe('pmid:ID(Paper),title:string,year:double,meshTerms:string[],retracted:boolean');
    const rows = parse(text, { from_line: 2 }) as string[][];
    expect(rows).toEqual([
      ['1', ' A "quoted", title', '2014', `Humans${ARRAY_DELIMITER}Ketamine`, 'true'],
      ['2', 'Two\nlines', '', '', ''],
    ]);
    expect(text).toContain('"2","Two\nlines",,,\n');
    expect([table.rows, table.multiline]).toEqual([2, true]);
  });

  it('refuses a row whose values do not fit its columns', async () => {
    const table = new CsvTable(path.join(dir, 'short.csv'), [{ name: 'id', type: 'id', space: 'Claim' }]);
    expect(() => table.add(['a', 'b'])).toThrow('2 values for 1 columns');
    // Closed before afterAll removes the folder, or the stream would open a file in a folder gone.
    await table.close();
  });
});

describe('the sets a bulk load remembers', () => {
  it('PmidSet keeps PubMed ids as bits, grows past its first range, and keeps other keys apart', () => {
    const set = new PmidSet();
    for (const pmid of ['24392693', '1', '40000000', 'doi:10.1000/x', '24392693']) set.add(pmid);
    expect(set.size).toBe(4);
    expect([set.has('24392693'), set.has('24392694'), set.has('40000000'), set.has('doi:10.1000/x'), set.has('0')]).toEqual([true, false, true, true, false]);
    expect([...set.values()]).toEqual(['1', '24392693', '40000000', 'doi:10.1000/x']);
  });

  it('KeySet tells new keys from seen ones through its growth', () => {
    const set = new KeySet();
    const keys = Array.from({ length: 200_000 }, (_, i) => `author-${i}`);
    expect(keys.every((k) => set.add(k))).toBe(true);
    expect(keys.some((k) => set.add(k))).toBe(false);
    expect(set.size).toBe(200_000);
    expect(set.add('author-200000')).toBe(true);
  });
});

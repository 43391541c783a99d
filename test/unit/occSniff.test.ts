import { gzipSync } from 'node:zlib';
import { IMPORT_FORMATS } from '../../src/ingest/pipeline';
import { sniffFormat, sniffOccCsv } from '../../src/ingest/sniff';

describe('sniffing an Open Citation Collection file', () => {
  const csv = 'citing,referenced\n10000040,10000001\n10000040,10007001\n';

  it('knows it by its header, plain, with a BOM or CRLF, and gzipped from only the first bytes', () => {
    expect(sniffOccCsv(Buffer.from(csv))).toBe('occ-csv');
    expect(sniffOccCsv(Buffer.from(`\uFEFF${csv.replace(/\n/g, '\r\n')}`))).toBe('occ-csv');
    const gz = gzipSync(csv + '1,2\n'.repeat(50_000));
    expect(sniffOccCsv(gz.subarray(0, 64))).toBe('occ-csv');
  });

  it('takes no other CSV, text or broken gzip for it', () => {
    expect(sniffOccCsv(Buffer.from('pmid,title\n1,x\n'))).toBeUndefined();
    expect(sniffOccCsv(Buffer.from('PMID- 1\nTI  - x\n'))).toBeUndefined();
    expect(sniffOccCsv(Buffer.from([0x1f, 0x8b, 0x00, 0x01]))).toBeUndefined();
    expect(sniffFormat(csv)).toBeUndefined();
  });

  it('is a format --format accepts', () => {
    expect(IMPORT_FORMATS).toContain('occ-csv');
  });
});

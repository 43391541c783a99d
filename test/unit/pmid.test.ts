import { ErrorCode, EvmapError } from '../../src/errors';
import { canonicalPmid, paperKeyOf, requirePaperKey } from '../../src/graph/keys';

describe('the PMID rule', () => {
  it.each([
    ['24392693', '24392693'],
    ['024392693', '24392693'],
    ['0000001', '1'],
    ['999999999', '999999999'],
    [' 42 ', '42'],
  ])('%j is PMID %j', (value, pmid) => {
    expect(canonicalPmid(value)).toBe(pmid);
  });

  it.each(['0', '000', '-1', '+1', 'abc', '1e5', '12 34', '1234567890', '', '٣'])('%j is not a PMID', (value) => {
    expect(canonicalPmid(value)).toBeUndefined();
  });

  it('paper keys: "Paper:" ids and synthetic reference keys pass, anything else names no paper', () => {
    expect(paperKeyOf('Paper:024392693')).toBe('24392693');
    expect(paperKeyOf('doi:10.1038/abc')).toBe('doi:10.1038/abc');
    expect(paperKeyOf('Paper:ref:0123456789abcdef')).toBe('ref:0123456789abcdef');
    for (const bad of ['Paper:0', 'ref:xyz', 'doi:', 'Mechanism:24392693', 'Paper:']) expect(paperKeyOf(bad)).toBeUndefined();
  });

  it('refuses a client argument with BAD_USER_INPUT naming the argument, without echoing it whole', () => {
    const huge = '9'.repeat(100_000);
    let error: unknown;
    try {
      requirePaperKey(huge, 'pmid');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(EvmapError);
    expect(error).toMatchObject({ code: ErrorCode.BadUserInput, details: { argumentName: 'pmid' } });
    expect((error as EvmapError).message.length).toBeLessThan(300);
    expect((error as EvmapError).message).toMatch(/^pmid: "9+"… \(100000 characters\) is not a paper key/);
  });
});

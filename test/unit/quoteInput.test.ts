import { quoteInput } from '../../src/errors';

describe('quoteInput', () => {
  it('quotes a short argument whole', () => {
    expect(quoteInput('mtor')).toBe('"mtor"');
    expect(quoteInput('a"b')).toBe('"a\\"b"');
    expect(quoteInput('x'.repeat(100))).toBe(JSON.stringify('x'.repeat(100)));
  });

  it('cuts a long argument to its first 100 characters and says how long it was', () => {
    expect(quoteInput('x'.repeat(1_000_000))).toBe(`${JSON.stringify('x'.repeat(100))}… (1000000 characters)`);
  });

  it('does not split a surrogate pair at the cut', () => {
    const quoted = quoteInput(`${'x'.repeat(99)}😀${'y'.repeat(50)}`);
    expect(quoted).toBe(`${JSON.stringify('x'.repeat(99))}… (151 characters)`);
  });
});

import { runs } from '../../src/explorer/highlight';

const text = 'Ketamine acts on the mammalian target of rapamycin (mTOR) and on GSK-3.';

describe('quotes marked in an abstract', () => {
  it('cuts the text at the offsets the API gives', () => {
    const start = text.indexOf('mammalian');
    expect(runs(text, [{ key: 'a', quote: 'mammalian target of rapamycin (mTOR)', start, end: start + 36 }])).toEqual([
      { text: 'Ketamine acts on the ', keys: [] },
      { text: 'mammalian target of rapamycin (mTOR)', keys: ['a'] },
      { text: ' and on GSK-3.', keys: [] },
    ]);
  });

  it('gives overlapping quotes runs that carry both claims', () => {
    const marked = runs(text, [
      { key: 'a', quote: 'Ketamine acts', start: 0, end: 13 },
      { key: 'b', quote: 'acts on the', start: 9, end: 20 },
    ]);
    expect(marked.filter((r) => r.keys.length > 0)).toEqual([
      { text: 'Ketamine ', keys: ['a'] },
      { text: 'acts', keys: ['a', 'b'] },
      { text: ' on the', keys: ['b'] },
    ]);
    expect(marked.map((r) => r.text).join('')).toBe(text);
  });

  it('finds a quote whose stored offsets went stale, and marks nothing for a quote the text lacks', () => {
    expect(runs(text, [{ key: 'a', quote: 'GSK-3', start: 0, end: 5 }]).find((r) => r.keys.length > 0)).toEqual({ text: 'GSK-3', keys: ['a'] });
    expect(runs(text, [{ key: 'a', quote: 'eEF2', start: 3, end: 7 }])).toEqual([{ text, keys: [] }]);
  });

  it('counts offsets in UTF-16 code units, as the API does', () => {
    const greek = 'GSK-3β 𝛽 binds mTOR';
    const start = greek.indexOf('mTOR');
    expect(runs(greek, [{ key: 'a', quote: 'mTOR', start, end: start + 4 }]).at(-1)).toEqual({ text: 'mTOR', keys: ['a'] });
  });
});

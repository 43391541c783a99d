import { NEEDS_REVIEW_IDS_SHOWN, addReanchorCounts, locateQuote, noReanchoring, planReanchor } from '../../src/ingest/reanchor';
import type { CuratedQuote } from '../../src/store/claims';

const QUOTE = 'ketamine rapidly activated mTOR';
const TEXT = `Background. ${QUOTE} in rats. Nothing else.`;
const AT = TEXT.indexOf(QUOTE);

function claim(over: Partial<CuratedQuote> = {}): CuratedQuote {
  return { id: 'c1', quote: QUOTE, start: AT, end: AT + QUOTE.length, needsReview: false, text: TEXT, ...over };
}

describe('locateQuote', () => {
  it('keeps the stored offsets when the quote still stands there', () => {
    expect(locateQuote(TEXT, QUOTE, AT)).toEqual({ start: AT, end: AT + QUOTE.length });
  });

  it('finds a quote that moved, with offsets that slice back to it exactly', () => {
    const moved = `A new first sentence was added. ${TEXT}`;
    const span = locateQuote(moved, QUOTE, AT);
    expect(span).toEqual({ start: AT + 32, end: AT + 32 + QUOTE.length });
    expect(moved.slice(span!.start, span!.end)).toBe(QUOTE);
  });

  it('takes the occurrence nearest the old offset when the quote occurs more than once', () => {
    const text = `${QUOTE}. ${'x'.repeat(40)} ${QUOTE}. ${'y'.repeat(100)} ${QUOTE}.`;
    const [first, second, third] = [0, text.indexOf(QUOTE, 1), text.lastIndexOf(QUOTE)];
    expect(locateQuote(text, QUOTE, second! + 3)?.start).toBe(second);
    expect(locateQuote(text, QUOTE, second! - 5)?.start).toBe(second);
    expect(locateQuote(text, QUOTE, third! + 500)?.start).toBe(third);
    expect(locateQuote(text, QUOTE, 2)?.start).toBe(first);
  });

  it('prefers the earlier occurrence on a tie', () => {
    expect(locateQuote('ab..ab', 'ab', 2)?.start).toBe(0);
  });

  it('counts overlapping occurrences as candidates', () => {
    expect(locateQuote('aaaa', 'aaa', 5)).toEqual({ start: 1, end: 4 });
  });

  it('counts UTF-16 code units, as the stored offsets do', () => {
    const text = '𝛼-synuclein (α-syn) and 🧠 ketamine';
    expect(locateQuote(text, 'ketamine', 0)).toEqual({ start: text.length - 8, end: text.length });
  });

  it('gives null when the quote is gone or there is no text', () => {
    expect(locateQuote('Ketamine rapidly activated mTOR', QUOTE, 0)).toBeNull();
    expect(locateQuote(null, QUOTE, 0)).toBeNull();
    expect(locateQuote('', QUOTE, 0)).toBeNull();
  });

  it('searches from the start when the claim has no stored offset', () => {
    expect(locateQuote(TEXT, QUOTE, null)).toEqual({ start: AT, end: AT + QUOTE.length });
  });
});

describe('planReanchor', () => {
  it('leaves a quote alone that is where it was', () => {
    expect(planReanchor([claim()])).toEqual({ moved: [], restored: [], lost: [] });
  });

  it('moves a quote found elsewhere, also out of review', () => {
    const text = `Prefix. ${TEXT}`;
    const moved = { id: 'c1', quote: QUOTE, start: AT + 8, end: AT + 8 + QUOTE.length };
    expect(planReanchor([claim({ text })])).toEqual({ moved: [moved], restored: [], lost: [] });
    expect(planReanchor([claim({ text, needsReview: true })])).toEqual({ moved: [moved], restored: [], lost: [] });
  });

  it('takes a quote back out of review when the text has it at its stored offsets again', () => {
    expect(planReanchor([claim({ needsReview: true })])).toEqual({ moved: [], restored: [{ id: 'c1', quote: QUOTE, start: AT, end: AT + QUOTE.length }], lost: [] });
  });

  it('marks a gone quote lost once, not again while it waits for review', () => {
    expect(planReanchor([claim({ text: 'Entirely rewritten.' })])).toEqual({ moved: [], restored: [], lost: [{ id: 'c1', quote: QUOTE }] });
    expect(planReanchor([claim({ text: 'Entirely rewritten.', needsReview: true })])).toEqual({ moved: [], restored: [], lost: [] });
  });

  it('treats a stored end that does not fit the quote as moved, so offsets always slice back to the quote', () => {
    expect(planReanchor([claim({ end: AT + 3 })]).moved).toEqual([{ id: 'c1', quote: QUOTE, start: AT, end: AT + QUOTE.length }]);
  });
});

describe('addReanchorCounts', () => {
  it('adds counts exactly and keeps only the first ids', () => {
    const total = noReanchoring();
    const ids = Array.from({ length: 15 }, (_, i) => `claim-${i}`);
    addReanchorCounts(total, { quotesMoved: 2, needsReview: { count: 15, ids } });
    addReanchorCounts(total, { quotesMoved: 1, needsReview: { count: 15, ids: ids.map((id) => `${id}b`) } });
    expect(total.quotesMoved).toBe(3);
    expect(total.needsReview.count).toBe(30);
    expect(total.needsReview.ids).toHaveLength(NEEDS_REVIEW_IDS_SHOWN);
    expect(total.needsReview.ids.slice(0, 15)).toEqual(ids);
  });
});

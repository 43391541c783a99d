/** Where quotes sit in a title or abstract, as runs of text a view wraps in <mark> (pure). */

export interface QuoteSpan {
  /** The claim's id, carried to the runs it covers. */
  key: string;
  quote: string;
  start: number;
  end: number;
}

export interface Run {
  text: string;
  /** Claims whose quote covers this run; empty for plain text. */
  keys: string[];
}

/**
 * The quote's offsets in `text` (UTF-16, end exclusive, as the API gives them and JavaScript
 * indexes strings). When the stored offsets no longer hold the quote, the first occurrence of
 * the quote is used instead; null when the text does not contain it at all.
 */
export function locate(text: string, span: QuoteSpan): { start: number; end: number } | null {
  if (span.quote.length === 0) return null;
  if (span.start >= 0 && span.end <= text.length && text.slice(span.start, span.end) === span.quote) return { start: span.start, end: span.end };
  const at = text.indexOf(span.quote);
  return at < 0 ? null : { start: at, end: at + span.quote.length };
}

/** Splits `text` at every quote's edges; overlapping quotes give runs that carry several keys. */
export function runs(text: string, spans: readonly QuoteSpan[]): Run[] {
  const placed = spans.flatMap((span) => {
    const at = locate(text, span);
    return at ? [{ key: span.key, ...at }] : [];
  });
  const cuts = [...new Set([0, text.length, ...placed.flatMap((p) => [p.start, p.end])])].sort((a, b) => a - b);
  const out: Run[] = [];
  for (let i = 0; i + 1 < cuts.length; i += 1) {
    const from = cuts[i] as number;
    const to = cuts[i + 1] as number;
    const keys = placed.filter((p) => p.start <= from && p.end >= to).map((p) => p.key);
    const last = out[out.length - 1];
    if (last && last.keys.join() === keys.join()) last.text += text.slice(from, to);
    else out.push({ text: text.slice(from, to), keys });
  }
  return out;
}

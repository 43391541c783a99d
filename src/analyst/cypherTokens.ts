/** One lexical token of a Cypher query; strings and comments are dropped because no check needs their content. */
export interface Token {
  kind: 'word' | 'number' | 'param' | 'punct';
  /** Backtick-quoted names are unquoted, so `range` and range read the same. */
  text: string;
}

const SPACE = /\s/;
const WORD_START = /[\p{L}_]/u;
const WORD_PART = /[\p{L}\p{N}_]/u;
const NUMBER = /^(?:0x[0-9a-fA-F_]+|0o[0-7_]+|\d[\d_]*(?:\.\d[\d_]*)?(?:[eE][+-]?\d+)?)/;

/** Index just past a quoted run that starts at `start` with `quote`; backslash escapes and doubled backticks stay inside. */
function quotedEnd(query: string, start: number, quote: string): number {
  let i = start + 1;
  while (i < query.length) {
    const c = query[i];
    if (c === '\\' && quote !== '`') i += 2;
    else if (c === quote && quote === '`' && query[i + 1] === '`') i += 2;
    else if (c === quote) return i + 1;
    else i += 1;
  }
  return query.length;
}

function unquoteName(raw: string): string {
  return raw.slice(1, -1).replaceAll('``', '`');
}

/**
 * Splits a query into words, numbers, parameters and punctuation with a single forward scan,
 * so text inside string literals or comments (which could spell `range(` or `SHOW`) never
 * looks like code to a check.
 */
export function tokenize(query: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < query.length) {
    const c = query[i] as string;
    const next = query[i + 1];
    if (SPACE.test(c)) i += 1;
    else if (c === '/' && next === '/') i = query.indexOf('\n', i) === -1 ? query.length : query.indexOf('\n', i);
    else if (c === '/' && next === '*') i = query.indexOf('*/', i + 2) === -1 ? query.length : query.indexOf('*/', i + 2) + 2;
    else if (c === "'" || c === '"') i = quotedEnd(query, i, c);
    else if (c === '`') {
      const end = quotedEnd(query, i, '`');
      tokens.push({ kind: 'word', text: unquoteName(query.slice(i, end)) });
      i = end;
    } else if (c === '$') {
      let end = i + 1;
      let name: string;
      if (query[end] === '`') {
        end = quotedEnd(query, end, '`');
        name = unquoteName(query.slice(i + 1, end));
      } else {
        while (end < query.length && WORD_PART.test(query[end] as string)) end += 1;
        name = query.slice(i + 1, end);
      }
      tokens.push({ kind: 'param', text: name });
      i = end;
    } else if (WORD_START.test(c)) {
      let end = i + 1;
      while (end < query.length && WORD_PART.test(query[end] as string)) end += 1;
      tokens.push({ kind: 'word', text: query.slice(i, end) });
      i = end;
    } else if (/\d/.test(c)) {
      const text = NUMBER.exec(query.slice(i, i + 64))?.[0] ?? c;
      tokens.push({ kind: 'number', text });
      i += text.length;
    } else {
      tokens.push({ kind: 'punct', text: c });
      i += 1;
    }
  }
  return tokens;
}

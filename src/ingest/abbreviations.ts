/** An abbreviation a text defines, "long form (SHORT)". */
export interface Abbreviation {
  short: string;
  long: string;
}

const PARENTHESIS = /\(([^()]{2,10})\)/g;
const ALNUM = /[\p{L}\p{N}]/u;

/**
 * The long form that a short form abbreviates, by Schwartz and Hearst's algorithm (2003): walk
 * the short form backwards, finding each character in the candidate in order, the first one at
 * the start of a word. Undefined when the characters are not there.
 */
function bestLongForm(short: string, candidate: string): string | undefined {
  let s = short.length - 1;
  let l = candidate.length - 1;
  while (s >= 0) {
    const ch = (short[s] as string).toLowerCase();
    if (!ALNUM.test(ch)) {
      s -= 1;
      continue;
    }
    while (l >= 0 && ((candidate[l] as string).toLowerCase() !== ch || (s === 0 && l > 0 && ALNUM.test(candidate[l - 1] as string)))) l -= 1;
    if (l < 0) return undefined;
    l -= 1;
    s -= 1;
  }
  const start = candidate.lastIndexOf(' ', l) + 1;
  return candidate.slice(start);
}

/** The "long form (SHORT)" definitions in a text, as Schwartz and Hearst find them. */
export function findAbbreviations(text: string): Abbreviation[] {
  const found: Abbreviation[] = [];
  for (const match of text.matchAll(PARENTHESIS)) {
    const short = (match[1] as string).trim();
    if (!/[A-Z]/.test(short) || !ALNUM.test(short[0] as string) || short.split(/\s+/).length > 2) continue;
    const before = text.slice(0, match.index).replace(/\s+$/, '');
    const sentenceStart = Math.max(before.lastIndexOf('. '), before.lastIndexOf('; '), before.lastIndexOf('('));
    const words = before.slice(sentenceStart + 1).trim().split(/\s+/);
    const maxWords = Math.min(short.length + 5, short.length * 2);
    const long = bestLongForm(short, words.slice(-maxWords).join(' '));
    if (long && long.length > short.length && !long.includes(short)) found.push({ short, long });
  }
  return found;
}

import sbd from 'sbd';

/** A sentence of a title or abstract, with its offsets into that text (UTF-16, end exclusive). */
export interface Sentence {
  start: number;
  end: number;
  text: string;
}

// sbd's English abbreviations ("et al.", "e.g.", "Fig.", "vs.") and its rule for dotted ones
// ("i.p.", "s.c.", "N.I.H.") cover what abstracts use; passing a list would replace them.
const OPTIONS = { preserve_whitespace: true } as const;

/**
 * Splits text into sentences with sbd (abbreviations, decimals, initials and units kept whole).
 * sbd keeps every character when asked to preserve whitespace, so the sentences laid end to end
 * are the text again and their offsets are exact.
 */
export function splitSentences(text: string): Sentence[] {
  const sentences: Sentence[] = [];
  let offset = 0;
  for (const piece of sbd.sentences(text, OPTIONS)) {
    const start = offset + (piece.length - piece.trimStart().length);
    const end = offset + piece.trimEnd().length;
    offset += piece.length;
    if (end > start) sentences.push({ start, end, text: text.slice(start, end) });
  }
  return sentences;
}

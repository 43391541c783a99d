import { DefaultAbbrMarkerOptions, split } from 'sentence-splitter';

/** A sentence of a title or abstract, with its offsets into that text (UTF-16, end exclusive). */
export interface Sentence {
  start: number;
  end: number;
  text: string;
}

/**
 * Abbreviations of biomedical abstracts that sentence-splitter's English list lacks ("et al." and
 * "e.g." it knows). Without them "In Fig. 2" and "0.5 mg/kg i.v. reduced" are cut in two.
 */
const BIOMEDICAL_ABBREVIATIONS = [
  'Fig.', 'Figs.', 'fig.', 'figs.', 'Ref.', 'Refs.', 'Eq.', 'Suppl.', 'Tab.', 'approx.', 'ca.', 'cf.', 'resp.', 'vs.', 'Vs.',
  'i.v.', 'i.p.', 'i.m.', 's.c.', 'p.o.', 'i.c.v.', 'i.n.', 'b.i.d.', 't.i.d.', 'q.d.', 'sp.', 'spp.', 'Nos.',
];

const OPTIONS = {
  AbbrMarker: {
    language: {
      ...DefaultAbbrMarkerOptions.language,
      ABBREVIATIONS: [...DefaultAbbrMarkerOptions.language.ABBREVIATIONS, ...BIOMEDICAL_ABBREVIATIONS],
    },
  },
};

/** Splits text into sentences with sentence-splitter (abbreviations, decimals and units kept whole). */
export function splitSentences(text: string): Sentence[] {
  const sentences: Sentence[] = [];
  for (const node of split(text, OPTIONS)) {
    if (node.type !== 'Sentence') continue;
    const [start, end] = node.range;
    const slice = text.slice(start, end);
    const trimmedStart = start + (slice.length - slice.trimStart().length);
    const trimmedEnd = end - (slice.length - slice.trimEnd().length);
    if (trimmedEnd > trimmedStart) sentences.push({ start: trimmedStart, end: trimmedEnd, text: text.slice(trimmedStart, trimmedEnd) });
  }
  return sentences;
}

import { groupByPmid } from './bulkLines';
import { normaliseIdentifiers } from './identifiers';
import type { PubtatorAnnotation, PubtatorItem } from './types';

/**
 * bioconcepts2pubtator3 (and chemical2pubtator3, gene2pubtator3, ...) lines have five tab-separated
 * columns, "PMID, Type, Concept ID, Mentions, Resource" (ftp.ncbi.nlm.nih.gov/pub/lu/PubTator3/
 * README.txt, as quoted by public loaders of these files; the README itself was not to hand), e.g.
 * "12345\tDisease\tMESH:D003866\tdepression|major depression\tPubTator3": the mentions are joined by
 * "|" and carry no offsets, and "-" is a concept PubTator3 found but could not normalise.
 */
const COLUMNS = 5;

/** Streams a bulk concepts file, yielding one document (annotations only, no text) per run of lines with one PMID. */
export function parseBulkConcepts(input: NodeJS.ReadableStream): AsyncGenerator<PubtatorItem> {
  return groupByPmid<PubtatorAnnotation[]>(input, readConcepts, (pmid, rows) => ({ pmid, annotations: rows.flat(), relations: [], dropped: [] }));
}

function readConcepts(columns: string[]): PubtatorAnnotation[] | { problem: string } {
  if (columns.length !== COLUMNS) {
    return { problem: `expected ${COLUMNS} tab-separated columns (PMID, type, concept id, mentions, resource), found ${columns.length}` };
  }
  const [, type = '', conceptId = '', mentions = ''] = columns;
  if (type.trim() === '') return { problem: 'the type column is empty' };
  const identifiers = normaliseIdentifiers(type, conceptId);
  const texts = [...new Set(mentions.split('|').filter((mention) => mention !== ''))];
  return (texts.length > 0 ? texts : ['']).map((text) => ({ type, identifiers, text }));
}

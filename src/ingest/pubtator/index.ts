import { parseBiocJson } from './biocJson';
import { parseBiocXml } from './biocXml';
import { parseBulkConcepts } from './bulkConcepts';
import { parseBulkRelations } from './bulkRelations';
import { parsePubtator } from './pubtatorText';
import type { PubtatorFormat } from './sniff';
import type { PubtatorItem } from './types';

export { sniffPubtatorFormat, type PubtatorFormat } from './sniff';
export type * from './types';
export { parseBiocJson, parseBiocXml, parseBulkConcepts, parseBulkRelations, parsePubtator };

/** The parser for each format `sniffPubtatorFormat` names. */
export const PUBTATOR_PARSERS: Record<PubtatorFormat, (input: NodeJS.ReadableStream) => AsyncGenerator<PubtatorItem>> = {
  pubtator: parsePubtator,
  'bioc-xml': parseBiocXml,
  'bioc-json': parseBiocJson,
  'pubtator-bulk-concepts': parseBulkConcepts,
  'pubtator-bulk-relations': parseBulkRelations,
};

/** The PubTator formats `sniffPubtatorFormat` can tell apart. */
export type PubtatorFormat = 'pubtator' | 'bioc-xml' | 'bioc-json' | 'pubtator-bulk-concepts' | 'pubtator-bulk-relations';

// Shapes as documented in the parsers: pubtatorText.ts, biocXml.ts, biocJson.ts, bulkConcepts.ts, bulkRelations.ts.
const BIOC_XML_ELEMENT = /<(?:!DOCTYPE\s+)?collection[\s>]/;
const BIOC_JSON_KEY = /"(?:PubTator3|documents|passages)"\s*:/;
const TITLE_LINE = /^[^|\t]+\|t\|/;
const BULK_CONCEPT_LINE = /^\d+\t[^\t]+\t[^\t]*\t[^\t]*\t[^\t]*$/;
const TYPED_ENTITY = '[A-Za-z_]+\\|[^\\t]+';
const BULK_RELATION_LINE = new RegExp(`^\\d+\\t[^\\t|]+\\t${TYPED_ENTITY}\\t${TYPED_ENTITY}$`);

/**
 * Guesses a PubTator export's format from its first few kilobytes; undefined when it is none of
 * them. Only the first non-blank line decides between the tab formats, since the last line of a
 * sample may be cut short.
 */
export function sniffPubtatorFormat(firstBytes: string): PubtatorFormat | undefined {
  const text = firstBytes.replace(/^\uFEFF/, '').trimStart();
  if (text.startsWith('<')) return BIOC_XML_ELEMENT.test(text) ? 'bioc-xml' : undefined;
  if (text.startsWith('{') || text.startsWith('[')) return BIOC_JSON_KEY.test(text) ? 'bioc-json' : undefined;
  const firstLine = text.split(/\r?\n/, 1)[0] ?? '';
  if (TITLE_LINE.test(firstLine)) return 'pubtator';
  if (BULK_RELATION_LINE.test(firstLine)) return 'pubtator-bulk-relations';
  return BULK_CONCEPT_LINE.test(firstLine) ? 'pubtator-bulk-concepts' : undefined;
}

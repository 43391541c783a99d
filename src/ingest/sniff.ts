import { constants, gunzipSync } from 'node:zlib';

/** The import formats `sniffFormat` and `sniffOccCsv` can tell apart. */
export type SniffedFormat = 'medline' | 'pubmed-xml' | 'seed' | 'occ-csv';

const PUBMED_XML_ELEMENT = /<(?:!DOCTYPE\s+)?PubmedArticle(?:Set)?[\s>]/;
const MEDLINE_PMID_LINE = /^PMID- /m;
const SEED_PMID_LINE = /^- PMID: \d+$/;

/**
 * Guesses a file's format from its first few kilobytes: efetch XML, MEDLINE text, or a PubMed
 * web page saved as text (title line, then "- PMID: <digits>"); undefined when it is none of them.
 */
export function sniffFormat(firstBytes: string): SniffedFormat | undefined {
  const text = firstBytes.replace(/^\uFEFF/, '');
  if (text.trimStart().startsWith('<')) return PUBMED_XML_ELEMENT.test(text) ? 'pubmed-xml' : undefined;
  const lines = text.split(/\r?\n/);
  if (SEED_PMID_LINE.test(lines[1]?.trimEnd() ?? '')) return 'seed';
  return MEDLINE_PMID_LINE.test(text) ? 'medline' : undefined;
}

/** True when `firstBytes` start with the gzip magic number (RFC 1952), as NLM's baseline and update files do. */
export function isGzip(firstBytes: Uint8Array): boolean {
  return firstBytes[0] === 0x1f && firstBytes[1] === 0x8b;
}

const OCC_HEADER = /^\uFEFF?"?citing"?\s*,\s*"?referenced"?\s*\r?$/i;

/**
 * An NIH Open Citation Collection file, plain or gzipped, by its `citing,referenced` header;
 * only the start of a gzipped file is inflated (a partial stream inflates as far as it goes).
 */
export function sniffOccCsv(firstBytes: Buffer): 'occ-csv' | undefined {
  let text: string;
  try {
    text = (isGzip(firstBytes) ? gunzipSync(firstBytes, { finishFlush: constants.Z_SYNC_FLUSH }) : firstBytes).toString('utf8');
  } catch {
    return undefined;
  }
  return OCC_HEADER.test(text.split('\n')[0] ?? '') ? 'occ-csv' : undefined;
}

import { Readable } from 'node:stream';
import type { ParsedItem } from '../../graph/paperRecord';
import { parsePubmedXml } from '../pubmedXml';
import { EutilsFailure, checkNoErrorElement } from './failures';
import type { EutilsHttp } from './http';

/** PMIDs per efetch request at most; NCBI asks for no more than 10,000 records in one. */
export const EFETCH_MAX_IDS = 10_000;

/**
 * PubMed XML of the records with these PMIDs, parsed. The answer must be a whole
 * PubmedArticleSet holding every PMID asked for: a cut document, an ERROR element or a missing
 * record fails the attempt (and is retried), so an unlucky answer never passes for "no results".
 */
export function efetch(http: EutilsHttp, pmids: readonly string[]): Promise<ParsedItem[]> {
  const params: Array<[string, string]> = [
    ['db', 'pubmed'],
    ['rettype', 'xml'],
    ['retmode', 'xml'],
    ['id', pmids.join(',')],
  ];
  return http.call('efetch', params, (body) => readArticles(body, pmids));
}

async function readArticles(body: string, pmids: readonly string[]): Promise<ParsedItem[]> {
  checkNoErrorElement(body);
  if (!/<\/PubmedArticleSet>\s*$/.test(body)) throw new EutilsFailure('truncated', `answered with a PubmedArticleSet cut off after ${body.length} characters`);
  const items: ParsedItem[] = [];
  for await (const item of parsePubmedXml(Readable.from([body]))) {
    if (item.kind === 'rejected' && item.rejected.reason.startsWith('XML syntax error')) throw new EutilsFailure('truncated', `answered with broken XML: ${item.rejected.reason}`);
    items.push(item);
  }
  const received = new Set(items.map((item) => (item.kind === 'paper' ? item.record.pmid : item.kind === 'rejected' ? item.rejected.identifier : undefined)));
  const missing = pmids.filter((pmid) => !received.has(pmid));
  if (missing.length > 0) {
    throw new EutilsFailure('missing-records', `answered ${received.size} of ${pmids.length} records, without ${missing.slice(0, 5).join(', ')}${missing.length > 5 ? ', …' : ''}`);
  }
  const asked = new Set(pmids);
  return items.filter((item) => (item.kind === 'paper' ? asked.has(item.record.pmid) : true));
}

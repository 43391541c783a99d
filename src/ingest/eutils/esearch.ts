import { EutilsFailure, parseJsonAnswer } from './failures';
import type { DateRange } from './dateSlices';
import type { EutilsHttp } from './http';

/**
 * Ids one esearch can list: PubMed lists no more than the first 9,999 of a search, so a bigger
 * one is searched again in narrower date slices.
 */
export const ESEARCH_MAX_IDS = 9999;

/** Which date the slices divide: publication date, or modification date for `--since`. */
export type DateType = 'pdat' | 'mdat';

export interface SearchAnswer {
  count: number;
  ids: string[];
  /** The search on NCBI's history server, for efetch or elink by WebEnv and query_key. */
  webEnv: string;
  queryKey: string;
}

const PMID = /^\d{1,9}$/;

/** One esearch of PubMed within a date range, on the history server; `ids` holds all of them only when `ids.length === count`. */
export function esearch(http: EutilsHttp, term: string, dateType: DateType, range: DateRange): Promise<SearchAnswer> {
  const params: Array<[string, string]> = [
    ['db', 'pubmed'],
    ['term', term],
    ['usehistory', 'y'],
    ['retmode', 'json'],
    ['retmax', String(ESEARCH_MAX_IDS)],
    ['datetype', dateType],
    ['mindate', range.from],
    ['maxdate', range.to],
  ];
  return http.call('esearch', params, readSearchAnswer);
}

function readSearchAnswer(body: string): SearchAnswer {
  const result = parseJsonAnswer(body).esearchresult as Record<string, unknown> | undefined;
  if (!result || typeof result !== 'object') throw new EutilsFailure('malformed', 'answered without an esearchresult');
  if (result.ERROR !== undefined) throw new EutilsFailure('error-element', `answered with an ERROR: ${String(result.ERROR)}`);
  const count = Number(result.count);
  const ids = result.idlist;
  if (!Number.isInteger(count) || count < 0 || !Array.isArray(ids) || !ids.every((id) => typeof id === 'string' && PMID.test(id))) {
    throw new EutilsFailure('malformed', 'answered without a count and a list of PMIDs');
  }
  // Fewer ids than the count is what a search past the listing cap gets, but never none at all.
  if (count > 0 && ids.length === 0) {
    throw new EutilsFailure('missing-records', `counted ${count} records but listed none`);
  }
  if (typeof result.webenv !== 'string' || typeof result.querykey !== 'string') throw new EutilsFailure('malformed', 'answered without WebEnv and QueryKey (usehistory=y)');
  return { count, ids, webEnv: result.webenv, queryKey: result.querykey };
}

import { EutilsFailure, parseJsonAnswer } from './failures';
import type { EutilsHttp } from './http';

/** PMIDs per elink request: each gets its own link set, and the answer grows with every link. */
export const ELINK_MAX_IDS = 100;

/** The papers a paper cites (its reference list) and the papers citing it. */
export type CitationLink = 'pubmed_pubmed_refs' | 'pubmed_pubmed_citedin';

/**
 * The linked PMIDs of each PMID: one `id=` parameter per PMID, so NCBI answers one link set per
 * id instead of one merged list. A PMID without links has an empty list; a PMID missing from
 * the answer fails the attempt.
 */
export function elink(http: EutilsHttp, pmids: readonly string[], linkName: CitationLink): Promise<Map<string, string[]>> {
  const params: Array<[string, string]> = [['dbfrom', 'pubmed'], ['db', 'pubmed'], ['linkname', linkName], ['retmode', 'json'], ...pmids.map((id): [string, string] => ['id', id])];
  return http.call('elink', params, (body) => readLinkSets(body, pmids, linkName));
}

interface LinkSet {
  ids?: unknown;
  ERROR?: unknown;
  linksetdbs?: Array<{ linkname?: unknown; links?: unknown }>;
}

function readLinkSets(body: string, pmids: readonly string[], linkName: CitationLink): Map<string, string[]> {
  const sets = parseJsonAnswer(body).linksets;
  if (!Array.isArray(sets)) throw new EutilsFailure('malformed', 'answered without linksets');
  const links = new Map<string, string[]>();
  for (const set of sets as LinkSet[]) {
    if (set.ERROR !== undefined) throw new EutilsFailure('error-element', `answered with an ERROR: ${String(set.ERROR)}`);
    const [id] = Array.isArray(set.ids) ? (set.ids as unknown[]) : [];
    if (typeof id !== 'string') throw new EutilsFailure('malformed', 'answered with a link set without its id');
    const db = set.linksetdbs?.find((d) => d.linkname === linkName);
    const found = Array.isArray(db?.links) ? (db.links as unknown[]).filter((l): l is string => typeof l === 'string') : [];
    links.set(id, found);
  }
  const missing = pmids.filter((pmid) => !links.has(pmid));
  if (missing.length > 0) throw new EutilsFailure('missing-records', `answered link sets for ${pmids.length - missing.length} of ${pmids.length} PMIDs`);
  return links;
}

/**
 * A fake NCBI E-utilities server on 127.0.0.1 for tests and scripts: esearch (JSON or XML),
 * efetch (PubMed XML) and elink (JSON or XML) over a generated corpus, in the formats NCBI
 * answers, with NCBI's failures injected on demand and every request's arrival time logged.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeRecord {
  pmid: string;
  title: string;
  abstract: string;
  /** Publication date, YYYY/MM/DD. */
  pdat: string;
  /** Last modification, YYYY/MM/DD. */
  mdat: string;
  /** PMIDs this record cites: earlier records of the corpus and one paper outside it. */
  refs: string[];
}

export type Endpoint = 'esearch' | 'efetch' | 'elink';

/**
 * What the server can do instead of answering: a status with NCBI's body, an HTML error page
 * with status 200, the endpoint's ERROR (element, or field in JSON), a JSON `error` field, an
 * efetch document cut off or missing its last article, an answer slower than the client's
 * time limit, or a connection closed without an answer.
 */
export type Fault = '429' | '500' | '502' | '503' | 'html-200' | 'error-element' | 'json-error' | 'truncated' | 'short' | 'slow' | 'drop';

export interface LoggedRequest {
  /** When the client sent it (its x-evmap-sent-at header), else when it arrived; epoch ms. */
  at: number;
  endpoint: Endpoint;
  params: URLSearchParams;
  fault?: Fault;
}

export interface FakeEutilsOptions {
  records: number;
  /** Ids one esearch lists at most (NCBI: 9,999); small in tests to exercise date slicing. */
  cap?: number;
  firstPmid?: number;
  /** How long a `slow` answer waits. */
  slowMs?: number;
  /** Seconds sent in Retry-After with a 429. */
  retryAfter?: number;
  /** Modification date of the first records (default 2025/01/15). */
  mdat?: string;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
// Words no vocabulary entity is named by: the fake's thousands of papers share the test graph
// with files that count the seed corpus's evidence, and must add none to it.
const TOPICS = ['zorvatine', 'quelamide', 'brantoxin', 'felmorex', 'tivaprine', 'osmadrol', 'kelvanide', 'rupatrex', 'nolacine'];
const CONDITIONS = ['test-fixture syndrome', 'fake-corpus disorder', 'placeholder fatigue', 'synthetic malaise'];
const DAY_MS = 86_400_000;
/** Publication days spread from 1995 to 2024. */
const FIRST_DAY = Date.UTC(1995, 0, 1) / DAY_MS;
const LAST_DAY = Date.UTC(2024, 11, 31) / DAY_MS;

function day(n: number): string {
  const d = new Date(n * DAY_MS);
  return `${d.getUTCFullYear()}/${String(d.getUTCMonth() + 1).padStart(2, '0')}/${String(d.getUTCDate()).padStart(2, '0')}`;
}

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** A full day for a mindate/maxdate: YYYY, YYYY/MM or YYYY/MM/DD, the first or last day of it. */
function boundary(value: string | null, end: boolean): string | undefined {
  if (!value) return undefined;
  const [y, m, d] = value.split('/');
  if (d) return `${y}/${m?.padStart(2, '0')}/${d.padStart(2, '0')}`;
  if (m) return end ? day(Date.UTC(Number(y), Number(m), 0) / DAY_MS) : `${y}/${m.padStart(2, '0')}/01`;
  return end ? `${y}/12/31` : `${y}/01/01`;
}

export class FakeEutils {
  readonly records: FakeRecord[] = [];
  readonly requests: LoggedRequest[] = [];
  private readonly byPmid = new Map<string, FakeRecord>();
  private readonly faults: Array<{ endpoint: Endpoint | '*'; fault: Fault; after: number }> = [];
  private readonly served = new Map<Endpoint, number>();
  private server?: Server;
  private readonly cap: number;
  private readonly firstPmid: number;
  private readonly slowMs: number;
  private readonly retryAfter: number;
  private webEnvs = 0;
  url = '';

  constructor(options: FakeEutilsOptions) {
    this.cap = options.cap ?? 9999;
    this.firstPmid = options.firstPmid ?? 30_000_000;
    this.slowMs = options.slowMs ?? 3000;
    this.retryAfter = options.retryAfter ?? 1;
    this.addRecords(options.records, options.mdat ?? '2025/01/15');
  }

  /**
   * Adds records to the corpus, as PubMed does every day; their modification date is `mdat`.
   * Publication days are spread evenly over 1995–2024 with a step that is not a divisor, so
   * many days hold several records and slices split unevenly.
   */
  addRecords(n: number, mdat: string): FakeRecord[] {
    const added: FakeRecord[] = [];
    for (let k = 0; k < n; k += 1) {
      const i = this.records.length;
      const pmid = String(this.firstPmid + i);
      const pdat = day(FIRST_DAY + ((i * 7919) % (LAST_DAY - FIRST_DAY + 1)));
      const topic = TOPICS[i % TOPICS.length] as string;
      const condition = CONDITIONS[i % CONDITIONS.length] as string;
      const refs = [i - 1, i - 7].filter((j) => j >= 0).map((j) => String(this.firstPmid + j));
      // A paper outside the corpus, which a fetch with citations stores as a stub.
      refs.push(String(this.firstPmid + 10_000_000 + i));
      const record: FakeRecord = {
        pmid,
        title: `Study ${i} of ${topic} in ${condition}.`,
        abstract: `We examined ${topic} in patients with ${condition} (cohort ${i}). ${topic} reduced symptoms within 24 hours & more.`,
        pdat,
        mdat,
        refs,
      };
      this.records.push(record);
      this.byPmid.set(pmid, record);
      added.push(record);
    }
    return added;
  }

  /** Revises records (a new title) and moves their modification date, as a PubMed correction does. */
  revise(pmids: readonly string[], mdat: string): void {
    for (const pmid of pmids) {
      const record = this.byPmid.get(pmid);
      if (!record) throw new Error(`no record ${pmid}`);
      record.title = record.title.replace(/\.$/, ' (revised).');
      record.mdat = mdat;
    }
  }

  /** The next `times` requests to `endpoint` (any with '*') after `after` more of them are served normally get `fault`. */
  inject(endpoint: Endpoint | '*', fault: Fault, options: { times?: number; after?: number } = {}): void {
    for (let t = 0; t < (options.times ?? 1); t += 1) this.faults.push({ endpoint, fault, after: options.after ?? 0 });
  }

  /** Faults injected but not served yet. */
  get pendingFaults(): number {
    return this.faults.length;
  }

  /** The most requests that arrived within any `windowMs` (a sliding window over the log). */
  maxInWindow(windowMs = 1000): number {
    const times = this.requests.map((r) => r.at).sort((a, b) => a - b);
    let max = 0;
    let start = 0;
    for (let end = 0; end < times.length; end += 1) {
      while ((times[end] as number) - (times[start] as number) >= windowMs) start += 1;
      max = Math.max(max, end - start + 1);
    }
    return max;
  }

  async start(): Promise<string> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    const { port } = this.server.address() as AddressInfo;
    this.url = `http://127.0.0.1:${port}/entrez/eutils/`;
    return this.url;
  }

  async close(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    // The client's send time where it gives one: this server shares a loaded test process, whose
    // event loop can hold a request back for hundreds of milliseconds, so its own clock would
    // measure the test machine rather than the client's pacing.
    const sent = Number(req.headers['x-evmap-sent-at']);
    const at = Number.isFinite(sent) && sent > 0 ? sent : performance.timeOrigin + performance.now();
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const params = new URLSearchParams(url.search);
    for (const [k, v] of new URLSearchParams(Buffer.concat(chunks).toString('utf8'))) params.append(k, v);
    const endpoint = /^\/entrez\/eutils\/(esearch|efetch|elink)\.fcgi$/.exec(url.pathname)?.[1] as Endpoint | undefined;
    if (!endpoint) {
      res.writeHead(404, { 'content-type': 'text/html' }).end('<html><head><title>404 Not Found</title></head><body>Not Found</body></html>');
      return;
    }
    const fault = this.overRate(at, params) ? '429' : this.takeFault(endpoint);
    this.requests.push({ at, endpoint, params, fault });
    if (fault) {
      await this.fail(res, endpoint, fault, params);
      return;
    }
    if (endpoint === 'esearch') this.esearch(res, params);
    else if (endpoint === 'efetch') this.efetch(res, params);
    else this.elink(res, params);
  }

  /** NCBI's own enforcement: more than 3 requests in a second (10 with api_key) get a 429. */
  private overRate(at: number, params: URLSearchParams): boolean {
    const limit = params.get('api_key') ? 10 : 3;
    return this.requests.filter((r) => at - r.at < 1000).length >= limit;
  }

  private takeFault(endpoint: Endpoint): Fault | undefined {
    const served = this.served.get(endpoint) ?? 0;
    this.served.set(endpoint, served + 1);
    const index = this.faults.findIndex((f) => f.endpoint === endpoint || f.endpoint === '*');
    const found = this.faults[index];
    if (!found) return undefined;
    if (found.after > 0) {
      for (const f of this.faults) if (f.endpoint === found.endpoint && f.after > 0) f.after -= 1;
      return undefined;
    }
    this.faults.splice(index, 1);
    return found.fault;
  }

  private async fail(res: ServerResponse, endpoint: Endpoint, fault: Fault, params: URLSearchParams): Promise<void> {
    const json = params.get('retmode') === 'json';
    switch (fault) {
      case '429':
        res.writeHead(429, { 'content-type': 'application/json', 'retry-after': String(this.retryAfter) });
        res.end(JSON.stringify({ error: 'API rate limit exceeded', 'api-key': '127.0.0.1', count: '4', limit: params.get('api_key') ? '10' : '3' }));
        return;
      case '500':
      case '502':
      case '503': {
        const status = Number(fault);
        const reason = { 500: 'Internal Server Error', 502: 'Bad Gateway', 503: 'Service Unavailable' }[status];
        res.writeHead(status, { 'content-type': 'text/html' }).end(`<html><head><title>${status} ${reason}</title></head><body><h1>${reason}</h1></body></html>`);
        return;
      }
      case 'html-200':
        res.writeHead(200, { 'content-type': 'text/html; charset=UTF-8' });
        res.end('<!DOCTYPE html><html><head><title>NCBI - WWW Error Blocked Diagnostic</title></head><body><h1>Your access to the NCBI website has been temporarily blocked</h1></body></html>');
        return;
      case 'error-element':
        if (endpoint === 'efetch') this.send(res, 'text/xml', '<?xml version="1.0" encoding="UTF-8" ?>\n<eFetchResult>\n\t<ERROR>Cannot retrieve history data. query_key: 1, WebEnv: MCID_0</ERROR>\n</eFetchResult>\n');
        else if (endpoint === 'esearch' && json) this.send(res, 'application/json', JSON.stringify({ header: { type: 'esearch', version: '0.3' }, esearchresult: { ERROR: 'Search Backend failed: Database is not supported' } }));
        else if (endpoint === 'elink' && json) this.send(res, 'application/json', JSON.stringify({ header: { type: 'elink', version: '0.3' }, linksets: [{ dbfrom: 'pubmed', ERROR: 'Backend failed' }] }));
        else this.send(res, 'text/xml', `<?xml version="1.0" encoding="UTF-8" ?>\n<${endpoint === 'esearch' ? 'eSearchResult' : 'eLinkResult'}><ERROR>Backend failed</ERROR></${endpoint === 'esearch' ? 'eSearchResult' : 'eLinkResult'}>\n`);
        return;
      case 'json-error':
        this.send(res, 'application/json', JSON.stringify({ error: 'Internal server error: backend unavailable' }));
        return;
      case 'truncated': {
        const body = this.answer(endpoint, params);
        res.writeHead(200, { 'content-type': body.type });
        res.end(body.text.slice(0, Math.floor(body.text.length * 0.6)));
        return;
      }
      case 'short':
        this.efetch(res, params, true);
        return;
      case 'slow':
        await new Promise((resolve) => setTimeout(resolve, this.slowMs));
        if (!res.destroyed) {
          const body = this.answer(endpoint, params);
          this.send(res, body.type, body.text);
        }
        return;
      case 'drop':
        res.socket?.destroy();
        return;
    }
  }

  private send(res: ServerResponse, type: string, text: string): void {
    res.writeHead(200, { 'content-type': `${type}; charset=UTF-8` }).end(text);
  }

  private answer(endpoint: Endpoint, params: URLSearchParams): { type: string; text: string } {
    const captured: { type: string; text: string } = { type: 'text/plain', text: '' };
    const sink = {
      writeHead: (_status: number, headers: Record<string, string>) => {
        captured.type = (headers['content-type'] ?? 'text/plain').split(';')[0] as string;
        return sink;
      },
      end: (text: string) => {
        captured.text = text;
      },
    } as unknown as ServerResponse;
    if (endpoint === 'esearch') this.esearch(sink, params);
    else if (endpoint === 'efetch') this.efetch(sink, params);
    else this.elink(sink, params);
    return captured;
  }

  /** Every term matches the whole corpus, except one containing "nothing", which matches none. */
  private matches(params: URLSearchParams): FakeRecord[] {
    const term = params.get('term') ?? '';
    if (/nothing/i.test(term)) return [];
    const dateType = params.get('datetype') === 'mdat' ? 'mdat' : 'pdat';
    const from = boundary(params.get('mindate'), false);
    const to = boundary(params.get('maxdate'), true);
    return this.records.filter((r) => (from === undefined || r[dateType] >= from) && (to === undefined || r[dateType] <= to)).sort((a, b) => Number(b.pmid) - Number(a.pmid));
  }

  private esearch(res: ServerResponse, params: URLSearchParams): void {
    const found = this.matches(params);
    const retstart = Number(params.get('retstart') ?? 0);
    const retmax = Math.min(Number(params.get('retmax') ?? 20), this.cap);
    const ids = found.slice(retstart, retstart + retmax).map((r) => r.pmid);
    const history = params.get('usehistory') === 'y';
    this.webEnvs += 1;
    const webEnv = `MCID_${String(this.webEnvs).padStart(24, '0')}`;
    if (params.get('retmode') === 'json') {
      const result: Record<string, unknown> = { count: String(found.length), retmax: String(ids.length), retstart: String(retstart) };
      if (history) Object.assign(result, { querykey: '1', webenv: webEnv });
      Object.assign(result, { idlist: ids, translationset: [], querytranslation: params.get('term') ?? '' });
      this.send(res, 'application/json', JSON.stringify({ header: { type: 'esearch', version: '0.3' }, esearchresult: result }));
      return;
    }
    const historyXml = history ? `<QueryKey>1</QueryKey><WebEnv>${webEnv}</WebEnv>` : '';
    this.send(
      res,
      'text/xml',
      `<?xml version="1.0" encoding="UTF-8" ?>\n<!DOCTYPE eSearchResult PUBLIC "-//NLM//DTD esearch 20060628//EN" "https://eutils.ncbi.nlm.nih.gov/eutils/dtd/20060628/esearch.dtd">\n` +
        `<eSearchResult><Count>${found.length}</Count><RetMax>${ids.length}</RetMax><RetStart>${retstart}</RetStart>${historyXml}<IdList>\n${ids.map((id) => `<Id>${id}</Id>`).join('\n')}\n</IdList><TranslationSet/><QueryTranslation>${escapeXml(params.get('term') ?? '')}</QueryTranslation></eSearchResult>\n`,
    );
  }

  private requestedIds(params: URLSearchParams): string[] {
    return params.getAll('id').flatMap((v) => v.split(',')).map((s) => s.trim()).filter(Boolean);
  }

  private efetch(res: ServerResponse, params: URLSearchParams, short = false): void {
    // Unknown PMIDs are left out without a word, as PubMed does.
    const records = this.requestedIds(params).flatMap((id) => this.byPmid.get(id) ?? []);
    const shown = short ? records.slice(0, -1) : records;
    this.send(
      res,
      'text/xml',
      `<?xml version="1.0" ?>\n<!DOCTYPE PubmedArticleSet PUBLIC "-//NLM//DTD PubMedArticle, 1st January 2025//EN" "https://dtd.nlm.nih.gov/ncbi/pubmed/out/pubmed_250101.dtd">\n<PubmedArticleSet>\n${shown.map(articleXml).join('')}</PubmedArticleSet>\n`,
    );
  }

  private elink(res: ServerResponse, params: URLSearchParams): void {
    const linkName = params.get('linkname') ?? 'pubmed_pubmed';
    const sets = this.requestedIds(params).map((id) => ({ id, links: this.links(id, linkName) }));
    if (params.get('retmode') === 'json') {
      const linksets = sets.map(({ id, links }) => ({ dbfrom: 'pubmed', ids: [id], ...(links.length > 0 ? { linksetdbs: [{ dbto: 'pubmed', linkname: linkName, links }] } : {}) }));
      this.send(res, 'application/json', JSON.stringify({ header: { type: 'elink', version: '0.3' }, linksets }));
      return;
    }
    const xml = sets
      .map(({ id, links }) => {
        const db = links.length > 0 ? `<LinkSetDb><DbTo>pubmed</DbTo><LinkName>${linkName}</LinkName>${links.map((l) => `<Link><Id>${l}</Id></Link>`).join('')}</LinkSetDb>` : '';
        return `<LinkSet><DbFrom>pubmed</DbFrom><IdList><Id>${id}</Id></IdList>${db}</LinkSet>`;
      })
      .join('\n');
    this.send(res, 'text/xml', `<?xml version="1.0" encoding="UTF-8" ?>\n<!DOCTYPE eLinkResult PUBLIC "-//NLM//DTD elink 20101123//EN" "https://eutils.ncbi.nlm.nih.gov/eutils/dtd/20101123/elink.dtd">\n<eLinkResult>\n${xml}\n</eLinkResult>\n`);
  }

  private links(id: string, linkName: string): string[] {
    if (linkName === 'pubmed_pubmed_refs') return this.byPmid.get(id)?.refs ?? [];
    if (linkName === 'pubmed_pubmed_citedin') return this.records.filter((r) => r.refs.includes(id)).map((r) => r.pmid);
    return [];
  }
}

function articleXml(r: FakeRecord): string {
  const [year, month, dayOfMonth] = r.pdat.split('/') as [string, string, string];
  const [my, mm, md] = r.mdat.split('/');
  return `<PubmedArticle><MedlineCitation Status="MEDLINE" Owner="NLM" IndexingMethod="Automated"><PMID Version="1">${r.pmid}</PMID>
<DateRevised><Year>${my}</Year><Month>${mm}</Month><Day>${md}</Day></DateRevised>
<Article PubModel="Print-Electronic"><Journal><ISSN IssnType="Electronic">1476-5578</ISSN><JournalIssue CitedMedium="Internet"><Volume>${Number(year) - 1980}</Volume><Issue>${Number(month)}</Issue><PubDate><Year>${year}</Year><Month>${MONTHS[Number(month) - 1]}</Month><Day>${dayOfMonth}</Day></PubDate></JournalIssue><Title>Molecular psychiatry</Title><ISOAbbreviation>Mol Psychiatry</ISOAbbreviation></Journal>
<ArticleTitle>${escapeXml(r.title)}</ArticleTitle><Abstract><AbstractText>${escapeXml(r.abstract)}</AbstractText></Abstract>
<AuthorList CompleteYN="Y"><Author ValidYN="Y"><LastName>Abdallah</LastName><ForeName>Chadi G</ForeName><Initials>CG</Initials></Author></AuthorList><Language>eng</Language>
<PublicationTypeList><PublicationType UI="D016428">Journal Article</PublicationType></PublicationTypeList></Article>
<MedlineJournalInfo><Country>England</Country><MedlineTA>Mol Psychiatry</MedlineTA><NlmUniqueID>9607835</NlmUniqueID><ISSNLinking>1359-4184</ISSNLinking></MedlineJournalInfo></MedlineCitation>
<PubmedData><History><PubMedPubDate PubStatus="entrez"><Year>${year}</Year><Month>${Number(month)}</Month><Day>${Number(dayOfMonth)}</Day></PubMedPubDate></History><PublicationStatus>ppublish</PublicationStatus><ArticleIdList><ArticleId IdType="pubmed">${r.pmid}</ArticleId></ArticleIdList></PubmedData></PubmedArticle>
`;
}

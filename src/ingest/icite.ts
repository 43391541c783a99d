/**
 * NIH iCite (the NIH Open Citation Collection behind it): references and citing papers of
 * PubMed ids, `GET {base}/pubs?pmids=…&fl=pmid,references,cited_by`, at most 1,000 ids per call.
 * An id iCite does not know is simply absent from `data`.
 */
import Bottleneck from 'bottleneck';
import { z } from 'zod';
import { ErrorCode, EvmapError } from '../errors';

/** iCite's own bound on `pmids` per call. */
export const ICITE_MAX_IDS = 1000;

export interface IciteLinks {
  pmid: string;
  /** PMIDs this paper cites. */
  references: string[];
  /** PMIDs of papers citing it. */
  citedBy: string[];
}

export interface IciteOptions {
  /** Base URL without the trailing `/pubs`, e.g. https://icite.od.nih.gov/api. */
  baseUrl: string;
  /** Requests started per second, at most (default 5: iCite asks for moderate use). */
  requestsPerSecond?: number;
  /** Tries after the first for a throttled, failed or garbled answer (default 5). */
  maxRetries?: number;
  /** First backoff; doubled on each further try (default 1 s). */
  retryBaseMs?: number;
  /** Longest wait a Retry-After header may ask for before the client gives up on it (default 60 s). */
  maxRetryAfterMs?: number;
  /** One request's limit, headers and body (default 30 s). */
  timeoutMs?: number;
  /** Ids per call, 1 to 1,000 (default 1,000). */
  idsPerCall?: number;
}

export interface IciteCounts {
  requests: number;
  retries: number;
}

const PMID_NUMBER = z.union([z.number().int().positive(), z.string().regex(/^\d+$/)]).transform(String);
const ANSWER = z.object({
  data: z.array(
    z.object({
      pmid: PMID_NUMBER,
      references: z.array(PMID_NUMBER).nullish(),
      cited_by: z.array(PMID_NUMBER).nullish(),
    }),
  ),
});

/** A failure worth another try, with how long the server asked us to wait, if it did. */
class RetryableFailure extends Error {
  constructor(
    message: string,
    readonly retryAfterMs?: number,
  ) {
    super(message);
  }
}

/** Retry-After as seconds or as an HTTP date; undefined when absent or unreadable. */
function retryAfterMs(header: string | null, now = Date.now()): number | undefined {
  if (!header) return undefined;
  if (/^\d+$/.test(header.trim())) return Number(header.trim()) * 1000;
  const at = Date.parse(header);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

/**
 * Reads one answer body. An HTML page (a maintenance or error page served with 200), a body
 * that is not JSON or is cut short, or JSON of another shape would otherwise read as "no
 * citations", so each is a failure.
 */
export function parseIciteAnswer(body: string, contentType: string | null): IciteLinks[] {
  const start = body.trimStart();
  if (start.startsWith('<') || /html/i.test(contentType ?? '')) throw new RetryableFailure('answered with an HTML page instead of JSON');
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    throw new RetryableFailure(`answered with a body that is not complete JSON (${body.length} bytes)`);
  }
  const parsed = ANSWER.safeParse(json);
  if (!parsed.success) throw new RetryableFailure(`answered JSON without the expected data list: ${parsed.error.issues[0]?.message ?? 'unknown shape'}`);
  return parsed.data.data.map((d) => ({ pmid: d.pmid, references: d.references ?? [], citedBy: d.cited_by ?? [] }));
}

/** A polite iCite client: one shared rate limit, retries with backoff, and every garbled answer a failure. */
export class IciteClient {
  readonly counts: IciteCounts = { requests: 0, retries: 0 };
  private readonly limiter: Bottleneck;
  private readonly options: Required<IciteOptions>;

  constructor(options: IciteOptions) {
    this.options = { requestsPerSecond: 5, maxRetries: 5, retryBaseMs: 1000, maxRetryAfterMs: 60_000, timeoutMs: 30_000, idsPerCall: ICITE_MAX_IDS, ...options };
    const { requestsPerSecond, idsPerCall } = this.options;
    if (!(requestsPerSecond > 0)) throw new EvmapError(ErrorCode.BadUserInput, 'the iCite request rate must be above 0 per second', { argumentName: 'rate' });
    if (!Number.isInteger(idsPerCall) || idsPerCall < 1 || idsPerCall > ICITE_MAX_IDS) {
      throw new EvmapError(ErrorCode.BadUserInput, `ids per iCite call must be a whole number from 1 to ${ICITE_MAX_IDS}`, { argumentName: 'batch' });
    }
    this.limiter = new Bottleneck({ minTime: Math.ceil(1000 / requestsPerSecond), maxConcurrent: 2 });
  }

  /** References and citing papers of `pmids`, in calls of at most `idsPerCall` ids; ids iCite does not know are absent. */
  async links(pmids: readonly string[]): Promise<IciteLinks[]> {
    const unique = [...new Set(pmids)];
    const calls: Array<Promise<IciteLinks[]>> = [];
    for (let i = 0; i < unique.length; i += this.options.idsPerCall) calls.push(this.call(unique.slice(i, i + this.options.idsPerCall)));
    return (await Promise.all(calls)).flat();
  }

  private async call(pmids: string[]): Promise<IciteLinks[]> {
    const asked = new Set(pmids);
    for (let attempt = 0; ; attempt += 1) {
      try {
        const answer = await this.limiter.schedule(() => this.request(pmids));
        // An entry for an id not asked for would put links on the wrong paper.
        return answer.filter((links) => asked.has(links.pmid));
      } catch (error) {
        if (!(error instanceof RetryableFailure)) throw error;
        if (attempt >= this.options.maxRetries) {
          throw new EvmapError(ErrorCode.ServiceUnavailable, `iCite ${error.message}, ${attempt + 1} times for ids ${pmids[0]}…${pmids[pmids.length - 1]}; nothing was written for them`, {
            service: 'icite',
          });
        }
        if (error.retryAfterMs !== undefined && error.retryAfterMs > this.options.maxRetryAfterMs) {
          throw new EvmapError(ErrorCode.ServiceUnavailable, `iCite asks to wait ${Math.round(error.retryAfterMs / 1000)} s before the next request; try again later`, { service: 'icite' });
        }
        this.counts.retries += 1;
        const backoff = this.options.retryBaseMs * 2 ** attempt * (0.75 + Math.random() * 0.5);
        await new Promise((resolve) => setTimeout(resolve, Math.max(backoff, error.retryAfterMs ?? 0)));
      }
    }
  }

  private async request(pmids: string[]): Promise<IciteLinks[]> {
    const url = `${this.options.baseUrl.replace(/\/+$/, '')}/pubs?pmids=${pmids.join(',')}&fl=pmid,references,cited_by`;
    this.counts.requests += 1;
    let response: Response;
    let body: string;
    try {
      const signal = AbortSignal.timeout(this.options.timeoutMs);
      response = await fetch(url, { headers: { accept: 'application/json' }, signal });
      body = await response.text();
    } catch (error) {
      const reason = error instanceof Error && error.name === 'TimeoutError' ? `did not answer within ${this.options.timeoutMs} ms` : `could not be reached (${describeNetworkError(error)})`;
      throw new RetryableFailure(reason);
    }
    if (response.status === 429) throw new RetryableFailure('throttled the client (HTTP 429)', retryAfterMs(response.headers.get('retry-after')));
    if (response.status >= 500) throw new RetryableFailure(`failed (HTTP ${response.status})`, retryAfterMs(response.headers.get('retry-after')));
    if (!response.ok) {
      throw new EvmapError(ErrorCode.ServiceUnavailable, `iCite refused the request (HTTP ${response.status}): ${body.slice(0, 200)}`, { service: 'icite', status: response.status });
    }
    return parseIciteAnswer(body, response.headers.get('content-type'));
  }
}

function describeNetworkError(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  return cause?.code ?? cause?.message ?? (error instanceof Error ? error.message : String(error));
}

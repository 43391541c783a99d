import { setTimeout as sleep } from 'node:timers/promises';
import type Bottleneck from 'bottleneck';
import { EutilsFailure, checkNotHtml, unavailable } from './failures';
import { NCBI_RATE, sharedLimiter } from './limiter';

export type Endpoint = 'esearch' | 'efetch' | 'elink';

export interface EutilsSettings {
  /** Base URL ending in `/`, e.g. https://eutils.ncbi.nlm.nih.gov/entrez/eutils/. */
  baseUrl: string;
  /** Contact address NCBI asks for with every request. */
  email?: string;
  apiKey?: string;
  /** Attempts per request, the first included (default 5). */
  maxAttempts?: number;
  /** First backoff delay; each retry doubles it, with jitter (default 500 ms). */
  baseDelayMs?: number;
  /** Ceiling of one backoff delay and of a Retry-After honoured (default 30 s). */
  maxDelayMs?: number;
  /** Time one attempt may take, answer body included (default 120 s: an efetch of thousands of records is slow). */
  timeoutMs?: number;
}

/** Counts over one client's life, for the fetch summary. */
export interface EutilsStats {
  requests: number;
  retries: number;
}

/**
 * E-utilities requests by POST (long id lists do not fit a URL) through the process's shared
 * rate limiter, with bounded retries: exponential backoff with jitter, Retry-After honoured.
 * `read` turns a body into a result or throws EutilsFailure, so a page that arrived but
 * is not a complete answer is retried like a 503.
 */
export class EutilsHttp {
  readonly stats: EutilsStats = { requests: 0, retries: 0 };
  private readonly limiter: Bottleneck;
  private readonly maxAttempts: number;
  private readonly baseDelayMs: number;
  private readonly maxDelayMs: number;
  private readonly timeoutMs: number;

  constructor(private readonly settings: EutilsSettings) {
    this.limiter = sharedLimiter(settings.apiKey ? NCBI_RATE.withKey : NCBI_RATE.withoutKey);
    this.maxAttempts = settings.maxAttempts ?? 5;
    this.baseDelayMs = settings.baseDelayMs ?? 500;
    this.maxDelayMs = settings.maxDelayMs ?? 30_000;
    this.timeoutMs = settings.timeoutMs ?? 120_000;
  }

  async call<T>(endpoint: Endpoint, params: ReadonlyArray<[string, string]>, read: (body: string) => T | Promise<T>): Promise<T> {
    const form = new URLSearchParams([...params, ['tool', 'evmap']]);
    if (this.settings.email) form.append('email', this.settings.email);
    if (this.settings.apiKey) form.append('api_key', this.settings.apiKey);
    const url = new URL(`${endpoint}.fcgi`, this.settings.baseUrl.endsWith('/') ? this.settings.baseUrl : `${this.settings.baseUrl}/`);
    for (let attempt = 1; ; attempt += 1) {
      try {
        const { body, contentType } = await this.limiter.schedule(() => this.post(url, form));
        checkNotHtml(body, contentType);
        return await read(body);
      } catch (error) {
        if (!(error instanceof EutilsFailure)) throw error;
        if (attempt >= this.maxAttempts || error.options.retryable === false) throw unavailable(endpoint, attempt, error);
        this.stats.retries += 1;
        await sleep(this.delay(attempt, error.options.retryAfterMs));
      }
    }
  }

  private async post(url: URL, form: URLSearchParams): Promise<{ body: string; contentType: string | null }> {
    this.stats.requests += 1;
    let response: Response;
    let body: string;
    try {
      response = await fetch(url, {
        method: 'POST',
        // When the limiter let this request go: a server (the tests' fake) can tell evmap's own pacing from delay on the way.
        headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-evmap-sent-at': String(Date.now()) },
        body: form.toString(),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
      body = await response.text();
    } catch (error) {
      const name = (error as Error).name;
      if (name === 'TimeoutError' || name === 'AbortError') throw new EutilsFailure('timeout', `no complete answer within ${this.timeoutMs} ms`);
      const cause = (error as { cause?: { code?: string; message?: string } }).cause;
      throw new EutilsFailure('network', `the connection failed (${cause?.code ?? cause?.message ?? (error as Error).message})`);
    }
    if (response.status === 429) {
      throw new EutilsFailure('rate-limited', 'answered 429 Too Many Requests', { retryAfterMs: retryAfterMs(response.headers.get('retry-after')) });
    }
    if (response.status >= 500) throw new EutilsFailure('server-error', `answered ${response.status} ${response.statusText}`.trim());
    if (response.status >= 400) throw new EutilsFailure('client-error', `answered ${response.status} ${response.statusText}: ${body.slice(0, 200)}`.trim(), { retryable: false });
    return { body, contentType: response.headers.get('content-type') };
  }

  private delay(attempt: number, retryAfter: number | undefined): number {
    if (retryAfter !== undefined) return Math.min(retryAfter, this.maxDelayMs);
    const ceiling = Math.min(this.baseDelayMs * 2 ** (attempt - 1), this.maxDelayMs);
    // Half fixed, half random: concurrent callers that failed together do not retry together.
    return ceiling / 2 + Math.random() * (ceiling / 2);
  }
}

/** Retry-After in seconds or as an HTTP date; undefined when absent or unreadable. */
function retryAfterMs(header: string | null): number | undefined {
  if (header === null) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const at = Date.parse(header);
  return Number.isNaN(at) ? undefined : Math.max(0, at - Date.now());
}

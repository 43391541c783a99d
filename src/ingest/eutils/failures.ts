import { ErrorCode, EvmapError } from '../../errors';

/** Why one E-utilities answer could not be used. */
export type FailureKind =
  | 'rate-limited'
  | 'server-error'
  | 'client-error'
  | 'network'
  | 'timeout'
  | 'html-error-page'
  | 'error-element'
  | 'json-error'
  | 'truncated'
  | 'missing-records'
  | 'malformed';

/** One failed attempt; `EutilsHttp` retries it (unless `retryable` is false) and reports the last one as an EvmapError. */
export class EutilsFailure extends Error {
  constructor(
    readonly kind: FailureKind,
    message: string,
    readonly options: { retryAfterMs?: number; retryable?: boolean } = {},
  ) {
    super(message);
    this.name = 'EutilsFailure';
  }
}

/** The error a caller sees once the attempts are spent: NCBI could not give a usable answer now. */
export function unavailable(endpoint: string, attempts: number, failure: EutilsFailure): EvmapError {
  return new EvmapError(ErrorCode.ServiceUnavailable, `NCBI E-utilities ${endpoint} failed after ${attempts} attempt${attempts === 1 ? '' : 's'}: ${failure.message}`, {
    service: 'eutils',
    endpoint,
    failure: failure.kind,
    attempts,
  });
}

/** NCBI answers some failures with an HTML page and status 200; that page is never a result. */
export function checkNotHtml(body: string, contentType: string | null): void {
  const head = body.slice(0, 512).trimStart().toLowerCase();
  if (contentType?.toLowerCase().includes('text/html') || head.startsWith('<!doctype html') || head.startsWith('<html')) {
    const title = /<title>([^<]*)<\/title>/i.exec(body)?.[1]?.trim();
    throw new EutilsFailure('html-error-page', `answered with an HTML page${title ? ` ("${title}")` : ''} instead of data`);
  }
}

/** Parses a JSON answer; a top-level `error` (e.g. "API rate limit exceeded") or `ERROR` is a failure, and so is text that is not JSON. */
export function parseJsonAnswer(body: string): Record<string, unknown> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    throw new EutilsFailure(body.trim().startsWith('{') ? 'truncated' : 'malformed', `answered with ${body.length} characters that are not complete JSON`);
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) throw new EutilsFailure('malformed', 'answered with JSON that is not an object');
  const answer = parsed as Record<string, unknown>;
  const error = answer.error ?? answer.ERROR;
  if (error !== undefined) throw new EutilsFailure('json-error', `answered with an error: ${String(error)}`);
  return answer;
}

/** An `<ERROR>` element anywhere in an XML answer: article text cannot contain one, since XML escapes `<` in text. */
export function checkNoErrorElement(body: string): void {
  const error = /<ERROR>([\s\S]*?)<\/ERROR>/.exec(body);
  if (error) throw new EutilsFailure('error-element', `answered with an ERROR element: ${error[1]?.trim() || '(empty)'}`);
}

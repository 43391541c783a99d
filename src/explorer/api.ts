/**
 * The explorer's one way to the server: GraphQL over fetch to this origin's /graphql, and the
 * export routes' files, both with the tab's API key when one is set.
 */
import { attachmentName } from './disposition';
import { KeyGate, memoryStore, type KeyStore } from './keyGate';

export class ApiError extends Error {
  constructor(
    message: string,
    readonly code: string | undefined,
  ) {
    super(message);
  }
}

interface ErrorBody {
  errors?: Array<{ message: string; extensions?: { code?: string } }>;
}

interface GraphQLBody<T> extends ErrorBody {
  data?: T | null;
}

/**
 * The tab's sessionStorage. Reading it throws where the browser blocks storage; the key then
 * lasts until a reload. (Through globalThis: the server's tests type-check this file without the DOM's types.)
 */
function tabStore(): KeyStore {
  try {
    return (globalThis as { sessionStorage?: KeyStore }).sessionStorage ?? memoryStore();
  } catch {
    return memoryStore();
  }
}

/** The tab's API key, and the requests waiting for one. */
export const apiKey = new KeyGate(tabStore());

const UNAUTHENTICATED = 'UNAUTHENTICATED';

/**
 * Sends a request with the key set now; while the server refuses it for want of a key (or of a
 * valid one), waits for the researcher to give one and sends it again.
 */
async function withKey<T>(send: (headers: Record<string, string>) => Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  for (;;) {
    const key = apiKey.key;
    try {
      const answer = await send(key === null ? {} : { authorization: `Bearer ${key}` });
      apiKey.accepted(key);
      return answer;
    } catch (error) {
      if (!(error instanceof ApiError && error.code === UNAUTHENTICATED)) throw error;
      await apiKey.refused(key, error.message, signal);
    }
  }
}

function firstError(body: ErrorBody): ApiError | undefined {
  const first = body.errors?.[0];
  return first && new ApiError(first.message, first.extensions?.code);
}

/** Runs one operation; any GraphQL error rejects with the server's first message and code. */
export function gql<T>(query: string, variables: Record<string, unknown> = {}, signal?: AbortSignal): Promise<T> {
  return withKey(async (headers) => {
    const res = await fetch('/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json, application/json', ...headers },
      body: JSON.stringify({ query, variables }),
      signal,
    });
    let body: GraphQLBody<T>;
    try {
      body = (await res.json()) as GraphQLBody<T>;
    } catch {
      throw new ApiError(`The server answered HTTP ${res.status} without a GraphQL body.`, undefined);
    }
    const error = firstError(body);
    if (error) throw error;
    if (!body.data) throw new ApiError(`The server answered HTTP ${res.status} with no data.`, undefined);
    return body.data;
  }, signal);
}

export interface ExportFile {
  blob: Blob;
  /** As the server's Content-Disposition names it. */
  name: string;
}

/** Fetches an export route's file: a link the browser follows could not send the key. */
export function exportFile(path: string, fallbackName: string, signal?: AbortSignal): Promise<ExportFile> {
  return withKey(async (headers) => {
    const res = await fetch(path, { headers, signal });
    if (res.ok) return { blob: await res.blob(), name: attachmentName(res.headers.get('content-disposition'), fallbackName) };
    let body: ErrorBody;
    try {
      body = (await res.json()) as ErrorBody;
    } catch {
      throw new ApiError(`The server answered HTTP ${res.status}.`, undefined);
    }
    throw firstError(body) ?? new ApiError(`The server answered HTTP ${res.status}.`, undefined);
  }, signal);
}

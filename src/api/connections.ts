/** Relay connections: `first`/`after` checked and turned into pages, opaque cursors, and connection values. */
import { ErrorCode, EvmapError, quoteInput } from '../errors';
import { LIMITS } from '../limits';
import { page, type Page } from '../store/page';

const { defaultSize: DEFAULT_PAGE_SIZE, maxSize: MAX_PAGE_SIZE } = LIMITS.page;

export interface PageArgs {
  first?: number | null;
  after?: string | null;
}

/** Which rows a page covers; `limit` is one more than the page so hasNextPage needs no count. */
export interface PageWindow {
  skip: number;
  size: number;
  /** The store's SKIP and LIMIT. */
  params: Page;
  /** The row the page starts after, when the cursor carries it (a keyset cursor). */
  after?: KeysetPosition;
}

/**
 * Where a keyset cursor points: the sort key and PMID of the last row seen, and the order they
 * belong to. A list that reads from there, instead of skipping rows, costs the same on page 50
 * as on page 1, and a paper added before the cursor neither repeats a row nor hides one.
 */
export interface KeysetPosition {
  order: string;
  key: string | number;
  pmid: string;
}

/** A page as plain numbers, so it can travel inside a DataLoader key. */
export interface PageVariant {
  skip: number;
  limit: number;
}

/** The loader-key form of a window. */
export function pageVariant(window: PageWindow): PageVariant {
  return { skip: window.skip, limit: window.size + 1 };
}

/** Turns a loader-key page back into the store's page. */
export function pageParams(v: PageVariant): Page {
  return page(v.skip, v.limit);
}

const CURSOR_PREFIX = 'evmap:v1:';
const KEYSET_PREFIX = 'evmap:k1:';

/** An opaque cursor for the row at `offset` in a stably ordered list. */
export function encodeCursor(offset: number): string {
  return Buffer.from(`${CURSOR_PREFIX}${offset}`).toString('base64url');
}

/** An opaque cursor for the row at `offset` that also carries its place in the order, for lists that page by keyset. */
export function encodeKeysetCursor(offset: number, position: KeysetPosition): string {
  return Buffer.from(`${KEYSET_PREFIX}${JSON.stringify([offset, position.order, position.key, position.pmid])}`).toString('base64url');
}

function notACursor(cursor: string): EvmapError {
  return new EvmapError(ErrorCode.BadUserInput, `"after" is not a cursor this API issued: ${quoteInput(cursor)}`, { argumentName: 'after' });
}

function decodeKeyset(cursor: string, json: string): { offset: number; after: KeysetPosition } {
  let parts: unknown;
  try {
    parts = JSON.parse(json);
  } catch {
    throw notACursor(cursor);
  }
  if (!Array.isArray(parts) || parts.length !== 4) throw notACursor(cursor);
  const [offset, order, key, pmid] = parts as unknown[];
  if (!Number.isSafeInteger(offset) || (offset as number) < 0 || typeof order !== 'string' || typeof pmid !== 'string' || (typeof key !== 'string' && typeof key !== 'number')) {
    throw notACursor(cursor);
  }
  return { offset: offset as number, after: { order, key, pmid } };
}

function decodeCursor(cursor: string): { offset: number; after?: KeysetPosition } {
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  if (text.startsWith(KEYSET_PREFIX)) return decodeKeyset(cursor, text.slice(KEYSET_PREFIX.length));
  const offset = Number(text.slice(CURSOR_PREFIX.length));
  if (!text.startsWith(CURSOR_PREFIX) || !Number.isSafeInteger(offset) || offset < 0) throw notACursor(cursor);
  return { offset };
}

/** Validates `first`/`after` and turns them into SKIP/LIMIT; throws BAD_USER_INPUT on bad values. */
export function pageWindow(args: PageArgs): PageWindow {
  const size = args.first ?? DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(size) || size < 0 || size > MAX_PAGE_SIZE) {
    throw new EvmapError(ErrorCode.BadUserInput, `"first" must be between 0 and ${MAX_PAGE_SIZE}, got ${size}`, { argumentName: 'first' });
  }
  const decoded = args.after ? decodeCursor(args.after) : undefined;
  const skip = decoded ? decoded.offset + 1 : 0;
  return { skip, size, params: page(skip, size + 1), ...(decoded?.after ? { after: decoded.after } : {}) };
}

/**
 * The keyset position a page of `order` starts after: the cursor's, when it was issued for the
 * same order. A cursor of another order (the client changed `orderBy` between pages) is refused,
 * since its key means nothing in this one.
 */
export function keysetAfter(window: PageWindow, order: string): KeysetPosition | undefined {
  if (!window.after) return undefined;
  if (window.after.order !== order) {
    throw new EvmapError(ErrorCode.BadUserInput, `"after" is a cursor of a list sorted by ${window.after.order}; this one is sorted by ${order}. Ask for the first page again.`, { argumentName: 'after' });
  }
  return window.after;
}

export interface PageInfo {
  hasNextPage: boolean;
  hasPreviousPage: boolean;
  startCursor: string | null;
  endCursor: string | null;
}

/** A Relay connection whose totalCount runs its count query only when a client selects it. */
export interface Connection<Edge> {
  edges: Array<Edge & { cursor: string }>;
  pageInfo: PageInfo;
  totalCount: () => Promise<number>;
}

/**
 * Builds a connection from rows fetched with `window.params` (one row more than the page); a
 * list that pages by keyset passes `positionOf`, so each cursor carries its row's place (a row
 * without one gets an offset cursor).
 */
export function toConnection<Row, Edge>(
  rows: Row[],
  window: PageWindow,
  toEdge: (row: Row) => Edge,
  count: () => Promise<number>,
  positionOf?: (row: Row) => KeysetPosition | undefined,
): Connection<Edge> {
  const page = rows.slice(0, window.size);
  const cursor = (row: Row, offset: number) => {
    const position = positionOf?.(row);
    return position ? encodeKeysetCursor(offset, position) : encodeCursor(offset);
  };
  const edges = page.map((row, i) => ({ ...toEdge(row), cursor: cursor(row, window.skip + i) }));
  let counted: Promise<number> | undefined;
  return {
    edges,
    pageInfo: {
      hasNextPage: rows.length > window.size,
      hasPreviousPage: window.skip > 0,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges[edges.length - 1]?.cursor ?? null,
    },
    totalCount: () => (counted ??= count()),
  };
}

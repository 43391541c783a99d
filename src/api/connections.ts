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

/** An opaque cursor for the row at `offset` in a stably ordered list. */
export function encodeCursor(offset: number): string {
  return Buffer.from(`${CURSOR_PREFIX}${offset}`).toString('base64url');
}

function decodeCursor(cursor: string): number {
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  const offset = Number(text.slice(CURSOR_PREFIX.length));
  if (!text.startsWith(CURSOR_PREFIX) || !Number.isSafeInteger(offset) || offset < 0) {
    throw new EvmapError(ErrorCode.BadUserInput, `"after" is not a cursor this API issued: ${quoteInput(cursor)}`, { argumentName: 'after' });
  }
  return offset;
}

/** Validates `first`/`after` and turns them into SKIP/LIMIT; throws BAD_USER_INPUT on bad values. */
export function pageWindow(args: PageArgs): PageWindow {
  const size = args.first ?? DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(size) || size < 0 || size > MAX_PAGE_SIZE) {
    throw new EvmapError(ErrorCode.BadUserInput, `"first" must be between 0 and ${MAX_PAGE_SIZE}, got ${size}`, { argumentName: 'first' });
  }
  const skip = args.after ? decodeCursor(args.after) + 1 : 0;
  return { skip, size, params: page(skip, size + 1) };
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

/** Builds a connection from rows fetched with `window.params` (one row more than the page). */
export function toConnection<Row, Edge>(rows: Row[], window: PageWindow, toEdge: (row: Row) => Edge, count: () => Promise<number>): Connection<Edge> {
  const page = rows.slice(0, window.size);
  const edges = page.map((row, i) => ({ ...toEdge(row), cursor: encodeCursor(window.skip + i) }));
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

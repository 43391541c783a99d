import { ErrorCode, EvmapError } from '../errors';

/**
 * The header that carries Neo4j bookmarks between a client and any replica: a mutation's
 * response sets it, and a request that sends it back reads only after that write, even through
 * another replica or from a cluster follower (read-your-writes without sticky sessions).
 */
export const BOOKMARK_HEADER = 'x-evmap-bookmark';

/** Bookmarks one request may carry; a client sends back the last response's, so a few suffice. */
const MAX_BOOKMARKS = 16;
/** Neo4j 5 writes a bookmark as a short base64 token with a prefix such as "FB:". */
const BOOKMARK = /^[A-Za-z0-9:+/=_-]{1,256}$/;

/** The bookmarks in a request's header (comma-separated), refusing anything that cannot be one. */
export function parseBookmarks(header: string | undefined): string[] {
  if (header === undefined || header.trim() === '') return [];
  const bookmarks = header.split(',').map((b) => b.trim()).filter(Boolean);
  if (bookmarks.length > MAX_BOOKMARKS) {
    throw new EvmapError(ErrorCode.BadUserInput, `The ${BOOKMARK_HEADER} header carries ${bookmarks.length} bookmarks; send at most ${MAX_BOOKMARKS}, the ones the last response gave you.`, { header: BOOKMARK_HEADER });
  }
  if (!bookmarks.every((b) => BOOKMARK.test(b))) {
    throw new EvmapError(ErrorCode.BadUserInput, `The ${BOOKMARK_HEADER} header must be the value a previous response gave you: comma-separated Neo4j bookmarks.`, { header: BOOKMARK_HEADER });
  }
  return bookmarks;
}

/** The header value for a write's bookmarks. */
export function formatBookmarks(bookmarks: readonly string[]): string {
  return bookmarks.join(',');
}

/**
 * The file name a Content-Disposition header gives, as a browser would read it (RFC 6266: the
 * UTF-8 `filename*` before the plain `filename`), for an export fetched rather than navigated to.
 */
export function attachmentName(header: string | null, fallback: string): string {
  if (!header) return fallback;
  const extended = /filename\*\s*=\s*utf-8'[^']*'([^;\s]+)/i.exec(header)?.[1];
  const quoted = /filename\s*=\s*"((?:[^"\\]|\\.)*)"/i.exec(header)?.[1]?.replace(/\\(.)/g, '$1');
  const bare = /filename\s*=\s*([^";\s][^;\s]*)/i.exec(header)?.[1];
  const name = (extended && decoded(extended)) || quoted || bare;
  // A name with a folder in it keeps only its last part, as browsers save it.
  const base = name?.split(/[/\\]/).pop()?.trim();
  return base ? base : fallback;
}

function decoded(text: string): string | undefined {
  try {
    return decodeURIComponent(text);
  } catch {
    return undefined;
  }
}

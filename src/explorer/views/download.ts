/** Saves a URL's content (a data: or blob: URL made in the page) as a file. */
export function download(url: string, filename: string): void {
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  a.hidden = true;
  document.body.append(a);
  a.click();
  a.remove();
}

/** How long a saved blob's URL is kept: a browser may start reading it only after click() returns. */
const BLOB_URL_MS = 60_000;

/** Saves fetched content as a file. */
export function saveBlob(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  download(url, filename);
  window.setTimeout(() => URL.revokeObjectURL(url), BLOB_URL_MS);
}

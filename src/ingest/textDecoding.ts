/**
 * Decodes an import's bytes as UTF-8, checking every byte: a file that is not valid UTF-8 is,
 * for PubMed exports, almost always Latin-1 (older MEDLINE tools, Windows saves), so from the
 * first invalid sequence on it is read as Latin-1 and `onLatin1` says so, instead of the text
 * silently taking U+FFFD in place of every accented letter.
 */

/** How many bytes at the end of `bytes` start a UTF-8 sequence that the next chunk completes. */
function incompleteTail(bytes: Uint8Array): number {
  for (let back = 1; back <= Math.min(3, bytes.length); back += 1) {
    const byte = bytes[bytes.length - back] as number;
    if ((byte & 0xc0) === 0x80) continue;
    const length = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : byte >= 0xc0 ? 2 : 1;
    return length > back ? back : 0;
  }
  return 0;
}

export async function* decodeText(chunks: AsyncIterable<Buffer | string>, onLatin1: (byteOffset: number) => void): AsyncGenerator<string> {
  const utf8 = new TextDecoder('utf-8', { fatal: true });
  let latin1 = false;
  let carry = Buffer.alloc(0);
  let offset = 0;
  for await (const chunk of chunks) {
    if (typeof chunk === 'string') {
      yield chunk;
      continue;
    }
    const bytes = carry.length > 0 ? Buffer.concat([carry, chunk]) : chunk;
    if (latin1) {
      yield bytes.toString('latin1');
      carry = Buffer.alloc(0);
      continue;
    }
    const cut = bytes.length - incompleteTail(bytes);
    try {
      yield utf8.decode(bytes.subarray(0, cut));
      carry = Buffer.from(bytes.subarray(cut));
      offset += cut;
    } catch {
      latin1 = true;
      onLatin1(offset);
      yield bytes.toString('latin1');
      carry = Buffer.alloc(0);
    }
  }
  if (carry.length === 0) return;
  try {
    yield utf8.decode(carry);
  } catch {
    if (!latin1) onLatin1(offset);
    yield carry.toString('latin1');
  }
}

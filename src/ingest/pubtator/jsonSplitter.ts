/**
 * Cuts a stream of JSON text into the texts of BioC documents without parsing the whole input:
 * PubTator3 answers `{"PubTator3": [document, ...]}` (NetMedEx netmedex/biocjson_parser.py:
 * "2024/05/26: PubTator has changed the format of the response"), a BioC collection has
 * `{"documents": [...]}`, and a file may hold one document, an array of them, or one per line.
 * Only nesting and strings are tracked here; each document's text is checked by JSON.parse.
 */
const WRAPPER_KEYS = new Set(['PubTator3', 'documents']);

/** An error carries what had been read of the document it hit, which may still name its PMID. */
export type SplitEvent = { kind: 'document'; text: string } | { kind: 'error'; reason: string; partial: string };

const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const NEWLINE = 0x0a;
const WHITESPACE = new Set([0x20, 0x09, 0x0a, 0x0d, 0xfeff]);

export class JsonDocumentSplitter {
  private readonly stack: number[] = [];
  private inString = false;
  private escaped = false;
  private line = 1;
  /** Depth at which the object being captured opened, or -1 when nothing is being captured. */
  private captureDepth = -1;
  private pieces: string[] = [];
  /** Depth of the array whose object elements are documents (1 for a top-level array, 2 in a wrapper). */
  private documentArrayDepth = -1;
  /** True while a top-level object is captured in case it is a document itself rather than a wrapper. */
  private topObjectIsCandidate = false;
  private expectKey = false;
  private key: string[] | undefined;
  private lastKey = '';
  private broken = false;
  /** Where in the current chunk the capture began, or -1. */
  private captureStart = -1;
  private chunk = '';

  /** The documents (and at most one error, after which nothing more is read) completed by this chunk. */
  write(chunk: string): SplitEvent[] {
    const events: SplitEvent[] = [];
    this.chunk = chunk;
    this.captureStart = this.captureDepth >= 0 ? 0 : -1;
    for (let index = 0; index < chunk.length && !this.broken; index += 1) {
      const code = chunk.charCodeAt(index);
      if (code === NEWLINE) this.line += 1;
      if (this.inString) {
        this.readStringCharacter(code, chunk[index]!);
        continue;
      }
      if (code === QUOTE) {
        this.inString = true;
        if (this.stack.length === 1 && this.expectKey) this.key = [];
      } else if (code === OPEN_BRACE || code === OPEN_BRACKET) {
        if (this.opens(code)) this.captureStart = index;
      } else if (code === CLOSE_BRACE || code === CLOSE_BRACKET) {
        const closed = this.closes(code, events, index);
        if (closed === 'document') {
          this.pieces.push(chunk.slice(this.captureStart, index + 1));
          events.push({ kind: 'document', text: this.pieces.join('') });
          this.pieces = [];
          this.captureStart = -1;
        }
      } else if (code === COMMA) {
        if (this.stack.length === 1) this.expectKey = true;
      } else if (this.stack.length === 0 && !WHITESPACE.has(code)) {
        this.fail(events, `unexpected "${chunk[index]}" where a JSON object or array should begin`, index);
      }
    }
    if (this.captureDepth >= 0 && this.captureStart >= 0 && !this.broken) this.pieces.push(chunk.slice(this.captureStart));
    return events;
  }

  /** Reports input that ended inside a value. */
  end(): SplitEvent[] {
    if (this.broken || (this.stack.length === 0 && !this.inString)) return [];
    return [{ kind: 'error', reason: 'the JSON ended before its last value was closed (truncated file?)', partial: this.pieces.join('') }];
  }

  /** Whether a document (or candidate) capture began at this character. */
  private opens(code: number): boolean {
    const depth = this.stack.length;
    this.stack.push(code);
    if (depth === 0) {
      this.lastKey = '';
      this.expectKey = code === OPEN_BRACE;
      this.documentArrayDepth = code === OPEN_BRACKET ? 1 : -1;
      this.topObjectIsCandidate = code === OPEN_BRACE;
      return this.topObjectIsCandidate ? this.startCapture(1) : false;
    }
    if (depth === 1 && code === OPEN_BRACKET && this.topObjectIsCandidate && WRAPPER_KEYS.has(this.lastKey)) {
      // The top-level object is a wrapper: drop what was kept of it; its array's elements are the documents.
      this.topObjectIsCandidate = false;
      this.captureDepth = -1;
      this.pieces = [];
      this.documentArrayDepth = 2;
      return false;
    }
    if (code === OPEN_BRACE && this.captureDepth < 0 && depth === this.documentArrayDepth) return this.startCapture(depth + 1);
    return false;
  }

  private startCapture(depth: number): boolean {
    this.captureDepth = depth;
    this.pieces = [];
    return true;
  }

  private closes(code: number, events: SplitEvent[], index: number): 'document' | undefined {
    const open = this.stack.pop();
    if (open !== (code === CLOSE_BRACE ? OPEN_BRACE : OPEN_BRACKET)) {
      this.fail(events, `unexpected "${String.fromCharCode(code)}"`, index);
      return undefined;
    }
    const depth = this.stack.length + 1;
    if (depth === this.documentArrayDepth && code === CLOSE_BRACKET) this.documentArrayDepth = -1;
    if (depth !== this.captureDepth) return undefined;
    this.captureDepth = -1;
    return 'document';
  }

  private readStringCharacter(code: number, character: string): void {
    if (this.escaped) {
      this.escaped = false;
    } else if (code === BACKSLASH) {
      this.escaped = true;
    } else if (code === QUOTE) {
      this.inString = false;
      if (this.key) {
        this.lastKey = this.key.join('');
        this.key = undefined;
        this.expectKey = false;
      }
      return;
    }
    this.key?.push(character);
  }

  private fail(events: SplitEvent[], detail: string, index: number): void {
    this.broken = true;
    const partial = this.captureStart >= 0 ? [...this.pieces, this.chunk.slice(this.captureStart, index)].join('') : '';
    events.push({ kind: 'error', reason: `JSON syntax error at line ${this.line}: ${detail}`, partial });
  }
}

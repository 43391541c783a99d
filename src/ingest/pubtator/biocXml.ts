import { StringDecoder } from 'node:string_decoder';
import { SaxesParser } from 'saxes';
import { biocToItem, type BiocAnnotationDraft, type BiocDocumentDraft, type BiocPassageDraft, type BiocRelationDraft } from './bioc';
import { rejectedItem } from './records';
import type { PubtatorItem } from './types';

type Attributes = Record<string, string>;

/** Elements whose text is kept, by path below <document>. */
const TEXT_ELEMENTS = new Set([
  'id',
  'passage/infon',
  'passage/offset',
  'passage/text',
  'passage/annotation/infon',
  'passage/annotation/text',
  'passage/relation/infon',
  'relation/infon',
]);

/**
 * Streams a BioC-XML collection (the API's `publications/export/biocxml`, the BioCXML.*.tar.gz
 * bulk files once unpacked), yielding each document when its end tag is read; a fatal XML error
 * yields a rejection for the document it hit, then ends.
 */
export async function* parseBiocXml(input: NodeJS.ReadableStream): AsyncGenerator<PubtatorItem> {
  const reader = new DocumentReader();
  const decoder = new StringDecoder('utf8');
  // As in pubmedXml.ts: the next chunk is pulled only once every queued document has been taken.
  for await (const chunk of input) {
    reader.write(typeof chunk === 'string' ? chunk : decoder.write(chunk));
    yield* reader.takeQueued();
    if (reader.failed) return;
  }
  reader.end(decoder.end());
  yield* reader.takeQueued();
}

class DocumentReader {
  private readonly parser = new SaxesParser();
  private readonly path: string[] = [];
  private queue: PubtatorItem[] = [];
  private recordCount = 0;
  private document?: BiocDocumentDraft;
  private documentDepth = 0;
  private passage?: BiocPassageDraft;
  private annotation?: BiocAnnotationDraft;
  private relation?: BiocRelationDraft;
  private capture?: { path: string; key: string; text: string };
  private stopped = false;

  constructor() {
    this.parser.on('opentag', (tag) => this.guarded(() => this.onOpen(tag.name, tag.attributes)));
    this.parser.on('closetag', () => this.guarded(() => this.onClose()));
    this.parser.on('text', (text) => this.guarded(() => this.onText(text)));
    this.parser.on('cdata', (text) => this.guarded(() => this.onText(text)));
    this.parser.on('error', (error) => this.guarded(() => this.onError(error)));
  }

  write(text: string): void {
    if (text !== '') this.parser.write(text);
  }

  /** A truncated file is an error only once the parser is told the input is over. */
  end(rest: string): void {
    this.write(rest);
    if (!this.stopped) this.parser.close();
  }

  takeQueued(): PubtatorItem[] {
    const items = this.queue;
    this.queue = [];
    return items;
  }

  get failed(): boolean {
    return this.stopped;
  }

  /** saxes keeps reporting after an error; nothing it reports then can be trusted. */
  private guarded(handle: () => void): void {
    if (!this.stopped) handle();
  }

  private onOpen(name: string, attributes: Attributes): void {
    this.path.push(name);
    if (this.document === undefined) {
      if (name === 'document') this.startDocument();
      return;
    }
    const path = this.relativePath();
    if (path === 'passage') {
      this.passage = { infons: {}, offset: undefined, text: '', annotations: [], relations: [] };
    } else if (path === 'passage/annotation') {
      this.annotation = { id: attributes.id, infons: {}, text: '', locations: [] };
    } else if (path === 'passage/annotation/location') {
      this.annotation?.locations.push({ offset: attributes.offset, length: attributes.length });
    } else if (path === 'relation' || path === 'passage/relation') {
      this.relation = { id: attributes.id, infons: {}, nodes: [] };
    } else if (path === 'relation/node' || path === 'passage/relation/node') {
      this.relation?.nodes.push({ refid: attributes.refid, role: attributes.role });
    } else if (TEXT_ELEMENTS.has(path)) {
      this.capture = { path, key: attributes.key ?? '', text: '' };
    }
  }

  private startDocument(): void {
    this.recordCount += 1;
    this.documentDepth = this.path.length;
    this.document = { id: undefined, passages: [], relations: [] };
  }

  private onClose(): void {
    const path = this.relativePath();
    const depth = this.path.length;
    this.path.pop();
    const document = this.document;
    if (document === undefined) return;
    if (depth === this.documentDepth) {
      this.queue.push(biocToItem(document, this.recordCount));
      this.document = undefined;
    } else if (this.capture?.path === path) {
      this.store(document, this.capture);
      this.capture = undefined;
    } else if (path === 'passage' && this.passage) {
      document.passages.push(this.passage);
      this.passage = undefined;
    } else if (path === 'passage/annotation' && this.annotation) {
      this.passage?.annotations.push(this.annotation);
      this.annotation = undefined;
    } else if ((path === 'relation' || path === 'passage/relation') && this.relation) {
      (path === 'relation' ? document.relations : this.passage?.relations)?.push(this.relation);
      this.relation = undefined;
    }
  }

  private store(document: BiocDocumentDraft, { path, key, text }: { path: string; key: string; text: string }): void {
    if (path === 'id') document.id = text.trim();
    else if (path === 'passage/offset' && this.passage) this.passage.offset = text.trim();
    // Passage and mention text are kept exactly: offsets count every character of them.
    else if (path === 'passage/text' && this.passage) this.passage.text = text;
    else if (path === 'passage/annotation/text' && this.annotation) this.annotation.text = text;
    else if (path === 'passage/infon' && this.passage) this.passage.infons[key] = text.trim();
    else if (path === 'passage/annotation/infon' && this.annotation) this.annotation.infons[key] = text.trim();
    else if (this.relation) this.relation.infons[key] = text.trim();
  }

  private relativePath(): string {
    return this.path.slice(this.documentDepth).join('/');
  }

  private onText(text: string): void {
    if (this.capture) this.capture.text += text;
  }

  private onError(error: Error): void {
    this.stopped = true;
    const where = `line ${this.parser.line}, column ${this.parser.column}`;
    const detail = error.message.replace(/^\d+:\d+: /, '').replace(/\.$/, '');
    const recordNumber = this.document ? this.recordCount : this.recordCount + 1;
    const id = typeof this.document?.id === 'string' ? this.document.id : undefined;
    this.queue.push(rejectedItem(recordNumber, id, `XML syntax error at ${where}: ${detail}; the rest of the file was not read`));
  }
}

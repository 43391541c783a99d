import { StringDecoder } from 'node:string_decoder';
import { biocToItem, type BiocAnnotationDraft, type BiocDocumentDraft, type BiocPassageDraft, type BiocRelationDraft } from './bioc';
import { JsonDocumentSplitter } from './jsonSplitter';
import { rejectedItem } from './records';
import type { PubtatorItem } from './types';

type JsonObject = Record<string, unknown>;

/**
 * Streams BioC-JSON: the API's `publications/export/biocjson` answer (`{"PubTator3": [...]}`), a
 * BioC collection, one document, an array of documents or JSON lines. Each document is parsed on
 * its own once its closing brace is read; a syntax error rejects the document it hit and ends.
 */
export async function* parseBiocJson(input: NodeJS.ReadableStream): AsyncGenerator<PubtatorItem> {
  const splitter = new JsonDocumentSplitter();
  const decoder = new StringDecoder('utf8');
  let recordNumber = 0;
  const read = function* (events: ReturnType<JsonDocumentSplitter['write']>): Generator<PubtatorItem, boolean> {
    for (const event of events) {
      recordNumber += 1;
      if (event.kind === 'error') {
        yield rejectedItem(recordNumber, idHint(event.partial), `${event.reason}; the rest of the file was not read`);
        return false;
      }
      const { item, fatal } = parseDocument(event.text, recordNumber);
      yield item;
      if (fatal) return false;
    }
    return true;
  };
  for await (const chunk of input) {
    const going = yield* read(splitter.write(typeof chunk === 'string' ? chunk : decoder.write(chunk)));
    if (!going) return;
  }
  const rest = decoder.end();
  if (yield* read(rest === '' ? [] : splitter.write(rest))) yield* read(splitter.end());
}

/** The item, and whether the text was so broken that what follows it cannot be trusted either. */
function parseDocument(text: string, recordNumber: number): { item: PubtatorItem; fatal: boolean } {
  let value: JsonObject;
  try {
    // The splitter hands over only text from "{" to its matching "}", so what parses is an object.
    value = JSON.parse(text) as JsonObject;
  } catch (error) {
    const detail = (error as Error).message.replace(/\.$/, '');
    const reason = `JSON syntax error in document ${recordNumber}: ${detail}; the rest of the file was not read`;
    return { item: rejectedItem(recordNumber, idHint(text), reason), fatal: true };
  }
  return { item: biocToItem(toDraft(value), recordNumber), fatal: false };
}

/** PubTator3 documents carry both "pmid" (a number) and "id" (the same, as text); plain BioC has only "id". */
function toDraft(document: JsonObject): BiocDocumentDraft {
  return {
    id: document.pmid ?? document.id,
    passages: objects(document.passages).map(toPassage),
    relations: objects(document.relations).map(toRelation),
  };
}

function toPassage(passage: JsonObject): BiocPassageDraft {
  return {
    infons: isObject(passage.infons) ? passage.infons : {},
    offset: passage.offset,
    text: typeof passage.text === 'string' ? passage.text : '',
    annotations: objects(passage.annotations).map(toAnnotation),
    relations: objects(passage.relations).map(toRelation),
  };
}

function toAnnotation(annotation: JsonObject): BiocAnnotationDraft {
  return {
    id: annotation.id,
    infons: isObject(annotation.infons) ? annotation.infons : {},
    text: typeof annotation.text === 'string' ? annotation.text : '',
    locations: objects(annotation.locations).map((location) => ({ offset: location.offset, length: location.length })),
  };
}

function toRelation(relation: JsonObject): BiocRelationDraft {
  return {
    id: relation.id,
    infons: isObject(relation.infons) ? relation.infons : {},
    nodes: objects(relation.nodes).map((node) => ({ refid: node.refid, role: node.role })),
  };
}

function objects(value: unknown): JsonObject[] {
  return Array.isArray(value) ? value.filter(isObject) : [];
}

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A broken document can still say which paper it was. */
function idHint(text: string): string | undefined {
  return /"(?:pmid|id)"\s*:\s*"?(\d+)/.exec(text)?.[1];
}

import { LIST_SEPARATOR, normaliseIdentifier, normaliseIdentifiers, parseTypedEntity } from './identifiers';
import { placeInDocument } from './offsets';
import { checkPmid, numberedLines, rejectedItem, type NumberedLine } from './records';
import type { PubtatorAnnotation, PubtatorDocument, PubtatorDropped, PubtatorEntityRef, PubtatorItem, PubtatorRelation } from './types';

// Line shapes, from the BioCreative V CDR corpus readme.txt ("PMID|t|title", "PMID|a|abstract",
// then "PMID<tab>START<tab>END<tab>MENTION<tab>TYPE<tab>IDENTIFIER[<tab>individual mentions]",
// documents separated by a blank line) and the PubTator3 API export of PMID 37026113 kept in
// NetMedEx tests/test_data/pubtator3.37026113_240614.pubtator, whose relation lines are
// "PMID<tab>Association<tab>MESH:D010024<tab>5594": bare identifiers, no "Type|" as in the bulk
// relation2pubtator3 file (accepted here too), and older files' "PMID<tab>CID<tab>D...<tab>D...".
const TEXT_LINE = /^([^|\t]*)\|([ta])\|(.*)$/;
const NUMBER = /^\d+$/;

/**
 * Streams a PubTator tab-format file (the API's `publications/export/pubtator`), one document per
 * blank-line-separated block. A line that is none of the known shapes rejects its document, with
 * its line number; a mention whose offsets do not slice back to its text is only dropped.
 */
export async function* parsePubtator(input: NodeJS.ReadableStream): AsyncGenerator<PubtatorItem> {
  let block: NumberedLine[] = [];
  let recordNumber = 0;
  for await (const line of numberedLines(input)) {
    // A title line always starts a document, even when the blank line before it was lost.
    const startsDocument = TEXT_LINE.exec(line.text)?.[2] === 't';
    if ((line.text.trim() === '' || startsDocument) && block.length > 0) {
      recordNumber += 1;
      yield readDocument(block, recordNumber);
      block = [];
    }
    if (line.text.trim() !== '') block.push(line);
  }
  if (block.length > 0) yield readDocument(block, recordNumber + 1);
}

interface Draft {
  pmid: string;
  title: string;
  abstract?: string;
  mentionLines: { line: NumberedLine; columns: string[] }[];
  relationLines: { line: NumberedLine; columns: string[] }[];
}

function readDocument(block: NumberedLine[], recordNumber: number): PubtatorItem {
  const first = block[0]!;
  const title = TEXT_LINE.exec(first.text);
  const identifier = title?.[1] ?? first.text.split('\t')[0];
  if (!title || title[2] !== 't') {
    return rejectedItem(recordNumber, identifier, `line ${first.lineNumber}: expected a "PMID|t|title" line`);
  }
  const checked = checkPmid(title[1]!);
  if ('reason' in checked) return rejectedItem(recordNumber, identifier, `line ${first.lineNumber}: ${checked.reason}`);
  const draft: Draft = { pmid: title[1]!, title: title[3]!, mentionLines: [], relationLines: [] };
  for (const line of block.slice(1)) {
    const problem = classify(draft, line);
    if (problem !== undefined) return rejectedItem(recordNumber, checked.pmid, `line ${line.lineNumber}: ${problem}`);
  }
  return { kind: 'document', document: buildDocument(checked.pmid, draft), recordNumber };
}

/** Files the line into the draft, or says what is wrong with it. */
function classify(draft: Draft, line: NumberedLine): string | undefined {
  const text = TEXT_LINE.exec(line.text);
  if (text) {
    if (text[1] !== draft.pmid) return `PMID "${text[1]}" differs from the document's "${draft.pmid}"`;
    if (draft.abstract !== undefined || draft.mentionLines.length > 0) return 'abstract line after the abstract or the mentions';
    draft.abstract = text[3]!;
    return undefined;
  }
  const columns = line.text.split('\t');
  if (columns[0] !== draft.pmid) return `PMID "${columns[0]}" differs from the document's "${draft.pmid}"`;
  // Some exports leave off an empty identifier column, so a mention line has five columns or more.
  if (columns.length >= 5 && columns.length <= 7 && NUMBER.test(columns[1]!) && NUMBER.test(columns[2]!)) {
    if (columns[4]!.trim() === '') return 'the mention has no type';
    draft.mentionLines.push({ line, columns });
    return undefined;
  }
  if (columns.length === 4 && !NUMBER.test(columns[1]!)) {
    draft.relationLines.push({ line, columns });
    return undefined;
  }
  return `not a mention line (PMID, start, end, text, type, identifier) or a relation line (PMID, type, entity, entity); it has ${columns.length} tab-separated columns`;
}

function buildDocument(pmid: string, draft: Draft): PubtatorDocument {
  const annotations: PubtatorAnnotation[] = [];
  const dropped: PubtatorDropped[] = [];
  // Relation lines name entities by bare identifier, so their type comes from the mentions.
  const typeOfIdentifier = new Map<string, string>();
  for (const { line, columns } of draft.mentionLines) {
    const [, start, end, text = '', type = '', rawIdentifier = ''] = columns;
    for (const key of [rawIdentifier, ...rawIdentifier.split(LIST_SEPARATOR)]) if (key.trim() !== '') typeOfIdentifier.set(key.trim(), type);
    const span = placeInDocument(draft.title, draft.abstract, Number(start), Number(end), text);
    if (span) {
      annotations.push({ type, identifiers: normaliseIdentifiers(type, rawIdentifier), text, ...span });
    } else {
      dropped.push({ kind: 'mention', text, reason: `line ${line.lineNumber}: offsets ${start}-${end} do not slice back to "${text}" in the title or abstract` });
    }
  }
  const relations: PubtatorRelation[] = [];
  for (const { line, columns } of draft.relationLines) {
    const [, type = '', first = '', second = ''] = columns;
    const subject = relationEnd(first, typeOfIdentifier);
    const object = relationEnd(second, typeOfIdentifier);
    if (subject && object) {
      relations.push({ type, subject, object });
    } else {
      const unknown = subject ? second : first;
      dropped.push({ kind: 'relation', text: line.text, reason: `line ${line.lineNumber}: "${unknown}" is not "Type|identifier" and no mention has that identifier, so its type is unknown` });
    }
  }
  const document: PubtatorDocument = { pmid, title: draft.title, annotations, relations, dropped };
  return draft.abstract === undefined ? document : { ...document, abstract: draft.abstract };
}

function relationEnd(value: string, typeOfIdentifier: Map<string, string>): PubtatorEntityRef | undefined {
  const typed = parseTypedEntity(value);
  if (typed) return typed;
  const type = typeOfIdentifier.get(value.trim());
  const identifier = type === undefined ? undefined : normaliseIdentifier(type, value);
  return type === undefined || identifier === undefined ? undefined : { type, identifier };
}

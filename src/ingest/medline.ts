import { createInterface } from 'node:readline';
import { Readable } from 'node:stream';
import { parsePubDate } from './pubDate';
import { checkTagsOf, registryNumber } from './meshSubjects';
import { isRetractedType, sectionsOfAbstract } from './paperFields';
import { canonicalPmid, normalizeOrcid, PMID_RULE } from '../graph/keys';
import type { AuthorRecord, ChemicalRecord, MeshHeadingRecord, PaperLinkRecord, PaperLinkType, PaperRecord, ParsedItem } from '../graph/paperRecord';

/** One "TAG - value" field of a MEDLINE record, continuation lines already joined. */
interface Field {
  tag: string;
  value: string;
}

/** A record's non-blank lines with their line numbers in the file, for error messages. */
interface NumberedLine {
  text: string;
  lineNumber: number;
}

// The tag is left-aligned in a 4-character column (letters/digits, then space padding), then "- ".
const TAG_LINE = /^([A-Z0-9]{2}(?:[A-Z0-9]{2}|[A-Z0-9] | {2}))-(?: (.*))?$/;
const CONTINUATION_LINE = /^ {6}(.*)$/;
const DOI_ID = /^(.+?)\s*\[doi\]$/i;
const ORCID_AUID = /^ORCID:?\s*(?:https?:\/\/orcid\.org\/)?(\d{4}-\d{4}-\d{4}-\d{3}[\dX])$/i;
// "CIN - Biol Psychiatry. 2014 Mar 1;75(5):e9. PMID: 24011823"; a line without a PMID names no paper in the graph.
const LINK_PMID = /\bPMID:\s*(\d+)\b/;
/** The MEDLINE tags of CommentsCorrections, as PubMed XML names their RefType. */
const LINK_TAGS: Readonly<Record<string, PaperLinkType>> = {
  EIN: 'ErratumIn', EFR: 'ErratumFor', RIN: 'RetractionIn', ROF: 'RetractionOf',
  CIN: 'CommentIn', CON: 'CommentOn', UIN: 'UpdateIn', UOF: 'UpdateOf',
};
const NUMERIC = /^\d+$/;
// "690G0D6V8H (Ketamine)", "0 (Antidepressive Agents)", "EC 2.7.11.1 (TOR Serine-Threonine Kinases)":
// the number never has a space except after "EC"; the name may hold parentheses of its own.
const REGISTRY_LINE = /^(EC \S+|\S+) \((.+)\)$/;

/**
 * Streams MEDLINE ("PubMed format", .txt/.nbib) records one at a time, yielding a paper for each
 * well-formed record and a rejection, with its 1-based record number, for each malformed one.
 */
export async function* parseMedline(input: NodeJS.ReadableStream | AsyncIterable<string>): AsyncGenerator<ParsedItem> {
  const lines = createInterface({ input: asStream(input), crlfDelay: Infinity });
  let recordNumber = 0;
  let lineNumber = 0;
  let record: NumberedLine[] = [];
  try {
    for await (const line of lines) {
      lineNumber += 1;
      // A BOM can start any line when exported files are concatenated, not only the first.
      const text = line.replace(/^\uFEFF/, '').trimEnd();
      if (text !== '') {
        record.push({ text, lineNumber });
      } else if (record.length > 0) {
        recordNumber += 1;
        yield parseRecord(record, recordNumber);
        record = [];
      }
    }
    if (record.length > 0) yield parseRecord(record, recordNumber + 1);
  } finally {
    lines.close();
  }
}

/** readline reads only streams, so a plain async iterable of text is wrapped in one. */
function asStream(input: NodeJS.ReadableStream | AsyncIterable<string>): NodeJS.ReadableStream {
  return typeof (input as NodeJS.ReadableStream).pipe === 'function'
    ? (input as NodeJS.ReadableStream)
    : Readable.from(input);
}

function parseRecord(lines: NumberedLine[], recordNumber: number): ParsedItem {
  const { fields, problem } = readFields(lines);
  const pmids = fields.filter((field) => field.tag === 'PMID').map((field) => field.value);
  const reason = problem ?? pmidProblem(pmids);
  if (reason !== undefined) {
    return { kind: 'rejected', rejected: { recordNumber, identifier: identify(fields, pmids), reason } };
  }
  return { kind: 'paper', record: buildPaper(canonicalPmid(pmids[0]!)!, fields) };
}

/** Reads every line so that a bad line early on does not hide the title or DOI found later. */
function readFields(lines: NumberedLine[]): { fields: Field[]; problem?: string } {
  const fields: Field[] = [];
  let problem: string | undefined;
  for (const { text, lineNumber } of lines) {
    const tagged = TAG_LINE.exec(text);
    const continued = tagged ? null : CONTINUATION_LINE.exec(text);
    const previous = fields.at(-1);
    if (tagged) {
      fields.push({ tag: tagged[1]!.trimEnd(), value: (tagged[2] ?? '').trim() });
    } else if (continued && previous) {
      previous.value = `${previous.value} ${continued[1]!.trim()}`.trim();
    } else {
      problem ??= continued
        ? `line ${lineNumber}: continuation line with no tag before it`
        : `line ${lineNumber}: not a "TAG - value" line or a 6-space continuation line`;
    }
  }
  return problem === undefined ? { fields } : { fields, problem };
}

function pmidProblem(pmids: string[]): string | undefined {
  if (pmids.length === 0) return 'record has no PMID';
  // Two PMIDs mean two records ran together because the blank line between them was lost.
  if (pmids.length > 1) return `record has ${pmids.length} PMID lines (missing blank line between records?)`;
  if (!NUMERIC.test(pmids[0]!)) return `PMID "${pmids[0]}" is not numeric`;
  return canonicalPmid(pmids[0]!) === undefined ? `PMID "${pmids[0]}" is out of range: ${PMID_RULE}` : undefined;
}

function identify(fields: Field[], pmids: string[]): string | undefined {
  const numericPmid = pmids.map(canonicalPmid).find((pmid) => pmid !== undefined);
  return numericPmid ?? findDoi(fields) ?? firstValue(fields, 'TI') ?? pmids[0];
}

function buildPaper(pmid: string, fields: Field[]): PaperRecord {
  const date = parsePubDate(firstValue(fields, 'DP') ?? '');
  const mesh = allValues(fields, 'MH').map(meshHeading);
  const abstract = firstValue(fields, 'AB');
  const links = readLinks(fields);
  const publicationTypes = allValues(fields, 'PT');
  return withoutUndefined<PaperRecord>({
    pmid,
    doi: findDoi(fields),
    pmcid: firstValue(fields, 'PMC'),
    title: firstValue(fields, 'TI'),
    abstract,
    abstractSections: nonEmpty(abstract === undefined ? [] : sectionsOfAbstract(abstract)),
    languages: nonEmpty(allValues(fields, 'LA')),
    grants: nonEmpty([...new Set(allValues(fields, 'GR'))]),
    links: nonEmpty(links),
    retracted: links.some((l) => l.type === 'RetractionIn') || isRetractedType(publicationTypes) ? true : undefined,
    journal: firstValue(fields, 'JT') ?? firstValue(fields, 'TA'),
    year: date?.year,
    publishedOn: date?.publishedOn,
    publicationTypes: nonEmpty(publicationTypes),
    meshTerms: nonEmpty(mesh.map((h) => h.descriptor)),
    mesh: nonEmpty(mesh),
    checkTags: nonEmpty(checkTagsOf(mesh)),
    chemicals: nonEmpty(allValues(fields, 'RN').map(chemical)),
    supplementaryConcepts: nonEmpty(allValues(fields, 'NM').map((name) => ({ name }))),
    keywords: nonEmpty([...new Set(allValues(fields, 'OT'))]),
    authors: nonEmpty(readAuthors(fields)),
  });
}

/** Drops absent fields so that a record only has keys its source actually filled. */
function withoutUndefined<T extends object>(record: T): T {
  return Object.fromEntries(Object.entries(record).filter(([, value]) => value !== undefined)) as T;
}

function firstValue(fields: Field[], tag: string): string | undefined {
  const value = fields.find((field) => field.tag === tag)?.value;
  return value === '' ? undefined : value;
}

function allValues(fields: Field[], tag: string): string[] {
  return fields.filter((field) => field.tag === tag && field.value !== '').map((field) => field.value);
}

function nonEmpty<T>(items: T[]): T[] | undefined {
  return items.length > 0 ? items : undefined;
}

function readLinks(fields: Field[]): PaperLinkRecord[] {
  const links: PaperLinkRecord[] = [];
  for (const { tag, value } of fields) {
    const type = LINK_TAGS[tag];
    const pmid = type === undefined ? undefined : canonicalPmid(LINK_PMID.exec(value)?.[1] ?? '');
    if (type !== undefined && pmid !== undefined && !links.some((l) => l.type === type && l.pmid === pmid)) links.push({ type, pmid });
  }
  return links;
}

/** AID and LID both carry "<id> [doi]"; other kinds such as "[pii]" are not DOIs. */
function findDoi(fields: Field[]): string | undefined {
  for (const { tag, value } of fields) {
    const doi = tag === 'AID' || tag === 'LID' ? DOI_ID.exec(value)?.[1] : undefined;
    if (doi !== undefined) return doi;
  }
  return undefined;
}

/** "*Ketamine/adverse effects/*pharmacology": "/" starts a qualifier, "*" marks what is a major topic. */
function meshHeading(line: string): MeshHeadingRecord {
  const [descriptor, ...qualifiers] = line.split('/').map(starred);
  return {
    descriptor: descriptor!.name,
    majorTopic: descriptor!.majorTopic,
    qualifiers: qualifiers.filter((q) => q.name !== ''),
  };
}

function starred(part: string): { name: string; majorTopic: boolean } {
  const name = part.trim();
  return name.startsWith('*') ? { name: name.slice(1).trim(), majorTopic: true } : { name, majorTopic: false };
}

/** An RN line; one that does not parse as "<number> (<name>)" is taken to be a bare name. */
function chemical(line: string): ChemicalRecord {
  const match = REGISTRY_LINE.exec(line);
  if (!match) return { name: line };
  const number = registryNumber(match[1]!);
  return number === undefined ? { name: match[2]! } : { name: match[2]!, registryNumber: number };
}

/**
 * Pairs each FAU with the AU after it (either may be missing) and attaches an ORCID AUID and
 * AD affiliations to the author they follow. Investigators (FIR/IR) are not authors, and their AUIDs must not be
 * attached to the last author.
 */
function readAuthors(fields: Field[]): AuthorRecord[] {
  const authors: AuthorRecord[] = [];
  let open: AuthorRecord | undefined;
  let unpaired: AuthorRecord | undefined;
  for (const { tag, value } of fields) {
    if (tag === 'FAU') {
      // Until its AU arrives, the full name is the only name this author has.
      open = unpaired = { name: value, fullName: value };
      authors.push(open);
    } else if (tag === 'AU' && unpaired !== undefined) {
      unpaired.name = value;
      unpaired = undefined;
    } else if (tag === 'AU' || tag === 'CN') {
      open = { name: value };
      unpaired = undefined;
      authors.push(open);
    } else if (tag === 'FIR' || tag === 'IR') {
      open = unpaired = undefined;
    } else if (tag === 'AUID' && open !== undefined) {
      const orcid = ORCID_AUID.test(value) ? normalizeOrcid(value) : undefined;
      if (orcid !== undefined) open.identifier ??= orcid;
    } else if (tag === 'AD' && open !== undefined) {
      open.affiliations = [...(open.affiliations ?? []), value];
    }
  }
  return authors;
}

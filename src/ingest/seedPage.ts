/**
 * Parser for the text of a PubMed abstract page as copied from a browser (the seed corpus):
 * a title, "- PMID: …" style identifier lines, then sections under fixed headings whose
 * entries are separated by lines holding just "-".
 */
import { createHash } from 'node:crypto';
import { canonicalPmid, PMID_RULE } from '../graph/keys';
import { parsePubDate } from './pubDate';
import type { AuthorRecord, PaperRecord } from '../graph/paperRecord';

/** Everything one abstract page says: the paper itself and the papers the page links it to. */
export interface SeedPage {
  /** The page's paper; `cites` holds the keys of `references`. */
  paper: PaperRecord;
  /** "Similar articles" in page order; `rank` is 1-based. */
  similar: Array<{ rank: number; record: PaperRecord }>;
  /** "Cited by" papers; each one's `cites` holds the page's PMID. */
  citedBy: PaperRecord[];
  /** "References" of the page's paper, keyed by `syntheticPaperKey` since the page shows no PMIDs. */
  references: PaperRecord[];
}

// Every heading PubMed prints on an abstract page, including ones the seed lacks: a heading
// missing here would glue its block onto the previous section, e.g. "Keywords" onto the abstract.
const SECTION_HEADINGS = new Set([
  'Abstract',
  'Keywords',
  'Conflict of interest statement',
  'Comment in',
  'Comment on',
  'Erratum in',
  'Update of',
  'Update in',
  'Figures',
  'Similar articles',
  'Cited by',
  'References',
  'Publication types',
  'MeSH terms',
  'Substances',
  'Supplementary concepts',
  'Associated data',
  'Related information',
  'Grants and funding',
  'LinkOut - more resources',
  'Full Text Sources',
  'Other Literature Sources',
  'Research Materials',
  'Molecular Biology Databases',
  'Medical',
  'Miscellaneous',
]);

const ENTRY_SEPARATOR = '-';

// PubMed appends access badges to the publication types after the PMID; they describe the
// full text, not the kind of study.
const ACCESS_BADGES = new Set(['Free PMC article', 'Free article', 'Free Books & Documents']);

// Link labels PubMed puts after each reference.
const REFERENCE_LINKS = /(?:\s+-\s+(?:PubMed|PMC|DOI|Free PMC article|Free article))+\s*$/;

// "J Affect Disord. 2014. PMID: 24388038 Review." — the short citation PubMed repeats at the end
// of every listed article; NLM journal abbreviations carry no periods, so this anchors reliably
// even when the title contains periods or question marks.
const LISTING_TAIL = /\s([^.]+?)\.\s+(\d{4})\.\s+PMID:\s*(\d+)(.*)$/;

const DOI = /\bdoi:\s*(\S+?)\.?(?=\s|$)/i;

// "Rush AJ", "McInnis Myers M", "Zarate CA Jr": surname words, then initials.
const AUTHOR_NAME = /^\p{Lu}[\p{L}'’-]*(?: [\p{L}'’-]+)* \p{Lu}{1,4}(?: (?:Jr|Sr|II|III|IV))?$/u;

// A reference's year follows the journal after sentence punctuation: "Am. J. Psychiatry. 2006;163:…".
// The greedy prefix picks the last such year, so a year inside the title does not win.
const REFERENCE_YEAR = /^(.*[.?!])\s+(\d{4})[a-z]?(?=[;:,.(\s]|$)/s;

// One period-separated piece of an abbreviated journal name ("Am.", "J.", "Psychiatry Res.").
// Titles rarely end with a sentence of at most three capitalised words, so this tells them apart.
const JOURNAL_PIECE = /^\p{Lu}[\p{L}&'-]*\.?(?: \p{Lu}[\p{L}&'-]*\.?){0,2}$/u;

/** Parses the text of a PubMed abstract page; throws an Error naming what is missing or malformed. */
export function parseSeedPage(text: string): SeedPage {
  const { header, sections } = splitSections(text);
  const identity = parseHeader(header);
  const references = entries(sections, 'References').map((entry, i) => parseReference(entry, i + 1));
  const paper = withoutUndefined<PaperRecord>({
    ...identity,
    abstract: sections.get('Abstract')?.join('\n') || undefined,
    publicationTypes: nonEmpty(listItems(sections, 'Publication types')),
    meshTerms: nonEmpty(listItems(sections, 'MeSH terms')),
    cites: references.map((ref) => ref.pmid),
  });
  const similar = entries(sections, 'Similar articles').map((entry, i) => ({
    rank: i + 1,
    record: parseListing(entry, 'Similar articles', i + 1),
  }));
  const citedBy = entries(sections, 'Cited by').map((entry, i) => ({
    ...parseListing(entry, 'Cited by', i + 1),
    cites: [paper.pmid],
  }));
  return { paper, similar, citedBy, references };
}

/**
 * Key for a paper without a PMID: `doi:<doi>` when the DOI is known, else `ref:` and a hash of
 * first author, year and title, normalised so that case and punctuation variants agree.
 */
export function syntheticPaperKey(parts: { doi?: string; title?: string; year?: number; firstAuthor?: string }): string {
  if (parts.doi) return `doi:${parts.doi.trim().toLowerCase()}`;
  const basis = [parts.firstAuthor, parts.year, parts.title].map((part) => normaliseKeyPart(String(part ?? ''))).join('|');
  return `ref:${createHash('sha1').update(basis).digest('hex').slice(0, 16)}`;
}

function normaliseKeyPart(part: string): string {
  return part
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

function splitSections(text: string): { header: string[]; sections: Map<string, string[]> } {
  const header: string[] = [];
  const sections = new Map<string, string[]>();
  let current = header;
  for (const rawLine of text.replace(/^\uFEFF/, '').split(/\r?\n/)) {
    const line = rawLine.trim();
    if (SECTION_HEADINGS.has(line)) {
      current = sections.get(line) ?? [];
      sections.set(line, current);
    } else if (line !== '') {
      current.push(line);
    }
  }
  return { header, sections };
}

function parseHeader(lines: string[]): Pick<PaperRecord, 'pmid' | 'pmcid' | 'doi' | 'title'> {
  const ids = new Map<string, string>();
  let title: string | undefined;
  for (const line of lines) {
    const id = /^-\s*([A-Za-z]+):\s*(.+)$/.exec(line);
    if (id) ids.set(id[1]!.toUpperCase(), id[2]!.trim());
    else title ??= line;
  }
  const pmid = ids.get('PMID');
  if (pmid === undefined) throw new Error('seed page has no PMID: expected a "- PMID: <digits>" line before the "Abstract" heading');
  if (!/^\d+$/.test(pmid)) throw new Error(`seed page PMID "${pmid}" is not a number`);
  const canonical = canonicalPmid(pmid);
  if (canonical === undefined) throw new Error(`seed page PMID "${pmid}" is out of range: ${PMID_RULE}`);
  if (title === undefined) throw new Error(`seed page ${canonical} has no title: expected the title as the first line`);
  return { pmid: canonical, pmcid: ids.get('PMCID'), doi: ids.get('DOI'), title };
}

function entries(sections: Map<string, string[]>, heading: string): string[] {
  const result: string[] = [];
  let current: string[] = [];
  for (const line of [...(sections.get(heading) ?? []), ENTRY_SEPARATOR]) {
    if (line !== ENTRY_SEPARATOR) {
      current.push(line);
    } else if (current.length > 0) {
      result.push(current.join(' '));
      current = [];
    }
  }
  return result;
}

function listItems(sections: Map<string, string[]>, heading: string): string[] {
  return entries(sections, heading).map((entry) => entry.replace(/^-\s*/, ''));
}

function nonEmpty(items: string[]): string[] | undefined {
  return items.length > 0 ? items : undefined;
}

/** Parses a "Similar articles" or "Cited by" entry: "Title.Journal. Date;Vol:Pages. doi: … Journal. Year. PMID: n Types." */
function parseListing(entry: string, section: string, position: number): PaperRecord {
  const where = `${section} entry ${position}`;
  const tail = LISTING_TAIL.exec(entry);
  if (!tail) throw new Error(`${where}: no "<journal>. <year>. PMID: <digits>" ending in "${entry}"`);
  const journal = tail[1]!;
  const head = entry.slice(0, tail.index);
  // The title runs straight into the journal ("…actions.J Affect Disord. 2014 Mar;…").
  const journalAt = new RegExp(`${escapeRegExp(journal)}\\.\\s+(?=\\d{4})`).exec(head);
  if (!journalAt || journalAt.index === 0) throw new Error(`${where}: no title before journal "${journal}" in "${entry}"`);
  const citation = head.slice(journalAt.index + journalAt[0].length);
  const pmid = canonicalPmid(tail[3]!);
  if (pmid === undefined) throw new Error(`${where}: PMID "${tail[3]}" is out of range: ${PMID_RULE}`);
  return withoutUndefined<PaperRecord>({
    pmid,
    title: stripFinalPeriod(head.slice(0, journalAt.index).trim()),
    journal,
    year: Number(tail[2]),
    // The citation starts with the issue date: "2014 Mar;156:24-35", "2020 Apr 6;383:…", "2017;15(7):…".
    publishedOn: parsePubDate(citation)?.publishedOn,
    doi: DOI.exec(citation)?.[1],
    publicationTypes: nonEmpty(publicationTypes(tail[4]!)),
  });
}

function publicationTypes(afterPmid: string): string[] {
  return afterPmid
    .split(/\.\s*/)
    .map((word) => word.trim())
    .filter((word) => word !== '' && !ACCESS_BADGES.has(word));
}

/** Parses a reference: "- Authors, et al. Title. Journal. Year;Vol:Pages. - PubMed". */
function parseReference(entry: string, position: number): PaperRecord {
  const body = entry.replace(/^-\s*/, '').replace(REFERENCE_LINKS, '').trim();
  const { authors, rest } = splitAuthors(body);
  const dated = REFERENCE_YEAR.exec(rest);
  const { title, journal } = splitTitleAndJournal(dated ? dated[1]! : rest);
  if (title === '') throw new Error(`References entry ${position}: no title in "${entry}"`);
  const year = dated ? Number(dated[2]) : undefined;
  const doi = DOI.exec(rest)?.[1];
  const pmid = syntheticPaperKey({ doi, title, year, firstAuthor: authors[0]?.name });
  return withoutUndefined<PaperRecord>({
    pmid,
    pmidIsSynthetic: true,
    doi,
    title,
    journal,
    year,
    authors: authors.length > 0 ? authors : undefined,
  });
}

/** Splits "Rush AJ, Trivedi MH, et al. Rest" into authors and rest; text without an author list is all rest. */
function splitAuthors(body: string): { authors: AuthorRecord[]; rest: string } {
  const end = body.indexOf('. ');
  if (end < 0) return { authors: [], rest: body };
  const names = body.slice(0, end).split(/,\s*/);
  const isAuthorList = names.every((name) => name === 'et al' || AUTHOR_NAME.test(name));
  if (!isAuthorList) return { authors: [], rest: body };
  const authors = names.filter((name) => name !== 'et al').map((name) => ({ name }));
  return { authors, rest: body.slice(end + 2) };
}

/**
 * Splits "Title. Am. J. Psychiatry." at the sentence where the journal starts, and writes the
 * journal the NLM way ("Am J Psychiatry") so it matches the journals of listed articles.
 */
function splitTitleAndJournal(text: string): { title: string; journal?: string } {
  const pieces = text.trim().split(/(?<=[.?!])\s+/);
  let journalStart = pieces.length;
  while (journalStart > 1 && JOURNAL_PIECE.test(pieces[journalStart - 1]!)) journalStart -= 1;
  const title = stripFinalPeriod(pieces.slice(0, journalStart).join(' '));
  const journal = pieces.slice(journalStart).join(' ').replace(/\./g, '').trim();
  return { title, journal: journal || undefined };
}

function stripFinalPeriod(text: string): string {
  return text.replace(/\.$/, '');
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

// Importers hand records to Neo4j parameters, where an explicit undefined is noise at best.
function withoutUndefined<T extends object>(record: T): T {
  return Object.fromEntries(Object.entries(record).filter(([, value]) => value !== undefined)) as T;
}

/**
 * A set of papers as files a reference manager (Zotero, EndNote, Mendeley) imports: CSL-JSON
 * items built here from the stored records, RIS and BibTeX written from them by citation-js,
 * and MEDLINE (.nbib) written here, since no citation-js plugin writes it.
 */
import { Cite, plugins } from '@citation-js/core';
import '@citation-js/plugin-bibtex';
import '@citation-js/plugin-csl';
import '@citation-js/plugin-ris';
import type { Executor } from '../db/executor';
import type { PaperRow } from '../graph/records';
import { LIMITS } from '../limits';
import { authorshipsOfPapers, papersByPmids } from '../store/batches';

// citation-js writes BibTeX in ASCII by default: accents as {\" u}, which Zotero's BibTeX
// importer does not read back, and any character without a LaTeX form (≥, ‐, 张) silently
// dropped. UTF-8 keeps every title as it is; the LaTeX specials are escaped here (latex()).
(plugins.config.get('@bibtex') as { format: { asciiOnly: boolean } }).format.asciiOnly = false;

export const BIBLIOGRAPHY_FORMATS = ['ris', 'csl', 'bibtex', 'nbib'] as const;
export type BibliographyFormat = (typeof BIBLIOGRAPHY_FORMATS)[number];

/** The media types Zotero's importers recognise, and the file extensions it sniffs by. */
export const BIBLIOGRAPHY_FILES: Record<BibliographyFormat, { contentType: string; extension: string }> = {
  ris: { contentType: 'text/x-research-info-systems; charset=utf-8', extension: 'ris' },
  csl: { contentType: 'application/vnd.citationstyles.csl+json; charset=utf-8', extension: 'json' },
  bibtex: { contentType: 'application/x-bibtex; charset=utf-8', extension: 'bib' },
  nbib: { contentType: 'application/nbib; charset=utf-8', extension: 'nbib' },
};

/** One byline slot as the paper gives it: MEDLINE's AU ("Zarate CA Jr") and FAU ("Zarate, Carlos A Jr"). */
export interface BylineName {
  name: string;
  fullName: string | null;
}

export interface BibliographyEntry {
  paper: PaperRow;
  authors: BylineName[];
}

/** A CSL name: a person's family and given names, or a group's name as one literal. */
export type CslName = { family: string; given?: string; suffix?: string } | { literal: string };

export interface CslItem {
  id: string;
  'citation-key': string;
  type: 'article-journal';
  title?: string;
  author?: CslName[];
  'container-title'?: string;
  issued?: { 'date-parts': number[][] };
  DOI?: string;
  PMID: string;
  PMCID?: string;
  abstract?: string;
  URL: string;
  /** "PMID: …" and "PMCID: …" lines: Zotero has no field for CSL's PMID and PMCID, and reads `note` into Extra. */
  note: string;
}

/** The papers of `pmids` in that order with their bylines; a paper deleted since it was listed is left out. */
export async function bibliographyEntries(db: Executor, pmids: readonly string[]): Promise<BibliographyEntry[]> {
  if (pmids.length === 0) return [];
  const [papers, bylines] = await Promise.all([papersByPmids(db, pmids), authorshipsOfPapers(db, pmids, LIMITS.authors.defaultFirst)]);
  return papers.flatMap((paper, i) => (paper ? [{ paper, authors: (bylines[i] ?? []).map(({ name, fullName }) => ({ name, fullName })) }] : []));
}

const SUFFIXES = new Set(['Jr', 'Sr', '2nd', '3rd', '4th', 'II', 'III', 'IV', 'V']);

/**
 * A byline name as CSL's parts. The full name ("Family, Given Suffix") is preferred; MEDLINE's
 * short form ("Family GI Suffix") gives initials; anything else (a collective name such as
 * "Ketamine Study Group") is a literal, so that no reference manager splits it into a person.
 */
export function cslName({ name, fullName }: BylineName): CslName {
  const comma = fullName?.indexOf(', ') ?? -1;
  if (fullName && comma > 0) {
    const words = fullName.slice(comma + 2).split(' ');
    const suffix = words.length > 1 && SUFFIXES.has(words.at(-1) as string) ? words.pop() : undefined;
    return { family: fullName.slice(0, comma), given: words.join(' '), ...(suffix ? { suffix } : {}) };
  }
  const short = /^(.+) ([A-Z]{1,4})(?: (Jr|Sr|2nd|3rd|4th|II|III|IV|V))?$/.exec(name);
  if (short) return { family: short[1] as string, given: short[2] as string, ...(short[3] ? { suffix: short[3] } : {}) };
  return { literal: name };
}

/** "2014", "2014-01" or "2014-01-15" as CSL date parts, falling back to the year alone. */
function issued(paper: PaperRow): CslItem['issued'] {
  const parts = paper.publishedOn?.split('-').map(Number).filter((n) => Number.isInteger(n) && n > 0);
  if (parts && parts.length > 0) return { 'date-parts': [parts] };
  return paper.year === null ? undefined : { 'date-parts': [[paper.year]] };
}

export const pubmedUrl = (pmid: string): string => `https://pubmed.ncbi.nlm.nih.gov/${pmid}/`;

/** A paper as a CSL-JSON item; the key "PMID<pmid>" is a valid BibTeX key and unique in the set. */
export function cslItem({ paper, authors }: BibliographyEntry): CslItem {
  const optional = {
    title: paper.title,
    author: authors.length > 0 ? authors.map(cslName) : null,
    'container-title': paper.journal,
    issued: issued(paper),
    DOI: paper.doi,
    PMCID: paper.pmcid,
    abstract: paper.abstract,
  };
  const key = `PMID${paper.pmid}`;
  return {
    id: key,
    'citation-key': key,
    type: 'article-journal',
    ...Object.fromEntries(Object.entries(optional).filter(([, v]) => v !== null && v !== undefined)),
    PMID: paper.pmid,
    URL: pubmedUrl(paper.pmid),
    note: identifierLines(paper).join('\n'),
  };
}

/** The PubMed identifiers as "PMID: …" lines, the form Zotero files under Extra from every format. */
function identifierLines(paper: PaperRow): string[] {
  return [`PMID: ${paper.pmid}`, ...(paper.pmcid ? [`PMCID: ${paper.pmcid}`] : [])];
}

/** MeSH headings and author keywords, which reference managers keep as tags. */
function subjectTerms(paper: PaperRow): string[] {
  return [...new Set([...paper.meshTerms, ...paper.keywords])];
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** MEDLINE's DP: "2014 Jan 15", as precise as the stored date. */
function medlineDate(paper: PaperRow): string | undefined {
  const [year, month, day] = paper.publishedOn?.split('-') ?? [];
  if (!year) return paper.year === null ? undefined : String(paper.year);
  const monthName = month ? MONTHS[Number(month) - 1] : undefined;
  return [year, monthName, monthName && day ? String(Number(day)) : undefined].filter(Boolean).join(' ');
}

/** The widest a MEDLINE line gets before it continues on the next, as PubMed writes them. */
const MEDLINE_WIDTH = 80;

/**
 * One MEDLINE field: the tag left-aligned in four columns, "- ", then the value wrapped at
 * spaces, each continuation line indented six spaces. Line breaks in the value become spaces,
 * because a reader would take a line that is not indented for the next tag.
 */
export function medlineField(tag: string, value: string): string[] {
  const words = value.replace(/\s+/g, ' ').trim().split(' ');
  const lines: string[] = [];
  let line = `${tag.padEnd(4)}- `;
  let empty = true;
  for (const word of words) {
    if (!empty && line.length + 1 + word.length > MEDLINE_WIDTH) {
      lines.push(line);
      line = `      ${word}`;
    } else line = empty ? line + word : `${line} ${word}`;
    empty = false;
  }
  lines.push(line);
  return lines;
}

/** A paper as one MEDLINE record, in the tag order PubMed exports. */
export function medlineRecord({ paper, authors }: BibliographyEntry): string {
  const fields: Array<[string, string | null | undefined]> = [
    ['PMID', paper.pmid],
    ['DP', medlineDate(paper)],
    ['TI', paper.title],
    ['LID', paper.doi ? `${paper.doi} [doi]` : null],
    ['AB', paper.abstract],
    ...authors.flatMap((author): Array<[string, string]> => {
      const parts = cslName(author);
      if ('literal' in parts) return [['CN', author.name]];
      // Every person gets an FAU, built from the parts when only the short form is stored:
      // Zotero's MEDLINE importer reads AU lines only from a record without any FAU.
      return [['FAU', author.fullName ?? [`${parts.family},`, parts.given, parts.suffix].filter(Boolean).join(' ')], ['AU', author.name]];
    }),
    ...paper.languages.map((language): [string, string] => ['LA', language]),
    ...paper.publicationTypes.map((type): [string, string] => ['PT', type]),
    ['JT', paper.journal],
    ['PMC', paper.pmcid],
    ...paper.meshTerms.map((term): [string, string] => ['MH', paper.majorTopics.includes(term) ? `*${term}` : term]),
    ...paper.keywords.map((keyword): [string, string] => ['OT', keyword]),
    ['AID', paper.doi ? `${paper.doi} [doi]` : null],
  ];
  return fields.flatMap(([tag, value]) => (value ? medlineField(tag, value) : [])).join('\n');
}

/**
 * RIS from citation-js's mapping of CSL to RIS tags, one line per value. citation-js's own text
 * breaks values every 70 characters, mid-word, and a reference manager joining the pieces back
 * would split words ("open-la bel"); RIS readers take long lines, so each value stays on one.
 */
function risText(entries: readonly BibliographyEntry[], items: readonly CslItem[]): string {
  const records = new Cite(items.map(withoutNote)).format('ris', { format: 'object' }) as Array<Record<string, unknown>>;
  return records
    .map((record, i) => {
      const { TY, ...tags } = record;
      const paper = (entries[i] as BibliographyEntry).paper;
      const lines = Object.entries(tags).flatMap(([tag, value]) => [value].flat().map((v) => `${tag}  - ${String(v).replace(/\s+/g, ' ').trim()}`));
      // RIS has no PMID tag and Zotero ignores C2 (the spec's PMCID); it files M2 under Extra.
      const extra = [...identifierLines(paper).map((line) => `M2  - ${line}`), ...subjectTerms(paper).map((term) => `KW  - ${term}`)];
      return [`TY  - ${String(TY)}`, ...lines, ...extra, 'ER  - '].join('\n');
    })
    .map((record) => `${record}\n`)
    .join('\n');
}

/** An item without the note meant for CSL readers; RIS and BibTeX carry the identifiers in their own fields. */
function withoutNote({ note: _note, ...item }: CslItem): Omit<CslItem, 'note'> {
  return item;
}

/** LaTeX's special characters escaped, everything else left as UTF-8. */
function latex(text: string): string {
  return text
    .replace(/\\/g, '\\textbackslash{}')
    .replace(/([&%$#_{}])/g, '\\$1')
    .replace(/~/g, '\\textasciitilde{}')
    .replace(/\^/g, '\\textasciicircum{}');
}

function latexName(name: CslName): CslName {
  return Object.fromEntries(Object.entries(name).map(([part, value]) => [part, latex(value as string)])) as CslName;
}

/**
 * BibTeX from citation-js's mapping, written out here: citation-js's own bibtex mapping has no
 * abstract, PMID or PMCID, which Zotero reads from `abstract`, `pmid` and `pmcid`, and repeats
 * the URL as howpublished.
 */
function bibtexText(items: readonly CslItem[]): string {
  const escaped = items.map((item) => ({
    ...withoutNote(item),
    ...(item.title ? { title: latex(item.title) } : {}),
    ...(item['container-title'] ? { 'container-title': latex(item['container-title']) } : {}),
    ...(item.author ? { author: item.author.map(latexName) } : {}),
  }));
  const entries = new Cite(escaped).format('bibtex', { format: 'object' }) as Array<{ type: string; label: string; properties: Record<string, string> }>;
  return entries
    .map((entry, i) => {
      const item = items[i] as CslItem;
      const { howpublished: _url, ...properties } = entry.properties;
      const fields = {
        ...properties,
        ...(item.abstract ? { abstract: latex(item.abstract.replace(/\s+/g, ' ').trim()) } : {}),
        pmid: item.PMID,
        ...(item.PMCID ? { pmcid: item.PMCID } : {}),
      };
      return `@${entry.type}{${entry.label},\n${Object.entries(fields).map(([field, value]) => `\t${field} = {${value}},`).join('\n')}\n}\n`;
    })
    .join('\n');
}

/** The entries in `format`; each ends with a newline. */
export function writeBibliography(entries: readonly BibliographyEntry[], format: BibliographyFormat): string {
  if (format === 'nbib') return entries.map((e) => `${medlineRecord(e)}\n`).join('\n');
  const items = entries.map(cslItem);
  if (format === 'csl') return `${JSON.stringify(items, null, 2)}\n`;
  if (items.length === 0) return '';
  if (format === 'ris') return risText(entries, items);
  return bibtexText(items);
}

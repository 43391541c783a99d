import { StringDecoder } from 'node:string_decoder';
import { SaxesParser } from 'saxes';
import { parsePubDate } from './pubDate';
import { checkTagsOf, registryNumber } from './meshSubjects';
import { canonicalPmid, PMID_RULE } from '../graph/keys';
import type { AuthorRecord, ChemicalRecord, MeshHeadingRecord, PaperRecord, ParsedItem, SupplementaryConceptRecord } from '../graph/paperRecord';

type Attributes = Record<string, string>;

interface AuthorDraft {
  lastName?: string;
  foreName?: string;
  initials?: string;
  suffix?: string;
  collectiveName?: string;
  identifier?: string;
}

/** What has been read of one PubmedArticle (or PubmedBookArticle) so far. */
interface ArticleDraft {
  recordNumber: number;
  isBook: boolean;
  pmid?: string;
  title?: string;
  abstractParts: string[];
  journal?: string;
  journalAbbreviation?: string;
  dateParts: Record<string, string>;
  authors: AuthorRecord[];
  author?: AuthorDraft;
  publicationTypes: string[];
  mesh: MeshHeadingRecord[];
  /** The MeshHeading being read; its QualifierNames follow its DescriptorName. */
  heading?: MeshHeadingRecord;
  chemicals: ChemicalRecord[];
  /** The RegistryNumber of the Chemical being read, which comes before its NameOfSubstance. */
  registryNumber?: string;
  supplementaryConcepts: SupplementaryConceptRecord[];
  keywords: string[];
  doi?: string;
  locationDoi?: string;
  pmcid?: string;
  cites: string[];
}

/** Stores the text of one element (paths relative to the article element) into the draft. */
type TextHandler = (draft: ArticleDraft, text: string, attributes: Attributes) => void;

const ARTICLE = 'MedlineCitation/Article';
const AUTHOR = `${ARTICLE}/AuthorList/Author`;
const PUB_DATE = `${ARTICLE}/Journal/JournalIssue/PubDate`;
const MESH_HEADING = 'MedlineCitation/MeshHeadingList/MeshHeading';
const CHEMICAL = 'MedlineCitation/ChemicalList/Chemical';
// References can be grouped in nested ReferenceLists.
const REFERENCE_ID = /^PubmedData\/ReferenceList\/(?:ReferenceList\/)*Reference\/ArticleIdList\/ArticleId$/;
const ORCID = /(\d{4}-\d{4}-\d{4}-\d{3}[\dX])$/i;
const NUMERIC = /^\d+$/;

const setField =
  (key: 'pmid' | 'title' | 'journal' | 'journalAbbreviation'): TextHandler =>
  (draft, text) => {
    draft[key] = text;
  };

const addTo =
  (key: 'abstractParts' | 'publicationTypes' | 'keywords'): TextHandler =>
  (draft, text) => {
    draft[key].push(text);
  };

const setAuthor =
  (key: keyof AuthorDraft): TextHandler =>
  (draft, text) => {
    if (draft.author) draft.author[key] = text;
  };

const setDatePart =
  (part: string): TextHandler =>
  (draft, text) => {
    draft.dateParts[part] = text;
  };

const TEXT_HANDLERS = new Map<string, TextHandler>([
  ['MedlineCitation/PMID', setField('pmid')],
  ['BookDocument/PMID', setField('pmid')],
  [`${ARTICLE}/ArticleTitle`, setField('title')],
  [`${ARTICLE}/Abstract/AbstractText`, addTo('abstractParts')],
  [`${ARTICLE}/Journal/Title`, setField('journal')],
  [`${ARTICLE}/Journal/ISOAbbreviation`, setField('journalAbbreviation')],
  [`${PUB_DATE}/Year`, setDatePart('Year')],
  [`${PUB_DATE}/Month`, setDatePart('Month')],
  [`${PUB_DATE}/Day`, setDatePart('Day')],
  [`${PUB_DATE}/Season`, setDatePart('Season')],
  [`${PUB_DATE}/MedlineDate`, setDatePart('MedlineDate')],
  [`${ARTICLE}/ELocationID`, storeLocationId],
  [`${AUTHOR}/LastName`, setAuthor('lastName')],
  [`${AUTHOR}/ForeName`, setAuthor('foreName')],
  [`${AUTHOR}/Initials`, setAuthor('initials')],
  [`${AUTHOR}/Suffix`, setAuthor('suffix')],
  [`${AUTHOR}/CollectiveName`, setAuthor('collectiveName')],
  [`${AUTHOR}/Identifier`, storeAuthorIdentifier],
  [`${ARTICLE}/PublicationTypeList/PublicationType`, addTo('publicationTypes')],
  [`${MESH_HEADING}/DescriptorName`, storeDescriptor],
  [`${MESH_HEADING}/QualifierName`, storeQualifier],
  [`${CHEMICAL}/RegistryNumber`, storeRegistryNumber],
  [`${CHEMICAL}/NameOfSubstance`, storeChemical],
  ['MedlineCitation/SupplMeshList/SupplMeshName', storeSupplementaryConcept],
  // Several KeywordLists (one per Owner) may each hold Keywords.
  ['MedlineCitation/KeywordList/Keyword', addTo('keywords')],
  ['PubmedData/ArticleIdList/ArticleId', storeArticleId],
]);

/**
 * Streams an efetch PubmedArticleSet document with a SAX parser, yielding each article as soon as
 * its end tag is read; a fatal XML error yields a rejection for the record it hit, then ends.
 */
export async function* parsePubmedXml(input: NodeJS.ReadableStream): AsyncGenerator<ParsedItem> {
  const reader = new ArticleReader();
  const decoder = new StringDecoder('utf8');
  // Pulling the next chunk only once the consumer has taken every queued article is what gives
  // backpressure: a slow consumer leaves the stream paused.
  for await (const chunk of input) {
    reader.write(typeof chunk === 'string' ? chunk : decoder.write(chunk));
    yield* reader.takeQueued();
    if (reader.failed) return;
  }
  reader.end(decoder.end());
  yield* reader.takeQueued();
}

/** Turns SAX events into queued ParsedItems, one per article element. */
class ArticleReader {
  private readonly parser = new SaxesParser();
  private readonly path: string[] = [];
  private queue: ParsedItem[] = [];
  private recordCount = 0;
  private article?: ArticleDraft;
  private articleDepth = 0;
  private capture?: { handler: TextHandler; attributes: Attributes; depth: number; text: string };
  private stopped = false;

  constructor() {
    this.parser.on('opentag', (tag) => this.guarded(() => this.onOpen(tag.name, tag.attributes)));
    this.parser.on('closetag', () => this.guarded(() => this.onClose()));
    this.parser.on('text', (text) => this.guarded(() => this.onText(text)));
    this.parser.on('cdata', (text) => this.guarded(() => this.onText(text)));
    this.parser.on('error', (error) => this.guarded(() => this.onError(error)));
  }

  /** Feeds decoded text; completed articles wait in the queue until `takeQueued`. */
  write(text: string): void {
    if (text !== '') this.parser.write(text);
  }

  /** Feeds the last text and tells the parser the input is over, so a truncated file is an error. */
  end(rest: string): void {
    this.write(rest);
    if (!this.stopped) this.parser.close();
  }

  /** Hands over everything completed so far. */
  takeQueued(): ParsedItem[] {
    const items = this.queue;
    this.queue = [];
    return items;
  }

  /** True once a syntax error has been reported; nothing after it is read. */
  get failed(): boolean {
    return this.stopped;
  }

  /** saxes reports errors and keeps going; after the first one nothing it reports can be trusted. */
  private guarded(handle: () => void): void {
    if (!this.stopped) handle();
  }

  private onOpen(name: string, attributes: Attributes): void {
    this.path.push(name);
    if (this.article === undefined) {
      if (name === 'PubmedArticle' || name === 'PubmedBookArticle') this.startArticle(name === 'PubmedBookArticle');
      return;
    }
    const relativePath = this.relativePath();
    if (relativePath === AUTHOR) this.article.author = {};
    // Without this a heading or chemical whose name was empty would lend its qualifiers or
    // registry number to the one before it.
    if (relativePath === MESH_HEADING) this.article.heading = undefined;
    if (relativePath === CHEMICAL) this.article.registryNumber = undefined;
    const handler = TEXT_HANDLERS.get(relativePath) ?? (REFERENCE_ID.test(relativePath) ? storeCitation : undefined);
    if (handler) this.capture = { handler, attributes, depth: this.path.length, text: '' };
  }

  private startArticle(isBook: boolean): void {
    this.recordCount += 1;
    this.articleDepth = this.path.length;
    this.article = {
      recordNumber: this.recordCount,
      isBook,
      abstractParts: [],
      dateParts: {},
      authors: [],
      publicationTypes: [],
      mesh: [],
      chemicals: [],
      supplementaryConcepts: [],
      keywords: [],
      cites: [],
    };
  }

  private onClose(): void {
    const relativePath = this.relativePath();
    const depth = this.path.length;
    this.path.pop();
    const article = this.article;
    if (article === undefined) return;
    if (depth === this.articleDepth) {
      this.queue.push(finishArticle(article));
      this.article = undefined;
    } else if (this.capture?.depth === depth) {
      const text = normalizeSpace(this.capture.text);
      // An empty element says nothing, so it must not blank out a value or count as a PMID.
      if (text !== '') this.capture.handler(article, text, this.capture.attributes);
      this.capture = undefined;
    } else if (relativePath === AUTHOR) {
      finishAuthor(article);
    }
  }

  private relativePath(): string {
    return this.path.slice(this.articleDepth).join('/');
  }

  /** Inline markup such as <i> or <sub> inside a captured element contributes its text. */
  private onText(text: string): void {
    if (this.capture) this.capture.text += text;
  }

  private onError(error: Error): void {
    this.stopped = true;
    const article = this.article;
    const where = `line ${this.parser.line}, column ${this.parser.column}`;
    const detail = error.message.replace(/^\d+:\d+: /, '').replace(/\.$/, '');
    this.queue.push({
      kind: 'rejected',
      rejected: {
        recordNumber: article?.recordNumber ?? this.recordCount + 1,
        identifier: article && identify(article),
        reason: `XML syntax error at ${where}: ${detail}; the rest of the file was not read`,
      },
    });
  }
}

function storeLocationId(draft: ArticleDraft, text: string, attributes: Attributes): void {
  if (attributes.EIdType === 'doi') draft.locationDoi ??= text;
}

function storeAuthorIdentifier(draft: ArticleDraft, text: string, attributes: Attributes): void {
  const orcid = attributes.Source === 'ORCID' ? ORCID.exec(text)?.[1] : undefined;
  if (draft.author && orcid !== undefined) draft.author.identifier = orcid;
}

function storeArticleId(draft: ArticleDraft, text: string, attributes: Attributes): void {
  if (attributes.IdType === 'doi') draft.doi ??= text;
  if (attributes.IdType === 'pmc') draft.pmcid ??= text;
}

function storeDescriptor(draft: ArticleDraft, text: string, attributes: Attributes): void {
  draft.heading = withoutUndefined<MeshHeadingRecord>({ descriptor: text, ui: attributes.UI, majorTopic: isMajor(attributes), qualifiers: [] });
  draft.mesh.push(draft.heading);
}

function storeQualifier(draft: ArticleDraft, text: string, attributes: Attributes): void {
  draft.heading?.qualifiers.push(withoutUndefined({ name: text, ui: attributes.UI, majorTopic: isMajor(attributes) }));
}

/** MajorTopicYN defaults to "N" in the DTD. */
function isMajor(attributes: Attributes): boolean {
  return attributes.MajorTopicYN === 'Y';
}

function storeRegistryNumber(draft: ArticleDraft, text: string): void {
  draft.registryNumber = registryNumber(text);
}

function storeChemical(draft: ArticleDraft, text: string, attributes: Attributes): void {
  draft.chemicals.push(withoutUndefined<ChemicalRecord>({ name: text, ui: attributes.UI, registryNumber: draft.registryNumber }));
}

function storeSupplementaryConcept(draft: ArticleDraft, text: string, attributes: Attributes): void {
  draft.supplementaryConcepts.push(withoutUndefined<SupplementaryConceptRecord>({ name: text, ui: attributes.UI, type: attributes.Type }));
}

function storeCitation(draft: ArticleDraft, text: string, attributes: Attributes): void {
  const cited = attributes.IdType === 'pubmed' ? canonicalPmid(text) : undefined;
  if (cited !== undefined && !draft.cites.includes(cited)) draft.cites.push(cited);
}

/**
 * Names authors the way MEDLINE does (AU "Zarate CA Jr", FAU "Zarate, Carlos A Jr") so that the
 * same paper imported from either format gets the same authors.
 */
function finishAuthor(draft: ArticleDraft): void {
  const author = draft.author;
  draft.author = undefined;
  if (author === undefined) return;
  const { lastName, foreName, suffix, collectiveName, identifier } = author;
  const name = lastName ? joinWords(lastName, author.initials, suffix) : collectiveName;
  if (name === undefined) return;
  const fullName = lastName && foreName ? joinWords(`${lastName},`, foreName, suffix) : undefined;
  draft.authors.push(withoutUndefined<AuthorRecord>({ name, fullName, identifier }));
}

function finishArticle(draft: ArticleDraft): ParsedItem {
  const { recordNumber, pmid } = draft;
  const identifier = identify(draft);
  if (draft.isBook) {
    const reason = 'book records (PubmedBookArticle) are not imported';
    return { kind: 'rejected', rejected: { recordNumber, identifier, reason } };
  }
  if (pmid === undefined) {
    return { kind: 'rejected', rejected: { recordNumber, identifier, reason: 'article has no MedlineCitation/PMID' } };
  }
  if (!NUMERIC.test(pmid)) {
    return { kind: 'rejected', rejected: { recordNumber, identifier, reason: `PMID "${pmid}" is not numeric` } };
  }
  const canonical = canonicalPmid(pmid);
  if (canonical === undefined) {
    return { kind: 'rejected', rejected: { recordNumber, identifier, reason: `PMID "${pmid}" is out of range: ${PMID_RULE}` } };
  }
  return { kind: 'paper', record: toPaper(canonical, draft) };
}

function toPaper(pmid: string, draft: ArticleDraft): PaperRecord {
  const { Year, Month, Day, Season, MedlineDate } = draft.dateParts;
  const date = parsePubDate(MedlineDate ?? joinWords(Year, Month ?? Season, Day));
  return withoutUndefined<PaperRecord>({
    pmid,
    doi: draft.doi ?? draft.locationDoi,
    pmcid: draft.pmcid,
    title: draft.title,
    abstract: draft.abstractParts.length > 0 ? draft.abstractParts.join(' ') : undefined,
    journal: draft.journal ?? draft.journalAbbreviation,
    year: date?.year,
    publishedOn: date?.publishedOn,
    publicationTypes: nonEmpty(draft.publicationTypes),
    meshTerms: nonEmpty(draft.mesh.map((h) => h.descriptor)),
    mesh: nonEmpty(draft.mesh),
    checkTags: nonEmpty(checkTagsOf(draft.mesh)),
    chemicals: nonEmpty(draft.chemicals),
    supplementaryConcepts: nonEmpty(draft.supplementaryConcepts),
    keywords: nonEmpty([...new Set(draft.keywords)]),
    authors: nonEmpty(draft.authors),
    cites: nonEmpty(draft.cites),
  });
}

function identify(draft: ArticleDraft): string | undefined {
  const numericPmid = draft.pmid !== undefined ? canonicalPmid(draft.pmid) : undefined;
  return numericPmid ?? draft.doi ?? draft.locationDoi ?? draft.title ?? draft.pmid;
}

function joinWords(...words: (string | undefined)[]): string {
  return words.filter((word) => word !== undefined && word !== '').join(' ');
}

/** Pretty-printed XML puts line breaks and indentation inside text; a record wants single spaces. */
function normalizeSpace(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

function nonEmpty<T>(items: T[]): T[] | undefined {
  return items.length > 0 ? items : undefined;
}

/** Drops absent fields so that a record only has keys its source actually filled. */
function withoutUndefined<T extends object>(record: T): T {
  return Object.fromEntries(Object.entries(record).filter(([, value]) => value !== undefined)) as T;
}

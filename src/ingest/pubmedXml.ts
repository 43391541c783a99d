import { StringDecoder } from 'node:string_decoder';
import { SaxesParser } from 'saxes';
import { parsePubDate } from './pubDate';
import { checkTagsOf, registryNumber } from './meshSubjects';
import { canonicalPmid, normalizeOrcid, PMID_RULE } from '../graph/keys';
import { syntheticPaperKey } from './seedPage';
import { MathText } from './mathText';
import { isRetractedType, withSections } from './paperFields';
import { PAPER_LINK_TYPES, type AuthorRecord, type ChemicalRecord, type MeshHeadingRecord, type PaperLinkRecord, type PaperLinkType, type PaperRecord, type ParsedItem, type SupplementaryConceptRecord } from '../graph/paperRecord';

type Attributes = Record<string, string>;

interface AuthorDraft {
  lastName?: string;
  foreName?: string;
  initials?: string;
  suffix?: string;
  collectiveName?: string;
  identifier?: string;
  affiliations: string[];
}

/** One Grant: MEDLINE's GR joins these with "/". */
interface GrantDraft {
  GrantID?: string;
  Acronym?: string;
  Agency?: string;
  Country?: string;
}

/** One Reference of the ReferenceList: a PMID makes it a citation, a DOI alone a DOI-keyed one. */
interface ReferenceDraft {
  pmid?: string;
  doi?: string;
}

/** What has been read of one PubmedArticle (or PubmedBookArticle) so far. */
interface ArticleDraft {
  recordNumber: number;
  isBook: boolean;
  pmid?: string;
  title?: string;
  abstractParts: Array<{ label?: string; text: string }>;
  languages: string[];
  grants: string[];
  grant?: GrantDraft;
  links: PaperLinkRecord[];
  /** RefType of the CommentsCorrections being read; its PMID follows. */
  linkType?: PaperLinkType | 'Cites';
  reference?: ReferenceDraft;
  citedDois: Array<{ key: string; doi: string }>;
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
const GRANT = `${ARTICLE}/GrantList/Grant`;
const COMMENTS_CORRECTIONS = 'MedlineCitation/CommentsCorrectionsList/CommentsCorrections';
// References can be grouped in nested ReferenceLists.
const REFERENCE = /^PubmedData\/ReferenceList\/(?:ReferenceList\/)*Reference$/;
const REFERENCE_ID = /^PubmedData\/ReferenceList\/(?:ReferenceList\/)*Reference\/ArticleIdList\/ArticleId$/;
const LINK_TYPES: ReadonlySet<string> = new Set(PAPER_LINK_TYPES);
const NUMERIC = /^\d+$/;

const setField =
  (key: 'pmid' | 'title' | 'journal' | 'journalAbbreviation'): TextHandler =>
  (draft, text) => {
    draft[key] = text;
  };

const addTo =
  (key: 'publicationTypes' | 'keywords' | 'languages'): TextHandler =>
  (draft, text) => {
    draft[key].push(text);
  };

const setAuthor =
  (key: Exclude<keyof AuthorDraft, 'affiliations'>): TextHandler =>
  (draft, text) => {
    if (draft.author) draft.author[key] = text;
  };

const setGrantPart =
  (part: keyof GrantDraft): TextHandler =>
  (draft, text) => {
    if (draft.grant) draft.grant[part] = text;
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
  [`${ARTICLE}/Abstract/AbstractText`, storeAbstractText],
  [`${ARTICLE}/Language`, addTo('languages')],
  [`${GRANT}/GrantID`, setGrantPart('GrantID')],
  [`${GRANT}/Acronym`, setGrantPart('Acronym')],
  [`${GRANT}/Agency`, setGrantPart('Agency')],
  [`${GRANT}/Country`, setGrantPart('Country')],
  [`${COMMENTS_CORRECTIONS}/PMID`, storeLink],
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
  [`${AUTHOR}/AffiliationInfo/Affiliation`, storeAffiliation],
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
  /** MathML being read inside a captured element; it writes its own text. */
  private math?: MathText;
  /** PMIDs of the DeleteCitation being read (baseline and update files). */
  private deletion?: { pmids: string[]; text?: string };
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
      else if (name === 'DeleteCitation') this.deletion = { pmids: [] };
      else if (this.deletion && name === 'PMID') this.deletion.text = '';
      return;
    }
    if (this.math) {
      this.math.open(name);
      return;
    }
    if (this.capture && MathText.starts(name)) {
      this.math = new MathText(this.path.length);
      return;
    }
    const relativePath = this.relativePath();
    if (relativePath === AUTHOR) this.article.author = { affiliations: [] };
    if (relativePath === GRANT) this.article.grant = {};
    if (relativePath === COMMENTS_CORRECTIONS) this.article.linkType = LINK_TYPES.has(attributes.RefType ?? '') || attributes.RefType === 'Cites' ? (attributes.RefType as PaperLinkType | 'Cites') : undefined;
    if (REFERENCE.test(relativePath)) this.article.reference = {};
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
      languages: [],
      grants: [],
      links: [],
      citedDois: [],
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
    if (article === undefined) {
      this.closeOutsideArticle(relativePath);
      return;
    }
    if (this.math) {
      const text = this.math.close(depth);
      if (text !== undefined) {
        if (this.capture) this.capture.text += text;
        this.math = undefined;
      }
      return;
    }
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
    } else if (relativePath === GRANT) {
      finishGrant(article);
    } else if (REFERENCE.test(relativePath)) {
      finishReference(article);
    }
  }

  /** Outside an article only a DeleteCitation's PMIDs matter. */
  private closeOutsideArticle(name: string): void {
    const deletion = this.deletion;
    if (deletion === undefined) return;
    if (name === 'DeleteCitation') {
      this.deletion = undefined;
      if (deletion.pmids.length > 0) this.queue.push({ kind: 'deleted', deletion: { pmids: deletion.pmids } });
    } else if (name === 'PMID' && deletion.text !== undefined) {
      const pmid = canonicalPmid(deletion.text);
      if (pmid !== undefined && !deletion.pmids.includes(pmid)) deletion.pmids.push(pmid);
      deletion.text = undefined;
    }
  }

  /** The path below the article element; outside an article, the element's own name. */
  private relativePath(): string {
    return this.article === undefined ? (this.path.at(-1) ?? '') : this.path.slice(this.articleDepth).join('/');
  }

  /** Inline markup such as <i> or <sub> inside a captured element contributes its text; MathML writes its own. */
  private onText(text: string): void {
    if (this.math) this.math.text(text);
    else if (this.capture) this.capture.text += text;
    else if (this.deletion?.text !== undefined) this.deletion.text += text;
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
  const orcid = attributes.Source === 'ORCID' ? normalizeOrcid(text) : undefined;
  if (draft.author && orcid !== undefined) draft.author.identifier ??= orcid;
}

function storeAffiliation(draft: ArticleDraft, text: string): void {
  draft.author?.affiliations.push(text);
}

function storeAbstractText(draft: ArticleDraft, text: string, attributes: Attributes): void {
  draft.abstractParts.push(attributes.Label ? { label: attributes.Label, text } : { text });
}

function storeLink(draft: ArticleDraft, text: string): void {
  const pmid = canonicalPmid(text);
  if (draft.linkType === undefined || pmid === undefined) return;
  if (draft.linkType === 'Cites') {
    if (!draft.cites.includes(pmid)) draft.cites.push(pmid);
    return;
  }
  const type = draft.linkType;
  if (!draft.links.some((l) => l.type === type && l.pmid === pmid)) draft.links.push({ type, pmid });
}

function finishGrant(draft: ArticleDraft): void {
  const grant = draft.grant;
  draft.grant = undefined;
  const text = grant && [grant.GrantID, grant.Acronym, grant.Agency, grant.Country].filter((part) => part !== undefined).join('/');
  if (text && !draft.grants.includes(text)) draft.grants.push(text);
}

function finishReference(draft: ArticleDraft): void {
  const reference = draft.reference;
  draft.reference = undefined;
  if (reference?.pmid !== undefined) {
    if (!draft.cites.includes(reference.pmid)) draft.cites.push(reference.pmid);
  } else if (reference?.doi !== undefined) {
    const key = syntheticPaperKey({ doi: reference.doi });
    if (!draft.cites.includes(key)) {
      draft.cites.push(key);
      draft.citedDois.push({ key, doi: reference.doi });
    }
  }
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
  if (draft.reference === undefined) return;
  if (attributes.IdType === 'pubmed') draft.reference.pmid ??= canonicalPmid(text);
  if (attributes.IdType === 'doi') draft.reference.doi ??= text;
}

/**
 * Names authors the way MEDLINE does (AU "Zarate CA Jr", FAU "Zarate, Carlos A Jr") so that the
 * same paper imported from either format gets the same authors.
 */
function finishAuthor(draft: ArticleDraft): void {
  const author = draft.author;
  draft.author = undefined;
  if (author === undefined) return;
  const { lastName, foreName, suffix, collectiveName, identifier, affiliations } = author;
  const name = lastName ? joinWords(lastName, author.initials, suffix) : collectiveName;
  if (name === undefined) return;
  const fullName = lastName && foreName ? joinWords(`${lastName},`, foreName, suffix) : undefined;
  draft.authors.push(withoutUndefined<AuthorRecord>({ name, fullName, identifier, affiliations: nonEmpty(affiliations) }));
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
  const sectioned = withSections(draft.abstractParts);
  return withoutUndefined<PaperRecord>({
    pmid,
    doi: draft.doi ?? draft.locationDoi,
    pmcid: draft.pmcid,
    title: draft.title,
    abstract: sectioned?.abstract,
    abstractSections: nonEmpty(sectioned?.sections ?? []),
    languages: nonEmpty(draft.languages),
    grants: nonEmpty(draft.grants),
    links: nonEmpty(draft.links),
    retracted: draft.links.some((l) => l.type === 'RetractionIn') || isRetractedType(draft.publicationTypes) ? true : undefined,
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
    citedDois: nonEmpty(draft.citedDois),
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

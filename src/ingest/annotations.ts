/**
 * Loader for curated annotation files such as seed/annotations.yaml: the entities claims are
 * about and the claims papers make, each claim tied to an exact quote in its paper.
 */
import { parseDocument } from 'yaml';
import { z } from 'zod';
import { foldKey, paperKeyOf, slugify } from '../graph/keys';
import { BIOMARKER_ROLES, CLAIM_SOURCES, EVIDENCE_LEVELS, MECHANISM_KINDS, STANCES, type BiomarkerRole, type ClaimSource, type EntityKindName as EntityKind, type EvidenceLevel, type MechanismKind, type Stance } from '../graph/model';
import type { PaperRecord } from '../graph/paperRecord';

/** Paper fields a claim may quote from. */
export const QUOTE_FIELDS = ['title', 'abstract'] as const;
/** Paper field a claim quotes from. */
export type QuoteField = (typeof QUOTE_FIELDS)[number];

/** Fields every annotated entity has. */
export interface EntityFields {
  /** Stable slug, unique across all entity kinds. */
  id: string;
  name: string;
  /** Other names; none of them folds (see foldKey) like another entity's id, name or alias. */
  aliases: string[];
  description?: string;
  /** Identifiers in other vocabularies as CURIEs ("MESH:D007649", "NCBIGene:2475"). */
  xrefs: string[];
  /** The entity an isoform, subunit or complex belongs to ("gsk-3" for GSK-3β). */
  parent?: string;
}

/** A target, receptor or pathway. */
export interface MechanismEntity extends EntityFields {
  entityKind: 'MECHANISM';
  kind: MechanismKind;
}

/** A drug or class of drugs. */
export interface CompoundEntity extends EntityFields {
  entityKind: 'COMPOUND';
}

/** A disorder or clinical presentation. */
export interface ConditionEntity extends EntityFields {
  entityKind: 'CONDITION';
}

/** A measurable marker with its role. */
export interface BiomarkerEntity extends EntityFields {
  entityKind: 'BIOMARKER';
  role: BiomarkerRole;
}

/** An open research direction and the entities it concerns. */
export interface ResearchAimEntity extends EntityFields {
  entityKind: 'RESEARCH_AIM';
  /** The aim's letter or number in its paper's list, e.g. "a". */
  marker?: string;
  /** Ids of declared entities. */
  concerns: string[];
}

/** Any annotated entity, told apart by `entityKind`. */
export type AnnotatedEntity = MechanismEntity | CompoundEntity | ConditionEntity | BiomarkerEntity | ResearchAimEntity;

/** A claim a paper makes, with the exact place its quote occupies in the paper's text. */
export interface AnnotatedClaim {
  id: string;
  /** PMID (or synthetic key) of the asserting paper. */
  paper: string;
  /** Ids of declared entities. */
  about: string[];
  stance: Stance;
  statement: string;
  quote: string;
  field: QuoteField;
  /** Offset of the quote's first occurrence in `field`, in UTF-16 code units as `String.slice` counts. */
  start: number;
  /** Offset just past the quote, so `text.slice(start, end) === quote`. */
  end: number;
  evidenceLevel: EvidenceLevel;
  confidence: number;
  source: ClaimSource;
  curator: string;
}

/** The validated content of an annotation file. */
export interface Annotations {
  /** Bibliographic facts a source page lacks (e.g. the seed paper's journal and year), merged into the papers. */
  papers: PaperRecord[];
  entities: AnnotatedEntity[];
  claims: AnnotatedClaim[];
}

/** The quotable text of each paper, keyed by PMID. */
export type PaperTexts = Map<string, { title?: string; abstract?: string }>;

const GROUP_KINDS = {
  mechanisms: 'MECHANISM',
  compounds: 'COMPOUND',
  conditions: 'CONDITION',
  biomarkers: 'BIOMARKER',
  researchAims: 'RESEARCH_AIM',
} as const satisfies Record<string, EntityKind>;
type Group = keyof typeof GROUP_KINDS;

const SLUG_RULE = 'lowercase letters and digits in words joined by single hyphens';

const nonEmpty = z.string().min(1, 'must not be empty');

const slug = z.string().refine((value) => value === slugify(value) && value !== '', {
  error: (issue) => `"${String(issue.input)}" is not a slug (${SLUG_RULE}); try "${slugify(String(issue.input))}"`,
});

// YAML reads a bare 24392693 as a number; a PMID is a key, so take it as its digits.
const paperKey = z.preprocess((value) => (typeof value === 'number' ? String(value) : value), nonEmpty).transform((key, ctx) => {
  const canonical = paperKeyOf(key);
  if (canonical === undefined) ctx.addIssue({ code: 'custom', message: `"${key}" is not a PubMed id, "Paper:<pmid>" or a reference key ("doi:…", "ref:…")` });
  return canonical ?? z.NEVER;
});

const curie = z.string().regex(/^[A-Za-z][A-Za-z0-9_.]*:[^\s:][^\s]*$/, 'must be a CURIE such as "MESH:D007649" or "NCBIGene:2475"');

const entityFields = {
  id: slug.optional(),
  name: nonEmpty,
  aliases: z.array(nonEmpty).default([]),
  description: nonEmpty.optional(),
  xrefs: z.array(curie).default([]),
  parent: slug.optional(),
};

const fileSchema = z.strictObject({
  papers: z
    .array(
      z.strictObject({
        pmid: paperKey,
        journal: nonEmpty.optional(),
        year: z.number().int().min(1800).max(2100).optional(),
        publishedOn: z.string().regex(/^\d{4}(-\d{2}(-\d{2})?)?$/, 'must be YYYY, YYYY-MM or YYYY-MM-DD').optional(),
        publicationTypes: z.array(nonEmpty).optional(),
        authors: z.array(z.strictObject({ name: nonEmpty, fullName: nonEmpty.optional() })).optional(),
      }),
    )
    .default([]),
  entities: z.strictObject({
    mechanisms: z.array(z.strictObject({ ...entityFields, kind: z.enum(MECHANISM_KINDS) })).default([]),
    compounds: z.array(z.strictObject(entityFields)).default([]),
    conditions: z.array(z.strictObject(entityFields)).default([]),
    biomarkers: z.array(z.strictObject({ ...entityFields, role: z.enum(BIOMARKER_ROLES) })).default([]),
    researchAims: z
      .array(z.strictObject({ ...entityFields, marker: nonEmpty.optional(), concerns: z.array(nonEmpty).min(1, 'must list at least one entity id') }))
      .default([]),
  }),
  claims: z
    .array(
      z.strictObject({
        id: slug,
        paper: paperKey,
        about: z.array(nonEmpty).min(1, 'must list at least one entity id'),
        stance: z.enum(STANCES),
        statement: nonEmpty,
        quote: nonEmpty,
        field: z.enum(QUOTE_FIELDS),
        evidenceLevel: z.enum(EVIDENCE_LEVELS),
        confidence: z.number().min(0, 'must be between 0 and 1').max(1, 'must be between 0 and 1'),
        source: z.enum(CLAIM_SOURCES),
        curator: nonEmpty,
      }),
    )
    .default([]),
});
type AnnotationFile = z.output<typeof fileSchema>;
type ClaimInput = AnnotationFile['claims'][number];

/** An entity with where it was declared, so problems can point at the file. */
interface Declared {
  path: string;
  entity: AnnotatedEntity;
}

/**
 * Parses and validates an annotation file against the papers' texts; throws one Error listing
 * every problem, each prefixed by its path in the file (e.g. `claims[3].stance`) or its claim.
 */
export function loadAnnotations(yamlText: string, paperTexts: PaperTexts): Annotations {
  return loadAnnotationFiles([{ name: '', text: yamlText }], paperTexts);
}

/**
 * Loads several annotation files as one (the seed's annotations and the field's vocabulary):
 * ids and folded names must be unique across all of them, and a claim or aim may refer to an
 * entity of any file. Problems name their file ("vocabulary.yaml: entities.compounds[3].id").
 */
export function loadAnnotationFiles(files: ReadonlyArray<{ name: string; text: string }>, paperTexts: PaperTexts): Annotations {
  const problems: string[] = [];
  const declared: Declared[] = [];
  const papers: PaperRecord[] = [];
  const claimInputs: ClaimInput[] = [];
  for (const { name, text } of files) {
    const prefix = name === '' ? '' : `${name}: `;
    let file: AnnotationFile;
    try {
      file = parseFile(text);
    } catch (error) {
      throw new Error(`${prefix}${error instanceof Error ? error.message : String(error)}`, { cause: error });
    }
    declared.push(...declareEntities(file, problems).map((d) => ({ ...d, path: `${prefix}${d.path}` })));
    papers.push(...file.papers);
    claimInputs.push(...file.claims);
  }
  const ids = indexIds(declared, problems);
  const names = indexNames(declared, problems);
  for (const { path, entity } of declared) {
    if (entity.parent !== undefined) {
      checkReference(entity.parent, `${path}.parent`, ids, names, problems);
      if (entity.parent === entity.id) problems.push(`${path}.parent: an entity cannot be its own parent`);
    }
    if (entity.entityKind !== 'RESEARCH_AIM') continue;
    entity.concerns.forEach((id, j) => checkReference(id, `${path}.concerns[${j}]`, ids, names, problems));
  }
  const claims = locateClaims(claimInputs, paperTexts, ids, names, problems);
  if (problems.length > 0) throw invalid(problems);
  return { papers, entities: declared.map(({ entity }) => entity), claims };
}


function parseFile(yamlText: string): AnnotationFile {
  const document = parseDocument(yamlText);
  if (document.errors.length > 0) {
    throw new Error(`annotations are not valid YAML:\n${document.errors.map((error) => error.message).join('\n')}`);
  }
  const parsed = fileSchema.safeParse(document.toJS(), { error: plainMessage });
  if (!parsed.success) throw invalid(parsed.error.issues.map((issue) => `${formatPath(issue.path)}: ${issue.message}`));
  return parsed.data;
}

// Zod's defaults ("Invalid option: expected one of \"A\"|\"B\"") read poorly to a curator editing YAML.
function plainMessage(issue: z.core.$ZodRawIssue): string | undefined {
  if (issue.input === undefined && (issue.code === 'invalid_type' || issue.code === 'invalid_value')) return 'required';
  if (issue.code === 'invalid_value') return `expected one of ${issue.values.map(String).join(', ')}`;
  return undefined;
}

function formatPath(path: PropertyKey[]): string {
  if (path.length === 0) return '(file)';
  return path.map((key, i) => (typeof key === 'number' ? `[${key}]` : `${i === 0 ? '' : '.'}${String(key)}`)).join('');
}

function invalid(problems: string[]): Error {
  return new Error(`invalid annotations:\n  ${problems.join('\n  ')}`);
}

function declareEntities(file: AnnotationFile, problems: string[]): Declared[] {
  const declared: Declared[] = [];
  for (const group of Object.keys(GROUP_KINDS) as Group[]) {
    file.entities[group].forEach((input, i) => {
      const path = `entities.${group}[${i}]`;
      const id = input.id ?? slugify(input.name);
      if (id === '') problems.push(`${path}.name: cannot derive an id from "${input.name}"; give the entity an id`);
      declared.push({ path, entity: { ...input, id, entityKind: GROUP_KINDS[group] } as AnnotatedEntity });
    });
  }
  return declared;
}

function indexIds(declared: Declared[], problems: string[]): Map<string, string> {
  const pathById = new Map<string, string>();
  for (const { path, entity } of declared) {
    const first = pathById.get(entity.id);
    if (first === undefined) pathById.set(entity.id, path);
    else problems.push(`${path}.id: duplicate entity id "${entity.id}", first declared at ${first}`);
  }
  return pathById;
}

interface NameOwner {
  id: string;
  name: string;
  where: string;
}

/**
 * The API finds an entity by the fold of its id, name or any alias (its `matchKeys`) and, when a
 * key folds to two entities, silently answers with one of them; so every folded key must belong to
 * one entity. The id comes last: one derived from the name mostly folds like it, and a problem
 * should point at the name, which the file spells out.
 */
function indexNames(declared: Declared[], problems: string[]): Map<string, string> {
  const ownerByKey = new Map<string, NameOwner>();
  for (const { path, entity } of declared) {
    const labelled: Array<[string, string]> = [
      [`${path}.name`, entity.name],
      ...entity.aliases.map((alias, j): [string, string] => [`${path}.aliases[${j}]`, alias]),
      [`${path}.id`, entity.id],
    ];
    for (const [where, name] of labelled) {
      const key = foldKey(name);
      // matchKeys leaves out an empty fold, so no lookup reaches an entity by it.
      if (key === '') continue;
      const owner = ownerByKey.get(key);
      if (owner === undefined) ownerByKey.set(key, { id: entity.id, name, where });
      else if (owner.id !== entity.id) {
        problems.push(
          `${where}: "${name}" already names entity "${owner.id}" as "${owner.name}" (${owner.where}); both fold to the lookup key "${key}", so a lookup could not tell "${entity.id}" from "${owner.id}"`,
        );
      }
    }
  }
  return new Map([...ownerByKey].map(([key, owner]) => [key, owner.id]));
}

function checkReference(id: string, where: string, ids: Map<string, string>, names: Map<string, string>, problems: string[]): void {
  if (ids.has(id)) return;
  const meant = names.get(foldKey(id));
  problems.push(`${where}: unknown entity "${id}"${meant === undefined ? '' : ` (did you mean "${meant}"?)`}`);
}

function locateClaims(
  inputs: ClaimInput[],
  paperTexts: PaperTexts,
  ids: Map<string, string>,
  names: Map<string, string>,
  problems: string[],
): AnnotatedClaim[] {
  const seen = new Set<string>();
  const claims: AnnotatedClaim[] = [];
  inputs.forEach((input, i) => {
    const path = `claims[${i}]`;
    if (seen.has(input.id)) problems.push(`${path}.id: duplicate claim id "${input.id}"`);
    seen.add(input.id);
    input.about.forEach((id, j) => checkReference(id, `${path}.about[${j}] (claim "${input.id}")`, ids, names, problems));
    const span = locateQuote(input, paperTexts, problems);
    if (span) claims.push({ ...input, ...span });
  });
  return claims;
}

// The first occurrence is the one stored; a curator pins a later one by quoting more context.
function locateQuote(claim: ClaimInput, paperTexts: PaperTexts, problems: string[]): { start: number; end: number } | undefined {
  const text = paperTexts.get(claim.paper)?.[claim.field];
  if (text === undefined) {
    problems.push(`claim "${claim.id}": no ${claim.field} text for paper ${claim.paper}`);
    return undefined;
  }
  const start = text.indexOf(claim.quote);
  if (start >= 0) return { start, end: start + claim.quote.length };
  const matched = longestMatchedPrefix(claim.quote, text);
  const hint = matched === 0 ? '' : `; only its first ${matched} characters match ("${claim.quote.slice(0, matched)}")`;
  problems.push(`claim "${claim.id}": quote not found in ${claim.field} of paper ${claim.paper}: "${claim.quote}"${hint}`);
  return undefined;
}

// Tells the curator where a near-miss quote diverges, which a plain "not found" hides.
function longestMatchedPrefix(quote: string, text: string): number {
  let length = 0;
  while (length < quote.length && text.includes(quote.slice(0, length + 1))) length += 1;
  return length;
}

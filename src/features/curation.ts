import { randomUUID } from 'node:crypto';
import { z } from 'zod';
/** The curators' workflow: add and update papers, entities, claims and citations, each checked before anything is written. */
import type { Executor } from '../db/executor';
import { ErrorCode, EvmapError, quoteInput } from '../errors';
import { PMID_RULE, canonicalPmid, foldKey, keyOf, paperKeyOf, requirePaperKey, slugify } from '../graph/keys';
import { BIOMARKER_ROLES, ENTITY_KIND_LABEL, ENTITY_KINDS, EVIDENCE_LEVELS, MECHANISM_KINDS, STANCES, type EntityKindName } from '../graph/model';
import type { ClaimRow, EntityReadRow, PaperReadRow } from '../graph/records';
import { reanchorCuratedQuotes } from '../ingest/reanchor';
import { tagPapers } from '../ingest/tagging';
import { claimsByIds, papersByPmids } from '../store/batches';
import { MINED_PREFIX, createClaimOnceQuery, retractClaimQuery } from '../store/claims';
import { labelOfEntityQuery, nameClashesQuery, upsertEntitiesQueries } from '../store/entities';
import { addCitationQuery, upsertPapersQuery } from '../store/papers';
import { findEntity, requireEntities } from './entityRefs';

/** Turns zod issues into one BAD_USER_INPUT error that names each offending field. */
function parse<T>(schema: z.ZodType<T>, value: unknown, root: string): T {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const problems = result.error.issues.map((i) => `${[root, ...i.path].join('.')}: ${i.message}`);
  throw new EvmapError(ErrorCode.BadUserInput, `Invalid ${root}: ${problems.join('; ')}`, { problems });
}

const text = (max: number) => z.string().trim().min(1, 'must not be empty').max(max, `must be at most ${max} characters`);
const slug = z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be a slug: lowercase letters and digits joined by single hyphens').max(100);

/** A PubMed id ("24392693", "024392693" or "Paper:24392693") in its canonical form. */
const pmid = z.string().transform((ref, ctx) => {
  const key = canonicalPmid(keyOf('Paper', ref.trim()));
  if (key === undefined) ctx.addIssue({ code: 'custom', message: `must be a PubMed id or "Paper:<pmid>"; ${PMID_RULE}` });
  return key ?? z.NEVER;
});

/** A paper to attach to: a PubMed id as `pmid` takes it, or the synthetic key of a reference known without one. */
const paperRef = z.string().transform((ref, ctx) => {
  const key = paperKeyOf(ref);
  if (key === undefined) ctx.addIssue({ code: 'custom', message: `must be a PubMed id, "Paper:<pmid>" or a reference key ("doi:…", "ref:…"); ${PMID_RULE}` });
  return key ?? z.NEVER;
});

const paperInput = z.object({
  pmid,
  doi: z.string().trim().regex(/^10\.\d{4,9}\/\S+$/, 'must be a DOI such as 10.1146/annurev-pharmtox-011613-135950').nullish(),
  pmcid: z.string().trim().regex(/^PMC\d+$/, 'must look like PMC4089991').nullish(),
  title: text(2000).nullish(),
  abstract: text(50_000).nullish(),
  journal: text(500).nullish(),
  year: z.number().int().min(1800, 'must be 1800 or later').max(2100, 'must be 2100 or earlier').nullish(),
  publishedOn: z.string().regex(/^\d{4}(-\d{2}(-\d{2})?)?$/, 'must be YYYY, YYYY-MM or YYYY-MM-DD').nullish(),
  publicationTypes: z.array(text(200)).max(50).nullish(),
  meshTerms: z.array(text(300)).max(500).nullish(),
  authors: z.array(z.object({ name: text(300), fullName: text(300).nullish() })).max(1000).nullish(),
  cites: z.array(pmid).max(1000).nullish(),
});

/**
 * Creates or updates a paper (merging fields, never blanking them), finds its curated quotes in
 * a changed title or abstract again (a lost one sends its claim to review) and tags its text
 * for mentions.
 */
export async function upsertPaper(db: Executor, raw: unknown): Promise<{ paper: PaperReadRow; created: boolean }> {
  const input = parse(paperInput, raw, 'input');
  const [counts] = await db.run(upsertPapersQuery([
    {
      pmid: input.pmid,
      doi: input.doi ?? undefined,
      pmcid: input.pmcid ?? undefined,
      title: input.title ?? undefined,
      abstract: input.abstract ?? undefined,
      journal: input.journal ?? undefined,
      year: input.year ?? undefined,
      publishedOn: input.publishedOn ?? undefined,
      publicationTypes: input.publicationTypes ?? undefined,
      meshTerms: input.meshTerms ?? undefined,
      authors: input.authors?.map((a) => ({ name: a.name, fullName: a.fullName ?? undefined })),
      cites: input.cites ?? undefined,
    },
  ]));
  const [paper] = await papersByPmids(db, [input.pmid]);
  if (!paper) throw new Error(`paper ${input.pmid} was written but cannot be read back`);
  await reanchorCuratedQuotes(db, [paper.pmid]);
  await tagPapers(db, [paper]);
  return { paper, created: counts?.created === 1 };
}

/** The ids of the entities some references name, in one query; NOT_FOUND names every one that matches nothing. */
async function entityIds(db: Executor, refs: string[], argumentName: string): Promise<string[]> {
  const found = await requireEntities(db, refs, argumentName);
  return [...new Set(refs.map((ref) => (found.get(ref) as EntityReadRow).id))];
}

const entityInput = z.object({
  kind: z.enum(ENTITY_KINDS as [EntityKindName, ...EntityKindName[]]),
  id: slug.nullish(),
  name: text(300),
  aliases: z.array(text(300)).max(100).nullish(),
  description: text(5000).nullish(),
  mechanismKind: z.enum(MECHANISM_KINDS).nullish(),
  role: z.enum(BIOMARKER_ROLES).nullish(),
  concerns: z.array(z.string().min(1)).max(100).nullish(),
  marker: text(10).nullish(),
});

/** Creates or updates an entity; refuses names that already belong to another entity and kind-specific fields on the wrong kind. */
export async function upsertEntity(db: Executor, raw: unknown): Promise<{ entity: EntityReadRow; created: boolean }> {
  const input = parse(entityInput, raw, 'input');
  const id = input.id ?? slugify(input.name);
  // slugify yields a valid slug or nothing (a name of only punctuation).
  if (id === '') throw new EvmapError(ErrorCode.BadUserInput, `input.name: cannot derive an id from ${quoteInput(input.name)}; give input.id`);
  const misplaced = [
    input.mechanismKind && input.kind !== 'MECHANISM' ? 'mechanismKind is for MECHANISM' : undefined,
    input.role && input.kind !== 'BIOMARKER' ? 'role is for BIOMARKER' : undefined,
    (input.concerns || input.marker) && input.kind !== 'RESEARCH_AIM' ? 'concerns and marker are for RESEARCH_AIM' : undefined,
  ].filter(Boolean);
  if (misplaced.length > 0) throw new EvmapError(ErrorCode.BadUserInput, `input: ${misplaced.join('; ')}`);

  const label = ENTITY_KIND_LABEL[input.kind];
  const [existing] = await db.run(labelOfEntityQuery(id));
  const existingLabel = existing?.label ?? null;
  if (existingLabel && existingLabel !== label) {
    throw new EvmapError(ErrorCode.Conflict, `id "${id}" already names a ${existingLabel}; entity ids are unique across kinds`);
  }
  const aliases = [...new Set((input.aliases ?? []).filter((a) => foldKey(a) !== foldKey(input.name)))];
  const clashes = await db.run(nameClashesQuery(id, [input.name, ...aliases].map(foldKey)));
  if (clashes.length > 0) {
    throw new EvmapError(ErrorCode.BadUserInput, `input: a name or alias already belongs to ${clashes.map((c) => `"${c.id}" (${c.name})`).join(', ')}`);
  }
  const concerns = await entityIds(db, input.concerns ?? [], 'input.concerns');
  await db.runAll(upsertEntitiesQueries([
    {
      entityKind: input.kind,
      id,
      name: input.name,
      aliases,
      description: input.description ?? undefined,
      kind: input.mechanismKind ?? undefined,
      role: input.role ?? undefined,
      marker: input.marker ?? undefined,
      concerns,
    },
  ]));
  const entity = await findEntity(db, id, [label]);
  if (!entity) throw new Error(`entity ${id} was written but cannot be read back`);
  return { entity, created: existingLabel === null };
}

const claimInput = z.object({
  id: slug
    .refine((v) => !v.startsWith(MINED_PREFIX), `must not start with "${MINED_PREFIX}", which is reserved for mined claims`)
    .nullish(),
  paper: paperRef,
  about: z.array(z.string().min(1, 'must not be empty')).min(1, 'must name at least one entity').max(20, 'must name at most 20 entities'),
  stance: z.enum(STANCES),
  quote: text(5000),
  evidenceLevel: z.enum(EVIDENCE_LEVELS),
  statement: text(2000).nullish(),
  confidence: z.number().min(0, 'must be between 0 and 1').max(1, 'must be between 0 and 1').nullish(),
});

/**
 * Adds a curated claim after checking that the paper and every entity exist and that the quote
 * occurs verbatim in the paper's title or abstract. With an id, a retried request gets back the
 * claim it made the first time (`created: false`) and a request with different content under
 * that id is a CONFLICT, however many arrive at once.
 */
export async function addClaim(db: Executor, raw: unknown, curator: string): Promise<{ claim: ClaimRow; created: boolean }> {
  const input = parse(claimInput, raw, 'input');
  const [paper] = await papersByPmids(db, [input.paper]);
  if (!paper) throw new EvmapError(ErrorCode.NotFound, `input.paper: no paper ${quoteInput(input.paper)}`, { argumentName: 'input.paper' });
  const about = await entityIds(db, input.about, 'input.about');
  const field = paper.title?.includes(input.quote) ? 'title' : paper.abstract?.includes(input.quote) ? 'abstract' : undefined;
  if (!field) {
    throw new EvmapError(ErrorCode.BadUserInput, `input.quote: does not occur in the title or abstract of paper ${paper.pmid}; copy it exactly`);
  }
  const start = (paper[field] as string).indexOf(input.quote);
  const id = input.id ?? `${paper.pmid}-${randomUUID().slice(0, 8)}`;
  const [result] = await db.run(
    createClaimOnceQuery(
      {
        id,
        paper: paper.pmid,
        about,
        stance: input.stance,
        statement: input.statement ?? undefined,
        quote: input.quote,
        field,
        start,
        end: start + input.quote.length,
        evidenceLevel: input.evidenceLevel,
        confidence: input.confidence ?? undefined,
        curator,
      },
      randomUUID(),
    ),
  );
  if (!result) throw new EvmapError(ErrorCode.NotFound, `input.paper: no paper ${quoteInput(input.paper)}`, { argumentName: 'input.paper' });
  if (!result.same) {
    throw new EvmapError(ErrorCode.Conflict, `claim "${id}" already exists with different content; choose another id`);
  }
  return { claim: result.claim, created: result.created };
}

/** Retracts a claim: it stays in the graph with when and why, and leaves every evidence count. */
export async function retractClaim(db: Executor, rawId: string, rawReason: string): Promise<ClaimRow> {
  const reason = parse(text(2000), rawReason, 'reason');
  const id = keyOf('Claim', rawId);
  const [retracted] = await db.run(retractClaimQuery(id, reason));
  if (!retracted) throw new EvmapError(ErrorCode.NotFound, `no claim ${quoteInput(rawId)}`, { argumentName: 'id' });
  const [claim] = await claimsByIds(db, [id]);
  if (!claim) throw new Error(`claim ${id} vanished after retraction`);
  return claim;
}

/** Records a citation between two existing papers. */
export async function addCitation(db: Executor, citingRef: string, citedRef: string): Promise<{ citing: PaperReadRow; cited: PaperReadRow; created: boolean }> {
  const citing = requirePaperKey(citingRef, 'citing');
  const cited = requirePaperKey(citedRef, 'cited');
  if (citing === cited) throw new EvmapError(ErrorCode.BadUserInput, 'citing and cited must be different papers');
  const [result] = await db.run(addCitationQuery(citing, cited));
  const [a, b] = await papersByPmids(db, [citing, cited]);
  if (!result || !a || !b) {
    const argumentName = !a ? 'citing' : 'cited';
    throw new EvmapError(ErrorCode.NotFound, `${argumentName}: no paper ${quoteInput(!a ? citingRef : citedRef)}`, { argumentName });
  }
  return { citing: a, cited: b, created: result.created };
}

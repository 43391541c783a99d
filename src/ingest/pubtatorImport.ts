import type { Executor } from '../db/executor';
import type { PaperReadRow, QuoteFieldName, SentenceClaim, UpsertCounts } from '../graph/records';
import type { RejectedRecord } from '../graph/paperRecord';
import { papersByPmids } from '../store/batches';
import { writeSentenceClaimsQuery } from '../store/claims';
import { addXrefsQuery, entityIndexQuery, upsertEntitiesQueries } from '../store/entities';
import { storedTitle, upsertPapersQuery } from '../store/papers';
import { evidenceLevelOf } from './evidence/evidenceLevel';
import { EntityIndex, namesByIdentifier, type Resolution } from './pubtator/entities';
import { PUBTATOR_PARSERS, type PubtatorDocument, type PubtatorFormat } from './pubtator';
import { pubtatorClaimPrefix, relationClaim } from './pubtator/relations';
import { addReanchorCounts, noReanchoring, reanchorCuratedQuotes, type ReanchorCounts } from './reanchor';
import type { MentionSpan, TextField } from './tagger';
import { fieldsWithText, loadTagger, tagPapers, withExtraMentions, type PaperText } from './tagging';
import { importClaims } from '../observe/metrics';

/** What a PubTator import did beyond the papers it wrote. */
export interface PubtatorCounts {
  documents: number;
  /** Entities made for identifiers nothing in the graph carried. */
  entitiesCreated: number;
  /** Annotations resolved to an entity already there, by identifier or by name. */
  entitiesMatched: number;
  /** Relations stored as PUBTATOR claims. */
  relationClaims: number;
  /** Relations left out because no sentence of the paper mentions both entities. */
  relationsWithoutSentence: number;
  /** Mentions whose offsets did not slice back out of the text, or of a type the model has no place for (species, variants). */
  mentionsDropped: number;
  /** Bulk-file documents for papers not in the graph, which bulk files cannot create (they carry no text). */
  notInGraph: number;
  mentions: number;
  sentenceClaims: number;
}

export interface PubtatorImportResult {
  counts: PubtatorCounts;
  papers: UpsertCounts;
  rejected: RejectedRecord[];
  reanchored: ReanchorCounts;
}

const WORD = /[\p{L}\p{N}]/u;

/** Every word-bounded place `text` occurs in `field`, for bulk mentions, which come without offsets. */
function locate(field: TextField, fieldText: string, text: string): Array<{ field: TextField; start: number; end: number }> {
  const found: Array<{ field: TextField; start: number; end: number }> = [];
  if (text === '') return found;
  for (let at = fieldText.indexOf(text); at >= 0; at = fieldText.indexOf(text, at + 1)) {
    const end = at + text.length;
    if (!WORD.test(fieldText[at - 1] ?? '') && !WORD.test(fieldText[end] ?? '')) found.push({ field, start: at, end });
  }
  return found;
}

/**
 * Imports PubTator3 annotations: PubTator's genes, chemicals and diseases become (or merge into)
 * mechanisms, compounds and conditions by identifier; its mentions join the tagger's for mining
 * sentence claims; its relations become PUBTATOR claims quoting the first sentence naming both.
 * Text formats write their papers; bulk files (no text) annotate papers already in the graph.
 */
export async function importPubtator(
  db: Executor,
  /** Opened only once the graph's entities are read, so a flowing stream loses nothing while the import waits. */
  openInput: () => NodeJS.ReadableStream,
  format: PubtatorFormat,
  options: { batchSize: number; onRecord?: (records: number, rejected: number) => void },
): Promise<PubtatorImportResult> {
  const counts: PubtatorCounts = {
    documents: 0,
    entitiesCreated: 0,
    entitiesMatched: 0,
    relationClaims: 0,
    relationsWithoutSentence: 0,
    mentionsDropped: 0,
    notInGraph: 0,
    mentions: 0,
    sentenceClaims: 0,
  };
  const papers: UpsertCounts = { created: 0, updated: 0, unchanged: 0 };
  const rejected: RejectedRecord[] = [];
  const reanchored = noReanchoring();
  const index = new EntityIndex(await db.run(entityIndexQuery()));
  let tagger = await loadTagger(db);
  const bulk = format === 'pubtator-bulk-concepts' || format === 'pubtator-bulk-relations';
  let batch: PubtatorDocument[] = [];

  const flush = async () => {
    const docs = batch;
    batch = [];
    if (docs.length === 0) return;
    const stored = new Map((await papersByPmids(db, docs.map((d) => d.pmid))).filter((p): p is PaperReadRow => p !== null).map((p) => [p.pmid, p]));
    const usable = bulk ? docs.filter((d) => stored.has(d.pmid)) : docs;
    counts.notInGraph += docs.length - usable.length;
    if (!bulk) {
      const [written] = await db.run(upsertPapersQuery(usable.map((d) => ({ pmid: d.pmid, title: d.title, abstract: d.abstract }))));
      if (written) for (const k of ['created', 'updated', 'unchanged'] as const) papers[k] += written[k];
      addReanchorCounts(reanchored, await reanchorCuratedQuotes(db, usable.map((d) => d.pmid)));
    }

    const names = namesByIdentifier(usable.flatMap((d) => d.annotations));
    const resolveOne = (type: string, identifiers: string[]): Resolution | undefined => {
      const resolution = index.resolve({ type, identifiers }, identifiers.flatMap((id) => names.get(id) ?? []));
      if (resolution?.how === 'created') counts.entitiesCreated += 1;
      else if (resolution) counts.entitiesMatched += 1;
      return resolution;
    };
    const texts: PaperText[] = [];
    const relationClaims: Array<{ pmid: string; prefix: string; fields: QuoteFieldName[]; claims: SentenceClaim[] }> = [];
    const perDoc = usable.map((doc) => {
      const paper = stored.get(doc.pmid);
      const fields = bulk ? { title: paper?.title ?? undefined, abstract: paper?.abstract ?? undefined } : { title: storedTitle(doc.title), abstract: doc.abstract };
      const spans: MentionSpan[] = [];
      const byIdentifier = new Map<string, string>();
      counts.mentionsDropped += doc.dropped.filter((d) => d.kind === 'mention').length;
      for (const a of doc.annotations) {
        const resolution = resolveOne(a.type, a.identifiers);
        if (!resolution) {
          counts.mentionsDropped += 1;
          continue;
        }
        for (const id of a.identifiers) byIdentifier.set(id, resolution.entityId);
        const places = a.field !== undefined && a.start !== undefined && a.end !== undefined ? [{ field: a.field, start: a.start, end: a.end }] : (['title', 'abstract'] as const).flatMap((f) => locate(f, fields[f] ?? '', a.text));
        for (const place of places) {
          // A title stored without PubTator's final period can lose a mention that ran into it.
          if ((fields[place.field] ?? '').slice(place.start, place.end) !== a.text) continue;
          spans.push({ entityId: resolution.entityId, label: resolution.label, ...place, text: a.text });
        }
      }
      return { doc, paper, fields, spans, byIdentifier };
    });

    const created = [...index.created.values()];
    if (created.length > 0) await db.runAll(upsertEntitiesQueries(created));
    const xrefs = [...index.xrefsAdded].map(([id, added]) => ({ id, xrefs: [...added] }));
    if (xrefs.length > 0) await db.run(addXrefsQuery(xrefs));
    index.created.clear();
    index.xrefsAdded.clear();
    if (created.length > 0) tagger = await loadTagger(db);

    for (const { doc, paper, fields, spans, byIdentifier } of perDoc) {
      const design = { publicationTypes: paper?.publicationTypes, meshTerms: paper?.meshTerms };
      // A relation is quoted where both its entities are named, by PubTator or by the tagger;
      // the same mentions feed the sentence mining, so the text is tagged once.
      const named = withExtraMentions(tagger.tagAll(fields), spans);
      texts.push({ pmid: doc.pmid, ...fields, ...design, spans: named });
      const claims: SentenceClaim[] = [];
      for (const r of doc.relations) {
        const subject = byIdentifier.get(r.subject.identifier) ?? resolveOne(r.subject.type, [r.subject.identifier])?.entityId;
        const object = byIdentifier.get(r.object.identifier) ?? resolveOne(r.object.type, [r.object.identifier])?.entityId;
        const claim = subject && object && subject !== object ? relationClaim(doc.pmid, { type: r.type, subject, object, score: r.score }, fields, named, evidenceLevelOf(design)) : undefined;
        if (claim && !claims.some((c) => c.id === claim.id)) claims.push(claim);
        else if (!claim) counts.relationsWithoutSentence += 1;
      }
      counts.relationClaims += claims.length;
      relationClaims.push({ pmid: doc.pmid, prefix: pubtatorClaimPrefix(doc.pmid), fields: fieldsWithText(fields), claims });
    }
    const tagged = await tagPapers(db, texts, tagger);
    counts.mentions += tagged.mentions;
    counts.sentenceClaims += tagged.sentenceClaims;
    if (relationClaims.length > 0) {
      await db.run(writeSentenceClaimsQuery(relationClaims));
      importClaims.inc({ source: 'PUBTATOR' }, relationClaims.reduce((sum, r) => sum + r.claims.length, 0));
    }
  };

  let records = 0;
  for await (const item of PUBTATOR_PARSERS[format](openInput())) {
    if (item.kind === 'rejected') rejected.push(item.rejected);
    else {
      records += 1;
      counts.documents += 1;
      batch.push(item.document);
      if (batch.length >= options.batchSize) await flush();
    }
    options.onRecord?.(records, rejected.length);
  }
  await flush();
  return { counts, papers, rejected, reanchored };
}

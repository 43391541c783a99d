import { setTimeout } from 'node:timers/promises';
import type { Executor } from '../db/executor';
import { ErrorCode, EvmapError } from '../errors';
import type { UpsertCounts } from '../graph/records';
import type { ParsedItem, RejectedRecord } from '../graph/paperRecord';
import { eutilsDate, today, type DateRange } from './eutils/dateSlices';
import { efetch } from './eutils/efetch';
import { ELINK_MAX_IDS, elink } from './eutils/elink';
import { EutilsHttp, type EutilsSettings } from './eutils/http';
import { slicedSearch, type Slice } from './eutils/slicedSearch';
import { writeCitations } from './citationWrite';
import { readState, saveState, type FetchState } from './fetchState';
import { importParsedItems } from './pipeline';
import { loadTagger } from './tagging';

export interface FetchOptions {
  /** A PubMed query, as typed into PubMed's search box. */
  query: string;
  /** YYYY-MM-DD: only records added or changed since then (their modification date). */
  since?: string;
  /** Stop after this many records. */
  max?: number;
  /** Also link each record to its references and citers (elink). */
  citations: boolean;
  /** Continue the fetch recorded in `stateFile` instead of starting again. */
  resume: boolean;
  /** PMIDs per efetch request, which is also the records per write transaction. */
  batchSize: number;
  stateFile: string;
  eutils: EutilsSettings;
  onProgress?: (progress: FetchProgress) => void;
}

export interface FetchProgress {
  /** Ids the slices searched so far listed (the total grows while the search is sliced). */
  found: number;
  /** Records imported, by this run and the runs it resumes. */
  fetched: number;
}

export interface FetchSummary extends UpsertCounts {
  query: string;
  since: string | null;
  found: number;
  /** Records imported by this run. */
  fetched: number;
  rejected: RejectedRecord[];
  mentions: number;
  sentenceClaims: number;
  /** CITES relationships created (`--citations`). */
  citationsCreated: number;
  requests: number;
  retries: number;
  ms: number;
  stateFile: string;
}

/** Every publication date PubMed holds, ahead-of-print issues of next year included. */
function allPublicationDates(now: Date): DateRange {
  return { from: '1800/01/01', to: `${now.getUTCFullYear() + 1}/12/31` };
}

function freshState(options: FetchOptions): FetchState {
  const since = options.since ?? null;
  const now = new Date();
  const range = since ? { from: eutilsDate(since), to: today(now) } : allPublicationDates(now);
  return { version: 1, query: options.query, since, dateType: since ? 'mdat' : 'pdat', pending: [range], current: null, found: 0, fetched: [], linked: [] };
}

async function startingState(options: FetchOptions): Promise<FetchState> {
  if (!options.resume) return freshState(options);
  const state = await readState(options.stateFile);
  if (state.query !== options.query || state.since !== (options.since ?? null)) {
    throw new EvmapError(ErrorCode.BadUserInput, `--resume: ${options.stateFile} records the fetch of ${JSON.stringify(state.query)}${state.since ? ` since ${state.since}` : ''}, not this one`, { argumentName: 'resume' });
  }
  return state;
}

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

async function* fromArray(items: readonly ParsedItem[]): AsyncGenerator<ParsedItem> {
  yield* items;
}

/**
 * `evmap fetch`: searches PubMed (date slices when the search lists more than esearch can),
 * fetches the records in batches and imports them through the import pipeline, then, with
 * `citations`, links them to their references and citers. The state file is saved after each
 * step, so a fetch that stops (a failure, Ctrl-C) resumes without importing a record twice
 * or losing one.
 */
export async function fetchPubmed(db: Executor, options: FetchOptions): Promise<FetchSummary> {
  const started = Date.now();
  const http = new EutilsHttp(options.eutils);
  const state = await startingState(options);
  await saveState(options.stateFile, state);
  // NCBI counts a client's requests across processes: the run being resumed may have sent its
  // last ones (retries included) a moment ago, so one rate window passes before this run's first.
  if (options.resume) await setTimeout(1000);
  const fetched = new Set(state.fetched);
  const tagger = await loadTagger(db);
  const summary: FetchSummary = {
    query: options.query,
    since: state.since,
    found: state.found,
    fetched: 0,
    created: 0,
    updated: 0,
    unchanged: 0,
    rejected: [],
    mentions: 0,
    sentenceClaims: 0,
    citationsCreated: 0,
    requests: 0,
    retries: 0,
    ms: 0,
    stateFile: options.stateFile,
  };
  const report = () => options.onProgress?.({ found: state.found, fetched: fetched.size });
  const room = () => (options.max === undefined ? Number.POSITIVE_INFINITY : options.max - fetched.size);

  const fetchSlice = async (slice: Slice): Promise<void> => {
    const todo = slice.ids.filter((id) => !fetched.has(id)).slice(0, Math.max(0, room()));
    const batches = chunks(todo, options.batchSize);
    // The next batch downloads while this one is written: NCBI's rate, not Neo4j, sets the pace.
    let next = batches[0] ? efetch(http, batches[0]) : undefined;
    for (let i = 0; i < batches.length; i += 1) {
      const items = await (next as Promise<ParsedItem[]>);
      next = batches[i + 1] ? efetch(http, batches[i + 1] as string[]) : undefined;
      // A failed import leaves the prefetch unread; its own failure must not surface as unhandled.
      next?.catch(() => undefined);
      const imported = await importParsedItems(db, fromArray(items), { batchSize: options.batchSize, tagger });
      summary.created += imported.created;
      summary.updated += imported.updated;
      summary.unchanged += imported.unchanged;
      summary.mentions += imported.mentions;
      summary.sentenceClaims += imported.sentenceClaims;
      summary.rejected.push(...imported.rejected);
      for (const pmid of batches[i] as string[]) fetched.add(pmid);
      summary.fetched += (batches[i] as string[]).length;
      state.fetched = [...fetched];
      await saveState(options.stateFile, state);
      report();
    }
  };

  if (state.current) await fetchSlice(state.current);
  state.current = null;
  if (room() > 0) {
    for await (const { slice, pending } of slicedSearch(http, state.query, state.dateType, state.pending)) {
      state.current = slice;
      state.pending = pending;
      state.found += slice.ids.length;
      summary.found = state.found;
      await saveState(options.stateFile, state);
      report();
      await fetchSlice(slice);
      state.current = null;
      await saveState(options.stateFile, state);
      if (room() <= 0) break;
    }
  }
  if (options.citations) summary.citationsCreated = await linkCitations(db, http, state, options.stateFile);
  summary.requests = http.stats.requests;
  summary.retries = http.stats.retries;
  summary.ms = Date.now() - started;
  return summary;
}

/** Links every fetched PMID not linked yet to its references and its citers; returns the CITES created. */
async function linkCitations(db: Executor, http: EutilsHttp, state: FetchState, stateFile: string): Promise<number> {
  const linked = new Set(state.linked);
  let created = 0;
  for (const batch of chunks(state.fetched.filter((pmid) => !linked.has(pmid)), ELINK_MAX_IDS)) {
    const refs = await elink(http, batch, 'pubmed_pubmed_refs');
    const citers = await elink(http, batch, 'pubmed_pubmed_citedin');
    // A link between two fetched papers comes back from both sides; writeCitations keeps one.
    const pairs = [
      ...[...refs].flatMap(([pmid, cited]) => cited.map((c) => ({ citing: pmid, cited: c }))),
      ...[...citers].flatMap(([pmid, citing]) => citing.map((c) => ({ citing: c, cited: pmid }))),
    ];
    created += (await writeCitations(db, pairs)).citesCreated;
    for (const pmid of batch) linked.add(pmid);
    state.linked = [...linked];
    await saveState(stateFile, state);
  }
  return created;
}

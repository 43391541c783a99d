import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { ErrorCode, EvmapError } from '../errors';

const range = z.object({ from: z.string(), to: z.string() });

const stateSchema = z.object({
  version: z.literal(1),
  query: z.string(),
  since: z.string().nullable(),
  dateType: z.enum(['pdat', 'mdat']),
  /** Date ranges not searched yet, in order. */
  pending: z.array(range),
  /** The slice being fetched, with its ids as esearch listed them; null between slices. */
  current: z.object({ range, ids: z.array(z.string()) }).nullable(),
  /** Ids listed by the slices searched so far. */
  found: z.number().int().min(0),
  /** PMIDs imported into Neo4j, in the order they were. */
  fetched: z.array(z.string()),
  /** PMIDs whose references and citers were linked (`--citations`). */
  linked: z.array(z.string()),
});

/**
 * Where a fetch is: what is left to search, the slice being fetched and every PMID already
 * imported. It is saved after each search and each imported batch, so an interrupted fetch
 * resumes from the last batch that reached Neo4j.
 */
export type FetchState = z.infer<typeof stateSchema>;

/** `.evmap/fetch-<hash>.json`: one state file per query and --since, so two fetches do not share one. */
export function defaultStateFile(query: string, since: string | null, dir = '.evmap'): string {
  const hash = createHash('sha256').update(`${query}\n${since ?? ''}`).digest('hex').slice(0, 12);
  return path.join(dir, `fetch-${hash}.json`);
}

export async function readState(file: string): Promise<FetchState> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const missing = (error as NodeJS.ErrnoException).code === 'ENOENT';
    throw new EvmapError(ErrorCode.BadUserInput, `--resume: ${missing ? 'no fetch to resume' : 'cannot read the state file'} (${file})`, { argumentName: 'resume' });
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = undefined;
  }
  const state = stateSchema.safeParse(parsed);
  if (!state.success) throw new EvmapError(ErrorCode.BadUserInput, `--resume: ${file} is not a fetch state file`, { argumentName: 'resume' });
  return state.data;
}

/** Writes the state whole or not at all (a temporary file renamed over the old one), so a kill mid-write leaves the last good state. */
export async function saveState(file: string, state: FetchState): Promise<void> {
  await mkdir(path.dirname(path.resolve(file)), { recursive: true });
  const temporary = `${file}.${process.pid}.tmp`;
  await writeFile(temporary, JSON.stringify(state));
  await rename(temporary, file);
}

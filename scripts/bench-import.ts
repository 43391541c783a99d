/**
 * Import benchmark: writes a realistic MEDLINE file of N records to a temporary folder, imports it
 * with importFile into the Neo4j that evmap would use (NEO4J_URI → Docker → local launcher), and
 * prints throughput and the memory the import needed.
 *
 *   npx tsx scripts/bench-import.ts [--records 10000] [--batch-size 500] [--no-seed] [--keep-file] [--mining-overhead | --floor | --bulk]
 *
 * Each run uses fresh PMIDs, so it measures creating papers, not finding them unchanged. The seed
 * corpus is loaded first (not timed) so that mention tagging has entities to find; --no-seed
 * leaves it out, which on an empty graph measures parsing and paper writes alone.
 *
 * --mining-overhead compares imports with and without sentence mining; --floor compares the
 * importer with its floor: the very queries it would run for the same records (papers, sentence
 * and mention claims, per batch), built beforehand and run back to back, so the difference is
 * what parsing, tagging and the pipeline's waits add. --bulk loads the file with `evmap import
 * --bulk` and with `evmap import` into a fresh local Neo4j each and prints the two side by side.
 */
import { once } from 'node:events';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig, loadDotEnv } from '../src/config';
import type { Executor } from '../src/db/executor';
import type { PaperRecord } from '../src/graph/paperRecord';
import { openDatabase } from '../src/db/open';
import { graphCounts } from '../src/features/stats';
import { importFile, type ImportSummary } from '../src/ingest/pipeline';
import { parseMedline } from '../src/ingest/medline';
import { loadSeed } from '../src/ingest/seed';
import { loadTagger, planTagging } from '../src/ingest/tagging';
import { upsertPapersQuery } from '../src/store/papers';
import { consoleLogger } from '../src/log';
import { bulkImport } from '../src/ingest/bulkImport';
import { freePorts } from '../test/helpers/freePorts';

const MB = 1024 * 1024;
const SAMPLE_MS = 100;

function positiveInt(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new Error(`--${name} must be a whole number of at least 1 (got "${value}")`);
  return n;
}

/** Deterministic choices, so that two runs with the same --records write files of the same shape. */
function rng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

const random = rng(24392693);
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
const between = (min: number, max: number): number => min + Math.floor(random() * (max - min + 1));

const SYLLABLES = ['ab', 'dal', 'lah', 'san', 'ac', 'ora', 'du', 'man', 'krys', 'tal', 'za', 'nos', 'gou', 'ld', 'mo', 'ghad', 'dam', 'li', 'u', 'ber', 'ti', 'ne', 'ko', 'var', 'sch', 'midt', 'ri', 'ch', 'o', 'lan'];
const FIRST_NAMES = ['Chadi', 'Gerard', 'Ronald', 'John', 'Panos', 'Todd', 'Bita', 'Carlos', 'Maria', 'Wei', 'Yuki', 'Ana', 'Lars', 'Priya', 'Omar', 'Elena', 'Tomás', 'Ingrid'];
const JOURNALS: ReadonlyArray<[string, string]> = [
  ['Mol Psychiatry', 'Molecular psychiatry'],
  ['Biol Psychiatry', 'Biological psychiatry'],
  ['J Affect Disord', 'Journal of affective disorders'],
  ['Neuropsychopharmacology', 'Neuropsychopharmacology : official publication of the American College of Neuropsychopharmacology'],
  ['Am J Psychiatry', 'The American journal of psychiatry'],
  ['Annu Rev Pharmacol Toxicol', 'Annual review of pharmacology and toxicology'],
];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
// Names and aliases of seed entities, so the tagger finds mentions as it would in real abstracts.
const COMPOUNDS = ['ketamine', 'ketamine hydrochloride', 'esketamine', 'memantine', 'lanicemine'];
const MENTIONS = [
  'mTOR',
  'mammalian target of rapamycin',
  'GSK-3',
  'glycogen synthase kinase-3',
  'eEF2',
  'NMDA receptor',
  'AMPA receptor',
  'treatment-resistant depression',
  'bipolar depression',
  'major depressive disorder',
  'obsessive-compulsive disorder',
  'cocaine use disorder',
];
const TITLE_PATTERNS = [
  (a: string, b: string) => `Effects of ${a} on ${b} signalling in a rodent model of chronic stress`,
  (a: string, b: string) => `${a[0]!.toUpperCase()}${a.slice(1)} and ${b} in patients with treatment-resistant symptoms: a randomized, placebo-controlled trial`,
  (a: string, b: string) => `The role of ${b} in the rapid antidepressant response to ${a}: a systematic review and meta-analysis`,
  (a: string, b: string) => `Sub-anaesthetic ${a} modulates ${b} in the prefrontal cortex`,
];
const SENTENCES = [
  (a: string, b: string) => `We examined whether a single infusion of ${a} altered ${b} activity within 24 hours.`,
  (a: string, b: string) => `Participants (n = ${between(20, 400)}) were randomised to ${a} or midazolam, and ${b} was measured at baseline and after treatment.`,
  (a: string, b: string) => `Blocking ${b} abolished the behavioural effects of ${a} in the forced swim test.`,
  () => `Depressive symptoms improved by ${between(20, 60)}% on the Montgomery-Asberg Depression Rating Scale (p < 0.0${between(1, 5)}).`,
  (a: string) => `Adverse effects of ${a} were transient and resolved within two hours.`,
  (_a: string, b: string) => `These findings implicate ${b} as a mediator of synaptic plasticity and suggest new targets for drug development.`,
  () => `Further studies are needed to establish the durability of the response and to identify predictors of relapse.`,
];
const MESH = [
  'Animals',
  'Humans',
  'Male',
  'Female',
  'Adult',
  'Middle Aged',
  'Ketamine',
  'Antidepressive Agents',
  'Depressive Disorder, Major',
  'Depressive Disorder, Treatment-Resistant',
  'Receptors, N-Methyl-D-Aspartate',
  'TOR Serine-Threonine Kinases',
  'Glycogen Synthase Kinase 3',
  'Prefrontal Cortex',
  'Rats',
  'Mice',
  'Double-Blind Method',
];
const QUALIFIERS = ['pharmacology', 'therapeutic use', 'drug therapy', 'metabolism', 'adverse effects', 'administration & dosage'];
const PUBLICATION_TYPES = ['Randomized Controlled Trial', 'Review', 'Research Support, N.I.H., Extramural', 'Research Support, Non-U.S. Gov\'t', 'Comparative Study'];

function surname(): string {
  const name = Array.from({ length: between(2, 3) }, () => pick(SYLLABLES)).join('');
  return `${name[0]!.toUpperCase()}${name.slice(1)}`;
}

/** "TAG - value" wrapped at 80 columns with 6-space continuation lines, as PubMed exports it. */
function field(tag: string, value: string): string {
  const lines: string[] = [];
  let line = `${tag.padEnd(4)}- `;
  for (const word of value.split(' ')) {
    if (line.length + word.length > 80 && line.trim().length > 5) {
      lines.push(line.trimEnd());
      line = '      ';
    }
    line += `${word} `;
  }
  lines.push(line.trimEnd());
  return `${lines.join('\n')}\n`;
}

function record(pmid: string): string {
  const [a, b] = [pick(COMPOUNDS), pick(MENTIONS)];
  const year = between(2000, 2024);
  const [abbreviation, journal] = pick(JOURNALS);
  const doi = `10.9999/evmap-bench.${pmid}`;
  let text = `PMID- ${pmid}\nOWN - NLM\nSTAT- MEDLINE\n`;
  text += `DP  - ${year} ${pick(MONTHS)}\n`;
  text += field('TI', `${pick(TITLE_PATTERNS)(a, b)}.`);
  text += `PG  - ${between(1, 900)}-${between(901, 999)}\n`;
  text += `LID - ${doi} [doi]\n`;
  const sentences = Array.from({ length: between(6, 10) }, () => pick(SENTENCES)(pick(COMPOUNDS), pick(MENTIONS)));
  text += field('AB', sentences.join(' '));
  const authors = between(2, 9);
  for (let i = 0; i < authors; i += 1) {
    const last = surname();
    const first = pick(FIRST_NAMES);
    const initials = `${first[0]}${random() < 0.5 ? String.fromCharCode(65 + between(0, 25)) : ''}`;
    text += `FAU - ${last}, ${first}${initials.length > 1 ? ` ${initials[1]}` : ''}\nAU  - ${last} ${initials}\n`;
    if (i === 0) text += field('AD', `Department of Psychiatry, University of ${surname()}, ${surname()}, ${pick(['USA', 'Germany', 'Japan', 'Brazil', 'Canada'])}.`);
    if (random() < 0.3) text += `AUID- ORCID: 0000-000${between(1, 3)}-${between(1000, 9999)}-${between(1000, 9999)}\n`;
  }
  text += 'LA  - eng\nPT  - Journal Article\n';
  for (const type of new Set(Array.from({ length: between(0, 2) }, () => pick(PUBLICATION_TYPES)))) text += `PT  - ${type}\n`;
  text += `DEP - ${year}0${between(1, 9)}${between(10, 28)}\nPL  - England\n`;
  text += `TA  - ${abbreviation}\n`;
  text += field('JT', journal);
  text += 'SB  - IM\n';
  for (const heading of new Set(Array.from({ length: between(4, 10) }, () => pick(MESH)))) {
    text += `MH  - ${random() < 0.3 ? '*' : ''}${heading}${random() < 0.5 ? `/${pick(QUALIFIERS)}` : ''}\n`;
  }
  if (random() < 0.4) text += `PMC - PMC${between(1_000_000, 9_999_999)}\n`;
  text += `AID - ${doi} [doi]\nAID - bench${pmid} [pii]\nPST - ppublish\n`;
  text += field('SO', `${abbreviation}. ${year};${between(1, 90)}(${between(1, 12)}):${between(1, 900)}. doi: ${doi}.`);
  return `${text}\n`;
}

/** Streams the file so that generating a large benchmark input does not itself need the memory. */
async function writeMedline(file: string, records: number, firstPmid: number): Promise<void> {
  const out = createWriteStream(file);
  for (let i = 0; i < records; i += 1) {
    if (!out.write(record(String(firstPmid + i)))) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
}

/**
 * What sentence mining adds to an import: the same records imported with and without it,
 * interleaved (off, on, three times) under fresh PMIDs each time after a warm-up import, so
 * both face the same machine.
 */
async function miningOverhead(db: Executor, dir: string, records: number, batchSize: number): Promise<void> {
  const times: Record<'off' | 'on', number[]> = { off: [], on: [] };
  let sentenceClaims = 0;
  // A first import warms the JVM and page cache; counted, it would burden whichever mode went first.
  const warmUp = path.join(dir, 'bench-warm-up.nbib');
  await writeMedline(warmUp, Math.max(100, Math.round(records / 4)), 50_000_000 + Math.floor(Math.random() * 40_000_000));
  await importFile(db, warmUp, { batchSize });
  for (const mode of ['off', 'on', 'off', 'on', 'off', 'on'] as const) {
    const file = path.join(dir, `bench-${mode}-${times[mode].length}.nbib`);
    await writeMedline(file, records, 50_000_000 + Math.floor(Math.random() * 40_000_000));
    const started = process.hrtime.bigint();
    const summary = await importFile(db, file, { batchSize, mineSentences: mode === 'on' });
    times[mode].push(Number(process.hrtime.bigint() - started) / 1e9);
    if (mode === 'on') sentenceClaims += summary.sentenceClaims;
  }
  const best = (xs: number[]) => Math.min(...xs);
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
  const adds = (pick: (xs: number[]) => number) => `${(((pick(times.on) - pick(times.off)) / pick(times.off)) * 100).toFixed(1)}%`;
  const rows: Array<[string, string]> = [
    ['records per import', String(records)],
    ['without mining s (runs)', times.off.map((t) => t.toFixed(1)).join(', ')],
    ['with mining s (runs)', times.on.map((t) => t.toFixed(1)).join(', ')],
    ['sentence claims per import', String(Math.round(sentenceClaims / times.on.length))],
    ['mining adds (median vs median)', adds(median)],
    ['mining adds (best vs best)', adds(best)],
  ];
  const width = Math.max(...rows.map(([k]) => k.length));
  for (const [k, v] of rows) process.stdout.write(`${k.padEnd(width)}  ${v}\n`);
}

/** Every query the importer would write for `file`, per batch, built without touching the database. */
async function plannedWrites(db: Executor, file: string, batchSize: number): Promise<Array<() => Promise<unknown>>> {
  const tagger = await loadTagger(db);
  const queries: Array<() => Promise<unknown>> = [];
  let batch: PaperRecord[] = [];
  const flush = () => {
    if (batch.length === 0) return;
    const [papers, plan] = [upsertPapersQuery(batch), planTagging(batch, tagger)];
    const sentences = plan.sentences;
    queries.push(() => db.run(papers), ...(sentences ? [() => db.run(sentences)] : []), () => db.run(plan.mentions));
    batch = [];
  };
  for await (const item of parseMedline(createReadStream(file))) {
    if (item.kind !== 'paper') continue;
    batch.push(item.record);
    if (batch.length >= batchSize) flush();
  }
  flush();
  return queries;
}

/** The importer against its floor, interleaved three times on fresh PMIDs after a warm-up. */
async function floorComparison(db: Executor, dir: string, records: number, batchSize: number): Promise<void> {
  const times: Record<'floor' | 'importer', number[]> = { floor: [], importer: [] };
  const warmUp = path.join(dir, 'bench-warm-up.nbib');
  await writeMedline(warmUp, Math.max(100, Math.round(records / 4)), 50_000_000 + Math.floor(Math.random() * 40_000_000));
  await importFile(db, warmUp, { batchSize });
  for (const mode of ['floor', 'importer', 'floor', 'importer', 'floor', 'importer'] as const) {
    const file = path.join(dir, `bench-${mode}-${times[mode].length}.nbib`);
    await writeMedline(file, records, 50_000_000 + Math.floor(Math.random() * 40_000_000));
    if (mode === 'floor') {
      const queries = await plannedWrites(db, file, batchSize);
      const started = process.hrtime.bigint();
      for (const run of queries) await run();
      times.floor.push(Number(process.hrtime.bigint() - started) / 1e9);
    } else {
      const started = process.hrtime.bigint();
      await importFile(db, file, { batchSize });
      times.importer.push(Number(process.hrtime.bigint() - started) / 1e9);
    }
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
  const rows: Array<[string, string]> = [
    ['records per run', String(records)],
    ['floor s (runs)', times.floor.map((t) => t.toFixed(1)).join(', ')],
    ['importer s (runs)', times.importer.map((t) => t.toFixed(1)).join(', ')],
    ['importer records/s (median)', String(Math.round(records / median(times.importer)))],
    ['importer / floor (median)', `${(median(times.importer) / median(times.floor)).toFixed(2)}x`],
  ];
  const width = Math.max(...rows.map(([k]) => k.length));
  for (const [k, v] of rows) process.stdout.write(`${k.padEnd(width)}  ${v}\n`);
}

/** Peak RSS of this process while `work` runs. */
async function withPeakRss<T>(work: () => Promise<T>): Promise<{ result: T; peakRss: number }> {
  let peak = process.memoryUsage().rss;
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, SAMPLE_MS);
  try {
    const result = await work();
    return { result, peakRss: Math.max(peak, process.memoryUsage().rss) };
  } finally {
    clearInterval(sampler);
  }
}

/**
 * --bulk: the same file loaded both ways into a fresh local Neo4j each (its own data folder and
 * port): `evmap import --bulk` (CSV writing, neo4j-admin, schema, seed, checks) and, as in a
 * fresh checkout, the seed then `evmap import`. Both end with the same graph.
 */
async function bulkComparison(dir: string, file: string, records: number, batchSize: number, log: ReturnType<typeof consoleLogger>): Promise<void> {
  const [bulkPort, incrementalPort] = await freePorts(2);
  const configFor = (name: string, port: number) =>
    loadConfig({ ...process.env, EVMAP_NEO4J_SOURCE: 'local', EVMAP_NEO4J_HOME: path.join(dir, name), EVMAP_NEO4J_BOLT_PORT: String(port) });

  const bulkStarted = process.hrtime.bigint();
  const bulk = await withPeakRss(() => bulkImport({ config: configFor('bulk', bulkPort as number), log, files: [file], batchSize: Math.max(batchSize, 1_000) }));
  const bulkSeconds = Number(process.hrtime.bigint() - bulkStarted) / 1e9;

  const incrementalConfig = configFor('incremental', incrementalPort as number);
  const opened = await openDatabase({ config: incrementalConfig, log, purpose: 'batch' });
  let incremental: { result: ImportSummary; peakRss: number };
  let incrementalSeconds: number;
  let counts: { nodes: number; relationships: number };
  try {
    await loadSeed(opened.db);
    const started = process.hrtime.bigint();
    incremental = await withPeakRss(() => importFile(opened.db, file, { batchSize }));
    incrementalSeconds = Number(process.hrtime.bigint() - started) / 1e9;
    counts = await graphCounts(opened.db);
  } finally {
    await opened.close();
  }

  const s = bulk.result;
  const p = s.phases;
  const rate = (n: number, sec: number) => Math.round(n / sec).toString();
  const rows: Array<[string, string, string]> = [
    ['', 'bulk (--bulk)', 'incremental (evmap import)'],
    ['records', String(s.records), String(incremental.result.records)],
    ['seconds, end to end', bulkSeconds.toFixed(1), incrementalSeconds.toFixed(1)],
    ['records/s', rate(records, bulkSeconds), rate(records, incrementalSeconds)],
    ['nodes / relationships', `${s.admin.nodes} / ${s.admin.relationships}`, `${counts.nodes} / ${counts.relationships} (seed included)`],
    ['nodes/s, relationships/s', `${rate(s.admin.nodes, bulkSeconds)}, ${rate(s.admin.relationships, bulkSeconds)}`, `${rate(counts.nodes, incrementalSeconds)}, ${rate(counts.relationships, incrementalSeconds)}`],
    ['evmap peak RSS MB', (bulk.peakRss / MB).toFixed(0), (incremental.peakRss / MB).toFixed(0)],
    ['CSV writing (parse, tag, mine) s', (p.csv / 1000).toFixed(1), '—'],
    ['neo4j-admin s (its own time)', (p.admin / 1000).toFixed(1), '—'],
    ['Neo4j start + schema s', (p.schema / 1000).toFixed(1), '—'],
    ['seed, merged records, checks s', `${(p.seed / 1000).toFixed(1)}, ${(p.deferred / 1000).toFixed(1)}, ${(p.checks / 1000).toFixed(1)}`, '—'],
    ['CSV share of total', `${Math.round((100 * p.csv) / p.total)}%`, '—'],
    ['sentence / mention claims', `${s.csv.sentenceClaims} / ${s.csv.mentions}`, `${incremental.result.sentenceClaims} / ${incremental.result.mentions}`],
    ['quotes checked / wrong', `${s.quotes.checked} / ${s.quotes.wrong}`, '—'],
  ];
  const w0 = Math.max(...rows.map((r) => r[0].length));
  const w1 = Math.max(...rows.map((r) => r[1].length));
  for (const [k, a, b] of rows) process.stdout.write(`${k.padEnd(w0)}  ${a.padEnd(w1)}  ${b}\n`);
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      records: { type: 'string' },
      'batch-size': { type: 'string' },
      'no-seed': { type: 'boolean', default: false },
      'keep-file': { type: 'boolean', default: false },
      'mining-overhead': { type: 'boolean', default: false },
      floor: { type: 'boolean', default: false },
      bulk: { type: 'boolean', default: false },
    },
  });
  const records = positiveInt('records', values.records, 10_000);
  const batchSize = positiveInt('batch-size', values['batch-size'], 500);
  const log = consoleLogger('bench');

  const dir = await mkdtemp(path.join(tmpdir(), 'evmap-bench-'));
  const file = path.join(dir, `bench-${records}.nbib`);
  // 8-digit PMIDs from a random start, so a rerun against the same database creates, not skips.
  const firstPmid = 50_000_000 + Math.floor(Math.random() * 40_000_000);
  log.info(`writing ${records} MEDLINE records to ${file}`);
  await writeMedline(file, records, firstPmid);
  const fileBytes = (await stat(file)).size;

  loadDotEnv();
  if (values.bulk) {
    try {
      await bulkComparison(dir, file, records, batchSize, log);
    } finally {
      if (values['keep-file']) log.info(`kept ${file}`);
      else await rm(dir, { recursive: true, force: true });
    }
    return;
  }
  const config = loadConfig();
  const opened = await openDatabase({ config, log, purpose: 'batch' });
  const { db } = opened;
  try {
    // The tagger mines only entities in the graph; without the seed's, tagging would be free.
    if (!values['no-seed']) await loadSeed(db);
    if (values['mining-overhead']) {
      await miningOverhead(db, dir, records, batchSize);
      return;
    }
    if (values.floor) {
      await floorComparison(db, dir, records, batchSize);
      return;
    }

    const baseline = process.memoryUsage();
    let peak = baseline;
    const sampler = setInterval(() => {
      const now = process.memoryUsage();
      if (now.rss > peak.rss) peak = now;
    }, SAMPLE_MS);
    const started = process.hrtime.bigint();
    let summary: ImportSummary;
    try {
      summary = await importFile(db, file, { batchSize });
    } finally {
      clearInterval(sampler);
    }
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    const last = process.memoryUsage();
    const { nodes: nodesAfter } = await graphCounts(db);
    if (last.rss > peak.rss) peak = last;

    const rows: Array<[string, string]> = [
      ['records', String(summary.records)],
      ['rejected', String(summary.rejected.length)],
      ['seconds', seconds.toFixed(1)],
      ['records/s', Math.round(summary.records / seconds).toString()],
      ['peak RSS MB', (peak.rss / MB).toFixed(1)],
      ['heap used MB at peak', (peak.heapUsed / MB).toFixed(1)],
      ['file size MB', (fileBytes / MB).toFixed(1)],
      ['RSS before import MB', (baseline.rss / MB).toFixed(1)],
      ['created/updated/unchanged', `${summary.created}/${summary.updated}/${summary.unchanged}`],
      ['mentions tagged', String(summary.mentions)],
      ['batch size', String(batchSize)],
      ['graph nodes after', String(nodesAfter)],
    ];
    const width = Math.max(...rows.map(([k]) => k.length));
    for (const [k, v] of rows) process.stdout.write(`${k.padEnd(width)}  ${v}\n`);
    if (summary.rejected.length > 0) process.stdout.write(`first rejection: ${JSON.stringify(summary.rejected[0])}\n`);
  } finally {
    await opened.close();
    if (values['keep-file']) log.info(`kept ${file}`);
    else await rm(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});

/**
 * The benchmark's synthetic corpus, written straight as neo4j-admin CSV: papers with title,
 * abstract, year and journal, a skewed citation graph, authors from a pool, and claims of every
 * source and stance about the seed's entities (the popular ones) and a few hundred more. Claim
 * rows are built as the store builds them (`sentenceClaimRow`, `mentionClaimRows`, and the
 * properties `upsertClaimsQuery` sets), so queries meet the shapes they meet in production.
 * Everything follows from `--seed`: the same arguments write the same files.
 */
import path from 'node:path';
import { ENTITY_KIND_LABEL, EVIDENCE_LEVELS, type EntityKindName, type EntityLabel } from '../../src/graph/model';
import type { EntityInput, SentenceClaim } from '../../src/graph/records';
import { ARRAY_DELIMITER_OPTION, CsvTable } from '../../src/ingest/bulk/csvTable';
import { mentionClaimRows, sentenceClaimRow } from '../../src/store/claims';
import type { AdminImportInput } from '../../src/db/adminImport';

export { ARRAY_DELIMITER_OPTION };

/** PMIDs far from real ones and from the seed's. */
const PMID_BASE = 40_000_000;
export const benchPmid = (i: number): string => String(PMID_BASE + i);

export function rng(seed: number): () => number {
  // mulberry32: small, fast and good enough to shape a corpus.
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Extra entities beside the seed's, per kind, so evidence spreads over a few hundred (an evidence-map axis stays within 100). */
const SYNTHETIC: Partial<Record<EntityKindName, number>> = { MECHANISM: 40, COMPOUND: 50, CONDITION: 60, BIOMARKER: 40 };

/** The seed's entities most claims are about, with the share of claims each is first about. */
const POPULAR: ReadonlyArray<[string, number]> = [
  ['mtor', 0.1],
  ['ketamine', 0.07],
  ['gsk-3', 0.05],
  ['major-depressive-disorder', 0.05],
  ['eef2', 0.03],
  ['nmda-receptor', 0.03],
  ['treatment-resistant-major-depressive-disorder', 0.03],
  ['ampa-receptor', 0.02],
];

const JOURNALS = ['Mol Psychiatry', 'Biol Psychiatry', 'J Affect Disord', 'Neuropsychopharmacology', 'Am J Psychiatry', 'Annu Rev Pharmacol Toxicol'];
const WORDS = ['synaptic', 'plasticity', 'rapid', 'antidepressant', 'response', 'cortex', 'signalling', 'stress', 'rodent', 'trial', 'glutamate', 'infusion', 'relapse', 'dose'];
const SOURCES: ReadonlyArray<[string, number]> = [
  ['TEXT_MINED', 0.5],
  ['PUBTATOR', 0.2],
  ['CURATED', 0.15],
  ['SEED', 0.15],
];
const STANCES: ReadonlyArray<[SentenceClaim['stance'], number]> = [
  ['SUPPORTS', 0.55],
  ['MENTIONS', 0.3],
  ['CONTRADICTS', 0.15],
];
const PREDICATES = ['treat', 'inhibit', 'positive_correlate', 'negative_correlate', 'associate'];

export interface BenchEntity {
  id: string;
  label: EntityLabel;
  kind: EntityKindName;
  name: string;
}

export function syntheticEntities(): EntityInput[] {
  return Object.entries(SYNTHETIC).flatMap(([kind, count]) =>
    Array.from({ length: count }, (_, i) => {
      const base = { entityKind: kind as EntityKindName, id: `bench-${kind.toLowerCase()}-${i + 1}`, name: `bench ${kind.toLowerCase()} ${i + 1}`, aliases: [] };
      if (kind === 'MECHANISM') return { ...base, kind: 'TARGET' };
      if (kind === 'BIOMARKER') return { ...base, role: 'PREDICTOR' };
      return base;
    }),
  );
}

export interface CorpusCounts {
  papers: number;
  authors: number;
  authorships: number;
  cites: number;
  claims: number;
  entities: number;
  /** PMID of the most cited paper, and how often it is cited. */
  mostCited: { pmid: string; citedBy: number };
}

function weighted<T>(random: () => number, items: ReadonlyArray<[T, number]>): T {
  let u = random() * items.reduce((s, [, w]) => s + w, 0);
  for (const [item, w] of items) {
    u -= w;
    if (u <= 0) return item;
  }
  return (items[items.length - 1] as [T, number])[0];
}

/**
 * Writes the corpus's CSV files into `dir` and says what to give neo4j-admin. `entities` are all
 * the graph's entities (seed and synthetic); their properties come later from their upserts.
 */
export async function writeCorpus(dir: string, papers: number, seed: number, entities: readonly BenchEntity[]): Promise<{ inputs: AdminImportInput[]; counts: CorpusCounts }> {
  const random = rng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)] as T;
  const file = (name: string) => path.join(dir, `${name}.csv`);
  const tables = {
    papers: new CsvTable(file('papers'), [
      { name: 'pmid', type: 'id', space: 'Paper' },
      { name: 'title', type: 'string' },
      { name: 'abstract', type: 'string' },
      { name: 'year', type: 'double' },
      { name: 'publishedOn', type: 'string' },
      { name: 'journal', type: 'string' },
      { name: 'publicationTypes', type: 'string[]' },
      { name: 'languages', type: 'string[]' },
      { name: 'updatedAt', type: 'datetime' },
    ]),
    authors: new CsvTable(file('authors'), [
      { name: 'id', type: 'id', space: 'Author' },
      { name: 'name', type: 'string' },
    ]),
    authoredBy: new CsvTable(file('authored-by'), [
      { name: '', type: 'start', space: 'Paper' },
      { name: '', type: 'end', space: 'Author' },
      { name: 'position', type: 'double' },
      { name: 'name', type: 'string' },
    ]),
    cites: new CsvTable(file('cites'), [
      { name: '', type: 'start', space: 'Paper' },
      { name: '', type: 'end', space: 'Paper' },
    ]),
    claims: new CsvTable(file('claims'), [
      { name: 'id', type: 'id', space: 'Claim' },
      ...(['stance', 'statement', 'quote', 'field'] as const).map((name) => ({ name, type: 'string' as const })),
      ...(['quoteStart', 'quoteEnd', 'occurrences'] as const).map((name) => ({ name, type: 'double' as const })),
      { name: 'negated', type: 'boolean' },
      { name: 'hedged', type: 'boolean' },
      { name: 'direction', type: 'string' },
      { name: 'cues', type: 'string[]' },
      { name: 'confidence', type: 'double' },
      ...(['evidenceLevel', 'source', 'predicate', 'unit', 'curator'] as const).map((name) => ({ name, type: 'string' as const })),
      { name: 'createdAt', type: 'datetime' },
    ]),
    asserts: new CsvTable(file('asserts'), [
      { name: '', type: 'start', space: 'Paper' },
      { name: '', type: 'end', space: 'Claim' },
    ]),
    about: new CsvTable(file('about'), [
      { name: '', type: 'start', space: 'Claim' },
      { name: '', type: 'end', space: 'Entity' },
    ]),
  };
  const claimColumns = tables.claims.columns.slice(1, -1).map((c) => c.name);
  const entityTables = new Map<EntityLabel, CsvTable>();
  for (const e of entities) {
    let table = entityTables.get(e.label);
    if (!table) {
      table = new CsvTable(file(`entities-${e.label}`), [{ name: 'id', type: 'id', space: 'Entity' }]);
      entityTables.set(e.label, table);
    }
    table.add([e.id]);
  }

  const byId = new Map(entities.map((e) => [e.id, e]));
  const popular = POPULAR.filter(([id]) => byId.has(id));
  const popularShare = popular.reduce((s, [, w]) => s + w, 0);
  const pickEntity = (): BenchEntity => (random() < popularShare ? (byId.get(weighted(random, popular)) as BenchEntity) : pick(entities));
  const otherKind = (first: BenchEntity): BenchEntity | null => {
    for (let i = 0; i < 5; i += 1) {
      const e = pickEntity();
      if (e.kind !== first.kind) return e;
    }
    return null;
  };

  // Popularity of being cited follows rank r with weight ~ r^-0.5 (u^2 over ranks), and ranks
  // are shuffled over PMIDs so highly cited papers are spread over years and PMIDs.
  const rankToPaper = Array.from({ length: papers }, (_, i) => i);
  for (let i = papers - 1; i > 0; i -= 1) {
    const j = Math.floor(random() * (i + 1));
    [rankToPaper[i], rankToPaper[j]] = [rankToPaper[j] as number, rankToPaper[i] as number];
  }
  const citedBy = new Uint32Array(papers);
  const authorPool = Math.max(200, Math.round(papers / 2));
  const authorsWritten = new Uint8Array(authorPool);
  const now = new Date().toISOString();
  const counts: CorpusCounts = { papers, authors: 0, authorships: 0, cites: 0, claims: 0, entities: entities.length, mostCited: { pmid: '', citedBy: 0 } };

  for (let i = 0; i < papers; i += 1) {
    const pmid = benchPmid(i);
    const [a, b, c] = [pickEntity(), pickEntity(), pickEntity()];
    const title = `${pick(WORDS)} effects of ${a.name} on ${b.name} in ${c.name}: ${pick(WORDS)} ${pick(WORDS)} study`;
    const sentences = Array.from({ length: 3 + Math.floor(random() * 3) }, () => `We found that ${pickEntity().name} altered ${pick(WORDS)} ${pick(WORDS)} of ${pickEntity().name} in ${pick(WORDS)} models.`);
    const abstract = sentences.join(' ');
    const starts = sentences.map((_, k) => sentences.slice(0, k).reduce((n, s) => n + s.length + 1, 0));
    // A few papers have no year, as PubMed records sometimes do, so orderings must place them.
    const year = random() < 0.02 ? null : 1990 + Math.floor(random() * 35);
    const types = random() < 0.15 ? ['Journal Article', 'Review'] : ['Journal Article'];
    tables.papers.add([pmid, title, abstract, year, year === null ? null : String(year), pick(JOURNALS), types, ['eng'], now]);

    const byline = 1 + Math.floor(random() * 5);
    const onByline = new Set<number>();
    for (let k = 0; k < byline; k += 1) {
      const author = Math.floor(random() * authorPool);
      if (onByline.has(author)) continue;
      onByline.add(author);
      const name = `Author${author} B`;
      if (authorsWritten[author] === 0) {
        authorsWritten[author] = 1;
        tables.authors.add([`author${author}-b`, name]);
        counts.authors += 1;
      }
      tables.authoredBy.add([pmid, `author${author}-b`, onByline.size - 1, name]);
      counts.authorships += 1;
    }

    const references = 10 + Math.floor(random() * 11);
    const cited = new Set<number>();
    for (let k = 0; k < references * 2 && cited.size < references; k += 1) {
      const target = rankToPaper[Math.floor(papers * random() ** 2)] as number;
      if (target === i || cited.has(target)) continue;
      cited.add(target);
      citedBy[target] = (citedBy[target] ?? 0) + 1;
      tables.cites.add([pmid, benchPmid(target)]);
      counts.cites += 1;
    }

    const claimCount = 1 + (random() < 0.5 ? 1 : 0) + (random() < 0.5 ? 1 : 0);
    const mentioned = new Set<string>();
    for (let k = 0; k < claimCount; k += 1) {
      const source = weighted(random, SOURCES);
      const s = Math.floor(random() * sentences.length);
      const [start, quote] = [starts[s] as number, sentences[s] as string];
      const first = pickEntity();
      const second = otherKind(first);
      const about = [...new Set([first.id, ...(second ? [second.id] : [])])].sort();
      const level = pick(EVIDENCE_LEVELS);
      let id: string;
      let props: Record<string, unknown>;
      if (source === 'TEXT_MINED' && random() < 0.3) {
        if (mentioned.has(first.id)) continue;
        mentioned.add(first.id);
        const [row] = mentionClaimRows(pmid, [{ entityId: first.id, text: quote.slice(0, 10), field: 'abstract', start, end: start + 10, occurrences: 1 + Math.floor(random() * 3) }]);
        if (!row) continue;
        ({ id, props } = row);
        about.splice(0, about.length, first.id);
      } else if (source === 'TEXT_MINED' || source === 'PUBTATOR') {
        const stance = weighted(random, STANCES);
        const row = sentenceClaimRow({
          id: `${source === 'PUBTATOR' ? 'pubtator' : 'mined'}:${pmid}:s${k}`,
          field: 'abstract',
          start,
          end: start + quote.length,
          quote,
          about,
          stance,
          negated: stance === 'CONTRADICTS' && random() < 0.5,
          hedged: random() < 0.2,
          direction: random() < 0.5 ? 'INCREASES' : null,
          cues: random() < 0.5 ? ['found'] : [],
          confidence: Math.round((0.05 + random() * 0.7) * 100) / 100,
          evidenceLevel: level,
          source,
          predicate: source === 'PUBTATOR' ? pick(PREDICATES) : null,
        });
        ({ id, props } = row);
      } else {
        // As upsertClaimsQuery stores a curated or seed claim.
        id = `bench-${source.toLowerCase()}:${pmid}:${k}`;
        props = {
          stance: weighted(random, STANCES),
          statement: `${first.name} ${pick(WORDS)}`,
          quote,
          field: 'abstract',
          quoteStart: start,
          quoteEnd: start + quote.length,
          evidenceLevel: level,
          confidence: source === 'CURATED' ? 0.9 : null,
          source,
          curator: source === 'CURATED' ? 'bench-curator' : 'seed',
        };
      }
      tables.claims.add([id, ...claimColumns.map((name) => props[name] ?? null), now]);
      tables.asserts.add([pmid, id]);
      for (const entity of about) tables.about.add([id, entity]);
      counts.claims += 1;
    }
    if (i % 1000 === 999) await Promise.all(Object.values(tables).map((t) => t.flush()));
  }
  let top = 0;
  for (let i = 1; i < papers; i += 1) if ((citedBy[i] ?? 0) > (citedBy[top] ?? 0)) top = i;
  counts.mostCited = { pmid: benchPmid(top), citedBy: citedBy[top] ?? 0 };
  await Promise.all([...Object.values(tables), ...entityTables.values()].map((t) => t.close()));

  const input = (kind: AdminImportInput['kind'], name: string, table: CsvTable): AdminImportInput => ({ kind, name, file: table.file, multiline: table.multiline });
  return {
    counts,
    inputs: [
      input('nodes', 'Paper', tables.papers),
      input('nodes', 'Author', tables.authors),
      input('nodes', 'Claim', tables.claims),
      ...[...entityTables].map(([label, table]) => input('nodes', label, table)),
      input('relationships', 'AUTHORED_BY', tables.authoredBy),
      input('relationships', 'CITES', tables.cites),
      input('relationships', 'ASSERTS', tables.asserts),
      input('relationships', 'ABOUT', tables.about),
    ],
  };
}

export function benchEntities(seedEntities: readonly EntityInput[], synthetic: readonly EntityInput[]): BenchEntity[] {
  return [...seedEntities, ...synthetic].map((e) => ({ id: e.id, kind: e.entityKind, label: ENTITY_KIND_LABEL[e.entityKind], name: e.name }));
}

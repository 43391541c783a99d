/**
 * Scores the text miner against hand-labelled sentences (test/fixtures/evidence/*.jsonl):
 * mention precision and recall (strict: same span and entity), stance accuracy with the
 * confusion table, negation and hedge precision/recall/F1, direction accuracy. The tagger runs
 * with the seed's entities and vocabulary, exactly as an import would.
 *
 *   npm run eval:evidence                        # the development set
 *   npm run eval:evidence -- --set heldout       # the first held-out set (report only, never tune on it)
 *   npm run eval:evidence -- --set heldout2      # 120 sentences by a second annotator who never saw the miner
 *   npm run eval:evidence -- --file my.jsonl --errors
 */
import { readFileSync } from 'node:fs';
import { Command, InvalidArgumentError } from 'commander';
import { ENTITY_KIND_LABEL } from '../src/graph/model';
import { LINKED_LABELS } from '../src/ingest/evidence/mine';
import { readSentence, type SentenceReading } from '../src/ingest/evidence/sentenceStance';
import { readSeed } from '../src/ingest/seed';
import { MentionTagger, type TaggableEntity } from '../src/ingest/tagger';

interface Labelled {
  id: string;
  text: string;
  mentions: Array<{ start: number; end: number; text: string; entity: string }>;
  stance: 'SUPPORTS' | 'CONTRADICTS' | 'MENTIONS' | null;
  negated: boolean;
  hedged: boolean;
  direction: 'INCREASES' | 'DECREASES' | null;
}

const SETS: Record<string, string> = {
  dev: 'test/fixtures/evidence/dev.jsonl',
  heldout: 'test/fixtures/evidence/heldout.jsonl',
  heldout2: 'test/fixtures/evidence/heldout2.jsonl',
  heldout3: 'test/fixtures/evidence/heldout3.jsonl',
  heldout4: 'test/fixtures/evidence/heldout4.jsonl',
  heldout5: 'test/fixtures/evidence/heldout5.jsonl',
  heldout6: 'test/fixtures/evidence/heldout6.jsonl',
};

function readSet(file: string): Labelled[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line, i) => {
      try {
        return JSON.parse(line) as Labelled;
      } catch (error) {
        throw new Error(`${file}:${i + 1}: not JSON (${error instanceof Error ? error.message : String(error)})`, { cause: error });
      }
    });
}

function vocabulary(): TaggableEntity[] {
  const { annotations } = readSeed();
  return annotations.entities.map((e) => ({ id: e.id, label: ENTITY_KIND_LABEL[e.entityKind], names: [e.name, ...e.aliases] }));
}

class Binary {
  tp = 0;
  fp = 0;
  fn = 0;
  add(predicted: boolean, actual: boolean): void {
    if (predicted && actual) this.tp += 1;
    else if (predicted) this.fp += 1;
    else if (actual) this.fn += 1;
  }
  get precision(): number {
    return this.tp + this.fp === 0 ? 1 : this.tp / (this.tp + this.fp);
  }
  get recall(): number {
    return this.tp + this.fn === 0 ? 1 : this.tp / (this.tp + this.fn);
  }
  get f1(): number {
    const { precision: p, recall: r } = this;
    return p + r === 0 ? 0 : (2 * p * r) / (p + r);
  }
}

const fmt = (n: number) => n.toFixed(3);
const STANCE_CLASSES = ['SUPPORTS', 'CONTRADICTS', 'MENTIONS', 'none'] as const;

function main(): void {
  const program = new Command()
    .name('eval:evidence')
    .description('Score mention tagging and sentence reading against hand-labelled sentences.')
    .option('--set <name>', `a labelled set: ${Object.keys(SETS).join(' | ')}`, 'dev')
    .option('--file <path>', 'a JSON-lines file of labelled sentences instead of a named set')
    .option('--errors', 'list every sentence the miner got wrong')
    .parse();
  const options = program.opts<{ set: string; file?: string; errors?: boolean }>();
  const file = options.file ?? SETS[options.set];
  if (!file) throw new InvalidArgumentError(`unknown set "${options.set}"; choose ${Object.keys(SETS).join(' or ')}, or pass --file`);
  const sentences = readSet(file);
  const entities = vocabulary();
  const tagger = new MentionTagger(entities);
  const kindOf = new Map<string, string>(entities.map((e) => [e.id, e.label]));

  const mentions = new Binary();
  const negated = new Binary();
  const hedged = new Binary();
  // The flags as the product shows them: only claims carry them, so a sentence counts when the
  // miner makes a claim of it or the label says it links two kinds.
  const negatedClaims = new Binary();
  const hedgedClaims = new Binary();
  const perKind = new Map<string, Binary>();
  const confusion = new Map<string, number>();
  let stanceRight = 0;
  let directionRight = 0;
  let directionLabelled = 0;
  const errors: string[] = [];
  const started = process.hrtime.bigint();

  for (const s of sentences) {
    const predicted = tagger.tagAll({ abstract: s.text }).filter((m) => LINKED_LABELS.includes(m.label));
    const key = (m: { start: number; end: number; entity: string }) => `${m.start}:${m.end}:${m.entity}`;
    const gold = new Set(s.mentions.map(key));
    const found = new Set(predicted.map((m) => key({ ...m, entity: m.entityId })));
    const missed = s.mentions.filter((m) => !found.has(key(m)));
    const spurious = predicted.filter((m) => !gold.has(key({ ...m, entity: m.entityId })));
    mentions.tp += found.size - spurious.length;
    mentions.fp += spurious.length;
    mentions.fn += missed.length;
    for (const m of predicted) {
      const b = perKind.get(m.label) ?? new Binary();
      b.add(true, gold.has(key({ ...m, entity: m.entityId })));
      perKind.set(m.label, b);
    }
    for (const m of missed) {
      const label = kindOf.get(m.entity) ?? 'unknown';
      const b = perKind.get(label) ?? new Binary();
      b.fn += 1;
      perKind.set(label, b);
    }

    const spans = predicted.map((m) => ({ start: m.start, end: m.end, kind: m.label }));
    const reading: SentenceReading | null = spans.length > 0 ? readSentence(s.text, spans) : null;
    const isClaim = new Set(spans.map((m) => m.kind)).size >= 2;
    const stance = isClaim && reading ? reading.stance : 'none';
    const goldStance = s.stance ?? 'none';
    const cell = `${goldStance}\u0000${stance}`;
    confusion.set(cell, (confusion.get(cell) ?? 0) + 1);
    if (stance === goldStance) stanceRight += 1;
    negated.add(Boolean(reading?.negated), s.negated);
    hedged.add(Boolean(reading?.hedged), s.hedged);
    if (isClaim || s.stance !== null) {
      negatedClaims.add(isClaim && Boolean(reading?.negated), s.stance !== null && s.negated);
      hedgedClaims.add(isClaim && Boolean(reading?.hedged), s.stance !== null && s.hedged);
    }
    if (s.stance !== null) {
      directionLabelled += 1;
      if ((reading?.direction ?? null) === s.direction) directionRight += 1;
    }
    const wrong = [
      ...missed.map((m) => `missed "${m.text}" (${m.entity})`),
      ...spurious.map((m) => `spurious "${m.text}" (${m.entityId})`),
      ...(stance !== goldStance ? [`stance ${stance}, labelled ${goldStance}`] : []),
      ...(Boolean(reading?.negated) !== s.negated ? [`negated ${Boolean(reading?.negated)}, labelled ${s.negated}`] : []),
      ...(Boolean(reading?.hedged) !== s.hedged ? [`hedged ${Boolean(reading?.hedged)}, labelled ${s.hedged}`] : []),
      ...(s.stance !== null && (reading?.direction ?? null) !== s.direction ? [`direction ${reading?.direction ?? null}, labelled ${s.direction}`] : []),
    ];
    if (wrong.length > 0) errors.push(`${s.id}: ${s.text}\n    ${wrong.join('\n    ')}${reading ? `\n    cues: ${reading.cues.join(' | ')}` : ''}`);
  }
  const ms = Number(process.hrtime.bigint() - started) / 1e6;

  console.log(`${file}: ${sentences.length} sentences, ${sentences.reduce((n, s) => n + s.mentions.length, 0)} labelled mentions, read in ${ms.toFixed(0)} ms\n`);
  console.log('label                 precision  recall     F1   (tp/fp/fn)');
  const row = (name: string, b: Binary) => console.log(`${name.padEnd(22)}${fmt(b.precision).padStart(9)}${fmt(b.recall).padStart(8)}${fmt(b.f1).padStart(7)}   (${b.tp}/${b.fp}/${b.fn})`);
  row('mentions (strict)', mentions);
  for (const [kind, b] of [...perKind].sort()) row(`  ${kind}`, b);
  row('negated', negated);
  row('hedged', hedged);
  row('negated (claims)', negatedClaims);
  row('hedged (claims)', hedgedClaims);
  console.log(`\nstance accuracy        ${fmt(stanceRight / sentences.length)}  (${stanceRight}/${sentences.length}; "none" = fewer than two kinds, no claim)`);
  console.log(`direction accuracy     ${fmt(directionLabelled === 0 ? 1 : directionRight / directionLabelled)}  (${directionRight}/${directionLabelled} sentences with a labelled stance)`);
  console.log('\nstance confusion (rows: labelled, columns: mined)');
  console.log(`${''.padEnd(13)}${STANCE_CLASSES.map((c) => c.padStart(12)).join('')}`);
  for (const g of STANCE_CLASSES) console.log(`${g.padEnd(13)}${STANCE_CLASSES.map((p) => String(confusion.get(`${g}\u0000${p}`) ?? 0).padStart(12)).join('')}`);
  if (options.errors) console.log(`\n${errors.length} sentences with a mistake:\n${errors.join('\n')}`);
}

try {
  main();
} catch (error) {
  console.error(`eval:evidence: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(2);
}

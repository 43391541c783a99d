import type { Stance } from '../../graph/model';
import { findCues, type Cue } from './cues';

export type Direction = 'INCREASES' | 'DECREASES';

/** Where an entity is mentioned in the sentence (offsets into the sentence). */
export interface SentenceMention {
  start: number;
  end: number;
  /** The entity's kind; mentions of different kinds are what a claim links. */
  kind: string;
}

export interface SentenceReading {
  stance: Stance;
  negated: boolean;
  hedged: boolean;
  direction: Direction | null;
  /** The cue words that decided the reading, as written, in sentence order. */
  cues: string[];
  confidence: number;
}

/**
 * How confident a mined reading is, on a scale kept below every curated claim (mined claims
 * never reach MINED_CONFIDENCE_MAX): a sentence that reports a result starts higher than one
 * that only names things; a hedge lowers it, and so does distance between the mentions it links.
 */
export const MINED_CONFIDENCE = {
  finding: 0.6,
  mention: 0.4,
  reported: 0.1,
  hedged: -0.15,
  /** Per word between the nearest mentions of different kinds beyond the first three. */
  perWordApart: -0.02,
  maxDistancePenalty: -0.2,
  min: 0.05,
  max: 0.75,
} as const;
export const MINED_CONFIDENCE_MAX = MINED_CONFIDENCE.max;

const WORD = /[\p{L}\p{N}]+/gu;

function wordsBetween(sentence: string, mentions: readonly SentenceMention[]): number {
  let best = Infinity;
  for (const a of mentions) {
    for (const b of mentions) {
      if (a.kind === b.kind || a.end > b.start) continue;
      best = Math.min(best, (sentence.slice(a.end, b.start).match(WORD) ?? []).length);
    }
  }
  return best === Infinity ? 0 : best;
}

/** A negation right after "who (had)": it describes the people studied. */
const POPULATION_NEGATION = /\bwho\s+(?:(?:had|have|has|did|do|does|was|were)\s+)?$/i;

/** Harms a sentence may say a treatment is free of; "without ketamine-like side effects" negates the harm, not the finding. */
const HARM = /^(?:[\p{L}\p{N}-]+\s+){0,3}?(?:side[- ]effects?|adverse (?:effects?|events?|reactions?)|toxicity|abuse (?:potential|liability)|psychotomimetic (?:effects?|symptoms)|dissociative (?:effects?|side effects)|sedation|hyperlocomotion|sexual dysfunction|weight gain|respiratory depression|withdrawal symptoms)\b/iu;

/**
 * A negation whose object is a harm ("without dissociative effects", "does not cause weight
 * gain") that no condition mention names: the guidelines' "a negation about a non-entity does
 * not count". A harm that is itself a mention ("did not produce dissociative symptoms") still counts.
 */
function negatesOnlyHarm(sentence: string, c: Cue, mentions: readonly SentenceMention[]): boolean {
  const after = /^\s*(?:(?:cause|causes|caused|produce|produces|produced|induce|induces|induced|have|has|had)\s+)?(?:any\s+)?/i.exec(sentence.slice(c.end)) as RegExpExecArray;
  const from = c.end + after[0].length;
  const harm = HARM.exec(sentence.slice(from));
  if (!harm) return false;
  const to = from + harm[0].length;
  return !mentions.some((m) => m.kind === 'Condition' && m.start >= from && m.end <= to);
}

/** Negations that negate a verb, and so what the sentence's subject does. */
const PREDICATE_NEGATION = /^(did|does|do|was|were|is|are|has|have|had|could|can) ?not$|^(failed|fails|fail) to$|^(had|has|have) no$|^cannot$|n't$/i;

/**
 * The cue that says which way the effect runs: the first raising or lowering verb among the
 * mentions (or else anywhere), or, for an effect on a condition, relief words ("improved",
 * "antidepressant effects"), which lower its severity. An association, prediction or
 * requirement stated first has no direction.
 */
function directionCue(cues: readonly Cue[], mentions: readonly SentenceMention[], first: number, last: number): Cue | undefined {
  const verbs = cues.filter((c) => c.kind === 'increase' || c.kind === 'decrease');
  const verb = verbs.find((c) => c.start >= first && c.end <= last) ?? verbs[0];
  const relief = mentions.some((m) => m.kind === 'Condition') ? cues.find((c) => c.kind === 'relief') : undefined;
  const chosen = verb ?? relief;
  const undirected = cues.find((c) => c.kind === 'undirected');
  if (!chosen || (undirected && undirected.start < chosen.start)) return undefined;
  return chosen;
}

function overlaps(a: { start: number; end: number }, b: { start: number; end: number }): boolean {
  return a.start < b.end && b.start < a.end;
}

/**
 * Reads a sentence that mentions entities of two or more kinds: whether it asserts a link
 * (SUPPORTS), reports the link's absence or failure (CONTRADICTS), or only names the entities
 * in an aim, question, method or background (MENTIONS); whether it is negated or hedged; which
 * way an effect runs. The rules are NegEx/ConText's: a negation counts when its scope reaches a
 * mention or stands between two.
 */
export function readSentence(sentence: string, mentions: readonly SentenceMention[]): SentenceReading {
  const cues = findCues(sentence);
  const of = (kind: Cue['kind']) => cues.filter((c) => c.kind === kind);
  const first = Math.min(...mentions.map((m) => m.start));
  const last = Math.max(...mentions.map((m) => m.end));
  const terminations = of('termination');
  const clauseBreakBetween = (from: number, to: number) => terminations.some((t) => t.start >= from && t.end <= to) || /[;:]/.test(sentence.slice(from, to).replace(/\([^()]*\)/g, ''));
  // "Although X had failed to …, Y produced …": the main clause, not the concession (or another
  // opening subordinate clause: "Because esketamine requires no titration, …"), says what was found.
  const concession = /^\s*(although|though|while|whereas|despite|because|since|if|when|after|unless)\b[^,]*,/i.exec(sentence);
  // "X improved Y, although Z was not …": so too when the concession follows a main clause that links two kinds on its own.
  const trailing = /,\s*(?:although|though|even though|whereas|while)\b/i.exec(sentence);
  const trailingFrom = trailing && new Set(mentions.filter((m) => m.end <= trailing.index).map((m) => m.kind)).size >= 2 ? trailing.index : Infinity;
  const sameClause = (c: Cue, m: SentenceMention) => !clauseBreakBetween(Math.min(c.end, m.end), Math.max(c.start, m.start));
  const inMainClause = (c: Cue) => !(concession && c.end <= concession[0].length && mentions.some((m) => m.start >= concession[0].length)) && c.start < trailingFrom;
  const negations = of('negation').filter(
    (c) =>
      inMainClause(c) &&
      !negatesOnlyHarm(sentence, c, mentions) &&
      // "mice lacking BDNF", "receptors lacking GluA2": what the subject is, not a finding.
      !(/^lacking$/i.test(c.text) && !/\b(?:is|are|was|were)\s+$/i.test(sentence.slice(0, c.start))) &&
      // "patients who had not responded to two SSRIs": who was studied, not what was found.
      !POPULATION_NEGATION.test(sentence.slice(0, c.start)) &&
      (mentions.some((m) => c.scope !== undefined && overlaps(c.scope, m)) ||
      (mentions.some((m) => m.end <= c.start && sameClause(c, m)) && mentions.some((m) => m.start >= c.end && sameClause(c, m))) ||
      // "Ketamine did not improve ...": a negated verb negates what its subject does.
      (PREDICATE_NEGATION.test(c.text) && mentions.some((m) => m.end <= c.start && !clauseBreakBetween(m.end, c.start)))),
  );
  const hedges = of('hedge');
  const reports = of('report');
  const aims = of('aim');
  const methods = of('method');
  const findings = of('finding');
  const nullResults = of('null-result').filter(inMainClause);

  const question = /\?\s*$/.test(sentence);
  const reportAfterAim = aims.length > 0 && reports.some((r) => r.start > (aims[0] as Cue).end);
  let stance: Stance;
  let decisive: Cue[];
  if (question || (aims.length > 0 && !reportAfterAim)) {
    stance = 'MENTIONS';
    decisive = aims;
  } else if (negations.length > 0 || nullResults.length > 0) {
    stance = 'CONTRADICTS';
    decisive = [...negations, ...nullResults];
  } else if (methods.length > 0 && reports.length === 0 && findings.length === 0 && of('increase').length + of('decrease').length === 0) {
    stance = 'MENTIONS';
    decisive = methods;
  } else {
    stance = 'SUPPORTS';
    decisive = [...reports, ...findings];
  }
  const direction = stance === 'MENTIONS' ? undefined : directionCue(cues, mentions, first, last);

  const negated = negations.length > 0;
  const hedged = hedges.length > 0;
  let confidence = stance === 'MENTIONS' ? MINED_CONFIDENCE.mention : MINED_CONFIDENCE.finding;
  if (reports.length > 0 && stance !== 'MENTIONS') confidence += MINED_CONFIDENCE.reported;
  if (hedged) confidence += MINED_CONFIDENCE.hedged;
  confidence += Math.max(MINED_CONFIDENCE.maxDistancePenalty, MINED_CONFIDENCE.perWordApart * Math.max(0, wordsBetween(sentence, mentions) - 3));
  confidence = Math.round(Math.min(MINED_CONFIDENCE.max, Math.max(MINED_CONFIDENCE.min, confidence)) * 100) / 100;

  const shown = [...decisive, ...(negated && stance !== 'CONTRADICTS' ? negations : []), ...hedges, ...(direction ? [direction] : [])];
  const seen = new Set<number>();
  const cueWords = shown
    .sort((a, b) => a.start - b.start)
    .filter((c) => !seen.has(c.start) && seen.add(c.start))
    .map((c) => c.text);
  return {
    stance,
    negated,
    hedged,
    direction: direction ? (direction.kind === 'increase' ? 'INCREASES' : 'DECREASES') : null,
    cues: cueWords,
    confidence,
  };
}

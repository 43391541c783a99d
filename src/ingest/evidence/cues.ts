import { TRIGGERS, type ScopeDirection, type TriggerKind } from './triggers';

/** A trigger found in a sentence; offsets are into the sentence, end exclusive. */
export interface Cue {
  kind: TriggerKind;
  /** The words as written. */
  text: string;
  start: number;
  end: number;
  /** For negations: the stretch of the sentence the negation applies to. */
  scope?: { start: number; end: number };
}

interface Token {
  word: string;
  start: number;
  end: number;
}

const TOKEN = /[\p{L}\p{N}]+(?:['’-][\p{L}\p{N}]+)*|[;:?]/gu;

function tokenize(text: string): Token[] {
  return [...text.matchAll(TOKEN)].map((m) => ({ word: m[0].toLowerCase().replace(/’/g, "'"), start: m.index, end: m.index + m[0].length }));
}

interface CompiledTrigger {
  words: string[];
  direction?: ScopeDirection;
}

/**
 * Per first word, then per kind, the trigger phrases as word lists, longest first, so the first
 * that fits is the longest and a word starting no trigger costs one lookup.
 */
const BY_FIRST_WORD: ReadonlyMap<string, ReadonlyMap<TriggerKind, CompiledTrigger[]>> = (() => {
  const byFirst = new Map<string, Map<TriggerKind, CompiledTrigger[]>>();
  for (const t of TRIGGERS) {
    const words = tokenize(t.phrase).map((w) => w.word);
    const byKind = byFirst.get(words[0] as string) ?? new Map<TriggerKind, CompiledTrigger[]>();
    byKind.set(t.kind, [...(byKind.get(t.kind) ?? []), { words, direction: t.direction }]);
    byFirst.set(words[0] as string, byKind);
  }
  for (const byKind of byFirst.values()) for (const list of byKind.values()) list.sort((a, b) => b.words.length - a.words.length);
  return byFirst;
})();

const KINDS: readonly TriggerKind[] = [...new Set(TRIGGERS.map((t) => t.kind))];

type Match = { from: number; to: number; direction?: ScopeDirection };

/** Per kind, its triggers in the sentence from left to right, longest first where two start together, none overlapping another of its kind. */
function matchKinds(tokens: Token[]): Map<TriggerKind, Match[]> {
  const found = new Map<TriggerKind, Match[]>(KINDS.map((k) => [k, []]));
  const free = new Map<TriggerKind, number>();
  for (let i = 0; i < tokens.length; i += 1) {
    const byKind = BY_FIRST_WORD.get((tokens[i] as Token).word);
    if (!byKind) continue;
    for (const [kind, triggers] of byKind) {
      if (i < (free.get(kind) ?? 0)) continue;
      const hit = triggers.find((t) => t.words.every((w, k) => tokens[i + k]?.word === w));
      if (!hit) continue;
      (found.get(kind) as Match[]).push({ from: i, to: i + hit.words.length, direction: hit.direction });
      free.set(kind, i + hit.words.length);
    }
  }
  return found;
}

/** Negation scopes stop at a termination cue, at the sentence's end, and after this many words (NegEx used five; abstracts run longer). */
const MAX_SCOPE_WORDS = 12;

/**
 * The ConText cues of one sentence: every trigger of every kind but pseudo triggers, which
 * remove the negations and hedges they contain, and each negation's scope running forward (or
 * backward) to the nearest termination cue.
 */
/** Joined to the clause before by a comma, these words start a new clause: ", and esketamine reduced …". */
const CLAUSE_JOINERS = new Set(['and', 'or', 'so']);
/** A sentence opening with one of these puts a subordinate clause before the first comma: "Although X failed to …, Y …". */
const SUBORDINATORS = new Set(['although', 'though', 'while', 'whereas', 'because', 'since', 'if', 'when', 'after', 'despite', 'unless']);
/** After a comma, these open a non-restrictive relative clause. */
const RELATIVE_PRONOUNS = new Set(['which', 'who', 'whom', 'whose']);

/**
 * Where clauses meet by punctuation, which the trigger words cannot see: a comma before a
 * joining word, the comma that closes an opening subordinate clause or a ", which …," clause. ConText ends a scope at
 * such a break, so "No serious adverse events occurred, and esketamine reduced relapse" is not a
 * negated finding.
 */
function clauseBreaks(sentence: string, tokens: Token[]): Match[] {
  const commaBefore = (i: number) => i > 0 && sentence.slice((tokens[i - 1] as Token).end, (tokens[i] as Token).start).includes(',');
  const breaks: Match[] = [];
  for (let i = 1; i < tokens.length; i += 1) if (commaBefore(i) && CLAUSE_JOINERS.has((tokens[i] as Token).word)) breaks.push({ from: i, to: i + 1 });
  if (tokens.length > 0 && SUBORDINATORS.has((tokens[0] as Token).word)) {
    const closing = tokens.findIndex((_t, i) => commaBefore(i));
    if (closing > 0) breaks.push({ from: closing, to: closing });
  }
  // ", which … ," describes something in passing: a negation inside it stops at its closing comma.
  for (let i = 1; i < tokens.length; i += 1) {
    if (!commaBefore(i) || !RELATIVE_PRONOUNS.has((tokens[i] as Token).word)) continue;
    const closing = tokens.findIndex((_t, j) => j > i && commaBefore(j));
    if (closing > 0) breaks.push({ from: closing, to: closing });
  }
  return breaks;
}

export function findCues(sentence: string): Cue[] {
  const tokens = tokenize(sentence);
  const matches = matchKinds(tokens);
  const pseudo = matches.get('pseudo') ?? [];
  const breaks = clauseBreaks(sentence, tokens);
  matches.set('termination', [...(matches.get('termination') ?? []), ...breaks.filter((b) => b.to > b.from)].sort((a, b) => a.from - b.from));
  const terminations = [...(matches.get('termination') ?? []).map((m) => m.from), ...breaks.filter((b) => b.to === b.from).map((b) => b.from)];
  // Overlapping, not only inside: "was not unrelated" is a negation cue overlapping the double negative "not unrelated".
  // A longer trigger around the pseudo one stays: "cannot be attributed" is a negation, "cannot be" alone is not.
  const insidePseudo = (m: { from: number; to: number }) => pseudo.some((p) => m.from < p.to && p.from < m.to && !(m.from <= p.from && p.to < m.to));
  const cues: Cue[] = [];
  const span = (from: number, to: number) => ({ start: (tokens[from] as Token).start, end: (tokens[to - 1] as Token).end });
  for (const [kind, found] of matches) {
    if (kind === 'pseudo') continue;
    for (const m of found) {
      if ((kind === 'negation' || kind === 'hedge' || kind === 'null-result') && insidePseudo(m)) continue;
      const { start, end } = span(m.from, m.to);
      const cue: Cue = { kind, text: sentence.slice(start, end), start, end };
      if (kind === 'negation') cue.scope = negationScope(tokens, terminations, m);
      cues.push(cue);
    }
  }
  return cues.sort((a, b) => a.start - b.start || a.end - b.end);
}

function negationScope(tokens: Token[], terminations: number[], m: { from: number; to: number; direction?: ScopeDirection }): { start: number; end: number } {
  if (m.direction === 'backward') {
    const stop = Math.max(-1, ...terminations.filter((t) => t < m.from));
    const from = Math.max(stop + 1, m.from - MAX_SCOPE_WORDS);
    return { start: (tokens[from] as Token).start, end: (tokens[m.to - 1] as Token).end };
  }
  const stop = Math.min(tokens.length, ...terminations.filter((t) => t >= m.to));
  const to = Math.min(stop, m.to + MAX_SCOPE_WORDS);
  return { start: (tokens[m.from] as Token).start, end: (tokens[Math.max(to, m.to) - 1] as Token).end };
}

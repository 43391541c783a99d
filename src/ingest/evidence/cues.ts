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
 * Per kind, then per first word, the trigger phrases as word lists, longest first, so the first
 * that fits is the longest and a word starting no trigger costs one lookup.
 */
const BY_KIND: ReadonlyMap<TriggerKind, ReadonlyMap<string, CompiledTrigger[]>> = (() => {
  const byKind = new Map<TriggerKind, Map<string, CompiledTrigger[]>>();
  for (const t of TRIGGERS) {
    const words = tokenize(t.phrase).map((w) => w.word);
    const byFirst = byKind.get(t.kind) ?? new Map<string, CompiledTrigger[]>();
    byFirst.set(words[0] as string, [...(byFirst.get(words[0] as string) ?? []), { words, direction: t.direction }]);
    byKind.set(t.kind, byFirst);
  }
  for (const byFirst of byKind.values()) for (const list of byFirst.values()) list.sort((a, b) => b.words.length - a.words.length);
  return byKind;
})();

function matchKind(tokens: Token[], kind: TriggerKind): Array<{ from: number; to: number; direction?: ScopeDirection }> {
  const byFirst = BY_KIND.get(kind);
  const found: Array<{ from: number; to: number; direction?: ScopeDirection }> = [];
  for (let i = 0; i < tokens.length; ) {
    const hit = byFirst?.get((tokens[i] as Token).word)?.find((t) => t.words.every((w, k) => tokens[i + k]?.word === w));
    if (hit) {
      found.push({ from: i, to: i + hit.words.length, direction: hit.direction });
      i += hit.words.length;
    } else i += 1;
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
export function findCues(sentence: string): Cue[] {
  const tokens = tokenize(sentence);
  const pseudo = matchKind(tokens, 'pseudo');
  const terminations = matchKind(tokens, 'termination').map((m) => m.from);
  const insidePseudo = (m: { from: number; to: number }) => pseudo.some((p) => m.from >= p.from && m.to <= p.to);
  const cues: Cue[] = [];
  const span = (from: number, to: number) => ({ start: (tokens[from] as Token).start, end: (tokens[to - 1] as Token).end });
  for (const kind of BY_KIND.keys()) {
    if (kind === 'pseudo') continue;
    for (const m of matchKind(tokens, kind)) {
      if ((kind === 'negation' || kind === 'hedge') && insidePseudo(m)) continue;
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

import AhoCorasick from 'modern-ahocorasick';
import { foldChar } from '../graph/keys';
import type { EntityLabel } from '../graph/model';
import { findAbbreviations } from './abbreviations';
import { HOMONYM_PHRASES } from './homonyms';

/** An entity the tagger looks for: its id, its label and every name it goes by. */
export interface TaggableEntity {
  id: string;
  label: EntityLabel;
  names: string[];
}

export type TextField = 'title' | 'abstract';

/** One place an entity is mentioned; offsets into the field's original text, `end` exclusive. */
export interface MentionSpan {
  entityId: string;
  label: EntityLabel;
  field: TextField;
  start: number;
  end: number;
  /** The text as written in the paper at those offsets. */
  text: string;
}

/** Where an entity is first mentioned in a field, and how often. */
export interface Mention extends MentionSpan {
  occurrences: number;
}

interface Folded {
  text: string;
  /** For each folded character, its index in the original text. */
  origin: number[];
}

const WORD_CHAR = /[\p{L}\p{N}]/u;
/** Characters a name may be written with or without: "GSK-3" / "GSK3" / "GSK 3", "N-methyl-D-aspartate (NMDA)". */
const SKIPPABLE = /[\s\-‐‑‒–—/()'’]/u;
const INNER = /[.,]/;

/**
 * Folds text for matching by the lookup rule (foldKey), keeping for every folded character its
 * index in the original text, so a match maps back to exact offsets.
 */
function fold(text: string): Folded {
  const out: string[] = [];
  const origin: number[] = [];
  for (let i = 0; i < text.length; i += 1) {
    const code = text.charCodeAt(i);
    // ASCII is nearly all of an abstract: letters and digits fold to themselves in lowercase, the rest to nothing.
    if (code < 128) {
      if ((code >= 97 && code <= 122) || (code >= 48 && code <= 57)) out.push(text[i] as string);
      else if (code >= 65 && code <= 90) out.push(String.fromCharCode(code + 32));
      else continue;
      origin.push(i);
      continue;
    }
    const chars = foldChar(text[i] as string);
    for (let k = 0; k < chars.length; k += 1) origin.push(i);
    out.push(chars);
  }
  return { text: out.join(''), origin };
}

function isWordChar(ch: string | undefined): boolean {
  return ch !== undefined && WORD_CHAR.test(ch);
}

/**
 * A match counts only on word boundaries, with balanced parentheses, and when what folding
 * dropped inside it was spacing, hyphens or a point or comma between two characters ("Kir4.1",
 * "CP-101,606", "(2R,6R)-HNK"), not a sentence break or a list.
 */
function acceptable(original: string, start: number, end: number): boolean {
  if (isWordChar(original[start - 1]) || isWordChar(original[end])) return false;
  let depth = 0;
  for (let i = start; i < end; i += 1) {
    const ch = original[i] as string;
    if (ch === '(') depth += 1;
    if (ch === ')' && (depth -= 1) < 0) return false;
    if (WORD_CHAR.test(ch) || SKIPPABLE.test(ch)) continue;
    if (!(INNER.test(ch) && isWordChar(original[i - 1]) && isWordChar(original[i + 1]))) return false;
  }
  return depth === 0;
}

/** "MDD", "TRD", "NMDAR": capitals (and digits) only. Such a name may mean something else in another field. */
function isAcronym(name: string): boolean {
  return /^[A-Z]{2,6}$/.test(name);
}

/** A gene or protein symbol such as "GSK-3", "mTOR" or "eEF2": short, with a digit or an inner capital. */
function isSymbol(name: string): boolean {
  return name.length <= 8 && !/\s/.test(name) && (/\d/.test(name) || /.[A-Z]/.test(name));
}

/** Isoforms and complexes written after a symbol: GSK-3β / GSK3B, mTORC1, AMPA-R subunits are separate entities when named. */
const ISOFORM_SUFFIXES = ['alpha', 'beta', 'gamma', 'delta', 'a', 'b', 'c1', 'c2'];

/**
 * Words after a receptor's ligand name that stand for the receptor: "NMDA antagonists" are NMDA
 * receptor antagonists. The mention is the ligand name alone.
 */
const RECEPTOR_LIGAND_SUFFIXES = ['antagonist', 'antagonists', 'antagonism', 'agonist', 'agonists', 'blocker', 'blockers', 'blockade', 'modulator', 'modulators', 'channel blocker', 'channel blockers'];

type Pattern = {
  entityId: string;
  label: EntityLabel;
  acronym: boolean;
  /** The name opens with "(" ("(R)-ketamine"), which folding drops; the mention then starts at it. */
  opensParen?: boolean;
  /** When set, the mention is only this many folded characters of the match ("NMDA" of "NMDA antagonists"). */
  keep?: number;
};

/**
 * Finds entities' names and aliases in titles and abstracts with one Aho–Corasick automaton
 * (modern-ahocorasick): case-insensitive and tolerant of hyphen, spacing and Greek-letter
 * variants; plurals of mechanism, condition and biomarker names and of acronyms; isoforms and
 * complexes of gene symbols (unless the vocabulary names them itself). Overlapping matches
 * keep the leftmost longest ("bipolar depression", not "depression"). A name inside a homonym
 * phrase ("respiratory depression") is no mention. Acronyms need the text's consent: an acronym
 * the abstract defines as something else is not the entity, one it defines for an entity's long
 * form ("ketamine (KET)") is that entity, and a bare acronym counts only beside another mention.
 */
export class MentionTagger {
  private readonly matcher: AhoCorasick<Pattern> | undefined;
  private readonly homonyms: AhoCorasick<true> | undefined;
  private readonly byId = new Map<string, TaggableEntity>();

  constructor(entities: readonly TaggableEntity[]) {
    const patterns = new Map<string, Pattern>();
    const add = (folded: string, pattern: Pattern) => {
      // One- and two-letter folds ("5-HT" is fine, "a" is not) would match all over ordinary prose.
      if (folded.length >= 3 && !patterns.has(folded)) patterns.set(folded, pattern);
    };
    for (const e of entities) {
      this.byId.set(e.id, e);
      for (const name of e.names) add(fold(name).text, { entityId: e.id, label: e.label, acronym: isAcronym(name), opensParen: name.startsWith('(') });
    }
    // Variants only after every given name, so a name the vocabulary gives wins over a derived one.
    for (const e of entities) {
      for (const name of e.names) {
        const folded = fold(name).text;
        const acronym = isAcronym(name);
        const pluralises = acronym || (e.label !== 'Compound' && /[a-z]{3}$/.test(name) && !/s$/.test(name));
        if (pluralises) add(`${folded}s`, { entityId: e.id, label: e.label, acronym });
        if (isSymbol(name)) for (const suffix of ISOFORM_SUFFIXES) add(folded + suffix, { entityId: e.id, label: e.label, acronym: false });
        const ligand = / receptors?$/i.exec(name) ? fold(name.replace(/ receptors?$/i, '')).text : undefined;
        if (ligand && ligand.length >= 4) {
          for (const suffix of RECEPTOR_LIGAND_SUFFIXES) add(ligand + fold(suffix).text, { entityId: e.id, label: e.label, acronym: false, keep: ligand.length });
        }
      }
    }
    this.matcher = patterns.size === 0 ? undefined : new AhoCorasick([...patterns].map(([pattern, data]) => ({ pattern, data })));
    this.homonyms = new AhoCorasick(HOMONYM_PHRASES.map((p) => ({ pattern: fold(p).text, data: true as const })));
  }

  /** Every mention in each field, in text order, overlapping matches resolved to the leftmost longest. */
  tagAll(fields: Partial<Record<TextField, string | undefined>>): MentionSpan[] {
    const found: Array<MentionSpan & { acronym: boolean }> = [];
    for (const field of ['title', 'abstract'] as const) {
      const original = fields[field];
      if (original) found.push(...this.spans(field, original));
    }
    const defined = [fields.title, fields.abstract].filter((t): t is string => Boolean(t)).flatMap((t) => findAbbreviations(t));
    const longForms = found.filter((m) => !m.acronym);
    const result: MentionSpan[] = [];
    for (const m of found) {
      if (m.acronym) {
        const definition = defined.find((d) => d.short.toLowerCase() === m.text.replace(/s$/, '').toLowerCase());
        const definesThisEntity = definition && longForms.some((l) => l.entityId === m.entityId && l.text.length > m.text.length && sameWords(l.text, definition.long));
        if (definition && !definesThisEntity) continue;
        if (!definition && !longForms.some((l) => l.entityId !== m.entityId || l.text.length > m.text.length)) continue;
      }
      result.push({ entityId: m.entityId, label: m.label, field: m.field, start: m.start, end: m.end, text: m.text });
    }
    result.push(...this.definedAcronyms(fields, defined, result));
    return result.sort((a, b) => (a.field === b.field ? a.start - b.start : a.field === 'title' ? -1 : 1));
  }

  /** The first mention of each entity per field, with its count of non-overlapping occurrences. */
  tag(fields: Partial<Record<TextField, string | undefined>>): Mention[] {
    return MentionTagger.firstPerField(this.tagAll(fields));
  }

  /** Folds mention spans into the first mention of each entity per field, counting its occurrences. */
  static firstPerField(spans: readonly MentionSpan[]): Mention[] {
    const mentions: Mention[] = [];
    const byKey = new Map<string, Mention>();
    for (const span of spans) {
      const key = `${span.field}\u0000${span.entityId}`;
      const seen = byKey.get(key);
      if (seen) seen.occurrences += 1;
      else {
        const mention = { ...span, occurrences: 1 };
        byKey.set(key, mention);
        mentions.push(mention);
      }
    }
    return mentions;
  }

  private spans(field: TextField, original: string): Array<MentionSpan & { acronym: boolean }> {
    if (!this.matcher) return [];
    const folded = fold(original);
    const toOriginal = (m: { start: number; end: number }) => ({ start: folded.origin[m.start] as number, end: (folded.origin[m.end - 1] as number) + 1 });
    const toMention = (m: { start: number; end: number; data: Pattern }) => {
      const span = toOriginal({ start: m.start, end: m.data.keep === undefined ? m.end : m.start + m.data.keep });
      if (m.data.opensParen && original[span.start - 1] === '(') span.start -= 1;
      return span;
    };
    const masked = this.homonyms ? this.homonyms.search(folded.text, { strategy: 'all' }).map(toOriginal) : [];
    const candidates = this.matcher
      .search(folded.text, { strategy: 'all' })
      .filter((m): m is typeof m & { data: Pattern } => m.data !== undefined)
      // A match must cover whole characters: "gsk3b" inside "gsk3beta" (from "GSK-3β") is not GSK-3 B.
      .filter((m) => folded.origin[m.start - 1] !== folded.origin[m.start] && folded.origin[m.end] !== folded.origin[m.end - 1])
      .map((m) => ({ ...m.data, ...toMention(m), matchEnd: toOriginal(m).end }))
      .filter((m) => acceptable(original, m.start, m.matchEnd))
      .filter((m) => !masked.some((h) => h.start <= m.start && m.end <= h.end))
      // Acronyms are written in capitals; "Mdd" or "ocd" in running text is not the acronym.
      .filter((m) => !m.acronym || /[A-Z]/.test(original.slice(m.start, m.end)))
      .sort((a, b) => a.start - b.start || b.end - a.end);
    const kept: Array<MentionSpan & { acronym: boolean }> = [];
    let lastEnd = -1;
    for (const c of candidates) {
      if (c.start < lastEnd) continue;
      kept.push({ entityId: c.entityId, label: c.label, field, start: c.start, end: c.end, text: original.slice(c.start, c.end), acronym: c.acronym });
      lastEnd = c.end;
    }
    return kept;
  }

  /** Mentions of an acronym the text itself defines for a tagged long form ("ketamine (KET) ... KET"), where the vocabulary lacks it. */
  private definedAcronyms(fields: Partial<Record<TextField, string | undefined>>, defined: ReturnType<typeof findAbbreviations>, tagged: readonly MentionSpan[]): MentionSpan[] {
    const added: MentionSpan[] = [];
    for (const d of defined) {
      const long = tagged.find((m) => sameWords(m.text, d.long));
      if (!long || tagged.some((m) => m.text === d.short)) continue;
      const entity = this.byId.get(long.entityId);
      if (!entity) continue;
      for (const field of ['title', 'abstract'] as const) {
        const text = fields[field];
        if (!text) continue;
        for (const match of text.matchAll(new RegExp(`(?<![\\p{L}\\p{N}])${escapeRegExp(d.short)}s?(?![\\p{L}\\p{N}])`, 'gu'))) {
          const start = match.index;
          const end = start + match[0].length;
          if (tagged.some((m) => m.field === field && m.start < end && start < m.end)) continue;
          added.push({ entityId: entity.id, label: entity.label, field, start, end, text: match[0] });
        }
      }
    }
    return added;
  }
}

/** A tagged long form and a definition's long form name the same thing when one ends with the other ("prefrontal global brain connectivity (GBC)"). */
function sameWords(a: string, b: string): boolean {
  const [x, y] = [fold(a).text, fold(b).text];
  return x.endsWith(y) || y.endsWith(x);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

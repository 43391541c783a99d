/**
 * Every rule that turns a name or reference into a key, in one place, so the importers, the
 * curation API and the lookups agree: lookup folding, slugs (entity ids, author keys), public
 * node ids, PubMed ids and edge ids.
 */
import { ErrorCode, EvmapError, quoteInput } from '../errors';
import { ENTITY_LABELS, NODE_KEYS, type EntityLabel, type NodeLabel } from './model';

/** Greek letters as names spell them, so "GSK-3β" and "GSK3beta" are one. */
const GREEK: Readonly<Record<string, string>> = {
  α: 'alpha', β: 'beta', γ: 'gamma', δ: 'delta', ε: 'epsilon', ζ: 'zeta', η: 'eta', θ: 'theta', ι: 'iota', κ: 'kappa',
  λ: 'lambda', μ: 'mu', ν: 'nu', ξ: 'xi', ο: 'omicron', π: 'pi', ρ: 'rho', σ: 'sigma', τ: 'tau', υ: 'upsilon', φ: 'phi',
  χ: 'chi', ψ: 'psi', ω: 'omega', ϐ: 'beta', µ: 'mu',
};

const WORD_CHAR = /[\p{L}\p{N}]/u;

/** One character as folding writes it: lowercase, a Greek letter spelled out, nothing for spacing and punctuation. */
export function foldChar(ch: string): string {
  if (!WORD_CHAR.test(ch)) return '';
  const lower = ch.toLowerCase();
  return GREEK[lower] ?? lower;
}

/**
 * Folds a name for lookup: lowercase letters and digits only, Greek letters spelled out, so
 * "GSK3", "gsk-3" and "GSK 3" find the same entity, and "GSK-3β" and "GSK3beta" another.
 * Entities store the folds of their id, name and aliases as `matchKeys`; the mention tagger
 * folds text with the same characters.
 */
export function foldKey(name: string): string {
  let folded = '';
  for (const ch of name) folded += foldChar(ch);
  return folded;
}

/** Everything an entity may be looked up by, folded; two entities sharing one of these would make a lookup ambiguous. */
export function matchKeys(entity: { id: string; name: string; aliases: readonly string[] }): string[] {
  return [...new Set([entity.id, entity.name, ...entity.aliases].map(foldKey).filter((k) => k.length > 0))];
}

/** A slug: lowercase ASCII letters and digits joined by single hyphens, accents dropped ("Glutamate (NMDA)" → "glutamate-nmda"). */
export function slugify(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/** An author's key: the slug of the display name, e.g. "Abdallah CG" → "abdallah-cg". */
export const authorKey = slugify;

const ORCID = /(\d{4}-\d{4}-\d{4}-\d{3}[\dX])$/i;

/** The bare form of an ORCID ("https://orcid.org/0000-0002-1825-009x" → "0000-0002-1825-009X"), or undefined when `value` holds none. */
export function normalizeOrcid(value: string): string | undefined {
  return ORCID.exec(value.trim())?.[1]?.toUpperCase();
}

/** The key of one byline's author: the ORCID when the record gives one, so namesakes stay apart; else `authorKey` of the name. */
export function authorKeyOf(author: { name: string; identifier?: string }): string {
  return (author.identifier !== undefined ? normalizeOrcid(author.identifier) : undefined) ?? authorKey(author.name);
}

/** Builds the public id of a node, e.g. `Paper:24392693` or `Mechanism:mtor`. */
export function nodeId(label: NodeLabel, key: string): string {
  return `${label}:${key}`;
}

/** The key of a reference that may be a bare key ("24392693") or a public id of `label` ("Paper:24392693"). */
export function keyOf(label: NodeLabel, ref: string): string {
  return ref.startsWith(`${label}:`) ? ref.slice(label.length + 1) : ref;
}

/**
 * The stable id of an edge: type plus the public ids of its endpoints in stored direction,
 * e.g. "CITES:Paper:27723376->Paper:24392693". The model MERGEs every relationship, so there is
 * at most one of a type between two nodes and the id is unique.
 */
export function edgeId(type: string, source: string, target: string): string {
  return `${type}:${source}->${target}`;
}

/** What a PubMed id is, for messages: PubMed numbers articles from 1 up, today with at most 8 digits. */
export const PMID_RULE = 'a PubMed id is a whole number from 1 to 999999999';

// Leading zeros are dropped rather than refused, so "024392693" names paper 24392693 instead of a second paper.
const PMID = /^0*([1-9]\d{0,8})$/;

/** The canonical form of a PubMed id ("024392693" → "24392693"), or undefined when `value` is not one. */
export function canonicalPmid(value: string): string | undefined {
  return PMID.exec(value.trim())?.[1];
}

/** Keys of papers known without a PMID, as `syntheticPaperKey` in the seed-page importer makes them. */
const SYNTHETIC_PAPER_KEY = /^(?:doi:\S+|ref:[0-9a-f]{16})$/;

/** The key of the paper a reference names (a PMID, "Paper:<pmid>" or a synthetic key), or undefined when it names none. */
export function paperKeyOf(ref: string): string | undefined {
  const key = keyOf('Paper', ref.trim());
  return canonicalPmid(key) ?? (SYNTHETIC_PAPER_KEY.test(key) ? key : undefined);
}

/** `paperKeyOf` for a client's argument: BAD_USER_INPUT when it names no paper key. */
export function requirePaperKey(ref: string, argumentName: string): string {
  const key = paperKeyOf(ref);
  if (key === undefined) {
    throw new EvmapError(ErrorCode.BadUserInput, `${argumentName}: ${quoteInput(ref)} is not a paper key; ${PMID_RULE}, optionally as "Paper:<pmid>"`, { argumentName });
  }
  return key;
}

/** Splits a public id into label and key, or returns undefined when the label is unknown. */
export function parseNodeId(id: string): { label: NodeLabel; key: string } | undefined {
  const colon = id.indexOf(':');
  if (colon <= 0) return undefined;
  const label = id.slice(0, colon);
  const key = id.slice(colon + 1);
  if (!Object.hasOwn(NODE_KEYS, label) || key.length === 0) return undefined;
  if (label !== 'Paper') return { label: label as NodeLabel, key };
  // "Paper:024392693" must reach paper 24392693 from every lookup by global id, not just some.
  const paperKey = paperKeyOf(key);
  return paperKey === undefined ? undefined : { label: 'Paper', key: paperKey };
}

/** An entity reference split for lookup: "Mechanism:mtor" is scoped to Mechanism, anything else to every entity label. */
export interface EntityRef {
  ref: string;
  key: string;
  folded: string;
  labels: EntityLabel[];
}

export function entityRef(ref: string): EntityRef {
  const colon = ref.indexOf(':');
  const scoped = ENTITY_LABELS.find((l) => l === ref.slice(0, Math.max(colon, 0)));
  const key = scoped ? ref.slice(colon + 1) : ref;
  return { ref, key, folded: foldKey(key), labels: scoped ? [scoped] : [...ENTITY_LABELS] };
}
